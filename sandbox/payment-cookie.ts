// The browser's payment cookie [ext]: which payments waiting for 3-D Secure this browser started on
// a checkout (newest first), so that Paid's own client, which finalizes with `{}` and sends cookies,
// is answered its own payment on a reusable link where several buyers may be paying, and in the tab
// whose bank approved it when one browser pays in two tabs.
import type { IncomingMessage } from 'node:http';

const COOKIE_NAME = 'paid_checkout_payment';
/** As long as a checkout lives by default; a payment's challenge is answered well within it. */
const MAX_AGE_SECONDS = 24 * 60 * 60;
/** A payment id as the sandbox makes them; anything else in the cookie names nothing. */
const PAYMENT_ID = /^pi_[A-Za-z0-9_]{1,120}$/;
/** How many of a browser's payments of one checkout the cookie names (its tabs); older ones drop off. */
const MAX_PAYMENTS = 5;

/** The only path the cookie is sent to: this checkout's public routes, never another checkout's. */
function pathOf(checkoutId: string): string {
  return `/api/public/checkout/${encodeURIComponent(checkoutId)}`;
}

/**
 * The `Set-Cookie` naming `paymentIntentIds` (newest first, `.` between them) for this checkout.
 * HttpOnly (no script reads it); `SameSite=Lax`, so a page of the same site (any port of the
 * sandbox's host, as in the tests and on a developer's machine) sends it with a credentialed fetch;
 * a page of another site does not, and its `{}` finalize keeps the refusal. Not `Secure`: the
 * sandbox serves plain http.
 */
export function paymentCookieFor(checkoutId: string, paymentIntentIds: readonly string[]): string {
  return `${COOKIE_NAME}=${paymentIntentIds.join('.')}; Path=${pathOf(checkoutId)}; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax`;
}

/**
 * The payments the request's cookie names, newest first; none without a cookie, or for a value
 * that is not payment ids. Whose payments they are, is the caller's to check. Of several cookies of
 * the name (a browser may keep one per path), the first, which the browser sends for the longest path.
 */
export function paymentsNamedByCookie(request: IncomingMessage): string[] {
  for (const pair of String(request.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== COOKIE_NAME) continue;
    const ids = pair.slice(at + 1).trim().split('.');
    return ids.length <= MAX_PAYMENTS && ids.every((id) => PAYMENT_ID.test(id)) ? [...new Set(ids)] : [];
  }
  return [];
}

/**
 * The cookie to set with an answer of complete (its JSON text, fresh or replayed): the payment's,
 * when it waits for 3-D Secure, before the others `earlier` (the request's cookie: the browser's
 * other tabs); none otherwise.
 */
export function paymentCookieOfAnswer(checkoutId: string, answer: { status: number; body: string }, earlier: readonly string[] = []): Record<string, string> {
  if (answer.status !== 200) return {};
  const payment = (JSON.parse(answer.body) as { data?: { status?: string; payment_intent?: { id?: unknown } } }).data;
  const id = payment?.payment_intent?.id;
  if (payment?.status !== 'requires_action' || typeof id !== 'string' || !PAYMENT_ID.test(id)) return {};
  return { 'set-cookie': paymentCookieFor(checkoutId, [id, ...earlier.filter((other) => other !== id)].slice(0, MAX_PAYMENTS)) };
}
