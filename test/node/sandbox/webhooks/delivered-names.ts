// The seven webhook events the sandbox delivers (of the nine Paid's SDK names), written out here
// rather than read from sandbox/webhooks/names.ts, so that a test listing them cannot agree with
// the sandbox by construction.
import type { FiredWebhookName } from '../../../../sandbox/webhooks/names.ts';

export const DELIVERED_WEBHOOK_NAMES = [
  'billing-checkout-created',
  'billing-checkout-completed',
  'billing-checkout-expired',
  'billing-payment-succeeded',
  'billing-payment-failed',
  'billing-invoice-created',
  'billing-invoice-paid',
] as const satisfies readonly FiredWebhookName[];
