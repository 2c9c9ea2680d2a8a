// Checks a Paid webhook's `paid-signature` header (`t=<unix seconds>,v1=<hex>`): an HMAC-SHA256 of
// "<t>.<raw body>" with the account's signing secret, compared in constant time, and not too old.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_AGE_SECONDS = 300;

export function isSignedByPaid(rawBody: Buffer, header: string | undefined, secret: string, now = new Date()): boolean {
  const fields = (header ?? '').split(',').map((field) => field.trim().split('='));
  const timestamp = fields.find(([key]) => key === 't')?.[1] ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  // An old delivery replayed by someone who captured it is refused.
  if (Number(timestamp) < now.getTime() / 1000 - MAX_AGE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  // While a secret is rotated a header can carry several v1 values: any one may match.
  return fields
    .filter(([key]) => key === 'v1')
    .map(([, value]) => Buffer.from(value ?? '', 'hex'))
    .some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
}
