// Webhook signing (an extension of ours, Stripe's scheme): the per-account secret, the
// `paid-signature` header, and its verification for the demo and merchants' tests.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'paid-signature';

/** The default window in which a signed timestamp is accepted, as Stripe's libraries use. */
const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * An account's signing secret, derived from its API key so a merchant can compute it too:
 * `whsec_` + base64url(HMAC-SHA256(key = API key, message = "paid-sandbox-webhooks")).
 */
export function signingSecretFor(apiKey: string): string {
  return `whsec_${createHmac('sha256', apiKey).update('paid-sandbox-webhooks', 'utf8').digest('base64url')}`;
}

function hmacHex(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8');
  return hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody).digest('hex');
}

/** The `paid-signature` value for `rawBody` sent at `timestamp` (unix seconds). */
export function signatureHeaderFor(rawBody: string | Uint8Array, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'too_old'; message: string };

export interface VerifyOptions {
  /** How old a signed timestamp may be; default 300 s. */
  toleranceSeconds?: number;
  /** The receiver's clock; default the system clock. */
  now?: () => Date;
}

interface ParsedHeader {
  timestamp: number;
  signatures: string[];
}

function parseHeader(header: string): ParsedHeader | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (rest.length > 0 || value === undefined) return null;
    if (key === 't') {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      signatures.push(value);
    }
    // Other schemes (a future v2) are skipped, as Stripe's verifiers do.
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks a delivery: `rawBody` exactly as received (before any JSON parsing), the
 * `paid-signature` header, and the account's signing secret. Any `v1` that matches is enough
 * (several appear while a secret is being rotated).
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  header: string | readonly string[] | null | undefined,
  secret: string,
  options: VerifyOptions = {},
): SignatureCheck {
  const parsed = typeof header === 'string' ? parseHeader(header) : null;
  if (!parsed) {
    return { ok: false, reason: 'malformed', message: `The ${SIGNATURE_HEADER} header is missing or not "t=<seconds>,v1=<hex>".` };
  }
  const expected = Buffer.from(hmacHex(secret, parsed.timestamp, rawBody), 'hex');
  const matches = parsed.signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
  if (!matches) return { ok: false, reason: 'bad_signature', message: 'No v1 signature matches this body and secret.' };
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  if (parsed.timestamp < nowSeconds - tolerance) {
    return { ok: false, reason: 'too_old', message: `The signed timestamp is more than ${tolerance} s old.` };
  }
  return { ok: true, timestamp: parsed.timestamp };
}
