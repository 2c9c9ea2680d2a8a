// The test bank a redirect-based payment method leaves the page for (the stand-in's redirect test
// card): a page with Approve and Fail, and where its answer sends the customer back, as Stripe
// does: `return_url` with `payment_intent`, `payment_intent_client_secret` and `redirect_status`;
// and the pages a person sees when the bank cannot take an answer.
import { isWrittenHttpUrl } from '../src/url.ts';
import { escapeHtml, htmlDocument } from './html.ts';
import type { InvalidField } from './http.ts';

export interface BankVisit {
  paymentIntentId: string;
  clientSecret: string;
  returnUrl: string;
}

/** What is wrong with the visit a bank page's address (or its form) names: nothing when it holds together. */
export function bankVisitProblems(params: URLSearchParams): InvalidField[] {
  const paymentIntentId = params.get('payment_intent') ?? '';
  const clientSecret = params.get('client_secret') ?? '';
  const returnUrl = params.get('return_url') ?? '';
  const problems: InvalidField[] = [];
  if (!/^pi_[A-Za-z0-9]{1,100}$/.test(paymentIntentId)) problems.push({ field: 'payment_intent', message: 'must be a payment intent id (pi_…)' });
  if (!clientSecret.startsWith(`${paymentIntentId}_secret_`) || clientSecret.length > 500) {
    problems.push({ field: 'client_secret', message: 'must be that payment intent’s client secret' });
  }
  if (returnUrl.length > 2048 || !isWrittenHttpUrl(returnUrl)) problems.push({ field: 'return_url', message: 'must be an http(s) URL of at most 2048 characters' });
  return problems;
}

/** The visit a bank page's address (or its form) names, or null when it does not hold together. */
export function bankVisitOf(params: URLSearchParams): BankVisit | null {
  if (bankVisitProblems(params).length > 0) return null;
  return { paymentIntentId: params.get('payment_intent')!, clientSecret: params.get('client_secret')!, returnUrl: params.get('return_url')! };
}

/** `return_url` with Stripe's three parameters appended (its own kept as written, and its hash). */
export function returnAddressFor(visit: BankVisit, status: 'succeeded' | 'failed'): string {
  const url = new URL(visit.returnUrl);
  const added = new URLSearchParams({ payment_intent: visit.paymentIntentId, payment_intent_client_secret: visit.clientSecret, redirect_status: status });
  url.search = url.search.length > 1 ? `${url.search}&${added}` : `?${added}`;
  return url.href;
}

const style = `<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1a1b25; line-height: 1.5; }
  .note { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 10px; }
  .actions { display: flex; gap: 12px; flex-wrap: wrap; }
  button { padding: 10px 16px; border-radius: 6px; font: inherit; cursor: pointer; border: 1px solid #0a5ccf; background: #fff; color: #0a5ccf; }
  button[value="approve"] { background: #0a5ccf; color: #fff; }
  a { color: #0a5ccf; }
</style>`;

/** A page of the test bank: its heading and note, then `content` (HTML). */
function bankDocument(title: string, content: string): string {
  return htmlDocument({
    title,
    head: style,
    body: `<main>
  <h1>Test bank</h1>
  <p class="note" role="note">A test stand-in for the bank a redirect payment method sends the customer to. No bank is contacted and nothing is charged.</p>
  ${content}
</main>`,
  });
}

/** The bank's page: what is being approved, and two buttons that post the answer. */
export function bankPage(visit: BankVisit, amount: string | null): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return bankDocument(
    'Test bank',
    `<p>Approve payment <code>${escapeHtml(visit.paymentIntentId)}</code>${amount ? ` of <strong>${escapeHtml(amount)}</strong>` : ''}?</p>
  <form method="post" action="/sandbox/stripe/bank" class="actions">
    ${hidden('payment_intent', visit.paymentIntentId)}
    ${hidden('client_secret', visit.clientSecret)}
    ${hidden('return_url', visit.returnUrl)}
    <button type="submit" name="answer" value="approve" autofocus>Approve</button>
    <button type="submit" name="answer" value="fail">Fail</button>
  </form>`,
  );
}

/**
 * A second, different answer (a customer who came Back to the page and pressed the other button):
 * the first one stands; the way back to the shop with it.
 */
export function answeredPage(visit: BankVisit, outcome: 'succeeded' | 'failed'): string {
  return bankDocument(
    'Payment already answered',
    `<p role="alert">Payment <code>${escapeHtml(visit.paymentIntentId)}</code> was already answered (${outcome === 'succeeded' ? 'approved' : 'failed'}). This second answer changes nothing.</p>
  <p><a href="${escapeHtml(returnAddressFor(visit, outcome))}">Back to the shop</a></p>`,
  );
}

/** Any other answer the bank cannot take, in the words of the sandbox's error. */
export function refusalPage(message: string): string {
  return bankDocument('Test bank: refused', `<p role="alert">${escapeHtml(message)}</p>`);
}
