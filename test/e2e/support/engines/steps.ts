// A customer's steps through the element on any engine's page: what they fill (the element's
// details in its shadow root, the Stripe stand-in's card fields in the page), the plan card they
// pick, the button they press, the 3-D Secure challenge they answer.
import { goodCard, type Buyer } from '../purchase.ts';
import type { EnginePage, Target } from './driver.ts';

export const field = {
  name: { in: 'element', css: '#field-name' },
  email: { in: 'element', css: '#field-email' },
  cardNumber: { in: 'page', css: 'input[name="number"]' },
  expiry: { in: 'page', css: 'input[name="expiry"]' },
  securityCode: { in: 'page', css: 'input[name="cvc"]' },
  zip: { in: 'page', css: 'input[name="postal"]' },
} satisfies Record<string, Target>;

export const shown = {
  /** The decline or failure message beside the card fields. */
  payError: { in: 'element', css: '.pay-error[role="alert"]' },
  signedIn: { in: 'element', css: '.signed-in' },
  dueToday: { in: 'element', css: '[data-testid="due-today"] .amount' },
  prorationCredit: { in: 'element', css: '.proration div', text: /^Credit for unused time/ },
  challengeTitle: { in: 'page', css: 'dialog[open] h2' },
} satisfies Record<string, Target>;

/** The element's pay button, by what it says ("Pay $49.00"). */
export const payButton: Target = { in: 'element', css: 'button', text: /^Pay / };

/**
 * A plan card's label (it covers the card, so it is what takes the click), by the plan's name: the
 * label reads "Growth Recommended $49.00 / month", so the name is followed by a space, not by a
 * parenthesis ("Growth" is not "Growth (yearly)").
 */
export function planCard(name: string): Target {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { in: 'element', css: 'label', text: new RegExp(`^${escaped}(?=\\s|$)(?!\\s\\()`) };
}

export async function fillBuyer(page: EnginePage, buyer: Buyer): Promise<void> {
  await page.fill(field.name, buyer.name);
  await page.fill(field.email, buyer.email);
}

/** The card, a future expiry, a CVC, and a ZIP when the form asks for one. */
export async function fillCard(page: EnginePage, number = goodCard): Promise<void> {
  await page.fill(field.cardNumber, number);
  await page.fill(field.expiry, '12 / 34');
  await page.fill(field.securityCode, '123');
  if (await page.isVisible(field.zip)) await page.fill(field.zip, '10001');
}

/** Clicks the card of plan `name` (its label covers the radio). */
export async function pickPlan(page: EnginePage, name: string): Promise<void> {
  await page.click(planCard(name));
}

export async function pressPay(page: EnginePage): Promise<void> {
  await page.click(payButton);
}

/** Answers the stand-in's 3-D Secure challenge with "Complete authentication"; returns its title. */
/** Waits for the stand-in's 3-D Secure challenge and gives its title. */
export function challengeTitle(page: EnginePage): Promise<string> {
  return page.text(shown.challengeTitle);
}

/** Approves the challenge shown; the page then leaves for the success URL. */
export async function approveChallenge(page: EnginePage): Promise<void> {
  await page.click({ in: 'page', css: 'dialog[open] button', text: /^Complete authentication$/ });
}

/** "$30.01" as minor units (3001). */
export function minorUnits(money: string): number {
  const digits = money.replace(/[^\d.]/g, '');
  if (!/^\d+\.\d\d$/.test(digits)) throw new Error(`not an amount in dollars and cents: ${money}`);
  return Math.round(Number(digits) * 100);
}
