// A payment left in its 3-D Secure challenge by an element the page removed: the challenge (a
// modal of the Stripe stand-in, in the page) stays open for the buyer to answer, and the removed
// element's own run hears how it ended, out of the page.
import { waitUntil } from './wait.ts';
import type { OwnSandbox } from './sandbox.ts';
import { expect, fixture } from '@open-wc/testing';
import { fillCard, fillField, mountRecording, payButton, readyToPay, record, type RecordingCheckout } from '../helpers.ts';

const SUCCESS_URL = 'https://shop.example.test/thanks?checkout={CHECKOUT_ID}';

/**
 * On a link of `own` (reusable unless `singleUse`), an element whose payment waits in its 3-D
 * Secure challenge (still open), removed from the page; the buyer's email is tagged `emailTag`.
 */
export async function removedInChallenge(own: OwnSandbox, emailTag: string, singleUse = false): Promise<{ id: string; first: RecordingCheckout }> {
  const { id } = await own.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, collectAddress: false, singleUse });
  const first = await mountRecording(id, own.url);
  await readyToPay(first);
  fillField(first, 'name', 'Grace Hopper');
  fillField(first, 'email', `grace+${emailTag}-${Date.now()}@example.com`);
  await fillCard(first, '4000 0027 6000 3184');
  payButton(first).click();
  await waitUntil(() => first.state.status === 'requires_action', 'no 3-D Secure challenge', { timeout: 8000 });
  first.remove();
  return { id, first };
}

/** An element that takes the removed one's place (a framework re-rendering its route) and says the payment it found is not finished. */
export async function toldNotFinished<T extends RecordingCheckout>(element: T): Promise<{ element: T; errors: Array<CustomEvent<{ code: string }>> }> {
  const errors = record(element, 'paid-checkout-error');
  await fixture(element);
  await waitUntil(() => errors.length > 0, 'the new element said nothing of the payment it found', { timeout: 10_000 });
  expect(errors.map((event) => event.detail.code)).to.deep.equal(['payment_not_finished']);
  return { element, errors };
}

/** An element for checkout `id` of `apiBase` (a `tag` of helpers.ts's), in English, not yet in the page. */
export function unmounted<T extends RecordingCheckout>(tag: string, id: string, apiBase: string): T {
  return Object.assign(document.createElement(tag) as T, { checkoutId: id, apiBase, locale: 'en' });
}
