// The Stripe stand-in warns a developer who left it on a page that talks to Paid's production
// API (it would take no real payment there), and stays quiet on a page that talks to a sandbox.
// One page per test file: the warning is said once a page, so the quiet case runs first.
import { expect } from '@open-wc/testing';
import { sandboxUrl } from './support/sandbox.ts';

const warnings: unknown[][] = [];
const originalWarn = console.warn;

function recordWarnings(): () => void {
  warnings.length = 0;
  console.warn = (...args: unknown[]) => {
    warnings.push(args);
  };
  return () => {
    console.warn = originalWarn;
  };
}

/** A `<paid-checkout>` tag as a page writes it (the element itself need not be defined here). */
// No fixture(): it waits for an animation frame, which Chromium withholds from a page in the
// background when the suite's other pages run, and nothing here needs one.
async function pageWith(apiBase: string | null): Promise<void> {
  document.querySelectorAll('paid-checkout').forEach((element) => element.remove());
  const element = document.createElement('paid-checkout');
  if (apiBase !== null) element.setAttribute('api-base', apiBase);
  document.body.append(element);
}

describe('the Stripe stand-in on a page', () => {
  it('says nothing when the page’s <paid-checkout> talks to a sandbox', async () => {
    const restore = recordWarnings();
    try {
      await pageWith(sandboxUrl);
      window.Stripe!('pk_test_standin');
    } finally {
      restore();
    }
    expect(warnings).to.deep.equal([]);
  });

  it('warns once, naming the production API and the docs, when a <paid-checkout> has no api-base', async () => {
    const restore = recordWarnings();
    try {
      await pageWith(null);
      window.Stripe!('pk_test_standin');
      window.Stripe!('pk_test_standin');
    } finally {
      restore();
    }
    expect(warnings.length).to.equal(1);
    const [message] = warnings[0]!;
    expect(message).to.be.a('string');
    expect(message).to.contain("talks to Paid's production API (https://api.agentpaid.io): this page takes no real payment");
    expect(message).to.contain(new URL(sandboxUrl).origin);
    expect(message).to.contain('EMBEDDING.md#10-developing-offline-with-the-sandbox');
  });
});
