// The nine webhook names of Paid's SDK (`Webhook.Name`), their descriptions, and which the sandbox fires.

/** Every name `updateWebhook` accepts, in the SDK's order. */
export const webhookNames = [
  'billing-invoice-created',
  'billing-invoice-paid',
  'billing-checkout-created',
  'billing-checkout-completed',
  'billing-checkout-expired',
  'billing-payment-succeeded',
  'billing-payment-failed',
  'billing-credits-depleted',
  'billing-overage-incurred',
] as const;

export type WebhookName = (typeof webhookNames)[number];

/** The names the sandbox emits; the other two can be configured but never fire here. */
export type FiredWebhookName = Exclude<WebhookName, 'billing-credits-depleted' | 'billing-overage-incurred'>;

const neverFired = ' The sandbox never sends it: it has no credits or usage billing.';

export const webhookDescriptions: Readonly<Record<WebhookName, string>> = {
  'billing-invoice-created': 'An invoice was created (a checkout was completed).',
  'billing-invoice-paid': 'An invoice was paid in full.',
  'billing-checkout-created': 'A checkout session was created.',
  'billing-checkout-completed': 'A checkout was paid and completed: fulfil the order from this event.',
  'billing-checkout-expired': 'A checkout reached its expiresAt without being completed.',
  'billing-payment-succeeded': 'A payment for a checkout succeeded.',
  'billing-payment-failed': 'A payment attempt for a checkout was declined or failed.',
  'billing-credits-depleted': `A customer ran out of credits.${neverFired}`,
  'billing-overage-incurred': `A customer used more than their plan includes.${neverFired}`,
};

export function isWebhookName(value: string): value is WebhookName {
  return (webhookNames as readonly string[]).includes(value);
}
