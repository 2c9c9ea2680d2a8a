// The demo's scenarios: each one is the body a merchant server would send to create a session,
// and who is signed in when it does (the session's externalCustomerId).
import type { Paid } from '@paid-ai/paid-node';
import type { ScenarioLink } from './pages.ts';

/** Ada's user id on the merchant's site, which Paid knows as her customer's externalId. */
export const ADA_USER_ID = 'ext_ada';

export type ScenarioSession = Omit<Paid.CreateCheckoutRequest, 'customerId' | 'externalCustomerId'>;

export interface DemoScenario extends ScenarioLink {
  /** Which sandbox account creates the session: `no_stripe` has no Stripe connection. */
  account?: 'main' | 'no_stripe';
  /** Who signs in: a new user (default), or Ada, an existing customer. */
  user?: 'new' | 'ada';
  /** How long the merchant server waits before showing the page (lets a short session expire). */
  waitMs?: number;
  /** Attributes set on `<paid-checkout>` besides `checkout-id` and `api-base`. */
  attributes?: Readonly<Record<string, string>>;
  session(origin: string, now: Date): ScenarioSession;
}

// collectAddress is given everywhere: Paid's default is true (required for tax); only the add-ons
// and tax scenarios show the address fields.
function common(origin: string): Pick<ScenarioSession, 'successUrl' | 'cancelUrl' | 'collectAddress'> {
  return { successUrl: `${origin}/demo/success?checkout_id={CHECKOUT_ID}`, cancelUrl: `${origin}/`, collectAddress: false };
}

export const demoScenarios: readonly DemoScenario[] = [
  {
    slug: 'new-customer',
    title: 'A new customer buys one product',
    description: 'Analytics with four tiers; the customer gives a name and an email.',
    session: (origin) => ({ products: [{ id: 'prod_analytics' }], ...common(origin), metadata: { campaign: 'spring-demo', internalNote: 'never shown' } }),
  },
  {
    slug: 'tiers',
    title: 'Several products with tiers',
    description: 'Flat, per-seat, graduated and usage-based plans, in dollars or euros.',
    session: (origin) => ({
      products: [{ id: 'prod_analytics' }, { id: 'prod_seats' }, { id: 'prod_storage' }, { id: 'prod_api' }],
      ...common(origin),
    }),
  },
  {
    slug: 'upgrade',
    title: 'An existing customer upgrades',
    description: 'Ada Lovelace is on Analytics Starter, twelve days into her month: the upgrade is prorated.',
    user: 'ada',
    session: (origin) => ({ products: [{ id: 'prod_analytics' }], ...common(origin) }),
  },
  {
    slug: 'add-ons',
    title: 'A plan with add-ons, address and phone',
    description: 'Analytics, priority support (base price only) and a one-time onboarding session (priced tax-inclusive). The tax follows the billing address you type.',
    session: (origin) => ({
      products: [{ id: 'prod_analytics' }, { id: 'prod_support' }, { id: 'prod_onboarding' }],
      ...common(origin),
      collectAddress: true,
      collectPhone: true,
    }),
  },
  // The tax scenarios (docs/TAX.md, the sandbox's test rates). The element asks the customer for
  // the address (a session cannot prefill it), so each description says what to type.
  {
    slug: 'tax-uk',
    title: 'A UK customer (VAT 20%)',
    description:
      'Choose United Kingdom, postal code SW1A 1AA, any street and city: the summary adds “VAT 20% (United Kingdom)”. Analytics Growth: $49.00 + $9.80 VAT = $58.80.',
    session: (origin) => ({ products: [{ id: 'prod_analytics' }], currency: 'usd', ...common(origin), collectAddress: true }),
  },
  {
    slug: 'tax-us',
    title: 'A US customer in California (sales tax 7.25%)',
    description:
      'Choose United States, ZIP code 95014 (Cupertino, California), any street and city: the summary adds “Sales tax 7.25% (CA, United States)”. Analytics Growth: $49.00 + $3.55 tax = $52.55.',
    session: (origin) => ({ products: [{ id: 'prod_analytics' }], currency: 'usd', ...common(origin), collectAddress: true }),
  },
  {
    slug: 'tax-eu-business',
    title: 'An EU business with a VAT number (reverse charge)',
    description:
      'Choose Germany, postal code 10115, any street and city, and the VAT number DE123456789: the summary says “VAT reverse charge”. Analytics Growth: €45.00 and no VAT (without the number, VAT 19% adds €8.55).',
    session: (origin) => ({ products: [{ id: 'prod_analytics' }], currency: 'eur', ...common(origin), collectAddress: true }),
  },
  {
    slug: 'tax-au',
    title: 'An Australian customer (GST 10%)',
    description:
      'Choose Australia, postal code 2000 (Sydney), any street and city: the summary adds “GST 10% (Australia)”, and no VAT number is asked. Analytics Growth: $49.00 + $4.90 GST = $53.90.',
    session: (origin) => ({ products: [{ id: 'prod_analytics' }], currency: 'usd', ...common(origin), collectAddress: true }),
  },
  {
    slug: 'tax-upgrade',
    title: 'An existing customer upgrades, taxed where she is (VAT 20%)',
    description:
      'Ada Lovelace, on Analytics Starter twelve days into her month, picks Growth and types her billing address: choose United Kingdom, postal code SW1A 1AA, any street and city. The upgrade is prorated, VAT 20% is added to what is due today and to the renewal ($58.80 a month), and the address is saved as hers.',
    user: 'ada',
    session: (origin) => ({ products: [{ id: 'prod_analytics' }], currency: 'usd', ...common(origin), collectAddress: true }),
  },
  {
    slug: 'french-dark',
    title: 'En français, thème sombre',
    description: 'The same element with locale="fr" and theme="dark".',
    attributes: { locale: 'fr', theme: 'dark' },
    session: (origin) => ({ products: [{ id: 'prod_analytics' }, { id: 'prod_seats' }], ...common(origin) }),
  },
  {
    slug: 'expired',
    title: 'An expired session',
    description: 'A session that expired a moment after it was created.',
    waitMs: 1_200,
    session: (origin, now) => ({ products: [{ id: 'prod_analytics' }], expiresAt: new Date(now.getTime() + 1_000).toISOString(), ...common(origin) }),
  },
  {
    slug: 'no-stripe',
    title: 'An account with no Stripe connection',
    description: 'The element says that payments are not set up and offers no pay button.',
    account: 'no_stripe',
    session: (origin) => ({ products: [{ id: 'prod_analytics' }], ...common(origin) }),
  },
];

export function findScenario(slug: string): DemoScenario | undefined {
  return demoScenarios.find((scenario) => scenario.slug === slug);
}
