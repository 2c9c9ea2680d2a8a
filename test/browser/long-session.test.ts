// A session with many products: its first cards show in the first frame and the rest fill in a
// few a frame; the total counts every product from the start, and updateComplete and the ready
// event wait for the whole list. Also the warm-up that runs while a session is on the network.
import { expect, fixtureSync, html } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import type { PaidCheckoutElement } from '../../src/paid-checkout.ts';
import { publicCheckout } from '../../src/api/schemas.ts';
import { sampleSession, warmUp } from '../../src/warm-up.ts';
import { STUB_API, json, mountCheckout, sessionJson, shadow, stubFetch, type Json, type StubbedFetch } from './helpers.ts';

const PRODUCTS = 30;

function manyProducts(count: number): Json {
  return sessionJson({
    allowedCurrencies: ['usd'],
    products: Array.from({ length: count }, (_, index) => ({
      id: `prod_${index}`,
      name: `Product ${index + 1}`,
      description: null,
      basePrice: null,
      current: null,
      plans: ['basic', 'plus'].map((tier, tierIndex) => ({
        id: `plan_${index}_${tier}`,
        name: tier === 'basic' ? 'Basic' : 'Plus',
        features: [],
        prices: [{ currency: 'usd', model: 'flat', amount: (tierIndex + 1) * 1000, interval: 'month' }],
      })),
    })),
  });
}

const cards = (root: ShadowRoot) => root.querySelectorAll('article.product').length;

/** An element whose first render with cards can still be watched: its shadow root exists at once. */
function mountNow(): PaidCheckoutElement {
  return fixtureSync<PaidCheckoutElement>(html`<paid-checkout checkout-id="chk_fixture" api-base=${STUB_API} locale="en"></paid-checkout>`);
}

/** The cards and summary lines of the first render that shows any card (before a later frame adds more). */
function firstFrame(root: ShadowRoot): Promise<{ cards: number; lines: number }> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (cards(root) === 0) return;
      observer.disconnect();
      resolve({ cards: cards(root), lines: summaryLines(root) });
    });
    observer.observe(root, { subtree: true, childList: true });
  });
}
const summaryLines = (root: ShadowRoot) => root.querySelectorAll('.summary .lines > li').length;
const dueToday = (root: ShadowRoot) => root.querySelector('[data-testid="due-today"] .amount')?.textContent?.trim();

describe('a session with many products', () => {
  let api: StubbedFetch | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('shows its first products at once with the whole total, then every product; updateComplete and ready wait for all', async () => {
    api = stubFetch(STUB_API, json(200, manyProducts(PRODUCTS)));
    const seenAtReady: number[] = [];
    const element = mountNow();
    element.addEventListener('paid-checkout-ready', () => seenAtReady.push(cards(shadow(element))));
    const root = shadow(element);
    const first = await firstFrame(root);
    expect(first.cards).to.be.within(1, PRODUCTS - 1);
    expect(first.lines).to.equal(first.cards);
    // Every product's default plan is counted already: 30 × $10.00.
    expect(dueToday(root)).to.equal('$300.00');

    await element.updateComplete;
    expect(cards(root)).to.equal(PRODUCTS);
    expect(summaryLines(root)).to.equal(PRODUCTS);
    expect(root.querySelector('article.product:last-of-type h3')?.textContent).to.equal(`Product ${PRODUCTS}`);
    expect(dueToday(root)).to.equal('$300.00');
    expect(seenAtReady).to.deep.equal([PRODUCTS]);
  });

  it('keeps a plan chosen while the list is still filling in', async () => {
    api = stubFetch(STUB_API, json(200, manyProducts(PRODUCTS)));
    const element = await mountCheckout('chk_fixture');
    const root = shadow(element);
    await waitUntil(() => cards(root) > 0, 'no product shown');
    root.querySelector<HTMLInputElement>('#p0-t1')!.click();
    await element.updateComplete;
    expect(cards(root)).to.equal(PRODUCTS);
    expect(root.querySelector<HTMLInputElement>('#p0-t1')!.checked).to.equal(true);
    expect(dueToday(root)).to.equal('$310.00');
  });

  it('re-renders only the product changed and its summary line', async () => {
    api = stubFetch(STUB_API, json(200, manyProducts(PRODUCTS)));
    const element = await mountCheckout('chk_fixture');
    const root = shadow(element);
    await waitUntil(() => cards(root) > 0, 'no product shown');
    await element.updateComplete;
    const touched = new Set<string>();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement;
        const changed = node?.closest('article.product, .summary .lines > li');
        if (changed) touched.add(changed.matches('article') ? changed.querySelector('h3')!.textContent! : `line ${changed.getAttribute('data-product')}`);
      }
    });
    observer.observe(root.querySelector('form')!, { subtree: true, childList: true, attributes: true, characterData: true });
    root.querySelector<HTMLInputElement>('#p7-t1')!.click();
    await element.updateComplete;
    observer.disconnect();
    expect([...touched].sort()).to.deep.equal(['Product 8', 'line prod_7']);
    expect(dueToday(root)).to.equal('$310.00');
  });

  it('lets go of updateComplete when removed half-way, and fills in again once back', async () => {
    api = stubFetch(STUB_API, json(200, manyProducts(PRODUCTS)));
    const element = await mountCheckout('chk_fixture');
    const root = shadow(element);
    await waitUntil(() => cards(root) > 0, 'no product shown');
    const parent = element.parentElement!;
    element.remove();
    // A hang fails by the test's own timeout, not by a guess at how long a loaded machine takes.
    await element.updateComplete;
    parent.append(element);
    await element.updateComplete;
    expect(cards(root)).to.equal(PRODUCTS);
  });

  it('shows a usual session, up to six products, whole in its first render', async () => {
    api = stubFetch(STUB_API, json(200, manyProducts(6)));
    const element = mountNow();
    expect(await firstFrame(shadow(element))).to.deep.equal({ cards: 6, lines: 6 });
  });
});

describe('the warm-up while a session is on the network', () => {
  it('uses a sample session the element’s own schema accepts', () => {
    const parsed = publicCheckout.safeParse(sampleSession);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).to.equal(true);
    // The warm-up renders it unparsed: it must be what the schema gives (its defaults filled in).
    expect(parsed.data, 'the schema’s output, field for field').to.deep.equal(sampleSession);
  });

  it('renders nothing into the page and leaves nothing behind', () => {
    const before = document.body.innerHTML;
    warmUp('en', new Date());
    warmUp('fr', new Date());
    expect(document.body.innerHTML).to.equal(before);
  });
});
