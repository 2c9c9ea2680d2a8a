// A customer's purchase through the element as Playwright sees it: locators pierce the element's
// shadow root (name, email, pay button) and reach Stripe's fields in the host's light DOM.
import type { Page } from 'playwright-core';

export const goodCard = '4242 4242 4242 4242';
/** The stand-in's test cards (docs/STRIPE-STANDIN.md): a generic decline, and one that asks for 3-D Secure. */
export const declinedCard = '4000 0000 0000 0002';
export const threeDSecureCard = '4000 0027 6000 3184';

export interface Buyer {
  name: string;
  email: string;
}

export function newBuyer(tag: string): Buyer {
  return { name: 'Ada Lovelace', email: `ada+${tag}-${Date.now()}@example.com` };
}

/** Fills the details and the card, then clicks "Pay …" once the button is enabled. */
export async function pay(page: Page, buyer: Buyer, card = goodCard): Promise<void> {
  await page.getByLabel('Full name').fill(buyer.name);
  await page.getByLabel('Email').fill(buyer.email);
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiration date').fill('12 / 34');
  await page.getByLabel('Security code').fill('123');
  const zip = page.getByLabel('ZIP');
  if (await zip.isVisible()) await zip.fill('10001');
  const button = page.getByRole('button', { name: /^Pay / });
  await button.click();
}
