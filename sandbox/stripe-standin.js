// @ts-check
// An offline stand-in for Stripe.js (release "endive"): the documented surface that
// <paid-checkout> uses, Stripe's rules and messages, and Stripe's test cards deciding outcomes.
// A classic script with no imports: its only global is window.Stripe.
(function () {
  'use strict';

  /**
   * @typedef {{ type: string, code?: string, message: string, decline_code?: string, payment_intent?: object }} StandInError
   * @typedef {(event: any) => unknown} Handler
   * @typedef {{ theme?: string, variables?: Record<string, string | undefined> }} Appearance
   * @typedef {{ mode?: string, amount?: number, currency?: string, appearance?: Appearance, locale?: string, clientSecret?: string }} ElementsOptions
   * @typedef {{ code: string, message: string }} FieldProblem
   * @typedef {{
   *   name: string,
   *   input: HTMLInputElement | HTMLSelectElement,
   *   label: HTMLLabelElement,
   *   problemNode: HTMLElement,
   *   wrapper: HTMLElement,
   *   shown: () => boolean,
   *   check: () => FieldProblem | null,
   *   isEmpty: () => boolean,
   * }} Field
   * @typedef {{
   *   type: string,
   *   element: object,
   *   mounted: () => boolean,
   *   validate: (show: boolean) => StandInError | null,
   *   restyle: () => void,
   *   relabel: () => void,
   *   cardDetails: () => CardDetails | null,
   *   addressDetails: () => Record<string, unknown>,
   *   billingAddressToPass: () => string[],
   * }} ElementState
   * @typedef {{ options: ElementsOptions, elements: Map<string, ElementState>, submitted: boolean }} GroupState
   * @typedef {{ number: string, brand: string, expMonth: number, expYear: number, cvc: string, country: string, postalCode: string }} CardDetails
   */

  const RELEASE = 'endive';

  /** @type {unknown} */
  const existing = /** @type {any} */ (window).Stripe;
  if (typeof existing === 'function' && /** @type {{ version?: unknown }} */ (existing).version === RELEASE) {
    console.warn('It looks like Stripe.js was loaded more than one time. Please only load it once per page.');
    return;
  }

  // Where the sandbox that serves this script answers the 3-D Secure challenge: captured now,
  // because document.currentScript is null once the script has run.
  const current = document.currentScript;
  const SANDBOX_ORIGIN = current instanceof HTMLScriptElement && current.src ? new URL(current.src).origin : location.origin;
  // Stripe.js talks to Stripe from its own frame, out of the page's reach: the stand-in registers
  // its tokens with the fetch the page had when it loaded, not one a page or a test puts in later.
  const stripeFetch = window.fetch.bind(window);

  class IntegrationError extends Error {
    /** @param {string} message */
    constructor(message) {
      super(message);
      this.name = 'IntegrationError';
    }
  }

  // ---- test cards ------------------------------------------------------------------------

  /** Stripe's test cards and the outcome each one stands for (the sandbox reads it from the token). */
  const TEST_CARD_OUTCOMES = new Map([
    ['4242424242424242', 'succeeds'],
    ['4000000000009995', 'insufficient_funds'],
    ['4000000000000002', 'card_declined'],
    ['4000002760003184', 'threeds'],
    ['4000000000003063', 'threeds'],
  ]);

  /**
   * Test cards whose bank confirms by redirect: the payment's next action leaves the page for the
   * sandbox's test bank, which comes back to `return_url` (the sandbox sees a 3-D Secure payment).
   */
  const REDIRECT_CARDS = new Set(['4000000000003063']);

  /** @param {string} digits */
  function brandOf(digits) {
    if (/^3[47]/.test(digits)) return 'amex';
    if (/^3(0[0-5]|[689])/.test(digits)) return 'diners';
    if (/^(5[1-5]|2[2-7])/.test(digits)) return 'mastercard';
    if (/^(6011|65|64[4-9]|622)/.test(digits)) return 'discover';
    if (/^35/.test(digits)) return 'jcb';
    if (/^62/.test(digits)) return 'unionpay';
    if (/^4/.test(digits)) return 'visa';
    return 'unknown';
  }

  /** @param {string} digits */
  const numberLength = (digits) => (brandOf(digits) === 'amex' ? 15 : brandOf(digits) === 'diners' ? 14 : 16);
  /** @param {string} digits */
  const cvcLength = (digits) => (brandOf(digits) === 'amex' ? 4 : 3);
  /** @param {string} value */
  const digitsOf = (value) => value.replace(/\D/g, '');

  /** @param {string} digits */
  function luhnValid(digits) {
    let sum = 0;
    for (let index = 0; index < digits.length; index += 1) {
      let digit = Number(digits[digits.length - 1 - index]);
      if (index % 2 === 1) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    return digits.length > 0 && sum % 10 === 0;
  }

  /** @param {string} digits */
  function formatNumber(digits) {
    const groups = brandOf(digits) === 'amex' ? [4, 6, 5] : brandOf(digits) === 'diners' ? [4, 6, 4] : [4, 4, 4, 4, 3];
    const parts = [];
    let rest = digits;
    for (const size of groups) {
      if (!rest) break;
      parts.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    return parts.join(' ');
  }

  /** @param {string} digits @param {boolean} deleting */
  function formatExpiry(digits, deleting) {
    if (digits.length === 1 && Number(digits) > 1) digits = `0${digits}`;
    if (digits.length < 2) return digits;
    if (digits.length === 2) return deleting ? digits : `${digits} / `;
    return `${digits.slice(0, 2)} / ${digits.slice(2, 4)}`;
  }

  /** @param {string} value → { month, year } with a four-digit year, or null while incomplete. */
  function parseExpiry(value) {
    const digits = digitsOf(value);
    if (digits.length !== 4 && digits.length !== 6) return null;
    const month = Number(digits.slice(0, 2));
    const year = digits.length === 4 ? 2000 + Number(digits.slice(2)) : Number(digits.slice(2));
    return { month, year };
  }

  // ---- words -----------------------------------------------------------------------------

  const MESSAGES = {
    en: {
      banner: 'Test stand-in for Stripe: no real card is charged.',
      cards: 'Test cards:',
      succeeds: 'succeeds',
      insufficient_funds: 'insufficient funds',
      card_declined: 'declined',
      threeds: 'asks for 3-D Secure',
      redirect: 'redirects to a test bank',
      anyDate: 'Any future date, any CVC.',
      number: 'Card number',
      expiry: 'Expiration date',
      expiryPlaceholder: 'MM / YY',
      cvc: 'Security code',
      country: 'Country',
      zip: 'ZIP',
      postal: 'Postal code',
      name: 'Full name',
      line1: 'Address line 1',
      line2: 'Address line 2',
      city: 'City',
      state: 'State',
      incomplete_number: 'Your card number is incomplete.',
      invalid_number: 'Your card number is invalid.',
      incomplete_expiry: "Your card's expiration date is incomplete.",
      invalid_expiry_month: "Your card's expiration month is invalid.",
      invalid_expiry_month_past: "Your card's expiration date is in the past.",
      invalid_expiry_year_past: "Your card's expiration year is in the past.",
      invalid_expiry_year: "Your card's expiration year is invalid.",
      incomplete_cvc: "Your card's security code is incomplete.",
      incomplete_zip: 'Your ZIP is incomplete.',
      incomplete_postal: 'Your postal code is incomplete.',
      incomplete_field: 'This field is incomplete.',
      authentication_failed: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    },
    fr: {
      banner: 'Substitut de test pour Stripe : aucune carte réelle n’est débitée.',
      cards: 'Cartes de test :',
      succeeds: 'réussit',
      insufficient_funds: 'fonds insuffisants',
      card_declined: 'refusée',
      threeds: 'demande 3-D Secure',
      redirect: 'redirige vers une banque de test',
      anyDate: 'Toute date future, tout CVC.',
      number: 'Numéro de carte',
      expiry: 'Date d’expiration',
      expiryPlaceholder: 'MM / AA',
      cvc: 'Code de sécurité',
      country: 'Pays',
      zip: 'Code postal',
      postal: 'Code postal',
      name: 'Nom complet',
      line1: 'Adresse ligne 1',
      line2: 'Adresse ligne 2',
      city: 'Ville',
      state: 'État',
      incomplete_number: 'Le numéro de votre carte est incomplet.',
      invalid_number: 'Le numéro de votre carte est invalide.',
      incomplete_expiry: 'La date d’expiration de votre carte est incomplète.',
      invalid_expiry_month: 'Le mois d’expiration de votre carte n’est pas valide.',
      invalid_expiry_month_past: 'La date d’expiration de votre carte est dépassée.',
      invalid_expiry_year_past: 'L’année d’expiration de votre carte est dépassée.',
      invalid_expiry_year: 'L’année d’expiration de votre carte n’est pas valide.',
      incomplete_cvc: 'Le code de sécurité de votre carte est incomplet.',
      incomplete_zip: 'Votre code postal est incomplet.',
      incomplete_postal: 'Votre code postal est incomplet.',
      incomplete_field: 'Ce champ est incomplet.',
      authentication_failed: 'Nous ne parvenons pas à authentifier votre moyen de paiement. Veuillez choisir un autre moyen de paiement et réessayer.',
    },
    de: {
      banner: 'Test-Ersatz für Stripe: Es wird keine echte Karte belastet.',
      cards: 'Testkarten:',
      succeeds: 'erfolgreich',
      insufficient_funds: 'unzureichende Deckung',
      card_declined: 'abgelehnt',
      threeds: 'verlangt 3-D Secure',
      redirect: 'leitet zu einer Testbank weiter',
      anyDate: 'Beliebiges Datum in der Zukunft, beliebige Prüfnummer.',
      number: 'Kartennummer',
      expiry: 'Ablaufdatum',
      expiryPlaceholder: 'MM / JJ',
      cvc: 'Sicherheitscode',
      country: 'Land',
      zip: 'Postleitzahl',
      postal: 'Postleitzahl',
      name: 'Vollständiger Name',
      line1: 'Adresszeile 1',
      line2: 'Adresszeile 2',
      city: 'Ort',
      state: 'Bundesstaat',
      incomplete_number: 'Ihre Kartennummer ist unvollständig.',
      invalid_number: 'Ihre Kartennummer ist ungültig.',
      incomplete_expiry: 'Das Ablaufdatum Ihrer Karte ist unvollständig.',
      invalid_expiry_month: 'Der Ablaufmonat Ihrer Karte ist ungültig.',
      invalid_expiry_month_past: 'Das Ablaufdatum Ihrer Karte liegt in der Vergangenheit.',
      invalid_expiry_year_past: 'Das Ablaufjahr Ihrer Karte liegt in der Vergangenheit.',
      invalid_expiry_year: 'Das Ablaufjahr Ihrer Karte ist ungültig.',
      incomplete_cvc: 'Der Sicherheitscode Ihrer Karte ist unvollständig.',
      incomplete_zip: 'Ihre Postleitzahl ist unvollständig.',
      incomplete_postal: 'Ihre Postleitzahl ist unvollständig.',
      incomplete_field: 'Dieses Feld ist unvollständig.',
      authentication_failed: 'Wir können Ihre Zahlungsmethode nicht authentifizieren. Bitte wählen Sie eine andere Zahlungsmethode und versuchen Sie es erneut.',
    },
    es: {
      banner: 'Sustituto de prueba de Stripe: no se cobra ninguna tarjeta real.',
      cards: 'Tarjetas de prueba:',
      succeeds: 'se aprueba',
      insufficient_funds: 'fondos insuficientes',
      card_declined: 'rechazada',
      threeds: 'pide 3-D Secure',
      redirect: 'redirige a un banco de prueba',
      anyDate: 'Cualquier fecha futura y cualquier CVC.',
      number: 'Número de tarjeta',
      expiry: 'Fecha de vencimiento',
      expiryPlaceholder: 'MM / AA',
      cvc: 'Código de seguridad',
      country: 'País',
      zip: 'Código postal',
      postal: 'Código postal',
      name: 'Nombre completo',
      line1: 'Dirección, línea 1',
      line2: 'Dirección, línea 2',
      city: 'Ciudad',
      state: 'Estado',
      incomplete_number: 'El número de tu tarjeta está incompleto.',
      invalid_number: 'El número de tu tarjeta no es válido.',
      incomplete_expiry: 'La fecha de vencimiento de tu tarjeta está incompleta.',
      invalid_expiry_month: 'El mes de vencimiento de tu tarjeta no es válido.',
      invalid_expiry_month_past: 'La fecha de vencimiento de tu tarjeta ya pasó.',
      invalid_expiry_year_past: 'El año de vencimiento de tu tarjeta ya pasó.',
      invalid_expiry_year: 'El año de vencimiento de tu tarjeta no es válido.',
      incomplete_cvc: 'El código de seguridad de tu tarjeta está incompleto.',
      incomplete_zip: 'Tu código postal está incompleto.',
      incomplete_postal: 'Tu código postal está incompleto.',
      incomplete_field: 'Este campo está incompleto.',
      authentication_failed: 'No podemos autenticar tu método de pago. Elige otro método de pago y vuelve a intentarlo.',
    },
    it: {
      banner: 'Sostituto di prova di Stripe: nessuna carta reale viene addebitata.',
      cards: 'Carte di prova:',
      succeeds: 'va a buon fine',
      insufficient_funds: 'fondi insufficienti',
      card_declined: 'rifiutata',
      threeds: 'richiede 3-D Secure',
      redirect: 'reindirizza a una banca di prova',
      anyDate: 'Qualsiasi data futura, qualsiasi CVC.',
      number: 'Numero della carta',
      expiry: 'Data di scadenza',
      expiryPlaceholder: 'MM / AA',
      cvc: 'Codice di sicurezza',
      country: 'Paese',
      zip: 'CAP',
      postal: 'Codice postale',
      name: 'Nome e cognome',
      line1: 'Indirizzo, riga 1',
      line2: 'Indirizzo, riga 2',
      city: 'Città',
      state: 'Stato',
      incomplete_number: 'Il numero della carta è incompleto.',
      invalid_number: 'Il numero della carta non è valido.',
      incomplete_expiry: 'La data di scadenza della carta è incompleta.',
      invalid_expiry_month: 'Il mese di scadenza della carta non è valido.',
      invalid_expiry_month_past: 'La data di scadenza della carta è già passata.',
      invalid_expiry_year_past: 'L’anno di scadenza della carta è già passato.',
      invalid_expiry_year: 'L’anno di scadenza della carta non è valido.',
      incomplete_cvc: 'Il codice di sicurezza della carta è incompleto.',
      incomplete_zip: 'Il CAP è incompleto.',
      incomplete_postal: 'Il codice postale è incompleto.',
      incomplete_field: 'Questo campo è incompleto.',
      authentication_failed: 'Non riusciamo ad autenticare il tuo metodo di pagamento. Scegli un altro metodo di pagamento e riprova.',
    },
    pt: {
      banner: 'Substituto de teste do Stripe: nenhum cartão real é cobrado.',
      cards: 'Cartões de teste:',
      succeeds: 'é aprovado',
      insufficient_funds: 'saldo insuficiente',
      card_declined: 'recusado',
      threeds: 'pede 3-D Secure',
      redirect: 'redireciona para um banco de teste',
      anyDate: 'Qualquer data futura, qualquer CVC.',
      number: 'Número do cartão',
      expiry: 'Data de validade',
      expiryPlaceholder: 'MM / AA',
      cvc: 'Código de segurança',
      country: 'País',
      zip: 'CEP',
      postal: 'Código postal',
      name: 'Nome completo',
      line1: 'Endereço, linha 1',
      line2: 'Endereço, linha 2',
      city: 'Cidade',
      state: 'Estado',
      incomplete_number: 'O número do cartão está incompleto.',
      invalid_number: 'O número do cartão é inválido.',
      incomplete_expiry: 'A data de validade do cartão está incompleta.',
      invalid_expiry_month: 'O mês de validade do cartão é inválido.',
      invalid_expiry_month_past: 'A data de validade do cartão já passou.',
      invalid_expiry_year_past: 'O ano de validade do cartão já passou.',
      invalid_expiry_year: 'O ano de validade do cartão é inválido.',
      incomplete_cvc: 'O código de segurança do cartão está incompleto.',
      incomplete_zip: 'O CEP está incompleto.',
      incomplete_postal: 'O código postal está incompleto.',
      incomplete_field: 'Este campo está incompleto.',
      authentication_failed: 'Não foi possível autenticar sua forma de pagamento. Escolha outra forma de pagamento e tente novamente.',
    },
    nl: {
      banner: 'Testvervanger voor Stripe: er wordt geen echte kaart belast.',
      cards: 'Testkaarten:',
      succeeds: 'slaagt',
      insufficient_funds: 'onvoldoende saldo',
      card_declined: 'geweigerd',
      threeds: 'vraagt om 3-D Secure',
      redirect: 'stuurt door naar een testbank',
      anyDate: 'Elke datum in de toekomst, elke CVC.',
      number: 'Kaartnummer',
      expiry: 'Vervaldatum',
      expiryPlaceholder: 'MM / JJ',
      cvc: 'Beveiligingscode',
      country: 'Land',
      zip: 'Postcode',
      postal: 'Postcode',
      name: 'Volledige naam',
      line1: 'Adresregel 1',
      line2: 'Adresregel 2',
      city: 'Plaats',
      state: 'Staat',
      incomplete_number: 'Je kaartnummer is onvolledig.',
      invalid_number: 'Je kaartnummer is ongeldig.',
      incomplete_expiry: 'De vervaldatum van je kaart is onvolledig.',
      invalid_expiry_month: 'De vervalmaand van je kaart is ongeldig.',
      invalid_expiry_month_past: 'De vervaldatum van je kaart ligt in het verleden.',
      invalid_expiry_year_past: 'Het vervaljaar van je kaart ligt in het verleden.',
      invalid_expiry_year: 'Het vervaljaar van je kaart is ongeldig.',
      incomplete_cvc: 'De beveiligingscode van je kaart is onvolledig.',
      incomplete_zip: 'Je postcode is onvolledig.',
      incomplete_postal: 'Je postcode is onvolledig.',
      incomplete_field: 'Dit veld is onvolledig.',
      authentication_failed: 'We kunnen je betaalmethode niet verifiëren. Kies een andere betaalmethode en probeer het opnieuw.',
    },
    ja: {
      banner: 'Stripe のテスト用代替: 実際のカードには請求されません。',
      cards: 'テストカード:',
      succeeds: '成功',
      insufficient_funds: '残高不足',
      card_declined: '拒否',
      threeds: '3D セキュアを要求',
      redirect: 'テスト銀行へ移動',
      anyDate: '有効期限は未来の任意の日付、CVC は任意です。',
      number: 'カード番号',
      expiry: '有効期限',
      expiryPlaceholder: 'MM / YY',
      cvc: 'セキュリティコード',
      country: '国',
      zip: '郵便番号',
      postal: '郵便番号',
      name: '氏名',
      line1: '住所 1',
      line2: '住所 2',
      city: '市区町村',
      state: '州',
      incomplete_number: 'カード番号が不完全です。',
      invalid_number: 'カード番号が無効です。',
      incomplete_expiry: 'カードの有効期限が不完全です。',
      invalid_expiry_month: 'カードの有効期限の月が無効です。',
      invalid_expiry_month_past: 'カードの有効期限が過ぎています。',
      invalid_expiry_year_past: 'カードの有効期限の年が過ぎています。',
      invalid_expiry_year: 'カードの有効期限の年が無効です。',
      incomplete_cvc: 'カードのセキュリティコードが不完全です。',
      incomplete_zip: '郵便番号が不完全です。',
      incomplete_postal: '郵便番号が不完全です。',
      incomplete_field: 'この項目は入力が不完全です。',
      authentication_failed: 'お支払い方法を認証できません。別のお支払い方法を選択して、もう一度お試しください。',
    },
    ar: {
      banner: 'بديل تجريبي لـ Stripe: لا تُخصم أي مبالغ من بطاقة حقيقية.',
      cards: 'بطاقات الاختبار:',
      succeeds: 'تنجح',
      insufficient_funds: 'رصيد غير كافٍ',
      card_declined: 'مرفوضة',
      threeds: 'تطلب 3-D Secure',
      redirect: 'تنتقل إلى بنك تجريبي',
      anyDate: 'أي تاريخ في المستقبل، وأي رمز CVC.',
      number: 'رقم البطاقة',
      expiry: 'تاريخ انتهاء الصلاحية',
      expiryPlaceholder: 'MM / YY',
      cvc: 'رمز الأمان',
      country: 'البلد',
      zip: 'الرمز البريدي',
      postal: 'الرمز البريدي',
      name: 'الاسم الكامل',
      line1: 'سطر العنوان 1',
      line2: 'سطر العنوان 2',
      city: 'المدينة',
      state: 'الولاية',
      incomplete_number: 'رقم بطاقتك غير مكتمل.',
      invalid_number: 'رقم بطاقتك غير صالح.',
      incomplete_expiry: 'تاريخ انتهاء صلاحية بطاقتك غير مكتمل.',
      invalid_expiry_month: 'شهر انتهاء صلاحية بطاقتك غير صالح.',
      invalid_expiry_month_past: 'تاريخ انتهاء صلاحية بطاقتك في الماضي.',
      invalid_expiry_year_past: 'سنة انتهاء صلاحية بطاقتك في الماضي.',
      invalid_expiry_year: 'سنة انتهاء صلاحية بطاقتك غير صالحة.',
      incomplete_cvc: 'رمز الأمان لبطاقتك غير مكتمل.',
      incomplete_zip: 'رمزك البريدي غير مكتمل.',
      incomplete_postal: 'رمزك البريدي غير مكتمل.',
      incomplete_field: 'هذا الحقل غير مكتمل.',
      authentication_failed: 'يتعذر علينا التحقق من طريقة الدفع الخاصة بك. يُرجى اختيار طريقة دفع أخرى والمحاولة مرة أخرى.',
    },
  };

  /** @typedef {keyof typeof MESSAGES.en} MessageKey */
  /** @typedef {keyof typeof MESSAGES} Language */

  /** The words for `locale` (Stripe's tag, or 'auto': the browser's): its language's, else English. `pt-BR` speaks `pt`. */
  function languageOf(/** @type {string | undefined} */ locale) {
    const tag = !locale || locale === 'auto' ? navigator.language : locale;
    const language = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    return /** @type {Language} */ (Object.hasOwn(MESSAGES, language) ? language : 'en');
  }

  /** @param {string | undefined} locale @param {MessageKey} key */
  const say = (locale, key) => MESSAGES[languageOf(locale)][key];

  /** The `lang` of the words `locale` gets, as Stripe's frame says it. */
  const langOf = (/** @type {string | undefined} */ locale) => (languageOf(locale) === 'pt' ? 'pt-BR' : languageOf(locale));

  const COUNTRIES = ['AT', 'AU', 'BE', 'BR', 'CA', 'CH', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE', 'IN', 'IT', 'JP', 'MX', 'NL', 'NO', 'NZ', 'PL', 'PT', 'SE', 'SG', 'US'];
  /** Countries whose cards Stripe checks a postal code for. */
  const POSTAL_COUNTRIES = new Set(['US', 'CA', 'GB']);

  /** @param {string | undefined} locale */
  function defaultCountry(locale) {
    for (const tag of [locale, navigator.language]) {
      const region = tag && tag !== 'auto' ? /[-_]([A-Za-z]{2})\b/.exec(tag)?.[1]?.toUpperCase() : undefined;
      if (region && COUNTRIES.includes(region)) return region;
    }
    return 'US';
  }

  /** @param {string | undefined} locale @param {string} code */
  function countryName(locale, code) {
    try {
      return new Intl.DisplayNames([languageOf(locale)], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  }

  // ---- appearance ------------------------------------------------------------------------

  const THEMES = {
    stripe: { colorPrimary: '#0570de', colorBackground: '#ffffff', colorText: '#30313d', colorDanger: '#df1b41', colorBorder: '#e6e6e6' },
    night: { colorPrimary: '#0570de', colorBackground: '#30313d', colorText: '#ffffff', colorDanger: '#fe87a1', colorBorder: '#424353' },
    flat: { colorPrimary: '#0570de', colorBackground: '#ffffff', colorText: '#30313d', colorDanger: '#df1b41', colorBorder: '#e6e6e6' },
  };

  /** The resolved look of the fields from an Appearance: theme defaults, then the variables. */
  /** @param {Appearance | undefined} appearance */
  function lookOf(appearance) {
    const theme = appearance?.theme === 'night' || appearance?.theme === 'flat' ? appearance.theme : 'stripe';
    const base = THEMES[theme];
    const variables = appearance?.variables ?? {};
    /** @param {string} name @param {string} fallback */
    const pick = (name, fallback) => {
      const value = variables[name];
      return typeof value === 'string' && value.trim() !== '' ? value : fallback;
    };
    return {
      primary: pick('colorPrimary', base.colorPrimary),
      background: pick('colorBackground', base.colorBackground),
      text: pick('colorText', base.colorText),
      danger: pick('colorDanger', base.colorDanger),
      border: pick('inputColorBorder', base.colorBorder),
      radius: pick('borderRadius', '5px'),
      font: pick('fontFamily', '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'),
      fontSize: pick('fontSizeBase', '16px'),
    };
  }

  /** @typedef {ReturnType<typeof lookOf>} Look */

  /** @param {HTMLElement} node @param {Record<string, string>} style */
  function setStyle(node, style) {
    for (const [property, value] of Object.entries(style)) node.style.setProperty(property, value);
  }

  // ---- DOM helpers (no innerHTML anywhere: every caller-provided string is text) -----------

  /**
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag @param {Record<string, string>} [attributes] @param {string} [text]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function node(tag, attributes = {}, text) {
    const created = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
    if (text !== undefined) created.textContent = text;
    return created;
  }

  /** Keeps the caret after the same number of digits when a field reformats what was typed. */
  /** @param {HTMLInputElement} input @param {(digits: string, deleting: boolean) => string} format @param {number} maxDigits @param {boolean} deleting */
  function reformat(input, format, maxDigits, deleting) {
    const caret = input.selectionStart ?? input.value.length;
    const digitsBefore = digitsOf(input.value.slice(0, caret)).length;
    const formatted = format(digitsOf(input.value).slice(0, maxDigits), deleting);
    if (formatted === input.value) return;
    input.value = formatted;
    let position = 0;
    for (let seen = 0; position < formatted.length && seen < digitsBefore; position += 1) {
      if (/\d/.test(formatted.charAt(position))) seen += 1;
    }
    if (digitsBefore >= digitsOf(formatted).length) position = formatted.length;
    if (document.activeElement === input) input.setSelectionRange(position, position);
  }

  let nextId = 0;

  /** Handlers by event type, Stripe's on/once/off. */
  function emitter() {
    /** @type {Map<string, Set<Handler>>} */
    const handlers = new Map();
    return {
      handlers,
      /** @param {string} type @param {Handler} handler */
      on(type, handler) {
        if (typeof handler !== 'function') throw new IntegrationError(`Invalid value for on(): handler should be a function. You specified: ${typeof handler}.`);
        if (!handlers.has(type)) handlers.set(type, new Set());
        handlers.get(type)?.add(handler);
      },
      /** @param {string} type @param {Handler} [handler] */
      off(type, handler) {
        if (handler) handlers.get(type)?.delete(handler);
        else handlers.delete(type);
      },
      /** @param {string} type @param {object} event */
      emit(type, event) {
        for (const handler of [...(handlers.get(type) ?? [])]) {
          try {
            handler(event);
          } catch (error) {
            // A throwing handler must not stop the others, and must still be seen.
            window.reportError(error);
          }
        }
      },
    };
  }

  // ---- one mounted element: shared machinery for the payment and address elements ---------

  /**
   * @param {string} type
   * @param {GroupState} group
   * @param {Record<string, any>} options
   * @param {(ctx: { locale: () => string | undefined, field: (spec: FieldSpec) => Field }) => { root: Node[], fields: Field[], reset: () => void, cardDetails?: () => CardDetails | null, addressDetails?: () => Record<string, unknown>, billingAddressToPass?: string[], changeValue: () => object, relabel: () => void }} build
   * @typedef {{ name: string, label: MessageKey, kind?: 'input' | 'select', attributes?: Record<string, string>, options?: Array<[string, string]>, check: (value: string) => FieldProblem | null, shown?: () => boolean, format?: { digits: number, apply: (digits: string, deleting: boolean) => string } }} FieldSpec
   */
  function createElement(type, group, options, build) {
    const events = emitter();
    const uid = `__stripe-standin-${(nextId += 1)}`;
    /** @type {HTMLElement | null} */
    let container = null;
    /** @type {HTMLElement | null} */
    let root = null;
    /** @type {Field[]} */
    let fields = [];
    /** @type {ReturnType<typeof build> | null} */
    let built = null;
    let destroyed = false;
    let focused = false;
    let readOnly = Boolean(options.readOnly);
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let readyTimer;

    const locale = () => group.options.locale;

    function alive() {
      if (destroyed) throw new IntegrationError('This Element has already been destroyed. Please create a new one.');
    }

    /** @param {Field} field @param {FieldProblem | null} problem */
    function showProblem(field, problem) {
      field.problemNode.textContent = problem ? problem.message : '';
      field.problemNode.hidden = !problem;
      field.input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      if (problem) field.input.setAttribute('aria-describedby', field.problemNode.id);
      else field.input.removeAttribute('aria-describedby');
      styleField(field);
    }

    /** @param {Field} field */
    function styleField(field) {
      const look = lookOf(group.options.appearance);
      const invalid = field.input.getAttribute('aria-invalid') === 'true';
      const hasFocus = document.activeElement === field.input;
      setStyle(field.input, {
        'border-color': invalid ? look.danger : hasFocus ? look.primary : look.border,
        'box-shadow': hasFocus ? `0 0 0 3px color-mix(in srgb, ${invalid ? look.danger : look.primary} 25%, transparent)` : 'none',
      });
    }

    function restyle() {
      if (!root) return;
      const look = lookOf(group.options.appearance);
      setStyle(root, { 'font-family': look.font, 'font-size': look.fontSize, color: look.text, background: look.background, 'line-height': '1.4' });
      for (const field of fields) {
        setStyle(field.label, { color: look.text, 'font-size': '0.93em' });
        setStyle(field.input, {
          'background-color': look.background,
          color: look.text,
          'border-radius': look.radius,
          'font-family': look.font,
          'font-size': look.fontSize,
        });
        setStyle(field.problemNode, { color: look.danger });
        styleField(field);
      }
    }

    function containerClasses() {
      if (!container) return;
      const invalid = fields.some((field) => field.input.getAttribute('aria-invalid') === 'true');
      container.classList.add('StripeElement');
      container.classList.toggle('StripeElement--empty', isEmpty());
      container.classList.toggle('StripeElement--complete', isComplete());
      container.classList.toggle('StripeElement--invalid', invalid);
      container.classList.toggle('StripeElement--focus', focused);
    }

    function changed() {
      group.submitted = false;
      containerClasses();
      const event = { elementType: type, empty: isEmpty(), complete: isComplete(), ...(built ? built.changeValue() : {}) };
      events.emit('change', event);
    }

    const isEmpty = () => fields.every((field) => !field.shown() || field.isEmpty());
    const isComplete = () => fields.every((field) => !field.shown() || !field.check());

    /** @param {FieldSpec} spec */
    function field(spec) {
      const id = `${uid}-${spec.name}`;
      const wrapper = node('div', { 'data-field': spec.name });
      setStyle(wrapper, { display: 'flex', 'flex-direction': 'column', gap: '4px', flex: '1 1 0', 'min-width': '0' });
      const label = node('label', { for: id }, say(locale(), spec.label));
      const input =
        spec.kind === 'select'
          ? node('select', { id, name: spec.name, ...spec.attributes })
          : node('input', { id, name: spec.name, type: 'text', spellcheck: 'false', ...spec.attributes });
      if (input instanceof HTMLSelectElement) {
        for (const [value, text] of spec.options ?? []) input.append(node('option', { value }, text));
      }
      setStyle(input, { width: '100%', 'box-sizing': 'border-box', padding: '10px 12px', border: '1px solid', outline: 'none', margin: '0', 'min-width': '0' });
      const problemNode = node('p', { id: `${id}-error`, role: 'alert' });
      problemNode.hidden = true;
      setStyle(problemNode, { margin: '0', 'font-size': '0.875em' });
      wrapper.append(label, input, problemNode);

      /** @type {Field} */
      const created = {
        name: spec.name,
        input,
        label,
        problemNode,
        wrapper,
        shown: spec.shown ?? (() => true),
        check: () => spec.check(input.value),
        // A country picked by default is not something the customer entered.
        isEmpty: () => input instanceof HTMLSelectElement || input.value.trim() === '',
      };
      const format = spec.format;
      input.addEventListener('input', (event) => {
        if (format && input instanceof HTMLInputElement) {
          const deleting = event instanceof InputEvent && event.inputType.startsWith('delete');
          reformat(input, format.apply, format.digits, deleting);
        }
        // Stripe says "invalid" as soon as it is certain, "incomplete" only when the customer leaves.
        const problem = created.check();
        showProblem(created, problem && problem.code.startsWith('invalid') ? problem : null);
        changed();
      });
      input.addEventListener('change', () => {
        if (input instanceof HTMLSelectElement) changed();
      });
      input.addEventListener('blur', () => {
        if (!created.isEmpty()) showProblem(created, created.check());
        else showProblem(created, null);
      });
      input.addEventListener('focus', () => styleField(created));
      input.addEventListener('keydown', (event) => {
        if (!(event instanceof KeyboardEvent)) return;
        if (event.key === 'Escape') events.emit('escape', { elementType: type });
        // Stripe's fields are in its frame, out of any form of the page: Stripe passes Enter in them
        // on as a `submit` of the form around the element, and submits that form unless a
        // listener cancels it. The page's own implicit submission must not happen as well.
        if (event.key === 'Enter' && input instanceof HTMLInputElement && !event.isComposing) {
          event.preventDefault();
          submitSurroundingForm();
        }
      });
      return created;
    }

    /** What Stripe does with Enter in its fields: a cancelable `submit` on the nearest form around the element. */
    function submitSurroundingForm() {
      const form = container?.closest('form');
      if (form && form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))) form.submit();
    }

    function render() {
      if (!container) return;
      built = build({ locale, field });
      fields = built.fields;
      root = node('div', { class: '__PrivateStripeElement', 'data-stripe-standin': type, lang: langOf(locale()) });
      setStyle(root, { display: 'flex', 'flex-direction': 'column', gap: '12px', 'box-sizing': 'border-box', width: '100%', 'max-width': '100%' });
      root.append(...built.root);
      root.addEventListener('focusin', () => {
        if (focused) return;
        focused = true;
        containerClasses();
        events.emit('focus', { elementType: type });
      });
      root.addEventListener('focusout', (event) => {
        const next = event.relatedTarget;
        if (next instanceof Node && root?.contains(next)) return;
        focused = false;
        containerClasses();
        events.emit('blur', { elementType: type });
      });
      applyReadOnly();
      restyle();
      container.append(root);
      containerClasses();
    }

    /**
     * Stripe's `readOnly`: the details can't be changed, and the element looks as before. Its
     * inputs stay focusable but take no typing; a select, which has no read-only state, is disabled.
     */
    function applyReadOnly() {
      for (const each of fields) {
        if (each.input instanceof HTMLSelectElement) each.input.disabled = readOnly;
        else each.input.readOnly = readOnly;
      }
    }

    function teardown() {
      clearTimeout(readyTimer);
      root?.remove();
      container?.classList.remove('StripeElement', 'StripeElement--empty', 'StripeElement--complete', 'StripeElement--invalid', 'StripeElement--focus');
      root = null;
      container = null;
      fields = [];
      built = null;
      focused = false;
    }

    const element = {
      /** @param {string | HTMLElement} target */
      mount(target) {
        alive();
        if (container) throw new IntegrationError('This Element is already mounted. Use `unmount()` to unmount the Element before re-mounting.');
        /** @type {Element | null} */
        let domElement = null;
        if (typeof target === 'string') {
          try {
            domElement = document.querySelector(target);
          } catch {
            throw new IntegrationError(`Invalid value for mount(): ${target} is not a valid selector or DOM element.`);
          }
          if (!domElement) {
            throw new IntegrationError(`The selector you specified (${target}) applies to no DOM elements that are currently on the page.\nMake sure the element exists on the page before calling mount().`);
          }
        } else {
          domElement = target;
        }
        if (!(domElement instanceof HTMLElement)) {
          throw new IntegrationError('Invalid DOM element. Make sure to call mount() with a valid DOM element or selector.');
        }
        if (domElement.getRootNode() instanceof ShadowRoot) {
          throw new IntegrationError('Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.');
        }
        container = domElement;
        render();
        events.emit('loaderstart', { elementType: type });
        // Stripe's frame loads asynchronously: `ready` always comes after mount() returns.
        readyTimer = setTimeout(() => {
          if (container) events.emit('ready', { elementType: type });
        }, 0);
      },
      /** @param {string} eventType @param {Handler} handler */
      on(eventType, handler) {
        alive();
        events.on(eventType, handler);
        return element;
      },
      /** @param {string} eventType @param {Handler} handler */
      once(eventType, handler) {
        alive();
        /** @param {unknown} event */
        const wrapped = (event) => {
          events.off(eventType, wrapped);
          return handler(event);
        };
        events.on(eventType, wrapped);
        return element;
      },
      /** @param {string} eventType @param {Handler} [handler] */
      off(eventType, handler) {
        alive();
        events.off(eventType, handler);
        return element;
      },
      focus() {
        alive();
        const first = fields.find((each) => each.shown() && !each.input.disabled);
        first?.input.focus();
      },
      blur() {
        alive();
        const active = document.activeElement;
        if (active instanceof HTMLElement && root?.contains(active)) active.blur();
      },
      clear() {
        alive();
        if (!built) return;
        built.reset();
        for (const each of fields) showProblem(each, null);
        changed();
      },
      unmount() {
        alive();
        teardown();
      },
      destroy() {
        alive();
        teardown();
        destroyed = true;
        events.handlers.clear();
        group.elements.delete(type);
      },
      /** @param {Record<string, any>} update */
      update(update) {
        alive();
        if (update && typeof update === 'object' && 'readOnly' in update) {
          readOnly = Boolean(update.readOnly);
          applyReadOnly();
        }
        return element;
      },
      collapse() {
        alive();
        return element;
      },
    };

    /** @type {ElementState} */
    const state = {
      type,
      element,
      mounted: () => container !== null,
      validate(show) {
        /** @type {StandInError | null} */
        let first = null;
        for (const each of fields) {
          if (!each.shown()) continue;
          const problem = each.check();
          if (show) showProblem(each, problem);
          if (problem && !first) first = { type: 'validation_error', code: problem.code, message: problem.message };
        }
        containerClasses();
        return first;
      },
      restyle,
      relabel: () => {
        root?.setAttribute('lang', langOf(locale()));
        built?.relabel();
      },
      cardDetails: () => built?.cardDetails?.() ?? null,
      addressDetails: () => built?.addressDetails?.() ?? {},
      billingAddressToPass: () => built?.billingAddressToPass ?? [],
    };
    return state;
  }

  /**
   * The country picker both elements show, preset from defaultValues or the locale.
   * @param {(spec: FieldSpec) => Field} field @param {string | undefined} locale @param {unknown} preset
   */
  function countryField(field, locale, preset) {
    const wanted = typeof preset === 'string' ? preset.toUpperCase() : '';
    const initialCountry = COUNTRIES.includes(wanted) ? wanted : defaultCountry(locale);
    const country = field({
      name: 'country',
      label: 'country',
      kind: 'select',
      attributes: { autocomplete: 'country' },
      options: COUNTRIES.map((code) => /** @type {[string, string]} */ ([code, countryName(locale, code)])).sort((a, b) => a[1].localeCompare(b[1])),
      check: () => null,
    });
    country.input.value = initialCountry;
    return { country, initialCountry };
  }

  // ---- the Payment Element (cards only) --------------------------------------------------

  /** @param {GroupState} group @param {Record<string, any>} options */
  function paymentElement(group, options) {
    const addressFields = options.fields?.billingDetails === 'never' ? 'never' : options.fields?.billingDetails?.address;
    const askCountry = addressFields !== 'never' && addressFields?.country !== 'never';
    const askPostal = addressFields !== 'never' && addressFields?.postalCode !== 'never';
    const defaults = options.defaultValues?.billingDetails?.address ?? {};

    return createElement('payment', group, options, ({ locale, field }) => {
      const msg = /** @param {MessageKey} key */ (key) => say(locale(), key);
      const numberDigits = () => digitsOf(number.input.value);
      /**
       * A card field typed as digits, labelled by its name.
       * @param {'number' | 'expiry' | 'cvc'} name
       * @param {string} autocomplete
       * @param {string} placeholder
       * @param {string} maxlength
       * @param {{ digits: number, apply: (digits: string, deleting: boolean) => string }} format
       * @param {(value: string) => FieldProblem | null} check
       */
      const digitField = (name, autocomplete, placeholder, maxlength, format, check) =>
        field({ name, label: name, attributes: { autocomplete, inputmode: 'numeric', placeholder, maxlength }, format, check });

      const number = digitField('number', 'cc-number', '1234 1234 1234 1234', '23', { digits: 19, apply: formatNumber }, (value) => {
        const digits = digitsOf(value);
        if (digits.length < numberLength(digits)) return { code: 'incomplete_number', message: msg('incomplete_number') };
        if (!luhnValid(digits)) return { code: 'invalid_number', message: msg('invalid_number') };
        return null;
      });
      const expiry = digitField('expiry', 'cc-exp', msg('expiryPlaceholder'), '9', { digits: 4, apply: formatExpiry }, (value) => {
        const parsed = parseExpiry(value);
        if (!parsed) return { code: 'incomplete_expiry', message: msg('incomplete_expiry') };
        const now = new Date();
        const thisYear = now.getFullYear();
        if (parsed.month < 1 || parsed.month > 12) return { code: 'invalid_expiry_month', message: msg('invalid_expiry_month') };
        if (parsed.year < thisYear) return { code: 'invalid_expiry_year_past', message: msg('invalid_expiry_year_past') };
        if (parsed.year === thisYear && parsed.month < now.getMonth() + 1) {
          return { code: 'invalid_expiry_month_past', message: msg('invalid_expiry_month_past') };
        }
        if (parsed.year > thisYear + 50) return { code: 'invalid_expiry_year', message: msg('invalid_expiry_year') };
        return null;
      });
      const cvc = digitField('cvc', 'cc-csc', 'CVC', '4', { digits: 4, apply: (digits) => digits }, (value) =>
        digitsOf(value).length < cvcLength(numberDigits()) ? { code: 'incomplete_cvc', message: msg('incomplete_cvc') } : null,
      );
      const { country, initialCountry } = countryField(field, locale(), defaults.country);
      const countryCode = () => (askCountry ? country.input.value : initialCountry);
      const postal = field({
        name: 'postal',
        label: 'zip',
        attributes: { autocomplete: 'postal-code', maxlength: '10' },
        shown: () => askPostal && POSTAL_COUNTRIES.has(countryCode()),
        check(value) {
          if (countryCode() === 'US') return digitsOf(value).length < 5 ? { code: 'incomplete_zip', message: msg('incomplete_zip') } : null;
          return value.trim().length < 3 ? { code: 'incomplete_zip', message: msg('incomplete_postal') } : null;
        },
      });
      if (typeof defaults.postal_code === 'string') postal.input.value = defaults.postal_code;

      function showPostal() {
        postal.wrapper.hidden = !postal.shown();
        postal.label.textContent = msg(countryCode() === 'US' ? 'zip' : 'postal');
        postal.input.setAttribute('inputmode', countryCode() === 'US' ? 'numeric' : 'text');
      }
      country.input.addEventListener('change', showPostal);
      showPostal();

      const banner = node('div', { role: 'note', 'data-stripe-standin-banner': '' });
      setStyle(banner, {
        background: '#fff8c5',
        color: '#3b2300',
        border: '1px solid #d4a72c',
        'border-radius': '6px',
        padding: '8px 10px',
        'font-size': '0.8125em',
        'overflow-wrap': 'anywhere',
      });
      const bannerTitle = node('strong', {}, msg('banner'));
      const bannerCards = node('span');
      const showCards = () => {
        const parts = [` ${msg('cards')} `];
        const cards = [...TEST_CARD_OUTCOMES].map(([number, outcome], index) => {
          const card = node('span', {}, formatNumber(number));
          card.style.setProperty('white-space', 'nowrap');
          const label = REDIRECT_CARDS.has(number) ? 'redirect' : outcome;
          return [index > 0 ? ' · ' : '', card, ` ${msg(/** @type {MessageKey} */ (label))}`];
        });
        bannerCards.replaceChildren(...parts, ...cards.flat(), `. ${msg('anyDate')}`);
      };
      showCards();
      banner.append(bannerTitle, bannerCards);

      /** @param {Field[]} members */
      const row = (...members) => {
        const line = node('div');
        setStyle(line, { display: 'flex', gap: '12px', 'flex-wrap': 'wrap' });
        line.append(...members.map((member) => member.wrapper));
        return line;
      };
      // Fields the page opted out of are not rendered at all, as in Stripe's.
      const billing = [...(askCountry ? [country] : []), ...(askPostal ? [postal] : [])];
      const fields = [number, expiry, cvc, ...billing];

      return {
        root: [banner, number.wrapper, row(expiry, cvc), ...(billing.length > 0 ? [row(...billing)] : [])],
        fields,
        reset() {
          for (const each of [number, expiry, cvc, postal]) each.input.value = '';
          country.input.value = initialCountry;
          showPostal();
        },
        // What the page opted out of collecting here, and so must pass to createConfirmationToken.
        billingAddressToPass:
          addressFields === 'never'
            ? ['line1', 'line2', 'city', 'state', 'postal_code', 'country']
            : [...(askCountry ? [] : ['country']), ...(askPostal ? [] : ['postal_code'])],
        changeValue: () => ({ collapsed: false, value: { type: 'card' } }),
        relabel() {
          for (const each of fields) each.label.textContent = msg(/** @type {MessageKey} */ (each.name === 'postal' ? 'zip' : each.name));
          expiry.input.setAttribute('placeholder', msg('expiryPlaceholder'));
          showPostal();
          bannerTitle.textContent = msg('banner');
          showCards();
        },
        cardDetails() {
          const parsed = parseExpiry(expiry.input.value);
          if (!parsed) return null;
          return {
            number: numberDigits(),
            brand: brandOf(numberDigits()),
            expMonth: parsed.month,
            expYear: parsed.year,
            cvc: digitsOf(cvc.input.value),
            country: countryCode(),
            postalCode: postal.shown() ? postal.input.value.trim() : '',
          };
        },
      };
    });
  }

  // ---- the Address Element ---------------------------------------------------------------

  /** @param {GroupState} group @param {Record<string, any>} options */
  function addressElement(group, options) {
    const mode = options.mode;
    const defaults = options.defaultValues ?? {};
    return createElement('address', group, options, ({ locale, field }) => {
      const msg = /** @param {MessageKey} key */ (key) => say(locale(), key);
      /** @param {string} value */
      const required = (value) => (value.trim() === '' ? { code: 'incomplete_field', message: msg('incomplete_field') } : null);
      const name = field({ name: 'name', label: 'name', attributes: { autocomplete: 'name' }, check: required });
      const { country, initialCountry } = countryField(field, locale(), defaults.address?.country);
      const line1 = field({ name: 'line1', label: 'line1', attributes: { autocomplete: 'address-line1' }, check: required });
      const line2 = field({ name: 'line2', label: 'line2', attributes: { autocomplete: 'address-line2' }, check: () => null });
      const city = field({ name: 'city', label: 'city', attributes: { autocomplete: 'address-level2' }, check: required });
      const hasState = () => country.input.value === 'US' || country.input.value === 'CA';
      const state = field({ name: 'state', label: 'state', attributes: { autocomplete: 'address-level1' }, shown: hasState, check: required });
      const postal = field({
        name: 'postal',
        label: 'zip',
        attributes: { autocomplete: 'postal-code' },
        check: (value) => (country.input.value === 'US' && digitsOf(value).length < 5 ? { code: 'incomplete_zip', message: msg('incomplete_zip') } : required(value)),
      });
      const fields = [name, country, line1, line2, city, state, postal];
      if (typeof defaults.name === 'string') name.input.value = defaults.name;
      for (const [each, key] of /** @type {Array<[Field, string]>} */ ([[line1, 'line1'], [line2, 'line2'], [city, 'city'], [state, 'state'], [postal, 'postal_code']])) {
        const value = defaults.address?.[key];
        if (typeof value === 'string') each.input.value = value;
      }
      function showRegional() {
        state.wrapper.hidden = !hasState();
        postal.label.textContent = msg(country.input.value === 'US' ? 'zip' : 'postal');
      }
      country.input.addEventListener('change', showRegional);
      showRegional();
      const value = () => ({
        name: name.input.value.trim(),
        address: {
          line1: line1.input.value.trim(),
          line2: line2.input.value.trim() || null,
          city: city.input.value.trim(),
          state: hasState() ? state.input.value.trim() : '',
          postal_code: postal.input.value.trim(),
          country: country.input.value,
        },
      });
      return {
        root: fields.map((each) => each.wrapper),
        fields,
        reset() {
          for (const each of fields) if (each !== country) each.input.value = '';
          country.input.value = initialCountry;
          showRegional();
        },
        changeValue: () => ({ elementMode: mode, isNewAddress: false, value: value() }),
        relabel() {
          for (const each of fields) if (each !== postal) each.label.textContent = msg(/** @type {MessageKey} */ (each.name));
          showRegional();
        },
        addressDetails: value,
      };
    });
  }

  // ---- Elements groups -------------------------------------------------------------------

  /** @type {WeakMap<object, GroupState>} */
  const groups = new WeakMap();

  /** The group behind an Elements object, also when a page wraps it (Object.create(group)). */
  /** @param {unknown} candidate */
  function groupOf(candidate) {
    let current = candidate;
    for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth += 1) {
      const found = groups.get(current);
      if (found) return found;
      current = Object.getPrototypeOf(current);
    }
    return null;
  }

  const MODES = ['payment', 'setup', 'subscription'];

  // The multiple Stripe charges these currencies in (docs.stripe.com/currencies): the three-decimal
  // ones end in 0, ISK and UGX are whole units written with two decimals. The same table as
  // src/pricing/currency.ts' chargeStep (a classic script imports nothing; a node test compares them).
  /** @type {Record<string, number>} */
  const CHARGE_STEPS = { bhd: 10, jod: 10, kwd: 10, omr: 10, tnd: 10, isk: 100, ugx: 100 };

  /** Stripe's checks of the Elements options, on create and on every update. */
  /** @param {ElementsOptions} options @param {string} method */
  function checkElementsOptions(options, method) {
    const { mode, amount, currency } = options;
    if (mode === undefined) return;
    if (!MODES.includes(mode)) {
      throw new IntegrationError(`Invalid value for ${method}: mode should be one of the following strings: ${MODES.join(', ')}. You specified: ${String(mode)}.`);
    }
    if (mode !== 'setup' && amount === undefined) {
      throw new IntegrationError(`Missing value for ${method}: amount should be a number when mode is "${mode}".`);
    }
    if (amount !== undefined && !(Number.isInteger(amount) && amount >= 0)) {
      throw new IntegrationError(`Invalid value for ${method}: amount should be a non-negative integer in the currency's smallest unit. You specified: ${String(amount)}.`);
    }
    if (currency === undefined) throw new IntegrationError(`Missing value for ${method}: currency should be a string.`);
    if (typeof currency !== 'string' || !/^[a-z]{3}$/.test(currency)) {
      throw new IntegrationError(`Invalid value for ${method}: currency should be a lowercase three-letter ISO currency code. You specified: ${String(currency)}.`);
    }
    const step = CHARGE_STEPS[currency] ?? 1;
    if (amount !== undefined && amount % step !== 0) {
      throw new IntegrationError(`Invalid value for ${method}: amount in ${currency.toUpperCase()} must be evenly divisible by ${step}. You specified: ${amount}.`);
    }
  }

  /** @param {unknown} options @param {string} method @returns {ElementsOptions} */
  function elementsOptionsOf(options, method) {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object') throw new IntegrationError(`Invalid value for ${method}: options should be an object. You specified: ${typeof options}.`);
    return /** @type {ElementsOptions} */ (options);
  }

  /** @param {unknown} rawOptions */
  function createElements(rawOptions) {
    const options = { ...elementsOptionsOf(rawOptions, 'elements()') };
    checkElementsOptions(options, 'elements()');
    /** @type {GroupState} */
    const state = { options, elements: new Map(), submitted: false };
    const events = emitter();

    const elements = {
      /** @param {string} type @param {Record<string, any>} [elementOptions] */
      create(type, elementOptions = {}) {
        if (type !== 'payment' && type !== 'address') {
          throw new IntegrationError(`The Stripe stand-in supports the payment and address Elements only; ${String(type)} is not available offline.`);
        }
        if (state.elements.has(type)) throw new IntegrationError(`Can only create one Element of type ${type}.`);
        if (type === 'payment' && !state.options.mode && !state.options.clientSecret) {
          throw new IntegrationError('In order to create a payment element, you must pass a valid PaymentIntent or SetupIntent client secret when creating the Elements group.\n\n  e.g. stripe.elements({clientSecret: "{{CLIENT_SECRET}}"})');
        }
        if (type === 'address' && elementOptions.mode !== 'billing' && elementOptions.mode !== 'shipping') {
          throw new IntegrationError(`Invalid value for create('address'): mode should be one of the following strings: billing, shipping. You specified: ${String(elementOptions.mode)}.`);
        }
        const created = type === 'payment' ? paymentElement(state, elementOptions) : addressElement(state, elementOptions);
        state.elements.set(type, created);
        return created.element;
      },
      /** @param {string} type */
      getElement(type) {
        return state.elements.get(type)?.element ?? null;
      },
      /** @param {unknown} rawUpdate */
      update(rawUpdate) {
        const update = elementsOptionsOf(rawUpdate, 'elements.update()');
        const next = { ...state.options, ...update };
        checkElementsOptions(next, 'elements.update()');
        state.options = next;
        for (const each of state.elements.values()) {
          if ('appearance' in update) each.restyle();
          if ('locale' in update) each.relabel();
        }
        return Promise.resolve().then(() => events.emit('update-end', {}));
      },
      fetchUpdates() {
        return Promise.resolve({});
      },
      /** @returns {Promise<{ error?: StandInError, selectedPaymentMethod?: string }>} */
      submit() {
        state.submitted = false;
        const mounted = [...state.elements.values()].filter((each) => each.mounted());
        if (mounted.length === 0) {
          return Promise.reject(new IntegrationError('elements.submit() can only be used after a Payment Element or Address Element has been mounted.'));
        }
        // Validation and the messages under the fields happen now, in the customer's gesture.
        const first = mounted.map((each) => each.validate(true)).find(Boolean) ?? null;
        if (!first) state.submitted = true;
        if (first) return Promise.resolve({ error: first });
        return Promise.resolve(mounted.some((each) => each.type === 'payment') ? { selectedPaymentMethod: 'card' } : {});
      },
      /** @param {string} type @param {Handler} handler */
      on(type, handler) {
        events.on(type, handler);
        return elements;
      },
      /** @param {string} type @param {Handler} [handler] */
      off(type, handler) {
        events.off(type, handler);
        return elements;
      },
    };
    groups.set(elements, state);
    return elements;
  }

  // ---- confirmation tokens ---------------------------------------------------------------

  function randomHex(bytes = 12) {
    return [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  /** @param {number} ms */
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** @param {{ elements?: unknown, params?: Record<string, any> } | undefined} options */
  async function createConfirmationToken(options) {
    const group = groupOf(options?.elements);
    if (!group) {
      throw new IntegrationError('Invalid value for createConfirmationToken: elements should be an Elements group. You specified: ' + typeof options?.elements + '.');
    }
    const payment = group.elements.get('payment');
    if (!payment || !payment.mounted()) {
      throw new IntegrationError('createConfirmationToken: the Elements group has no mounted Payment Element.');
    }
    if (!group.submitted) {
      throw new IntegrationError(
        'elements.submit() must be called before stripe.createConfirmationToken(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work. Integration guide: https://stripe.com/docs/payments/accept-a-payment-deferred',
      );
    }
    const params = options?.params ?? {};
    const given = params.payment_method_data?.billing_details ?? {};
    const missing = payment.billingAddressToPass().filter((key) => typeof given.address?.[key] !== 'string');
    if (missing.length > 0) {
      const fields = missing.map((key) => `params.payment_method_data.billing_details.address.${key}`).join(', ');
      throw new IntegrationError(
        `You specified "never" for fields.billingDetails.address when creating the payment Element, but did not pass ${fields} when calling stripe.createConfirmationToken(). If you opt out of collecting data via the payment Element using the fields option, the data must be passed in when calling stripe.createConfirmationToken().`,
      );
    }
    const error = [...group.elements.values()].map((each) => each.validate(false)).find(Boolean);
    const card = payment.cardDetails();
    // Stripe's round trip: the token never comes back in the same task.
    await pause(30);
    if (error || !card) return { error: error ?? { type: 'validation_error', code: 'incomplete_number', message: say(group.options.locale, 'incomplete_number') } };

    const addressElementValue = group.elements.get('address')?.addressDetails() ?? {};
    const collectedAddress = {
      city: null,
      country: card.country || null,
      line1: null,
      line2: null,
      postal_code: card.postalCode || null,
      state: null,
      .../** @type {{ address?: object }} */ (addressElementValue).address,
    };
    const outcome = TEST_CARD_OUTCOMES.get(card.number) ?? 'succeeds';
    rememberRedirect(REDIRECT_CARDS.has(card.number) ? { returnUrl: typeof params.return_url === 'string' ? params.return_url : location.href } : null);
    const created = Math.floor(Date.now() / 1000);
    const id = `ctoken_test_${outcome}_${randomHex(12)}`;
    // What Stripe's Payment Element collects for a card (the country, and the postal code where the
    // card's country has one), then an Address Element's name and address (billing mode), then
    // what the page passes: the token's billing details, which a server reads from the token.
    const billingDetails = {
      name: given.name ?? /** @type {{ name?: string }} */ (addressElementValue).name ?? null,
      email: given.email ?? null,
      phone: given.phone ?? null,
      address: { ...collectedAddress, ...(given.address ?? {}) },
    };
    await registerToken(id, billingDetails);
    return {
      confirmationToken: {
        id,
        object: 'confirmation_token',
        created,
        expires_at: created + 12 * 3600,
        livemode: false,
        payment_intent: null,
        setup_intent: null,
        return_url: typeof params.return_url === 'string' ? params.return_url : null,
        setup_future_usage: params.setup_future_usage === 'off_session' || params.setup_future_usage === 'on_session' ? params.setup_future_usage : null,
        shipping: params.shipping ?? null,
        use_stripe_sdk: true,
        payment_method_preview: {
          type: 'card',
          allow_redisplay: ['always', 'limited', 'unspecified'].includes(params.payment_method_data?.allow_redisplay) ? params.payment_method_data.allow_redisplay : 'unspecified',
          billing_details: billingDetails,
          card: {
            brand: card.brand,
            display_brand: card.brand,
            last4: card.number.slice(-4),
            exp_month: card.expMonth,
            exp_year: card.expYear,
            country: 'US',
            funding: 'credit',
            checks: { address_line1_check: null, address_postal_code_check: card.postalCode ? 'unchecked' : null, cvc_check: 'unchecked' },
            networks: { available: [card.brand], preferred: null },
            three_d_secure_usage: { supported: true },
            regulated_status: 'unregulated',
            wallet: null,
          },
        },
      },
    };
  }

  /**
   * Tells the sandbox that served the stand-in what the token carries, as Stripe.js creates a token
   * on Stripe's API: its billing details, which the sandbox's complete reads for a buyer the request
   * does not name. Best effort: a sandbox out of reach knows no details of the token, and complete
   * then asks for the buyer in the request (`customer`), as it did before tokens were registered.
   * Details the sandbox refuses (a billing name over 500 characters) are said on the console, so
   * that the complete's "customer required" that follows is not a mystery.
   * @param {string} id @param {object} billingDetails
   */
  async function registerToken(id, billingDetails) {
    /** @param {unknown} value */
    const text = (value) => (typeof value === 'string' ? value : null);
    /** @param {any} details */
    const wireBillingDetails = (details) => ({
      name: text(details.name),
      email: text(details.email),
      phone: text(details.phone),
      address: Object.fromEntries(['line1', 'line2', 'city', 'state', 'postal_code', 'country'].map((key) => [key, text(details.address?.[key])])),
    });
    // Served at Stripe.js's own URL (a test answering for it), the stand-in knows no sandbox to tell.
    if (SANDBOX_ORIGIN === 'https://js.stripe.com') return;
    /** @type {Response} */
    let response;
    try {
      response = await stripeFetch(`${SANDBOX_ORIGIN}/sandbox/stripe/confirmation_tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, billing_details: wireBillingDetails(billingDetails) }),
      });
    } catch {
      return; // out of reach: see above
    }
    if (response.ok) return;
    /** @type {{ error?: unknown, details?: unknown }} */
    const refusal = await response.json().catch(() => ({}));
    const reason = [refusal.error, refusal.details].filter((part) => typeof part === 'string' && part !== '').join('\n') || `HTTP ${response.status}`;
    console.warn(
      `[paid-checkout] The sandbox's Stripe stand-in (${SANDBOX_ORIGIN}) made confirmation token ${id}, but the sandbox did not register its billing details (${response.status}): a complete that names no customer cannot read its buyer from it.\n${reason}`,
    );
  }

  // ---- 3-D Secure ------------------------------------------------------------------------


  /**
   * Stripe's test authentication page, as a modal dialog: resolves with the customer's answer.
   * Escape counts as failing, as closing Stripe's challenge does.
   * @param {string} paymentIntentId
   */
  function showChallenge(paymentIntentId) {
    const previousFocus = document.activeElement;
    const uid = `__stripe-standin-3ds-${(nextId += 1)}`;
    const dialog = node('dialog', { 'aria-labelledby': `${uid}-title`, 'aria-describedby': `${uid}-text`, 'data-stripe-standin-challenge': '' });
    setStyle(dialog, {
      'max-width': 'min(420px, calc(100vw - 32px))',
      'box-sizing': 'border-box',
      padding: '24px',
      border: '1px solid #c4c6cf',
      'border-radius': '8px',
      background: '#ffffff',
      color: '#1a1b25',
      'font-family': '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
      'line-height': '1.5',
    });
    const title = node('h2', { id: `${uid}-title` }, '3D Secure 2 Test Page');
    setStyle(title, { margin: '0 0 8px', 'font-size': '1.25rem' });
    const text = node('p', { id: `${uid}-text` }, `This is a test stand-in for your bank's 3D Secure authentication of payment ${paymentIntentId}. No bank is contacted: choose how the authentication ends.`);
    setStyle(text, { margin: '0 0 16px' });
    const status = node('p', { role: 'status' });
    setStyle(status, { margin: '0 0 12px', 'min-height': '1.5em' });
    const actions = node('div');
    setStyle(actions, { display: 'flex', gap: '12px', 'flex-wrap': 'wrap' });
    const complete = node('button', { type: 'button', autofocus: '' }, 'Complete authentication');
    const fail = node('button', { type: 'button' }, 'Fail authentication');
    const buttonStyle = { padding: '10px 16px', 'border-radius': '6px', font: 'inherit', cursor: 'pointer', border: '1px solid #0a5ccf' };
    setStyle(complete, { ...buttonStyle, background: '#0a5ccf', color: '#ffffff' });
    setStyle(fail, { ...buttonStyle, background: '#ffffff', color: '#0a5ccf' });
    actions.append(complete, fail);
    dialog.append(title, text, status, actions);
    document.body.append(dialog);

    /** @type {Promise<'succeeded' | 'failed'>} */
    const answer = new Promise((resolve) => {
      let answered = false;
      /** @param {'succeeded' | 'failed'} outcome */
      const choose = (outcome) => {
        if (answered) return;
        answered = true;
        dialog.setAttribute('aria-busy', 'true');
        status.textContent = outcome === 'succeeded' ? 'Completing authentication…' : 'Failing authentication…';
        resolve(outcome);
      };
      complete.addEventListener('click', () => choose('succeeded'));
      fail.addEventListener('click', () => choose('failed'));
      dialog.addEventListener('cancel', (event) => {
        event.preventDefault();
        choose('failed');
      });
    });
    dialog.showModal();
    complete.focus();

    return {
      answer,
      close() {
        if (dialog.open) dialog.close();
        dialog.remove();
        if (previousFocus instanceof HTMLElement && previousFocus.isConnected) previousFocus.focus();
      },
    };
  }

  /**
   * @param {string} paymentIntentId @param {string} clientSecret @param {'succeeded' | 'failed'} outcome
   * @param {string | undefined} locale Stripe()'s: Stripe.js's own messages speak it
   */
  async function authenticate(paymentIntentId, clientSecret, outcome, locale) {
    /** @type {Response} */
    let response;
    try {
      response = await window.fetch(`${SANDBOX_ORIGIN}/sandbox/stripe/payment_intents/${encodeURIComponent(paymentIntentId)}/authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientSecret, outcome }),
      });
    } catch {
      return { error: { type: 'api_connection_error', message: 'An error occurred with our connection to Stripe.' } };
    }
    /** @type {any} */
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.status === 404) {
      return { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${paymentIntentId}'` } };
    }
    if (!response.ok) {
      const message = typeof body?.error?.message === 'string' ? body.error.message : `The PaymentIntent ${paymentIntentId} could not be authenticated.`;
      return { error: { type: response.status >= 500 ? 'api_error' : 'invalid_request_error', code: body?.error?.code ?? 'payment_intent_unexpected_state', message } };
    }
    const answered = body?.paymentIntent && typeof body.paymentIntent === 'object' ? body.paymentIntent : body ?? {};
    const paymentIntent = {
      id: paymentIntentId,
      object: 'payment_intent',
      client_secret: clientSecret,
      livemode: false,
      amount: typeof answered.amount === 'number' ? answered.amount : null,
      currency: typeof answered.currency === 'string' ? answered.currency : null,
      next_action: null,
      last_payment_error: null,
    };
    if (outcome === 'failed') {
      const error = { type: 'card_error', code: 'payment_intent_authentication_failure', message: say(locale, 'authentication_failed') };
      return { error: { ...error, payment_intent: { ...paymentIntent, status: 'requires_payment_method', last_payment_error: error } } };
    }
    // The server confirms again at finalize, so the intent waits for it unless the sandbox says otherwise.
    const status = answered.status === 'succeeded' || answered.status === 'processing' ? answered.status : 'requires_confirmation';
    return { paymentIntent: { ...paymentIntent, status } };
  }

  // ---- redirects -------------------------------------------------------------------------

  // Stripe reads a payment's next action from the intent; the sandbox's intents do not record the
  // payment method, so the stand-in remembers, per tab, whether the last confirmation token it made
  // came from a redirect card (in sessionStorage too, so that a reloaded page that resumes the
  // payment is sent to the bank as it would be).
  const REDIRECT_KEY = '__stripe_standin_redirect';
  /** @type {{ returnUrl: string } | null} */
  let pendingRedirect = null;

  /** @param {{ returnUrl: string } | null} redirect */
  function rememberRedirect(redirect) {
    pendingRedirect = redirect;
    try {
      if (redirect) sessionStorage.setItem(REDIRECT_KEY, JSON.stringify(redirect));
      else sessionStorage.removeItem(REDIRECT_KEY);
    } catch {
      // no storage: this page remembers it alone
    }
  }

  /** @returns {{ returnUrl: string } | null} */
  function redirectPending() {
    if (pendingRedirect) return pendingRedirect;
    try {
      const stored = JSON.parse(sessionStorage.getItem(REDIRECT_KEY) ?? 'null');
      return stored && typeof stored.returnUrl === 'string' ? { returnUrl: stored.returnUrl } : null;
    } catch {
      return null;
    }
  }

  /**
   * Leaves the page for the test bank, as Stripe.js does for a redirect next action: the promise
   * never settles (the page is gone). A test may cancel the `stripe-standin-redirect` event on
   * window (its detail is `{ url }`) to stay on the page; nothing else about it differs.
   * @param {string} paymentIntentId @param {string} clientSecret @param {string} returnUrl
   */
  function redirectToBank(paymentIntentId, clientSecret, returnUrl) {
    const url = new URL(`${SANDBOX_ORIGIN}/sandbox/stripe/bank`);
    url.searchParams.set('payment_intent', paymentIntentId);
    url.searchParams.set('client_secret', clientSecret);
    url.searchParams.set('return_url', returnUrl);
    const go = window.dispatchEvent(new CustomEvent('stripe-standin-redirect', { detail: { url: url.href }, cancelable: true }));
    if (go) window.location.assign(url.href);
    return new Promise(() => {});
  }

  /** @type {Promise<unknown> | null} */
  let challengeInProgress = null;

  /** @param {{ clientSecret?: unknown } | undefined} options @param {string | undefined} locale */
  async function handleNextAction(options, locale) {
    const clientSecret = options?.clientSecret;
    const match = typeof clientSecret === 'string' ? /^(pi_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret) : null;
    if (typeof clientSecret !== 'string' || !match?.[1]) {
      throw new IntegrationError(`Invalid value for handleNextAction: clientSecret should be a client secret of the form \${id}_secret_\${secret}. You specified: ${String(clientSecret)}.`);
    }
    const paymentIntentId = match[1];
    const redirect = redirectPending();
    if (redirect) return redirectToBank(paymentIntentId, clientSecret, redirect.returnUrl);
    if (challengeInProgress) await challengeInProgress.catch(() => undefined);
    const run = (async () => {
      const challenge = showChallenge(paymentIntentId);
      try {
        const outcome = await challenge.answer;
        return await authenticate(paymentIntentId, clientSecret, outcome, locale);
      } finally {
        challenge.close();
      }
    })();
    challengeInProgress = run;
    try {
      return await run;
    } finally {
      if (challengeInProgress === run) challengeInProgress = null;
    }
  }

  // ---- Stripe() --------------------------------------------------------------------------

  const PAID_PRODUCTION_API = 'https://api.agentpaid.io';
  let warnedOfProduction = false;

  /**
   * A page whose <paid-checkout> talks to Paid's production API (its api-base, or the default when
   * unset) takes no real payment with this stand-in in place of Stripe.js: say so, once a page.
   */
  function warnIfProduction() {
    if (warnedOfProduction) return;
    for (const element of document.querySelectorAll('paid-checkout')) {
      const apiBase = /** @type {{ apiBase?: unknown }} */ (element).apiBase ?? element.getAttribute('api-base') ?? '';
      if (typeof apiBase === 'string' && (apiBase === '' || apiBase.replace(/\/+$/, '') === PAID_PRODUCTION_API)) {
        warnedOfProduction = true;
        console.warn(
          `[paid-checkout] The sandbox's Stripe stand-in (${SANDBOX_ORIGIN}) is on a page whose <paid-checkout> talks to Paid's production API (${PAID_PRODUCTION_API}): this page takes no real payment. Load the stand-in only in development, and set api-base to your sandbox there. See paid-checkout/docs/EMBEDDING.md#10-developing-offline-with-the-sandbox`,
        );
        return;
      }
    }
  }

  /**
   * @param {unknown} publishableKey
   * @param {{ stripeAccount?: unknown, locale?: string, apiVersion?: string } | undefined} [options]
   */
  function Stripe(publishableKey, options) {
    warnIfProduction();
    if (typeof publishableKey !== 'string') {
      throw new IntegrationError(`Invalid value for Stripe(): apiKey should be a string. You specified: ${typeof publishableKey}.`);
    }
    if (publishableKey === '') throw new IntegrationError('Please call Stripe() with your publishable key. You used an empty string.');
    if (/^(sk|rk)_/.test(publishableKey)) {
      throw new IntegrationError('You should not use your secret key with Stripe.js.\nPlease pass a publishable key instead.');
    }
    if (!/^pk_(test|live)_\w+$/.test(publishableKey)) {
      throw new IntegrationError(`Invalid value for Stripe(): apiKey should be a publishable key (pk_test_… or pk_live_…). You specified: ${publishableKey}.`);
    }
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new IntegrationError(`Invalid value for Stripe(): options should be an object. You specified: ${options === null ? 'null' : typeof options}.`);
    }
    if (options?.stripeAccount !== undefined && (typeof options.stripeAccount !== 'string' || !/^acct_\w+$/.test(options.stripeAccount))) {
      throw new IntegrationError(`Invalid value for Stripe(): stripeAccount should be a connected account id (acct_…). You specified: ${String(options.stripeAccount)}.`);
    }
    return {
      /** @param {unknown} [elementsOptions] */
      elements: (elementsOptions) => createElements(elementsOptions),
      createConfirmationToken,
      /** @param {{ clientSecret?: unknown } | undefined} nextActionOptions */
      handleNextAction: (nextActionOptions) => handleNextAction(nextActionOptions, options?.locale),
      /** loadStripe() tells Stripe.js which wrapper loaded it; nothing to record offline. */
      _registerWrapper() {},
    };
  }
  Stripe.version = RELEASE;

  Object.defineProperty(window, 'Stripe', { value: Stripe, writable: true, configurable: true, enumerable: true });
})();
