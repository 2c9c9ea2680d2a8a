// What the customer sees: every price model, upgrades, French, hostile strings as plain text,
// metadata never shown, keyboard-only use, and layouts from 320 to 1200 px.
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { sendKeys } from '@web/test-runner-commands';
import { accessibleName, setViewport } from './support/engine.ts';
import { sizedPage, type SizedPage } from './support/sized-page.ts';
import {
  brokenImageReported,
  STUB_API,
  json,
  mountCheckout,
  mountRecording,
  payButton,
  readyToPay,
  record,
  sessionJson,
  shadow,
  stubFetch,
  stubFetchIn,
  unmountedRecording,
  untaxedQuote,
  visibleText,
  waitForText,
  type Json,
  type StubbedFetch,
} from './helpers.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };

function product(id: string, name: string, price: Json, extra: Json = {}): Json {
  return { id, name, description: null, current: null, plans: [], basePrice: price, ...extra };
}

/** The session's answer: a checkout in US dollars only (no currency switcher) that sells `products`. */
function usdSession(...products: Json[]): Response {
  return json(200, sessionJson({ allowedCurrencies: ['usd'], products }));
}

describe('paid-checkout content', () => {
  let api: StubbedFetch | null = null;
  let sized: SizedPage | null = null;
  afterEach(async () => {
    api?.restore();
    api = null;
    sized?.close();
    sized = null;
    await setViewport({ width: 800, height: 600 });
  });

  it('shows base prices, usage billed in arrears, one-time prices and trials', async () => {
    api = stubFetch(
      STUB_API,
      usdSession(
        product('prod_setup', 'Onboarding', { currency: 'usd', model: 'one_time', amount: 19900, interval: 'one_time' }),
        product('prod_api', 'API calls', { currency: 'usd', model: 'usage', amount: 2, interval: 'month', unitLabel: 'call', includedQuantity: 1000 }),
        product('prod_trial', 'Reports', { currency: 'usd', model: 'flat', amount: 900, interval: 'month', trialDays: 14 }),
      ),
    );
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Onboarding');
    const text = visibleText(element);
    expect(text).to.contain('$199.00 one-time');
    expect(text).to.contain('$0.02 per call, billed in arrears');
    expect(text).to.contain('14-day free trial');
    expect(text).to.contain('1,000 included');
    expect(shadow(element).querySelector('[data-testid="due-today"]')!.textContent).to.contain('$199.00');
    expect(text).to.match(/Then \$9\.00 monthly, from/);
    expect(text).to.match(/Then usage billed monthly, from/);
    // One currency allowed: no switcher.
    expect(shadow(element).querySelector('#currency')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('says no units are included on a price that charges every unit (only usage prices include units)', async () => {
    api = stubFetch(STUB_API, usdSession(product('prod_desk', 'Desks', { currency: 'usd', model: 'per_unit', amount: 500, interval: 'month', unitLabel: 'desk', includedQuantity: 3 })));
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Desks');
    expect(visibleText(element)).to.not.contain('included');
    expect(shadow(element).querySelector('[data-testid="due-today"]')!.textContent, 'every desk is charged').to.contain('$5.00');
  });

  it('shows money in the currency’s own minor units (no decimals for yen)', async () => {
    api = stubFetch(
      STUB_API,
      json(
        200,
        sessionJson({
          allowedCurrencies: ['jpy'],
          currency: 'jpy',
          products: [product('prod_jp', 'Tokyo plan', { currency: 'jpy', model: 'flat', amount: 4980, interval: 'month' })],
        }),
      ),
    );
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Tokyo plan');
    expect(visibleText(element)).to.contain('¥4,980 / month');
    expect(shadow(element).querySelector('[data-testid="due-today"]')!.textContent).to.contain('¥4,980');
    expect(visibleText(element)).to.not.contain('¥49.80');
  });

  it('prices graduated seats from the quantity and keeps the stepper in bounds', async () => {
    api = stubFetch(
      STUB_API,
      usdSession(
        product('prod_seats', 'Seats', {
          currency: 'usd',
          model: 'graduated',
          amount: 0,
          interval: 'month',
          unitLabel: 'seat',
          minQuantity: 2,
          maxQuantity: 4,
          tiers: [
            { upTo: 2, unitAmount: 1000, flatAmount: 0 },
            { upTo: null, unitAmount: 500, flatAmount: 0 },
          ],
        }),
      ),
    );
    const element = await mountCheckout('chk_fixture');
    const changes = record(element, 'paid-checkout-change');
    await waitForText(element, 'From $5.00 per seat / month');
    const tiers = shadow(element).querySelector('.price-tiers')!;
    expect([...tiers.querySelectorAll('li')].map((item) => item.textContent)).to.deep.equal(['1–2: $10.00', '3 and more: $5.00']);
    expect(tiers.querySelector('ul')!.getAttribute('aria-label')).to.equal('Price per seat by quantity');
    expect(tiers.textContent).to.contain('Each tier prices the units within it.');
    const input = shadow(element).querySelector<HTMLInputElement>('.quantity input')!;
    const [minus, plus] = shadow(element).querySelectorAll<HTMLButtonElement>('.quantity button');
    expect(input.value).to.equal('2');
    expect(minus!.disabled).to.equal(true);
    plus!.click();
    await element.updateComplete;
    expect(input.value).to.equal('3');
    expect(shadow(element).querySelector('[data-testid="due-today"]')!.textContent).to.contain('$25.00');
    input.value = '99';
    input.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(input.value).to.equal('4');
    expect(plus!.disabled).to.equal(true);
    expect(changes.map((event) => event.detail.amountDue)).to.deep.equal([2500, 3000]);
  });

  it('names the quantity field by its label and its product, as the engine’s accessibility tree reads it', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Team seats');
    const path = ['paid-checkout', '.quantity input'];
    const expected = 'Quantity (seat), Team seats';
    const computed = await accessibleName(path, expected);
    expect(computed.found, 'the quantity field').to.equal(true);
    if (computed.found) expect(computed.matches, `the engine named it ${JSON.stringify(computed.name)}`).to.equal(true);
  });

  it('shows an upgrade: current plan marked, credit, charge, renewal; the current plan again is no change', async () => {
    const periodStart = new Date(Date.now() - 15 * 86_400_000).toISOString();
    const periodEnd = new Date(Date.now() + 15 * 86_400_000).toISOString();
    const base = sessionJson();
    const [analytics] = base.products as Json[];
    const session = sessionJson({
      payments: PK,
      allowedCurrencies: ['usd'],
      collect: { name: false, email: false, address: false, phone: false },
      customer: { id: 'cus_ada', name: 'Ada Lovelace', email: 'ada@example.com' },
      products: [
        {
          ...analytics,
          current: { orderId: 'ord_ada', planId: 'plan_starter', quantity: 1, periodStart, periodEnd, amount: 1900, currency: 'usd', interval: 'month' },
        },
      ],
    });
    // A known customer's order is quoted (the backend taxes it from the address on file: Ada has none).
    api = stubFetch(STUB_API, json(200, session), () => untaxedQuote(session, api!.calls.at(-1)!.body));
    const element = await mountRecording('chk_fixture');
    await waitForText(element, 'Signed in as Ada Lovelace (ada@example.com)');
    const starter = shadow(element).querySelector<HTMLInputElement>('input[value="plan_starter"]')!;
    expect(starter.checked).to.equal(true);
    expect(starter.closest('.tier')!.textContent).to.contain('Current plan');
    expect(shadow(element).querySelector('#field-name')).to.equal(null);
    // Nothing changed yet: Pay is disabled and says why.
    await waitUntil(() => shadow(element).querySelector('[data-code="no_change"]'));
    expect(payButton(element).disabled).to.equal(true);
    await expect(element).to.be.accessible();

    shadow(element).querySelector<HTMLInputElement>('input[value="plan_pro"]')!.click();
    await readyToPay(element);
    const text = visibleText(element);
    expect(text).to.contain('Credit for unused time on your current plan');
    expect(text).to.match(/−?-?\$9\.\d\d/);
    expect(text).to.contain('Pro for the rest of the period');
    expect(text).to.contain('Renews on');
    // About half of (49 − 19) is due today.
    const due = shadow(element).querySelector('[data-testid="due-today"] .amount')!.textContent!;
    expect(Number(due.replace(/[^\d.]/g, ''))).to.be.within(14, 16);
    expect(payButton(element).textContent).to.contain(`Pay ${due}`);
    await expect(element).to.be.accessible();
  });

  it('names a signed-in customer whose name on file shows nothing by their email, not "Signed in as" and a blank', async () => {
    const session = sessionJson({
      payments: PK,
      collect: { name: false, email: false, address: false, phone: false },
      customer: { id: 'cus_ada', name: ' \u200b ', email: 'ada@example.com' },
    });
    api = stubFetch(STUB_API, json(200, session), () => untaxedQuote(session, api!.calls.at(-1)!.body));
    const element = await mountRecording('chk_fixture');
    await waitForText(element, 'Signed in as ada@example.com');
    expect(shadow(element).querySelector('.signed-in')!.textContent!.trim()).to.equal('Signed in as ada@example.com');
  });

  it('speaks French with locale="fr", money and dates included', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })));
    const element = await mountRecording('chk_fixture', STUB_API, 'fr');
    await readyToPay(element);
    const text = visibleText(element);
    expect(text).to.contain('Récapitulatif');
    expect(text).to.contain('À payer aujourd’hui');
    expect(text).to.contain('Recommandé');
    expect(payButton(element).textContent).to.match(/Payer 59,00\s\$US/);
    expect(text).to.match(/Puis .* par mois, à partir du \d+ \p{L}+ \d{4}/u);
    expect(shadow(element).querySelector('label[for="field-name"]')!.textContent).to.contain('Nom complet');
    await expect(element).to.be.accessible();
  });

  it('has a dark theme that passes axe with Stripe’s fields in it, and a light one', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson({ payments: PK })));
    const element = await mountRecording('chk_fixture');
    element.theme = 'dark';
    await readyToPay(element);
    const background = getComputedStyle(shadow(element).querySelector('.summary')!).backgroundColor;
    expect(background).to.equal('rgb(23, 26, 35)');
    expect(getComputedStyle(element).colorScheme).to.equal('dark');
    await expect(element).to.be.accessible();
    element.theme = 'light';
    await element.updateComplete;
    expect(getComputedStyle(shadow(element).querySelector('.summary')!).backgroundColor).to.equal('rgb(255, 255, 255)');
    await expect(element).to.be.accessible();
  });

  it('follows the page language when no locale is set', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    document.documentElement.lang = 'fr';
    try {
      const element = document.createElement('paid-checkout');
      element.checkoutId = 'chk_fixture';
      element.apiBase = STUB_API;
      document.body.append(element);
      await waitForText(element, 'Récapitulatif');
      element.remove();
    } finally {
      document.documentElement.lang = 'en';
    }
  });

  const hostile = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=1</script>',
    '"><svg onload=window.__pwned=1>',
    'javascript:window.__pwned=1',
    '\u202Egnp.exe',
    'A'.repeat(400),
  ];

  it('renders hostile strings as text: nothing executes, nothing becomes markup', async () => {
    (window as unknown as { __pwned?: number }).__pwned = undefined;
    const [first] = sessionJson().products as Json[];
    const plans = (first!.plans as Json[]).map((plan, index) => ({
      ...plan,
      name: hostile[index]!,
      description: hostile[index + 2]!,
      features: hostile,
    }));
    api = stubFetch(
      STUB_API,
      json(
        200,
        sessionJson({
          products: [{ ...first, name: hostile[0], description: hostile[1], plans }],
          customer: { id: 'cus_x', name: hostile[2], email: hostile[3] },
          collect: { name: false, email: false, address: false, phone: false },
        }),
      ),
    );
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, '<img src=x onerror="window.__pwned=1">');
    await brokenImageReported();
    const root = shadow(element);
    expect(root.querySelector('img, script:not([type]), svg[onload], [onerror], [onload]')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    for (const link of root.querySelectorAll('a')) expect(link.href).to.match(/^https?:/);
    expect(element.getBoundingClientRect().width).to.be.at.most(document.documentElement.clientWidth);
  });

  for (const unitLabel of ['call\u202e', 'call\u2069\u202e']) {
    it(`keeps a sentence in order around a merchant\u2019s text that leaves a right-to-left override open (${JSON.stringify(unitLabel)})`, async () => {
      api = stubFetch(STUB_API, usdSession(product('prod_api', 'API calls', { currency: 'usd', model: 'usage', amount: 2, interval: 'month', unitLabel })));
      const element = await mountCheckout('chk_fixture');
      await waitForText(element, 'billed in arrears');
      const walker = document.createTreeWalker(shadow(element), NodeFilter.SHOW_TEXT);
      let sentence: Text | null = null;
      while (!sentence && walker.nextNode()) if (walker.currentNode.textContent!.includes('billed in arrears')) sentence = walker.currentNode as Text;
      // Where a word of the sentence is drawn: left of the next one in English, unless the override turned them around.
      const leftOf = (word: string) => {
        const range = document.createRange();
        const at = sentence!.textContent!.indexOf(word);
        range.setStart(sentence!, at);
        range.setEnd(sentence!, at + word.length);
        return range.getBoundingClientRect().left;
      };
      expect(leftOf('$0.02'), '$0.02 is drawn before billed').to.be.below(leftOf('billed'));
      expect(leftOf('billed'), 'billed is drawn before arrears').to.be.below(leftOf('arrears'));
    });
  }

  it('never puts metadata in the DOM, even when a server sends it', async () => {
    api = stubFetch(STUB_API, json(200, { ...sessionJson(), metadata: { internalNote: 'SECRET-METADATA-VALUE' } }));
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Analytics');
    expect(shadow(element).innerHTML).to.not.contain('SECRET-METADATA-VALUE');
    expect(element.outerHTML).to.not.contain('SECRET-METADATA-VALUE');
  });

  it('offers a tier picker with one tab stop and arrow keys, and a purchase by keyboard', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const element = await mountCheckout('chk_fixture');
    const changes = record(element, 'paid-checkout-change');
    await waitForText(element, 'Analytics');
    const radios = [...shadow(element).querySelectorAll<HTMLInputElement>('input[name="plan-p0"]')];
    expect(radios.map((radio) => radio.checked)).to.deep.equal([false, true]);
    expect(radios[1]!.closest('fieldset')!.querySelector('legend')!.textContent).to.contain('Choose a plan for Analytics');
    radios[1]!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await element.updateComplete;
    expect(radios[0]!.checked).to.equal(true);
    expect(changes.at(-1)!.detail.selections[0]!.planId).to.equal('plan_starter');
    // Tab leaves the group for the next control (one tab stop).
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement?.getAttribute('name')).to.not.equal('plan-p0');
  });

  it('gives cards and tiers less padding in a narrow container (320 px), the usual padding in a wide one', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const paddings = async (width: number) => {
      const host = document.createElement('div');
      host.style.width = `${width}px`;
      document.body.append(host);
      const element = document.createElement('paid-checkout');
      element.checkoutId = 'chk_fixture';
      element.apiBase = STUB_API;
      host.append(element);
      try {
        await waitForText(element, 'Analytics');
        const root = shadow(element);
        return [getComputedStyle(root.querySelector('.product')!).paddingTop, getComputedStyle(root.querySelector('.tier')!).paddingLeft];
      } finally {
        host.remove();
      }
    };
    // --paid-spacing is 8px: 1.5× and 4× when narrow, 2.5× and the tier's own when wide.
    expect(await paddings(320)).to.deep.equal(['12px', '32px']);
    const [cardWide, tierWide] = await paddings(700);
    expect(cardWide).to.equal('20px');
    expect(tierWide).to.not.equal('32px');
  });

  it('rings the tier a keyboard user moves to, in every engine', async () => {
    api = stubFetch(STUB_API, json(200, sessionJson()));
    const element = await mountCheckout('chk_fixture');
    await waitForText(element, 'Analytics');
    const radios = [...shadow(element).querySelectorAll<HTMLInputElement>('input[name="plan-p0"]')];
    radios[1]!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await element.updateComplete;
    expect(shadow(element).activeElement).to.equal(radios[0]);
    // Safari does not count a radio reached by arrow keys as :focus-visible; the ring shows anyway.
    // It is on the tier's card where :has() is known, else on the radio itself: never on neither.
    const tier = radios[0]!.closest<HTMLElement>('.tier')!;
    const rings = [tier, radios[0]!].filter((node) => getComputedStyle(node).outlineStyle !== 'none');
    expect(rings).to.have.length(1);
  });

  for (const width of [320, 1200]) {
    // Where the engine's window cannot take the width (WebKitGTK's is never under 447 px), in a frame of it.
    it(`does not overflow at ${width} px`, async () => {
      const page = (sized = await sizedPage({ width, height: 900 }));
      api = stubFetchIn(page.window, STUB_API, json(200, sessionJson({ payments: PK })));
      const element = await page.mount(unmountedRecording('chk_fixture', STUB_API, 'en', page.document));
      await readyToPay(element);
      const root = shadow(element);
      expect(page.document.documentElement.scrollWidth).to.be.at.most(width);
      for (const node of root.querySelectorAll<HTMLElement>('.product, .summary, .payment, .customer, .tier, [part~="pay-button"]')) {
        const box = node.getBoundingClientRect();
        expect(box.right, node.className).to.be.at.most(width + 0.5);
        expect(box.left).to.be.at.least(-0.5);
      }
      const products = root.querySelector('.products')!.getBoundingClientRect();
      const side = root.querySelector('.side')!.getBoundingClientRect();
      if (width >= 1200) expect(side.left).to.be.greaterThan(products.right - 1); // two columns
      else expect(side.top).to.be.at.least(products.bottom - 1); // one column
      await page.expectAccessible(element);
    });
  }
});
