// The order summary: its lines, the tax, the total due today and what recurs.
import { css } from './css.ts';

export const summaryStyles = css`
  .lines,
  .recurring {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .line {
    padding: var(--paid-spacing) 0;
    border-block-end: 1px solid var(--paid-color-border);
  }
  .line:first-child {
    padding-block-start: 0;
  }
  .line-head,
  .total,
  .proration > div,
  .tax > div {
    display: flex;
    justify-content: space-between;
    gap: calc(var(--paid-spacing) * 2);
  }
  .line-title {
    font-weight: 500;
  }
  .amount {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .line-details {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.9em;
    font-size: 0.88em;
  }
  .proration {
    margin: 0.4em 0 0;
    font-size: 0.9em;
  }
  .proration dd,
  .tax dd {
    margin: 0;
  }
  .tax,
  .tax-note {
    margin: var(--paid-spacing) 0 0;
  }
  .tax-note {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--paid-spacing);
  }
  .renews {
    font-size: 0.88em;
  }
  .total {
    padding-block-start: calc(var(--paid-spacing) * 1.5);
    font-size: 1.1em;
    font-weight: 600;
  }
  .recurring,
  .credit-carried {
    margin-block-start: 0.4em;
    color: var(--paid-color-text-muted);
    font-size: 0.9em;
  }
`;
