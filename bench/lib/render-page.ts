// What the render rows run inside the page, in any engine: each function is self-contained (it is
// sent to the browser as its source text) and takes at most one serialisable argument.

export interface UpdateTiming {
  start: number;
  rendered: number;
  laidOut: number;
  form: boolean;
  products: number;
}

export interface FirstRender {
  /** Lit's update: render() and the DOM commit. */
  script: number;
  /** The same, plus the style and layout it causes. */
  total: number;
  /** From the session's fetch resolving (JSON, validation, pricing) to laid out. */
  fromAnswer: number;
  /** Products in that first frame. */
  productsShown: number;
  /** From the first update's start until every product is rendered and laid out. */
  whole: number;
  /** The first frame's shadow DOM as HTML, for the browser-alone floor. */
  markup: string;
  /** The element's stylesheets as text. */
  css: string;
}

export interface Change {
  kind: 'tier' | 'quantity';
  /** From click() to updateComplete. */
  script: number;
  /** The same, plus the forced style and layout of the summary. */
  total: number;
  stripeUpdated: boolean;
  summaryChanged: boolean;
  productsTouched: number;
}

/** Instruments the page: update() timings, the session fetch, and layout after each update. */
export function instrumentUpdates(): void {
  const bench = window as unknown as {
    PaidCheckoutElement: { prototype: { update(changed: unknown): void } };
    __updates: UpdateTiming[];
    __answered: number;
    __firstFormMarkup?: string;
  };
  bench.__updates = [];
  const proto = bench.PaidCheckoutElement.prototype;
  const original = proto.update;
  proto.update = function (this: HTMLElement & { renderRoot: ShadowRoot }, changed: unknown) {
    const start = performance.now();
    original.call(this, changed);
    const rendered = performance.now();
    const form = this.renderRoot.querySelector('form');
    (form ?? this).getBoundingClientRect();
    const laidOut = performance.now();
    const products = this.renderRoot.querySelectorAll('article.product').length;
    bench.__updates.push({ start, rendered, laidOut, form: form !== null, products });
    // What the first frame holds, for the browser-alone floor (taken after the timing).
    if (form && bench.__firstFormMarkup === undefined) bench.__firstFormMarkup = this.renderRoot.innerHTML;
  };
  const fetchOriginal = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const response = await fetchOriginal(input, init);
    if (String(input instanceof Request ? input.url : input).includes('/api/public/checkout/')) bench.__answered = performance.now();
    return response;
  };
}

/**
 * Replaces the page's element with one for the session and resolves once its payment fields are
 * ready and every product is rendered (a long list fills in frame by frame).
 */
export function showSessionInPage({ id, apiBase }: { id: string; apiBase: string }): Promise<void> {
  const bench = window as unknown as { __updates: unknown[]; __firstFormMarkup?: string };
  bench.__updates = [];
  bench.__firstFormMarkup = undefined;
  document.querySelector('paid-checkout')?.remove();
  const element = document.createElement('paid-checkout') as HTMLElement & { updateComplete: Promise<boolean> };
  element.setAttribute('checkout-id', id);
  element.setAttribute('api-base', apiBase);
  document.body.append(element);
  const ready = () => element.shadowRoot?.querySelector('.payment-fields:not(.pending)');
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error('the payment fields were never ready'));
    }, 30_000);
    const settle = () => {
      if (!ready()) return;
      observer.disconnect();
      clearTimeout(timer);
      void element.updateComplete.then(() => resolve());
    };
    const observer = new MutationObserver(settle);
    observer.observe(element.shadowRoot!, { subtree: true, childList: true, attributes: true });
    settle();
  });
}

/** The first frame with a form of the element on the page, read after every product is rendered. */
export function readFirstRender(): FirstRender {
  const bench = window as unknown as { __updates: UpdateTiming[]; __answered: number; __firstFormMarkup: string };
  const first = bench.__updates.find((update) => update.form)!;
  const element = document.querySelector('paid-checkout')!;
  const total = element.shadowRoot!.querySelectorAll('article.product').length;
  const whole = bench.__updates.find((update) => update.products === total)!;
  const css = element
    .shadowRoot!.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n'))
    .join('\n');
  return {
    script: first.rendered - first.start,
    total: first.laidOut - first.start,
    fromAnswer: first.laidOut - bench.__answered,
    productsShown: first.products,
    whole: whole.laidOut - first.start,
    markup: bench.__firstFormMarkup,
    css,
  };
}

/** The browser alone: `markup` into a shadow root with the same stylesheet, then layout. */
export function floorInPage({ markup, css }: { markup: string; css: string }): number {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  shadow.adoptedStyleSheets = [sheet];
  host.getBoundingClientRect();
  const start = performance.now();
  shadow.innerHTML = markup;
  shadow.querySelector('form')!.getBoundingClientRect();
  const floor = performance.now() - start;
  host.remove();
  return floor;
}

/** `count` clicks alternating a tier radio and a quantity "+" across the list, each timed. */
export async function timeChanges(count: number): Promise<Change[]> {
  const element = document.querySelector('paid-checkout') as HTMLElement & { updateComplete: Promise<boolean> };
  const root = element.shadowRoot!;
  const probe = (window as unknown as { __stripeProbe: { updates: Array<{ at: number }> } }).__stripeProbe;
  const articles = [...root.querySelectorAll<HTMLElement>('article.product')];
  const touched = new Set<Element>();
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const node = record.target instanceof Element ? record.target : record.target.parentElement;
      const article = node?.closest('article.product');
      if (article) touched.add(article);
    }
  });
  observer.observe(root.querySelector('section.products')!, { subtree: true, childList: true, attributes: true, characterData: true });
  const results: Change[] = [];
  for (let index = 0; index < count; index += 1) {
    const kind = index % 2 === 0 ? 'tier' : 'quantity';
    // Flat products are even, per-seat products odd; walk across the list.
    const article = articles[(kind === 'tier' ? 0 : 1) + ((index * 2) % articles.length)]!;
    const target =
      kind === 'tier'
        ? [...article.querySelectorAll<HTMLInputElement>('input[type=radio]')].find((radio) => !radio.checked)!
        : article.querySelectorAll<HTMLButtonElement>('button.step')[1]!;
    const dueBefore = root.querySelector('[data-testid=due-today] .amount')!.textContent;
    const updatesBefore = probe.updates.length;
    touched.clear();
    const start = performance.now();
    target.click();
    await element.updateComplete;
    const script = performance.now() - start;
    root.querySelector('[data-testid=due-today]')!.getBoundingClientRect();
    const total = performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 0));
    results.push({
      kind,
      script,
      total,
      stripeUpdated: probe.updates.length > updatesBefore,
      summaryChanged: root.querySelector('[data-testid=due-today] .amount')!.textContent !== dueBefore,
      productsTouched: touched.size,
    });
  }
  observer.disconnect();
  return results;
}
