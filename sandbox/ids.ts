// Opaque, unguessable ids with a type prefix, from the system's cryptographic source.
import { randomBytes } from 'node:crypto';

const base62Alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base62 characters; 24 of them carry about 142 bits. Rejection sampling keeps them uniform. */
function base62(length: number): string {
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && text.length < length) text += base62Alphabet[byte % 62];
    }
  }
  return text;
}

export type IdPrefix = 'chk' | 'cus' | 'ord' | 'prod' | 'plan' | 'inv' | 'invl' | 'line' | 'seat' | 'cu' | 'evt' | 'rcpt';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${base62(24)}`;
}

/** Lowercase hex from `bytes` random bytes (payment intent ids and client secrets). */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
