// The webhooks module's surface: the hub the routes and services call, and the verifier the demo uses.
export { createWebhookHub } from './hub.ts';
export type { DeliveryReport, EmitInput, Webhook, WebhookHub, WebhookHubOptions, WebhookList, WebhookTestResponse } from './hub.ts';
export { webhookNames, type FiredWebhookName, type WebhookName } from './names.ts';
export { DEFAULT_RETRY_DELAYS_MS, type Timers } from './delivery.ts';
export type { WebhookSender } from './post.ts';
export { SIGNATURE_HEADER, signatureHeaderFor, signingSecretFor, verifyWebhookSignature, type SignatureCheck, type VerifyOptions } from './signature.ts';
