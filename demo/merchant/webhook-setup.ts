// Configures the account's `billing-checkout-completed` webhook with Paid's SDK, and reads the
// signing secret the sandbox lists beside the webhooks (an extension: where Paid shows yours is not public).
import type { Paid, PaidClient } from '@paid-ai/paid-node';

export class WebhookSetupError extends Error {
  readonly code = 'signing_secret_missing';
}

/** Points the webhook at `url` (https, or http on 127.0.0.1 for local development) and answers its signing secret. */
export async function configureWebhooks(paid: PaidClient, url: string): Promise<string> {
  // The secret first: no delivery may arrive before the receiver can check it.
  const list: Paid.WebhookListResponse & { signingSecret?: unknown } = await paid.webhooks.listWebhooks();
  if (typeof list.signingSecret !== 'string') {
    throw new WebhookSetupError('listWebhooks() answered no signingSecret: is this the paid-checkout sandbox?');
  }
  await paid.webhooks.updateWebhook({ webhookName: 'billing-checkout-completed', url, enabled: true });
  return list.signingSecret;
}
