// Stripe's Appearance derived from the element's own design tokens, so the payment fields
// match the theme the page chose (light, dark or its own custom properties).
import type { Appearance } from '@stripe/stripe-js';

/** Reads one resolved token value, e.g. `read('--paid-color-accent')` → `rgb(79, 70, 229)`. */
export type TokenReader = (name: string) => string;

/**
 * Relative luminance of an `rgb()`/`rgba()` color, or null when it can't be read. The host's
 * tokens reach it resolved (payment-fields.ts' hostTokenReader): every color the page wrote in an
 * sRGB syntax (hex, a name, `hsl()`) is `rgb()` by then.
 */
export function luminance(color: string): number | null {
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(color.trim());
  if (!rgb) return null;
  const [r, g, b] = rgb.slice(1).map((channel) => {
    const c = Number(channel) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function defined(entries: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value.trim() !== ''));
}

/**
 * The Appearance for the payment fields: Stripe's `night` theme on a dark background, its
 * `stripe` theme otherwise, with colors, radius, font and spacing from the tokens.
 */
export function appearanceFromTokens(read: TokenReader): Appearance {
  const background = read('--paid-color-surface') || read('--paid-color-background');
  const dark = (luminance(background) ?? 1) < 0.2;
  return {
    theme: dark ? 'night' : 'stripe',
    variables: defined({
      colorPrimary: read('--paid-color-accent'),
      colorBackground: background,
      colorText: read('--paid-color-text'),
      colorTextSecondary: read('--paid-color-text-muted'),
      inputColorBorder: read('--paid-color-input-border'),
      colorDanger: read('--paid-color-danger'),
      colorSuccess: read('--paid-color-success'),
      borderRadius: read('--paid-radius'),
      fontFamily: read('--paid-font-family'),
      fontSizeBase: read('--paid-font-size'),
    }),
  };
}
