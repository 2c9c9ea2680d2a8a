// The page's frame: one column that becomes two when the element is wide enough, and the card
// surface every section sits on.
import { css } from './css.ts';

export const layoutStyles = css`
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--paid-spacing) * 3);
  }
  .column {
    display: flex;
    flex-direction: column;
    gap: calc(var(--paid-spacing) * 2);
    min-width: 0;
  }
  @container (min-width: 760px) {
    .layout {
      grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr);
      gap: calc(var(--paid-spacing) * 5);
      align-items: start;
    }
    .side {
      position: sticky;
      inset-block-start: calc(var(--paid-spacing) * 2);
    }
  }

  /* Cards */
  .product,
  .summary,
  .customer,
  .payment,
  .state,
  .notice {
    background: var(--paid-color-surface);
    border: 1px solid var(--paid-color-border);
    border-radius: var(--paid-radius);
    padding: calc(var(--paid-spacing) * 2.5);
  }
  .product,
  .customer,
  .payment {
    display: flex;
    flex-direction: column;
    gap: calc(var(--paid-spacing) * 1.5);
  }
  .customer h2,
  .payment h2,
  .state h2 {
    margin: 0;
  }
`;

/**
 * Narrow: less padding, so that content keeps its width at 320 px. Last in the element's styles:
 * it overrides the cards' and tiers' own padding, which a rule before them cannot.
 */
export const narrowLayoutStyles = css`
  @container (max-width: 420px) {
    .product,
    .summary,
    .customer,
    .payment {
      padding: calc(var(--paid-spacing) * 1.5);
    }
    .tier {
      padding: var(--paid-spacing);
      padding-inline-start: calc(var(--paid-spacing) * 4);
    }
  }
`;
