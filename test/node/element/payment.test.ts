import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appearanceFromTokens, luminance } from '../../../src/payment/appearance.ts';
import { intentOptions } from '../../../src/payment/intent.ts';
import { stripeLocale } from '../../../src/payment/locale.ts';
import type { SummaryLine } from '../../../src/pricing/summary.ts';

const light: Record<string, string> = {
  '--paid-color-accent': 'rgb(79, 70, 229)',
  '--paid-color-background': 'rgb(255, 255, 255)',
  '--paid-color-surface': 'rgb(255, 255, 255)',
  '--paid-color-text': 'rgb(26, 31, 54)',
  '--paid-color-text-muted': 'rgb(88, 97, 120)',
  '--paid-color-danger': 'rgb(192, 38, 45)',
  '--paid-color-success': 'rgb(26, 127, 55)',
  '--paid-radius': '8px',
  '--paid-font-family': 'system-ui, sans-serif',
  '--paid-font-size': '15px',
};

test('luminance reads hex and rgb colors', () => {
  assert.equal(luminance('#fff'), 1);
  assert.equal(luminance('rgb(0, 0, 0)'), 0);
  assert.ok(Math.abs((luminance('#0f1117') ?? 1) - luminance('rgb(15, 17, 23)')!) < 1e-9);
  assert.equal(luminance('oklch(0.5 0.1 200)'), null);
});

test('Stripe appearance follows the tokens: accent, text, danger, radius, font', () => {
  const appearance = appearanceFromTokens((name) => light[name] ?? '');
  assert.equal(appearance.theme, 'stripe');
  assert.deepEqual(appearance.variables, {
    colorPrimary: 'rgb(79, 70, 229)',
    colorBackground: 'rgb(255, 255, 255)',
    colorText: 'rgb(26, 31, 54)',
    colorTextSecondary: 'rgb(88, 97, 120)',
    colorDanger: 'rgb(192, 38, 45)',
    colorSuccess: 'rgb(26, 127, 55)',
    borderRadius: '8px',
    fontFamily: 'system-ui, sans-serif',
    fontSizeBase: '15px',
  });
});

test('a dark surface selects Stripe’s night theme; missing tokens are left to Stripe', () => {
  const appearance = appearanceFromTokens((name) => (name === '--paid-color-surface' ? 'rgb(23, 26, 35)' : ''));
  assert.equal(appearance.theme, 'night');
  assert.deepEqual(appearance.variables, { colorBackground: 'rgb(23, 26, 35)' });
});

function line(interval: SummaryLine['interval']): Pick<SummaryLine, 'interval'> {
  return { interval };
}

test('recurring orders use subscription mode, even at zero due (trials, covered upgrades)', () => {
  const lines = [line('month'), line('one_time')] as SummaryLine[];
  assert.deepEqual(intentOptions({ amountDueToday: 4900, currency: 'usd', lines }), { mode: 'subscription', amount: 4900, currency: 'usd' });
  assert.deepEqual(intentOptions({ amountDueToday: 0, currency: 'eur', lines }), { mode: 'subscription', amount: 0, currency: 'eur' });
});

test('one-off orders use payment mode, or setup mode when nothing is charged', () => {
  const lines = [line('one_time')] as SummaryLine[];
  assert.deepEqual(intentOptions({ amountDueToday: 19900, currency: 'usd', lines }), { mode: 'payment', amount: 19900, currency: 'usd' });
  assert.deepEqual(intentOptions({ amountDueToday: 0, currency: 'usd', lines }), { mode: 'setup', currency: 'usd' });
});

test('Stripe’s fields get the customer’s locale, or the nearest one Stripe has', () => {
  assert.equal(stripeLocale('fr'), 'fr');
  assert.equal(stripeLocale('fr-CA'), 'fr-CA');
  assert.equal(stripeLocale('fr-BE'), 'fr');
  assert.equal(stripeLocale('en-US'), 'en');
  assert.equal(stripeLocale('zh-TW'), 'zh-TW');
  assert.equal(stripeLocale('cy-GB'), 'auto');
});

test('the pay button says "Start trial" only for a new subscription in a trial; a plan change during a trial says "Update plan"', async () => {
  const { payLabel } = await import('../../../src/views/payment.ts');
  const { formatterFor } = await import('../../../src/views/format.ts');
  const format = formatterFor('en');
  const trialEndsAt = new Date('2026-12-14T00:00:00Z');
  const line = (kind: SummaryLine['kind']) => ({ kind, trialEndsAt, dueToday: 0 }) as unknown as SummaryLine;
  const summary = (lines: SummaryLine[]) => ({ amountDueToday: 0, currency: 'usd', lines }) as unknown as Parameters<typeof payLabel>[0];
  assert.equal(payLabel(summary([line('new')]), format), format.t('pay.trial'));
  assert.equal(payLabel(summary([line('upgrade')]), format), format.t('pay.update'));
});
