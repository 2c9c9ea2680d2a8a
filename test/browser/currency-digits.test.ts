// Amounts are shown with Stripe's digits in every engine (review R2-1): Intl's own differ (V8
// shows HUF with none, Firefox with two), so the element gives them. Run in Chromium, Firefox and
// WebKit, these expect the same text in each.
import { expect } from '@open-wc/testing';
import { createCheckout, sandboxRequest, sandboxUrl } from './support/sandbox.ts';
import { formatMoney } from '../../src/pricing/money.ts';
import { mountCheckout, payButton, readyToPay, visibleText } from './helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

/** A checkout of one new monthly product priced `amount` in `currency`, on the shared sandbox. */
async function checkoutIn(currency: string, amount: number): Promise<string> {
  const made = await sandboxRequest<{ id: string }>('POST', '/api/v2/products', {
    name: `Reports in ${currency.toUpperCase()}`,
    basePrice: { currency, model: 'flat', amount, interval: 'month' },
  });
  if (made?.status !== 201) throw new Error(`create product: ${JSON.stringify(made)}`);
  return (await createCheckout({ products: [{ id: made.body.id }], successUrl: SUCCESS_URL, currency, collectAddress: false })).id;
}

const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('amounts in the currency’s Stripe digits, alike in every engine', () => {
  it('shows 499000 HUF (Stripe’s minor units) as HUF 4,990.00 on the pay button and in the summary, never HUF 499,000', async () => {
    const element = await mountCheckout(await checkoutIn('huf', 499_000), sandboxUrl);
    await readyToPay(element, 10_000);
    expect(spaced(payButton(element).textContent ?? '')).to.equal('Pay HUF 4,990.00');
    expect(visibleText(element)).to.not.contain('499,000');
  });

  it('shows 4910 KWD as KWD 4.910 on the pay button, its three decimals included', async () => {
    const element = await mountCheckout(await checkoutIn('kwd', 4910), sandboxUrl);
    await readyToPay(element, 10_000);
    expect(spaced(payButton(element).textContent ?? '')).to.equal('Pay KWD 4.910');
    expect(visibleText(element)).to.not.match(/KWD\s?49\.10|KWD\s?4,910/);
  });

  it('shows a large amount to the exact cent in this engine (a decimal string, not a float division a cent off)', () => {
    expect(formatMoney(8_943_038_544_946_843, 'usd', 'en')).to.equal('$89,430,385,449,468.43');
    expect(formatMoney(-7_232_960_692_440_959, 'usd', 'en')).to.equal('-$72,329,606,924,409.59');
  });
});
