// The row above the form: the back link and the currency switcher.
import { css } from './css.ts';

export const toolbarStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--paid-spacing);
    margin-block-end: calc(var(--paid-spacing) * 2);
  }
  .back {
    display: inline-flex;
    gap: 0.4em;
    align-items: center;
    font-weight: 500;
    text-decoration: none;
    min-height: 24px;
  }
  .back:hover {
    text-decoration: underline;
  }
  /* A link's arrow (back: ←, on: →) is mirrored in a right-to-left language, where back is to the right. */
  [dir=rtl] .back > span {
    transform: scaleX(-1);
  }
  .currency {
    display: flex;
    align-items: center;
    gap: var(--paid-spacing);
    margin-inline-start: auto;
  }

  .currency select {
    width: auto;
  }
`;
