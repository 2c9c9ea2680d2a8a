// Each language the element speaks, as a customer reads it: that language's words (and none of
// English's), the root's lang and dir, Arabic's layout mirrored, and at 320 px no text clipped or
// running out of the element (German runs long, Japanese wraps differently, Arabic mirrors).
import { expect } from '@open-wc/testing';
import { waitUntil } from './support/wait.ts';
import { STUB_API, json, payButton, readyToPay, sessionJson, shadow, stubFetch, visibleText, type Json, type StubbedFetch } from './helpers.ts';
import type { PaidCheckoutElement } from '../../src/paid-checkout.ts';
import type { PaidCheckoutCompleteDetail } from '../../src/events.ts';
import { render } from 'lit';
import { loadCatalog } from '../../src/i18n/index.ts';
import { formatterFor } from '../../src/views/format.ts';
import { successView } from '../../src/views/result-states.ts';

const PK = { provider: 'stripe', publishableKey: 'pk_test_fixture' };

/** The fixture session, with a 14-day trial on Pro (a plural), a billing address to collect (the tax words), a sentence from the merchant. */
function session(): Json {
  const base = sessionJson({ payments: PK, collect: { name: true, email: true, address: true, phone: true } });
  const products = base.products as Json[];
  const analytics = products[0] as { plans: Array<{ prices: Json[]; description: string | null }> };
  // The merchant's words end with a full stop, which an Arabic paragraph would move to their start.
  analytics.plans[0]!.description = 'For small teams.';
  analytics.plans[1]!.prices = [
    { currency: 'usd', model: 'flat', amount: 4900, interval: 'month', trialDays: 14 },
    { currency: 'eur', model: 'flat', amount: 4500, interval: 'month', trialDays: 14 },
  ];
  return base;
}

// Words each language must show: the summary's title, a badge, a field group, a plural, a tax note.
// Written out here rather than read from the catalogs, so that a catalog not loaded (English shown)
// or a message mixed up fails. Arabic's 14 is written in the digits the engine's Intl gives plain ar
// (WebKit's gives ١٤, Chromium's 14), as its amounts are.
const languages: Array<{ locale: string; dir: 'ltr' | 'rtl'; words: string[] }> = [
  { locale: 'fr', dir: 'ltr', words: ['Récapitulatif', 'Recommandé', 'Adresse de facturation', 'Essai gratuit de 14 jours', 'Taxes calculées d’après votre adresse'] },
  { locale: 'de', dir: 'ltr', words: ['Bestellübersicht', 'Empfohlen', 'Rechnungsadresse', '14 Tage kostenlos testen', 'Steuern werden anhand Ihrer Adresse berechnet'] },
  { locale: 'es', dir: 'ltr', words: ['Resumen del pedido', 'Recomendado', 'Dirección de facturación', 'Prueba gratis de 14 días', 'Impuestos calculados según tu dirección'] },
  { locale: 'it', dir: 'ltr', words: ['Riepilogo dell’ordine', 'Consigliato', 'Indirizzo di fatturazione', 'Prova gratuita di 14 giorni', 'Imposte calcolate in base al tuo indirizzo'] },
  { locale: 'pt-BR', dir: 'ltr', words: ['Resumo do pedido', 'Recomendado', 'Endereço de cobrança', 'Teste grátis de 14 dias', 'Impostos calculados a partir do seu endereço'] },
  { locale: 'nl', dir: 'ltr', words: ['Besteloverzicht', 'Aanbevolen', 'Factuuradres', '14 dagen gratis proberen', 'Belasting berekend op basis van je adres'] },
  { locale: 'ja', dir: 'ltr', words: ['ご注文内容', 'おすすめ', '請求先住所', '14日間の無料トライアル', '税額はご住所から計算されます'] },
  { locale: 'ar', dir: 'rtl', words: ['ملخص الطلب', 'موصى بها', 'عنوان الفوترة', `تجربة مجانية لمدة ${new Intl.NumberFormat('ar').format(14)} يومًا`, 'تُحتسب الضريبة حسب عنوانك'] },
];
const englishWords = ['Order summary', 'Recommended', 'Billing address', 'free trial', 'Tax calculated from your address'];

/** A short name for an element in a failure message. */
function nameOf(node: Element): string {
  return `<${node.localName}${node.className ? ` class="${node.className}"` : ''}> "${(node.textContent ?? '').trim().slice(0, 40)}"`;
}

/**
 * Every element showing text of its own that is clipped (its content wider than its box) or that
 * runs outside the element's box; elements hidden on purpose (a live region) are left out.
 */
