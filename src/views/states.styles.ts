// Whole-element states: the cards that end the flow, their actions, and the loading skeleton.
import { css } from './css.ts';

export const statesStyles = css`
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    text-align: center;
    gap: var(--paid-spacing);
    max-width: 32em;
    margin: calc(var(--paid-spacing) * 4) auto;
    padding: calc(var(--paid-spacing) * 4) calc(var(--paid-spacing) * 3);
  }
  .state h2 {
    font-size: 1.25em;
  }
  .state:focus,
  .form:focus {
    outline: none;
  }
  .state-icon {
    display: grid;
    place-items: center;
    width: 3em;
    height: 3em;
    border-radius: 50%;
    font-weight: 700;
    font-size: 1.1em;
    color: var(--paid-color-danger);
    background: color-mix(in srgb, var(--paid-color-danger) 12%, transparent);
  }
  .state.success .state-icon,
  .state.calm .state-icon {
    color: var(--paid-color-success);
    background: color-mix(in srgb, var(--paid-color-success) 14%, transparent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: calc(var(--paid-spacing) * 2);
    margin-block-start: var(--paid-spacing);
  }

  /* Skeleton */
  .skeleton-line,
  .skeleton-block {
    border-radius: var(--paid-radius);
    background: color-mix(in srgb, var(--paid-color-border) 50%, transparent);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .skeleton-line {
    height: 1.2em;
    width: 60%;
  }
  .skeleton-line.wide {
    width: 40%;
  }
  .skeleton-block {
    height: 7em;
  }
  .skeleton-block.tall {
    height: 14em;
  }
  @keyframes pulse {
    50% {
      opacity: 0.4;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton-line,
    .skeleton-block {
      animation: none;
    }
  }
`;
