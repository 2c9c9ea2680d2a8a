// An upgrade paid through the coordinator harness: a known customer with an active order on Basic,
// a checkout (chk_up) that upgrades it to Pro, and the steps that pay for it.
import { appOnBasic, checkoutSession } from './fixtures.ts';
import { type coordinator, settle } from './coordinator-harness.ts';

/**
 * `appOnBasic` priced large (Basic 1,000.00, Pro 9,000.00 a month, the customer paying 1,000.00), so
 * that minutes move the upgrade's proration by whole cents.
 */
export const bigApp = {
  ...appOnBasic,
  plans: [
    { id: 'plan_basic', name: 'Basic', prices: [{ currency: 'usd', model: 'flat', amount: 100_000, interval: 'month' }] },
    { id: 'plan_pro', name: 'Pro', prices: [{ currency: 'usd', model: 'flat', amount: 900_000, interval: 'month' }] },
  ],
  current: { ...appOnBasic.current, amount: 100_000 },
};

/** Checkout chk_up, in which the customer on Basic of `bigApp` can upgrade it. */
export const upgradeSession = () => checkoutSession({ id: 'chk_up', products: [bigApp] });

/**
 * `element` shows chk_up, a name and an email are typed, Pro is chosen and Pay pressed: its complete
 * is on its way (the last of `posted`). Returns the amount due today the form showed, which it sends.
 */
export async function payUpgrade({ host, controller, mountFields }: ReturnType<typeof coordinator>): Promise<number> {
  host.checkoutId = 'chk_up';
  controller.load();
  await settle();
  mountFields();
  controller.choices.setField('name', 'Ada Lovelace');
  controller.choices.setField('email', 'ada@example.com');
  controller.choices.choosePlan('prod_app', 'plan_pro');
  const shown = controller.summary!.amountDueToday;
  controller.paying.pay();
  await settle();
  return shown;
}
