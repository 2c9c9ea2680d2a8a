// The sandbox's root page (`GET /` of `startSandbox` and the CLI): what runs and where, its keys,
// its routes, the test cards, and the latest checkouts and receipts, every value HTML-escaped.
import { formatMoney } from '../src/pricing/money.ts';
import type { CheckoutStatus } from '../src/api/schemas.ts';
import { escapeHtml, htmlDocument } from './html.ts';

/** A checkout as the page lists it: `paid` is what its settled payments took, null when none. */
export interface CheckoutRow {
  id: string;
  status: CheckoutStatus;
  paid: { amount: number; currency: string } | null;
  createdAt: Date;
}

export interface ReceiptRow {
  to: string;
  customerName: string;
  checkoutId: string;
  orderId: string;
  invoiceId: string;
  amount: number;
  currency: string;
  lines: ReadonlyArray<{ description: string; quantity: number }>;
  sentAt: Date;
}

export interface RootPageView {
  url: string;
  secretKey: string;
  noStripeKey: string;
  publishableKey: string;
  now: Date;
  /** Newest first. */
  checkouts: readonly CheckoutRow[];
  /** Newest first. */
  receipts: readonly ReceiptRow[];
}

/** The stand-in's cards (docs/STRIPE-STANDIN.md): any future expiry, any security code. */
const testCards: ReadonlyArray<[number: string, outcome: string]> = [
  ['4242 4242 4242 4242', 'succeeds'],
  ['4000 0000 0000 9995', 'declined: insufficient funds'],
  ['4000 0000 0000 0002', 'declined: card declined'],
  ['4000 0027 6000 3184', 'asks for 3-D Secure, then succeeds or fails (the challenge chooses)'],
  ['4000 0000 0000 3063', 'leaves the page for a test bank, then comes back paid or failed (the bank page chooses)'],
];

const pageStyle = `
  body { margin: 0; font-family: system-ui, sans-serif; background: #f6f7f9; color: #1a1d21; }
  .sandbox-banner { margin: 0; padding: 0.5rem 1rem; background: #fff4ce; color: #5c4400; font-size: 0.875rem; text-align: center; }
  main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; background: #fff; }
  th, td { text-align: left; padding: 0.35rem 0.6rem; border-bottom: 1px solid #e3e5e8; vertical-align: top; font-size: 0.9rem; }
  code { font-size: 0.85rem; overflow-wrap: anywhere; }
`;

const money = (amount: number, currency: string) => escapeHtml(formatMoney(amount, currency, 'en'));
const code = (value: string) => `<code>${escapeHtml(value)}</code>`;

function table(caption: string, headings: readonly string[], rows: readonly string[][], empty: string): string {
  if (rows.length === 0) return `<h2>${escapeHtml(caption)}</h2>\n<p>${escapeHtml(empty)}</p>`;
  const head = headings.map((heading) => `<th scope="col">${escapeHtml(heading)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<h2>${escapeHtml(caption)}</h2>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function routeRows(url: string): string[][] {
  return [
    ['Private API (your server, with the secret key)', code(`${url}/api/v2`), 'Paid’s API: checkouts, products, customers, orders, invoices, webhooks'],
    ['Public API (the element, no key)', code(`${url}/api/public/checkout/{id}`), 'the element’s <code>api-base</code> is ' + code(url)],
    ['Stripe stand-in', code(`${url}/sandbox/stripe-standin.js`), 'a classic script, loaded before the element, in development only'],
    ['Hosted checkout page', code(`${url}/checkout/{id}`), 'each checkout’s <code>url</code>'],
    ['The element’s script', code(`${url}/paid-checkout.js`), 'the built element, as a module'],
    ['Receipts (sandbox extension)', code(`${url}/api/v2/sandbox/receipts`), 'what paid checkouts would have sent, with the secret key'],
  ].map(([name = '', address = '', note = '']) => [escapeHtml(name), address, note]);
}

function checkoutRows(view: RootPageView): string[][] {
  return view.checkouts.map((checkout) => [
    `<a href="/checkout/${encodeURIComponent(checkout.id)}">${code(checkout.id)}</a>`,
    escapeHtml(checkout.status),
    checkout.paid ? money(checkout.paid.amount, checkout.paid.currency) : '—',
    escapeHtml(checkout.createdAt.toISOString()),
  ]);
}

function receiptRows(view: RootPageView): string[][] {
  return view.receipts.map((receipt) => [
    `${escapeHtml(receipt.customerName)}<br>${code(receipt.to)}`,
    money(receipt.amount, receipt.currency),
    receipt.lines.map((line) => `${escapeHtml(line.description)} × ${line.quantity}`).join('<br>'),
    `${code(receipt.checkoutId)}<br>${code(receipt.orderId)}<br>${code(receipt.invoiceId)}`,
    escapeHtml(receipt.sentAt.toISOString()),
  ]);
}

export function rootPage(view: RootPageView): string {
  const keys = [
    [escapeHtml('Secret key (this sandbox’s test key; main account, takes card payments)'), code(view.secretKey)],
    [escapeHtml('Secret key of the account without Stripe'), code(view.noStripeKey)],
    [escapeHtml('Stripe publishable key the element receives'), code(view.publishableKey)],
  ];
  const cards = testCards.map(([number, outcome]) => [code(number), escapeHtml(outcome)]);
  const body = `  <p class="sandbox-banner" role="note">Paid sandbox: test mode. Nothing leaves this machine and no real payment is taken.</p>
  <main>
<h1>Paid sandbox</h1>
<p>An offline Paid API with a Stripe.js stand-in, running at ${code(view.url)}. Its clock says ${code(view.now.toISOString())}. It keeps everything in memory.</p>
${table('Keys', ['Key', 'Value'], keys, '')}
${table('Routes', ['What', 'Where', 'Note'], routeRows(view.url), '')}
${table('Test cards', ['Card number', 'Outcome'], cards, '')}
<p>Any future expiry date and any security code.</p>
${table('Recent checkouts', ['Checkout', 'Status', 'Paid', 'Created'], checkoutRows(view), 'No checkout yet: create one with the private API.')}
${table('Recent receipts', ['To', 'Amount', 'Lines', 'Checkout, order, invoice', 'Sent'], receiptRows(view), 'No receipt yet: one is recorded for each paid checkout whose customer has an email address.')}
  </main>`;
  return htmlDocument({ title: 'Paid sandbox', head: `<meta name="robots" content="noindex">\n  <style>${pageStyle}</style>`, body });
}
