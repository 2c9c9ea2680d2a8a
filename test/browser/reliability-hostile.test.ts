// Hostile strings from a server: 60 XSS payloads (markup, event handlers, javascript: and data:
// URLs, bidi overrides, very long words, CSS injection) in every string the customer reads. None
// runs, none becomes markup, the layout holds at 320 px. And success or cancel URLs of any other
// scheme than http(s): the session is refused, nothing navigates, nothing links.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { setViewport } from './support/engine.ts';
import { sizedPage, type SizedPage } from './support/sized-page.ts';
import type { PaidCheckoutElement } from '../../src/paid-checkout.ts';
import {
  brokenImageReported,
  STUB_API,
  fillCard,
  fillField,
  json,
  payButton,
  readyToPay,
  sessionJson,
  shadow,
  visibleText,
  type Json,
  type RecordingCheckout,
} from './helpers.ts';

declare global {
  interface Window {
    __paidPwned?: unknown;
  }
}

const SENTINEL = 'window.__paidPwned=1';

/** Each would set window.__paidPwned if it ever ran as script, markup or a URL. */
const payloads: readonly string[] = [
  `<img src=x onerror="${SENTINEL}">`,
  `<script>${SENTINEL}</script>`,
  `"><svg onload=${SENTINEL}>`,
  `<iframe src="javascript:top.__paidPwned=1"></iframe>`,
  `<body onload=${SENTINEL}>`,
  `<details open ontoggle=${SENTINEL}>`,
  `<video><source onerror=${SENTINEL}></video>`,
  `<audio src=x onerror=${SENTINEL}>`,
  `<input autofocus onfocus=${SENTINEL}>`,
  `<marquee onstart=${SENTINEL}>x</marquee>`,
  `<object data="javascript:${SENTINEL}"></object>`,
  `<embed src="javascript:${SENTINEL}">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${SENTINEL}>`,
  `<a href="javascript:${SENTINEL}">click</a>`,
  `<form action="javascript:${SENTINEL}"><button>x</button></form>`,
  `<isindex action=javascript:${SENTINEL} type=image>`,
  `<template><img src=x onerror=${SENTINEL}></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${SENTINEL}>">`,
  `<!--<img src="--><img src=x onerror=${SENTINEL}//">`,
  `<svg><script>${SENTINEL}</script></svg>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${SENTINEL}">`,
  `<base href="javascript:${SENTINEL}//">`,
  `<link rel=import href="data:text/html,<script>${SENTINEL}</script>">`,
  `" onmouseover="${SENTINEL}`,
  `' onfocus='${SENTINEL}' autofocus '`,
  '${window.__paidPwned=1}',
  "{{constructor.constructor('window.__paidPwned=1')()}}",
  '<!--?lit$123456$-->',
  `</template><img src=x onerror=${SENTINEL}>`,
  `</style><img src=x onerror=${SENTINEL}>`,
  `javascript:${SENTINEL}`,
  `JaVaScRiPt:${SENTINEL}`,
  `java\tscript:${SENTINEL}`,
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wYWlkUHduZWQ9MTwvc2NyaXB0Pg==',
  `data:text/html,<script>${SENTINEL}</script>`,
  'vbscript:msgbox(1)',
  '//evil.example/steal',
  '\u202Egnp.exe',
  '\u2066Pro\u2069 \u202E$0.00\u202C per month',
  'Zero\u200Bwidth\u200C\u200D\uFEFFjoiners',
  'NUL\u0000inside',
  '𝕿𝖊𝖘𝖙 🧾🔥 ﷽ عربي עברית',
  'Z̸̢̛͔̗͇̈́̒a̵͖͋l̶̤̍g̴̣̈o̷̡̓ text',
  '\r\n\r\nSet-Cookie: pwned=1',
  'W'.repeat(500),
  'Supercalifragilisticexpialidocious'.repeat(14),
  `https://example.com/${'a'.repeat(400)}`,
  '١٢٣٤٥٦٧٨٩٠'.repeat(40),
  '</style><style>:host{display:none!important}</style>',
  'x;}*{background:url("javascript:window.__paidPwned=1")}',
  'expression(window.__paidPwned=1)',
  '@import url(javascript:window.__paidPwned=1);',
  '--paid-color-accent: red; background-image: url(https://evil.example/track)',
  '%3Cscript%3Ewindow.__paidPwned=1%3C/script%3E',
  `&lt;img src=x onerror=${SENTINEL}&gt;`,
  `<scr<script>ipt>${SENTINEL}</scr</script>ipt>`,
  '{CHECKOUT_ID}',
  '__proto__',
  `<style>@keyframes x{}</style><div style="animation-name:x" onanimationstart="${SENTINEL}"></div>`,
  `<img src="x\u0000" onerror="${SENTINEL}">`,
];

