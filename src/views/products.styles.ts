// The product cards: badges, prices, the tier picker (native radios styled as cards) and the
// quantity stepper.
import { css } from './css.ts';

export const productsStyles = css`
  .product {
    /* Nothing in a card reaches outside it: a change inside one lays out less of the page. */
    contain: content;
  }
  .product-head,
  .quantity {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--paid-spacing);
  }
  .badge {
    padding: 0 0.6em;
    border-radius: 999px;
    font-size: 0.78em;
    font-weight: 600;
    line-height: 1.8;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.recommended {
    color: var(--paid-color-accent-contrast);
    background: var(--paid-color-accent);
    border-color: var(--paid-color-accent);
  }
  .badge.current {
    color: var(--paid-color-success);
  }
  .price,
  .tier-name {
    font-weight: 600;
  }
  .base-price,
  .tier-price {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
  }
  .price-tiers {
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  .price-tiers ul {
    margin: 0.2em 0;
    padding-inline-start: 1.1em;
  }
  .trial {
    color: var(--paid-color-success);
    font-weight: 500;
  }

  /* Tiers: native radios, styled as cards. The label covers the card with its ::after, above the
     positioned parts of the card, so that a click anywhere picks the tier; the radio lies above that
     and takes its own clicks, as role-based test tools expect (they click the centre of a radio and
     check that nothing covers it). No quote marks in comments here: the minifier keeps those. */
  .tiers {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr));
    gap: var(--paid-spacing);
  }
  .tier {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: calc(var(--paid-spacing) * 0.75);
    padding: calc(var(--paid-spacing) * 1.5);
    padding-inline-start: calc(var(--paid-spacing) * 4.5);
    border: 1px solid var(--paid-color-border);
    border-radius: var(--paid-radius);
  }
  /* Only the pointer's hover fades in. A choice shows at once: a transition started on each change
     of tier cost that change more than the rest of its restyle (bench row 4). */
  @media (prefers-reduced-motion: no-preference) {
    .tier:hover {
      transition: border-color 0.15s;
    }
  }
  .tier:hover,
  .tier.selected {
    border-color: var(--paid-color-accent);
  }
  .tier.selected {
    box-shadow: 0 0 0 1px var(--paid-color-accent);
  }
  /* Forced colors (Windows high contrast) drop the shadow and give every border one color: the
     chosen tier keeps its ring in the highlight color of the system. */
  @media (forced-colors: active) {
    .tier.selected {
      border-color: Highlight;
      outline: 1px solid Highlight;
      outline-offset: -2px;
    }
  }
  .tier:has(input:focus-visible),
  .keyed .tier:has(input:focus) {
    outline: 2px solid var(--paid-color-accent);
    outline-offset: 2px;
  }
  .tier input {
    position: absolute;
    inset-inline-start: calc(var(--paid-spacing) * 1.5);
    inset-block-start: calc(var(--paid-spacing) * 1.5 + 0.2em);
    width: 1.1em;
    height: 1.1em;
    margin: 0;
    accent-color: var(--paid-color-accent);
    z-index: 2;
    cursor: pointer;
  }
  /* Only where :has() is known (the ring is then on the tier): elsewhere the radio keeps its own. */
  .tier:has(input:focus-visible) input {
    outline: none;
  }
  .tier label {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    cursor: pointer;
  }
  .tier label::after {
    content: '';
    position: absolute;
    inset: 0;
    z-index: 1;
  }
  .tiers:disabled * {
    cursor: default;
  }
  .tier .badge {
    align-self: flex-start;
  }
  .tier-details {
    font-size: 0.92em;
  }
  .features {
    margin: 0.3em 0 0;
    padding: 0;
    list-style: none;
  }
  .features li {
    padding-inline-start: 1.3em;
    position: relative;
  }
  .features li::before {
    content: '✓';
    position: absolute;
    inset-inline-start: 0;
    color: var(--paid-color-success);
    font-weight: 700;
  }

  /* The merchant's own words keep their own direction: an English description in an Arabic
     checkout ends with its full stop rather than starting with it. Such a paragraph would align by
     its own direction too: keep it on the layout's side. */
  .product-name,
  .product-description,
  .tier-name,
  .tier-details > p,
  .features li {
    unicode-bidi: plaintext;
  }
  [dir=rtl] :is(.product-name, .product-description, .tier-name, .tier-details > p, .features li) {
    text-align: right;
  }

  /* Quantity */
  .quantity label {
    font-weight: 500;
    margin-inline-end: auto;
  }
  .stepper {
    display: inline-flex;
    border: 1px solid var(--paid-color-input-border);
    border-radius: var(--paid-radius);
    overflow: hidden;
  }
  /* The stepper clips to its rounded border: a ring drawn outside its field or buttons would be cut off. */
  .stepper :focus-visible {
    outline-offset: -2px;
  }
  .stepper input {
    width: 4.5em;
    border: 0;
    border-radius: 0;
    text-align: center;
    -moz-appearance: textfield;
  }
  .stepper input::-webkit-inner-spin-button,
  .stepper input::-webkit-outer-spin-button {
    -webkit-appearance: none;
  }
  .step {
    min-width: 2.5em;
    min-height: 2.5em;
    border: 0;
    background: transparent;
    color: var(--paid-color-text);
    font-size: 1.1em;
    cursor: pointer;
  }
  .step:hover:not(:disabled) {
    background: color-mix(in srgb, var(--paid-color-accent) 10%, transparent);
  }
  .step:disabled {
    color: var(--paid-color-text-muted);
    cursor: not-allowed;
    opacity: 0.55;
  }
  .quantity .hint {
    flex-basis: 100%;
    text-align: end;
  }
`;
