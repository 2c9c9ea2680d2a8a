// The test bank a redirect-based payment method leaves the page for (the stand-in's redirect test
// card): a page with Approve and Fail, and where its answer sends the customer back, as Stripe
// does: `return_url` with `payment_intent`, `payment_intent_client_secret` and `redirect_status`.
import { isWrittenHttpUrl } from '../src/url.ts';
import { escapeHtml, htmlDocument } from './html.ts';

export interface BankVisit {
  paymentIntentId: string;
  clientSecret: string;
  returnUrl: string;
}

/** The visit a bank page's address (or its form) names, or null when it does not hold together. */
export function bankVisitOf(params: URLSearchParams): BankVisit | null {
  const paymentIntentId = params.get('payment_intent') ?? '';
  const clientSecret = params.get('client_secret') ?? '';
  const returnUrl = params.get('return_url') ?? '';
  if (!/^pi_[A-Za-z0-9]{1,100}$/.test(paymentIntentId)) return null;
  if (!clientSecret.startsWith(`${paymentIntentId}_secret_`) || clientSecret.length > 500) return null;
  if (returnUrl.length > 2048 || !isWrittenHttpUrl(returnUrl)) return null;
  return { paymentIntentId, clientSecret, returnUrl };
}

/** `return_url` with Stripe's three parameters appended (its own kept as written, and its hash). */
export function returnAddressFor(visit: BankVisit, status: 'succeeded' | 'failed'): string {
  const url = new URL(visit.returnUrl);
  const added = new URLSearchParams({ payment_intent: visit.paymentIntentId, payment_intent_client_secret: visit.clientSecret, redirect_status: status });
  url.search = url.search.length > 1 ? `${url.search}&${added}` : `?${added}`;
  return url.href;
}

/** The bank's page: what is being approved, and two buttons that post the answer. */
export function bankPage(visit: BankVisit, amount: string | null): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return htmlDocument({
    title: 'Test bank',
    head: `<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1a1b25; line-height: 1.5; }
  .note { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 10px; }
  .actions { display: flex; gap: 12px; flex-wrap: wrap; }
  button { padding: 10px 16px; border-radius: 6px; font: inherit; cursor: pointer; border: 1px solid #0a5ccf; background: #fff; color: #0a5ccf; }
  button[value="approve"] { background: #0a5ccf; color: #fff; }
</style>`,
    body: `<main>
  <h1>Test bank</h1>
  <p class="note" role="note">A test stand-in for the bank a redirect payment method sends the customer to. No bank is contacted and nothing is charged.</p>
  <p>Approve payment <code>${escapeHtml(visit.paymentIntentId)}</code>${amount ? ` of <strong>${escapeHtml(amount)}</strong>` : ''}?</p>
  <form method="post" action="/sandbox/stripe/bank" class="actions">
    ${hidden('payment_intent', visit.paymentIntentId)}
    ${hidden('client_secret', visit.clientSecret)}
    ${hidden('return_url', visit.returnUrl)}
    <button type="submit" name="answer" value="approve" autofocus>Approve</button>
    <button type="submit" name="answer" value="fail">Fail</button>
  </form>
</main>`,
  });
}