function clippedOrOverflowing(element: PaidCheckoutElement): string[] {
  const host = element.getBoundingClientRect();
  const problems: string[] = [];
  for (const node of shadow(element).querySelectorAll<HTMLElement>('*')) {
    const ownText = [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim() !== '');
    if (!ownText && !(node instanceof HTMLInputElement || node instanceof HTMLSelectElement)) continue;
    if (node.closest('.visually-hidden') || node.getClientRects().length === 0) continue;
    const box = node.getBoundingClientRect();
    if (node.clientWidth > 0 && node.scrollWidth > node.clientWidth + 1) problems.push(`${nameOf(node)} is clipped: ${node.scrollWidth} px of text in ${node.clientWidth} px`);
    if (box.left < host.left - 0.5 || box.right > host.right + 0.5) {
      problems.push(`${nameOf(node)} runs out of the element: ${Math.round(box.left)}–${Math.round(box.right)} px, the element ${Math.round(host.left)}–${Math.round(host.right)} px`);
    }
  }
  return problems;
}

describe('paid-checkout in every language', () => {
  let api: StubbedFetch | null = null;
  let host: HTMLElement | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
    host?.remove();
    host = null;
  });

  /**
   * The element in `locale`, in a box `width` px wide (a phone's column: a box rather than the
   * viewport, which WebKitGTK cannot make narrower than 447 px), once it can be paid.
   */
  async function mountIn(locale: string, width: number, edit: (session: Json) => void = () => {}): Promise<PaidCheckoutElement> {
    const answer = session();
    edit(answer);
    api = stubFetch(STUB_API, json(200, answer));
    host = document.createElement('div');
    host.style.width = `${width}px`;
    document.body.append(host);
    const element = document.createElement('paid-checkout');
    element.checkoutId = 'chk_fixture';
    element.apiBase = STUB_API;
    element.locale = locale;
    host.append(element);
    await readyToPay(element);
    return element;
  }

  it('says what its status region says in the language of the form: after the locale changes, or a catalog that came after the session', async () => {
    const element = await mountIn('en', 700);
    const status = shadow(element).querySelector('div.visually-hidden[role="status"]')!;
    expect(status.textContent!.trim()).to.equal('Checkout ready.');
    element.locale = 'nl';
    await element.updateComplete;
    expect(visibleText(element)).to.contain('Besteloverzicht');
    expect(status.textContent!.trim()).to.equal('Betaling klaar.');
  });

  for (const { locale, dir, words } of languages) {
    it(`speaks ${locale} (${dir}), with no text clipped or overflowing at 320 px`, async () => {
      const element = await mountIn(locale, 320);
      const text = visibleText(element);
      for (const word of words) expect(text, `${locale} shows “${word}”`).to.contain(word);
      for (const word of englishWords) expect(text, `${locale} shows no “${word}”`).to.not.contain(word);
      const root = shadow(element).querySelector<HTMLElement>('.root')!;
      expect(root.getAttribute('lang')).to.equal(locale);
      expect(root.getAttribute('dir')).to.equal(dir);
      expect(getComputedStyle(root).direction).to.equal(dir);

      expect(element.getBoundingClientRect().width).to.equal(320);
      expect(clippedOrOverflowing(element)).to.deep.equal([]);
      expect(root.scrollWidth, 'the element scrolls sideways').to.be.at.most(root.clientWidth);
      expect(element.scrollWidth, 'the element is wider than its box').to.be.at.most(320);
    });
  }

  it('mirrors its layout right to left in Arabic: tier radios and feature ticks at the right, the currency switcher at the left, the back arrow turned round; the merchant’s English in its own order, on the layout’s side', async () => {
    const sides = async (locale: string) => {
      const element = await mountIn(locale, 700);
      const root = shadow(element);
      const tier = root.querySelector('.tier')!.getBoundingClientRect();
      const radio = root.querySelector('.tier input')!.getBoundingClientRect();
      const toolbar = root.querySelector('.currency')!.parentElement!.getBoundingClientRect();
      const currency = root.querySelector('.currency')!.getBoundingClientRect();
      const feature = getComputedStyle(root.querySelector('.features li')!);
      // The merchant's English description ("For small teams"): its own left-to-right order, whatever the page's.
      const description = [...root.querySelector('.tier-details > p')!.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
      const characterAt = (offset: number) => {
        const range = document.createRange();
        range.setStart(description, offset);
        range.setEnd(description, offset + 1);
        return range.getBoundingClientRect();
      };
      const length = description.textContent!.length;
      const paragraph = description.parentElement!.getBoundingClientRect();
      const words = document.createRange();
      words.selectNodeContents(description);
      const line = words.getBoundingClientRect();
      const middle = (box: DOMRect) => box.left + box.width / 2;
      const sides = {
        radio: middle(radio) < middle(tier) ? 'left' : 'right',
        currency: middle(currency) < middle(toolbar) ? 'left' : 'right',
        // The feature's tick sits in its padding.
        tick: parseFloat(feature.paddingLeft) > parseFloat(feature.paddingRight) ? 'left' : 'right',
        merchantText: characterAt(length - 1).left > characterAt(0).left ? 'ltr' : 'rtl',
        backArrow: getComputedStyle(root.querySelector('.back > span')!).transform === 'none' ? 'as written' : 'turned round',
        merchantSide: Math.abs(line.right - paragraph.right) < 2 ? 'right' : Math.abs(line.left - paragraph.left) < 2 ? 'left' : 'neither',
      };
      api?.restore();
      host?.remove();
      return sides;
    };
    expect(await sides('en')).to.deep.equal({ radio: 'left', currency: 'right', tick: 'left', backArrow: 'as written', merchantText: 'ltr', merchantSide: 'left' });
    expect(await sides('ar')).to.deep.equal({ radio: 'right', currency: 'left', tick: 'right', backArrow: 'turned round', merchantText: 'ltr', merchantSide: 'right' });
  });

  it('keeps the merchant’s Latin names in their own order inside Arabic: a summary line’s “Seat+” keeps its + at its end', async () => {
    const element = await mountIn('ar', 700, (answer) => {
      const seats = (answer.products as Array<{ plans: Array<{ name: string }> }>)[1]!;
      seats.plans[0]!.name = 'Seat+';
    });
    const title = [...shadow(element).querySelectorAll('.line-title')].find((node) => node.textContent!.includes('Seat+'))!;
    // The characters of "Seat+", wherever its text node is inside the title.
    const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
    let text: Text | null = null;
    while (walker.nextNode()) if (walker.currentNode.textContent!.includes('Seat+')) text = walker.currentNode as Text;
    const at = (offset: number) => {
      const range = document.createRange();
      range.setStart(text!, offset);
      range.setEnd(text!, offset + 1);
      return range.getBoundingClientRect();
    };
    const start = text!.textContent!.indexOf('Seat+');
    const first = at(start);
    const last = at(start + 'Seat+'.length - 1);
    expect(last.left, 'the + of “Seat+” is drawn after its S, not moved before the name').to.be.greaterThan(first.left);
  });

  it('says what was paid today with the language’s own colon: French’s no-break space before it, Japanese’s full-width one', async () => {
    const paid = async (locale: string, amountDue: number, currency: string) => {
      await loadCatalog(locale);
      const detail = { amountDue, currency, receiptEmail: null, redirectUrl: null } as unknown as PaidCheckoutCompleteDetail;
      const box = document.createElement('div');
      render(successView(detail, false, null, formatterFor(locale), null, false), box);
      const line = box.querySelector('.paid-amount')!;
      return { text: line.textContent!, amount: line.querySelector('strong')!.textContent! };
    };
    const fr = await paid('fr', 4900, 'eur');
    expect(fr.text).to.equal(`Payé aujourd’hui\u00a0: ${fr.amount}`);
    const ja = await paid('ja', 4900, 'jpy');
    expect(ja.text).to.equal(`本日お支払い済み：${ja.amount}`);
    expect((await paid('en', 4900, 'usd')).text).to.equal('Paid today: $49.00');
  });

  it('names an empty field inside its message as the language writes it: German keeps its nouns capitalised, French lowers the first letter', async () => {
    const messagesFor = async (locale: string) => {
      const element = await mountIn(locale, 700);
      payButton(element).click();
      const email = shadow(element).querySelector<HTMLInputElement>('#field-email')!;
      await waitUntil(() => email.getAttribute('aria-invalid') === 'true', `${locale}: the empty email field was never marked`);
      const message = shadow(element).getElementById(email.getAttribute('aria-describedby')!)!.textContent!.trim();
      api?.restore();
      host?.remove();
      return message;
    };
    expect(await messagesFor('de')).to.equal('Bitte ausfüllen: E-Mail.');
    expect(await messagesFor('fr')).to.equal('Saisissez votre e-mail.');
  });

  it('reads Brazilian Portuguese for plain pt', async () => {
    const element = await mountIn('pt', 700);
    expect(visibleText(element)).to.contain('Resumo do pedido');
  });
});
