// HTML for the demo's merchant pages. Every dynamic value goes through `escapeHtml`.
import { escapeHtml, htmlDocument } from '../sandbox/html.ts';
import type { ReturnCheck } from './merchant/verify-return.ts';

export interface ScenarioLink {
  slug: string;
  title: string;
  description: string;
}

function layout(title: string, body: string): string {
  return htmlDocument({
    title: `${title} · paid-checkout demo`,
    head: '<link rel="stylesheet" href="/demo/assets/demo.css">',
    body: `  <header class="site"><a href="/" class="brand">Acme Cloud</a><span class="tag">paid-checkout demo · offline sandbox</span></header>
  <main>${body}</main>`,
  });
}

export function indexPage(scenarios: readonly ScenarioLink[]): string {
  const items = scenarios
    .map(
      (scenario) => `<li><a href="/demo/${escapeHtml(scenario.slug)}"><strong>${escapeHtml(scenario.title)}</strong>
        <span>${escapeHtml(scenario.description)}</span></a></li>`,
    )
    .join('\n');
  return layout(
    'Pricing',
    `<h1>Pick a scenario</h1>
    <p class="lead">Each link asks this demo's merchant server to create a checkout session with the
    secret key (as your server would), then shows <code>&lt;paid-checkout&gt;</code> for it. Pay with
    <code>4242 4242 4242 4242</code>, any future date, any CVC; <code>4000 0000 0000 9995</code> is declined;
    <code>4000 0027 6000 3184</code> asks for 3-D Secure.</p>
    <ul class="scenarios">${items}</ul>`,
  );
}

export function checkoutPage(options: {
  title: string;
  /** What the scenario shows and what to type in it, shown above the element. */
  description: string;
  checkoutId: string;
  apiBase: string;
  sessionJson: string;
  attributes?: Readonly<Record<string, string>>;
}): string {
  const extraAttributes = Object.entries(options.attributes ?? {})
    .map(([name, value]) => ` ${escapeHtml(name)}="${escapeHtml(value)}"`)
    .join('');
  return layout(
    options.title,
    `<h1>${escapeHtml(options.title)}</h1>
    <p class="lead" id="scenario-description">${escapeHtml(options.description)}</p>
    <paid-checkout checkout-id="${escapeHtml(options.checkoutId)}" api-base="${escapeHtml(options.apiBase)}"${extraAttributes}></paid-checkout>
    <details class="debug"><summary>Events</summary><ol id="event-log"></ol></details>
    <details class="debug"><summary>Session as the merchant server created it</summary><pre>${escapeHtml(options.sessionJson)}</pre></details>
    <script src="/sandbox/stripe-standin.js"></script>
    <script type="module" src="/paid-checkout.js"></script>
    <script type="module" src="/demo/assets/event-log.js"></script>`,
  );
}

/** What the success page found: the merchant server's check, or why it could not make one. */
export type SuccessCheck = ReturnCheck | { verified: false; code: 'no_checkout_id' | 'not_signed_in' };

export interface SuccessView {
  checkoutId: string;
  check: SuccessCheck;
  /** Whether the `billing-checkout-completed` webhook for this checkout has arrived yet. */
  webhookReceived: boolean;
}

function unverifiedReason(check: Extract<SuccessCheck, { verified: false }>): string {
  switch (check.code) {
    case 'no_checkout_id':
      return 'The success URL names no checkout.';
    case 'not_signed_in':
      return 'No one is signed in on this browser, so there is no user to provision for.';
    case 'not_found':
      return 'Paid knows no such checkout.';
    case 'not_completed':
      return `Paid says the checkout is ${check.status}, not completed.`;
    case 'other_user':
      return 'The checkout was made for another user than the one signed in.';
  }
}

function verificationSection(view: SuccessView): string {
  const { check } = view;
  const webhook = `<p id="webhook-status" data-received="${view.webhookReceived}">Webhook <code>billing-checkout-completed</code> received:
      ${view.webhookReceived ? 'yes' : 'not yet'}</p>`;
  const body = check.verified
    ? `<ul>
        <li>Paid says the checkout's <code>status</code> is <code>completed</code>.</li>
        <li>Its <code>externalCustomerId</code> is the signed-in user, <code>${escapeHtml(check.externalCustomerId)}</code>.</li>
      </ul>
      <p><strong>Verified:</strong> ${check.orderId ? `order <code id="order-id">${escapeHtml(check.orderId)}</code>` : 'the purchase'} is provisioned.</p>`
    : `<p><strong>Not verified:</strong> ${escapeHtml(unverifiedReason(check))} Nothing was provisioned.</p>`;
  return `<section id="verification" class="verification" data-verified="${check.verified}"${check.verified ? '' : ` data-code="${check.code}"`}>
      <h2>What this merchant's server verified</h2>
      ${body}
      ${webhook}
    </section>`;
}

export function successPage(view: SuccessView): string {
  const checkout = `Checkout <code id="checkout-id">${escapeHtml(view.checkoutId)}</code>.`;
  const heading = view.check.verified
    ? `<h1>Thank you!</h1>
    <p class="lead">Your purchase is complete. ${checkout}</p>`
    : `<h1>We could not confirm this purchase</h1>
    <p class="lead">${checkout}</p>`;
  return layout(
    view.check.verified ? 'Thank you' : 'Not confirmed',
    `${heading}
    ${verificationSection(view)}
    <p><a href="/">Back to the scenarios</a></p>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p class="lead">${escapeHtml(message)}</p><p><a href="/">Back to the scenarios</a></p>`);
}