const PK = { provider: 'stripe', publishableKey: 'pk_test_hostile' };

/** A session with `text` in every string the customer reads. */
function sessionWith(id: string, text: string): Json {
  const base = sessionJson({ id });
  const [analytics, seats] = base.products as Json[];
  const plans = (analytics!.plans as Json[]).map((plan) => ({ ...plan, name: text, description: text, features: [text, 'A plain feature'] }));
  const [seatPlan] = seats!.plans as Json[];
  const seatPrices = (seatPlan!.prices as Json[]).map((price) => ({ ...price, unitLabel: text.slice(0, 60) }));
  return {
    ...base,
    customer: { id: 'cus_hostile', name: text, email: text },
    collect: { name: false, email: false, address: false, phone: false },
    products: [
      { ...analytics, name: text, description: text, plans },
      { ...seats, name: text, description: text, plans: [{ ...seatPlan, name: text, features: [text], prices: seatPrices }] },
    ],
  };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** How many elements of each tag the shadow root holds: markup from a payload would add some. */
function tagCounts(root: ShadowRoot): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const node of root.querySelectorAll('*')) counts[node.localName] = (counts[node.localName] ?? 0) + 1;
  return counts;
}

function handlerAttributes(root: ShadowRoot): string[] {
  return [...root.querySelectorAll('*')].flatMap((node) =>
    [...node.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${node.localName}[${attribute.name}]`),
  );
}

/** Elements that stick out of a 320 px page: long words must wrap, not widen the layout. */
function overflowing(element: PaidCheckoutElement, width: number): string[] {
  return [...shadow(element).querySelectorAll<HTMLElement>('.product, .tier, .summary, .customer, h2, h3, p, li, label, legend, dd, dt')]
    .filter((node) => node.getBoundingClientRect().width > 0 && node.getBoundingClientRect().right > width + 0.5)
    .map((node) => `${node.localName}.${node.className} right ${node.getBoundingClientRect().right}`);
}

describe('paid-checkout with hostile strings', function () {
  this.timeout(60_000);
  const answers = new Map<string, string>();
  let element: PaidCheckoutElement;
  // The page a test lays out in at 320 px: the test page, or a frame of that width where the
  // engine's window cannot be that narrow (WebKitGTK's is never under 447 px).
  let sized: SizedPage | null = null;

  /** Answers the element's reads in `target` (a window) from `answers`; returns what puts its fetch back. */
  function serveAnswers(target: { fetch: typeof fetch }): () => void {
    const realFetch = target.fetch;
    target.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith(STUB_API)) return realFetch(input, init);
      return new Response(answers.get(decodeURIComponent(url.split('/').pop() ?? '')) ?? '{}', { status: 200 });
    };
    return () => (target.fetch = realFetch);
  }

  /** A page 320 px wide, its fetch answered from `answers`, and nothing run by a payload in it yet. */
  async function narrowPage(): Promise<SizedPage> {
    const page = (sized = await sizedPage({ width: 320, height: 800 }));
    if (page.window !== window) serveAnswers(page.window);
    page.window.__paidPwned = undefined;
    return page;
  }

  let restoreFetch: () => void;
  before(() => {
    window.__paidPwned = undefined;
    restoreFetch = serveAnswers(window);
  });

  beforeEach(() => {
    // Not a fixture: the page's own container.
    element = document.createElement('paid-checkout');
    element.apiBase = STUB_API;
    element.locale = 'en';
    document.body.append(element);
  });

  afterEach(() => {
    element.remove();
    sized?.close();
    sized = null;
  });

  after(async () => {
    restoreFetch();
    await setViewport({ width: 800, height: 600 });
  });

  it(`has at least 50 payloads (${payloads.length}), all distinct`, () => {
    expect(payloads.length).to.be.at.least(50);
    expect(new Set(payloads).size).to.equal(payloads.length);
  });

  it('renders each payload in names, descriptions, features, unit labels and the customer as text: no script runs, no element is made, the layout holds at 320 px', async () => {
    const page = await narrowPage();
    element.remove();
    element = page.document.createElement('paid-checkout') as PaidCheckoutElement;
    element.apiBase = STUB_API;
    element.locale = 'en';
    page.document.body.append(element);
    answers.set('chk_plain', JSON.stringify(sessionWith('chk_plain', 'Plain text')));
    element.checkoutId = 'chk_plain';
    // Its own text, not any settled state: the element may already show one for no checkout id.
    await waitUntil(() => visibleText(element).includes('Plain text'), 'the plain session never shown', { timeout: 4000 });
    await element.updateComplete;
    const baseline = tagCounts(shadow(element));
    for (const [index, payload] of payloads.entries()) {
      const id = `chk_hostile_${index}`;
      const label = `payload #${index} ${JSON.stringify(payload).slice(0, 80)}`;
      answers.set(id, JSON.stringify(sessionWith(id, payload)));
      element.checkoutId = id;
      await waitUntil(() => visibleText(element).includes(collapse(payload).slice(0, 40)), `${label} never shown`, { timeout: 4000 });
      await element.updateComplete;
      const root = shadow(element);
      expect(root.querySelector('.state[data-code]'), label).to.equal(null);
      expect(collapse(visibleText(element)), label).to.contain(collapse(payload));
      expect(tagCounts(root), label).to.deep.equal(baseline);
      expect(handlerAttributes(root), label).to.deep.equal([]);
      for (const link of root.querySelectorAll('a')) expect(link.protocol, label).to.match(/^https?:$/);
      expect(overflowing(element, 320), label).to.deep.equal([]);
      expect(element.getBoundingClientRect().width, label).to.be.at.most(element.parentElement!.clientWidth);
      expect(page.document.documentElement.scrollWidth, label).to.be.at.most(320);
    }
    // An injected handler would have run by the time a control's has.
    await brokenImageReported(page.document);
    expect([window.__paidPwned, page.window.__paidPwned]).to.deep.equal([undefined, undefined]);
    expect(page.document.querySelector('img, iframe, object, embed, meta[http-equiv], base')).to.equal(null);
  });

  it('shows each payload as a server’s decline or validation message as text, beside the payment fields', async () => {
    const page = await narrowPage();
    element.remove();
    const recording = page.document.createElement('recording-checkout') as RecordingCheckout;
    recording.apiBase = STUB_API;
    recording.locale = 'en';
    page.document.body.append(recording);
    element = recording;
    let next = 0;
    const session = JSON.stringify(sessionJson({ id: 'chk_messages', payments: PK }));
    const fetchBefore = page.window.fetch;
    page.window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith(STUB_API)) return fetchBefore(input, init);
      if (!url.endsWith('/complete')) return new Response(session, { status: 200 });
      const message = payloads[next]!;
      // Declines and conflicts alternate: every way a server's words reach the customer.
      return next % 2 === 0
        ? json(402, { error: message, code: 'card_declined', declineCode: 'generic_decline' })
        : json(409, { error: message, code: 'no_change' });
    };
    try {
      recording.checkoutId = 'chk_messages';
      await readyToPay(recording);
      fillField(recording, 'name', payloads[2]!);
      fillField(recording, 'email', 'ada@example.com');
      const baseline = tagCounts(shadow(recording));
      for (next = 0; next < payloads.length; next += 1) {
        const payload = payloads[next]!;
        const label = `message #${next} ${JSON.stringify(payload).slice(0, 80)}`;
        await fillCard(recording, '4242 4242 4242 4242');
        (await readyToPay(recording)).click();
        await waitUntil(
          () => shadow(recording).querySelector('.pay-error')?.textContent?.includes(payload.slice(0, 30)),
          `${label} never shown`,
          { timeout: 4000 },
        );
        const alert = shadow(recording).querySelector('.pay-error')!;
        expect(collapse(alert.textContent ?? ''), label).to.contain(collapse(payload));
        const counts = tagCounts(shadow(recording));
        // The alert itself (a div and its p) is the only addition to the form.
        expect(counts, label).to.deep.equal({ ...baseline, div: (baseline.div ?? 0) + 1, p: (baseline.p ?? 0) + 1 });
        expect(handlerAttributes(shadow(recording)), label).to.deep.equal([]);
        expect(overflowing(recording, 320), label).to.deep.equal([]);
        expect(page.document.documentElement.scrollWidth, label).to.be.at.most(320);
        expect(payButton(recording).disabled, label).to.equal(false);
      }
      await brokenImageReported(page.document);
      expect([window.__paidPwned, page.window.__paidPwned]).to.deep.equal([undefined, undefined]);
      expect(recording.navigations).to.deep.equal([]);
    } finally {
      page.window.fetch = fetchBefore;
    }
  });
});

