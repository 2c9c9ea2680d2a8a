// What `updateWebhook` may send (`{ enabled?, url? }`, nothing else) and where a webhook may point.
import * as z from 'zod';
import { isSecureOrLocalUrl, isWrittenHttpUrl, MAX_URL_LENGTH } from '../../src/url.ts';
import { parseWith, type Parsed } from '../request-schemas.ts';

/**
 * The element's rule for a URL that may be read on its way (https, or http on the machine itself:
 * localhost, 127.0.0.0/8, ::1), and no credentials: every delivery would carry them.
 */
function isDeliverableUrl(value: string): boolean {
  if (!isWrittenHttpUrl(value) || !isSecureOrLocalUrl(value)) return false;
  const { username, password } = new URL(value);
  return username === '' && password === '';
}

const webhookUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .refine(isDeliverableUrl, { message: 'must be an https URL, or http on a loopback host (localhost, 127.0.0.0/8, [::1])' });

const updateWebhookBody = z.strictObject({
  enabled: z.boolean().optional(),
  url: webhookUrl.nullable().optional(),
});

export type UpdateWebhookBody = z.output<typeof updateWebhookBody>;

export function parseUpdateWebhookBody(input: unknown): Parsed<UpdateWebhookBody> {
  return parseWith(updateWebhookBody, input);
}
