// The Stripe appearance read from the element's tokens (src/payment/appearance.ts): colors,
// radius and font carried over, the night theme on a dark surface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appearanceFromTokens, luminance } from '../../../src/payment/appearance.ts';

const light: Record<string, string> = {
  '--paid-color-accent': 'rgb(79, 70, 229)',
  '--paid-color-background': 'rgb(255, 255, 255)',
  '--paid-color-surface': 'rgb(255, 255, 255)',
  '--paid-color-text': 'rgb(26, 31, 54)',
  '--paid-color-text-muted': 'rgb(88, 97, 120)',
  '--paid-color-input-border': 'rgb(134, 142, 159)',
  '--paid-color-danger': 'rgb(192, 38, 45)',
  '--paid-color-success': 'rgb(26, 127, 55)',
  '--paid-radius': '8px',
  '--paid-font-family': 'system-ui, sans-serif',
  '--paid-font-size': '15px',
};

test('luminance reads the rgb() a resolved color is; any other syntax is not read', () => {
  assert.equal(luminance('rgb(255, 255, 255)'), 1);
  assert.equal(luminance('rgb(0, 0, 0)'), 0);
  assert.ok(Math.abs(luminance('rgba(15, 17, 23, 0.5)')! - luminance('rgb(15 17 23)')!) < 1e-9);
  assert.ok(luminance('rgb(23, 26, 35)')! < 0.2, 'the dark theme’s surface is dark');
  // hostTokenReader hands every color over as its computed rgb(): these never reach it.
  assert.equal(luminance('#fff'), null);
  assert.equal(luminance('oklch(0.5 0.1 200)'), null);
});

test('Stripe appearance follows the tokens: accent, text, inputs’ borders, danger, radius, font', () => {
  const appearance = appearanceFromTokens((name) => light[name] ?? '');
  assert.equal(appearance.theme, 'stripe');
  assert.deepEqual(appearance.variables, {
    colorPrimary: 'rgb(79, 70, 229)',
    colorBackground: 'rgb(255, 255, 255)',
    colorText: 'rgb(26, 31, 54)',
    colorTextSecondary: 'rgb(88, 97, 120)',
    inputColorBorder: 'rgb(134, 142, 159)',
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