/** Success or cancel URLs a misbehaving server might send: every one is refused. */
const unsafeUrls: readonly string[] = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  '\u0001javascript:alert(1)',
  'javascript&colon;alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'blob:https://shop.example.test/0b6c3f9e-6f3a-4a52-9d0e-8d0f3c1d2b7a',
  'file:///etc/passwd',
  'ftp://shop.example.test/thanks',
  'mailto:owner@shop.example.test',
  'about:blank',
  'chrome://settings',
  'intent://scan/#Intent;scheme=zxing;end',
  'ws://shop.example.test/socket',
  '/thanks',
  'thanks',
  '//evil.example/thanks',
  '\\\\evil.example\\thanks',
  'https:evil.example/thanks',
  'http://',
  'https://',
  ' https://shop.example.test/thanks',
  '',
  `https://shop.example.test/${'a'.repeat(2100)}`,
];

describe('paid-checkout with unsafe success and cancel URLs', () => {
  const realFetch = window.fetch;
  const answers = new Map<string, string>();
  let element: RecordingCheckout;

  before(() => {
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith(STUB_API)) return realFetch(input, init);
      return new Response(answers.get(decodeURIComponent(url.split('/').pop() ?? '')) ?? '{}', { status: 200 });
    };
    element = document.createElement('recording-checkout') as RecordingCheckout;
    element.apiBase = STUB_API;
    element.locale = 'en';
    document.body.append(element);
  });

  after(() => {
    element.remove();
    window.fetch = realFetch;
  });

  it(`refuses ${unsafeUrls.length} unsafe URLs as successUrl, cancelUrl or the hosted page url: invalid_response, no navigation, no link`, async () => {
    let index = 0;
    for (const url of unsafeUrls) {
      for (const field of ['successUrl', 'cancelUrl', 'url']) {
        const id = `chk_url_${(index += 1)}`;
        const label = `${field} ${JSON.stringify(url).slice(0, 60)}`;
        answers.set(id, JSON.stringify(sessionJson({ id, payments: PK, [field]: url })));
        const errors: string[] = [];
        const onError = (event: Event) => errors.push((event as CustomEvent<{ code: string }>).detail.code);
        element.addEventListener('paid-checkout-error', onError);
        element.checkoutId = id;
        await waitUntil(() => errors.length > 0 || element.shadowRoot!.querySelector('form[part~="form"]'), `${label}: never settled`, { timeout: 4000 });
        await element.updateComplete;
        element.removeEventListener('paid-checkout-error', onError);
        expect(shadow(element).querySelector('.state')?.getAttribute('data-code'), label).to.equal('invalid_response');
        expect(visibleText(element), label).to.contain('couldn’t read');
        expect(errors, label).to.deep.equal(['invalid_response']);
        expect(shadow(element).querySelectorAll('a'), label).to.have.length(0);
      }
    }
    expect(element.navigations).to.deep.equal([]);
  });

  it('accepts http and https in any letter case, and the {CHECKOUT_ID} placeholder', async () => {
    for (const [index, url] of ['HTTPS://SHOP.EXAMPLE.TEST/thanks', 'Http://shop.example.test/t?c={CHECKOUT_ID}', 'https://shop.example.test/%7BCHECKOUT_ID%7D'].entries()) {
      const id = `chk_ok_${index}`;
      answers.set(id, JSON.stringify(sessionJson({ id, successUrl: url, cancelUrl: url })));
      const ready: string[] = [];
      element.addEventListener('paid-checkout-ready', (event) => ready.push(event.detail.checkout.id));
      element.checkoutId = id;
      await waitUntil(() => ready.includes(id), `${url}: never ready`, { timeout: 4000 });
      expect(shadow(element).querySelector('form[part~="form"]'), url).to.not.equal(null);
      const links = [...shadow(element).querySelectorAll('a')];
      expect(links.length, url).to.be.greaterThan(0);
      for (const link of links) expect(String(link.protocol), url).to.match(/^https?:$/);
    }
  });
});
