// What `updateWebhook` may send (`{ enabled?, url? }`, nothing else) and where a webhook may point.
import * as z from 'zod';
import { isWrittenHttpUrl } from '../../src/url.ts';
import { parseWith, type Parsed } from '../request-schemas.ts';

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** https anywhere, or http on a loopback host (local development); never credentials in the URL. */
function isDeliverableUrl(value: string): boolean {
  if (!isWrittenHttpUrl(value)) return false;
  const url = new URL(value);
  if (url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
}

const webhookUrl = z
  .string()
  .max(2048)
  .refine(isDeliverableUrl, { message: 'must be an https URL, or http on a loopback host (127.0.0.1, ::1, localhost)' });

const updateWebhookBody = z.strictObject({
  enabled: z.boolean().optional(),
  url: webhookUrl.nullable().optional(),
});

export type UpdateWebhookBody = z.output<typeof updateWebhookBody>;

export function parseUpdateWebhookBody(input: unknown): Parsed<UpdateWebhookBody> {
  return parseWith(updateWebhookBody, input);
}
