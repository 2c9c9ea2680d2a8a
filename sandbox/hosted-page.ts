// The sandbox's hosted checkout page (the `url` of a checkout): the Stripe stand-in, the
// element's script and one <paid-checkout>, with every interpolated value escaped.
import { escapeHtml, htmlDocument } from './html.ts';

const pageStyle = `
  body { margin: 0; font-family: system-ui, sans-serif; background: #f6f7f9; color: #1a1d21; }
  .sandbox-banner { margin: 0; padding: 0.5rem 1rem; background: #fff4ce; color: #5c4400; font-size: 0.875rem; text-align: center; }
  main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
`;

function page(title: string, body: string): string {
  return htmlDocument({
    title,
    head: `<meta name="robots" content="noindex">\n  <style>${pageStyle}</style>`,
    body: `  <p class="sandbox-banner" role="note">Paid sandbox: test mode. No real payment is taken.</p>
  <main>
${body}
  </main>`,
  });
}

/** The page for checkout `checkoutId`; `apiBase` is the sandbox origin the element talks to. */
export function hostedCheckoutPage(checkoutId: string, apiBase: string): string {
  return page(
    'Checkout (sandbox)',
    `      <script src="/sandbox/stripe-standin.js"></script>
      <script type="module" src="/paid-checkout.js"></script>
      <paid-checkout checkout-id="${escapeHtml(checkoutId)}" api-base="${escapeHtml(apiBase)}"></paid-checkout>
      <noscript>This checkout needs JavaScript.</noscript>`,
  );
}

export function notFoundPage(): string {
  return page('Checkout not found (sandbox)', '      <h1>Checkout not found</h1>\n      <p>There is no checkout at this address.</p>');
}
