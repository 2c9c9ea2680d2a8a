// The element's base look: design tokens as documented custom properties (light, dark, auto),
// the reset and the utilities every view uses. Each view's own rules sit beside it (views/*.styles.ts).
import { css } from './views/css.ts';

const darkTokens = css`
  --paid-color-accent: #8b93ff;
  --paid-color-accent-contrast: #0b0d17;
  --paid-color-text: #e7e9f0;
  --paid-color-text-muted: #a6adbe;
  --paid-color-background: #0f1117;
  --paid-color-surface: #171a23;
  --paid-color-border: #343a4a;
  --paid-color-input-border: #666e82;
  --paid-color-danger: #ff8a8a;
  --paid-color-success: #5ad48a;
  color-scheme: dark;
`;
export const baseStyles = css`
  :host {
    --paid-color-accent: #4f46e5;
    --paid-color-accent-contrast: #ffffff;
    --paid-color-text: #1a1f36;
    --paid-color-text-muted: #586178;
    --paid-color-background: #ffffff;
    --paid-color-surface: #ffffff;
    --paid-color-border: #d5dae3;
    --paid-color-input-border: #868e9f;
    --paid-color-danger: #c0262d;
    --paid-color-success: #1a7f37;
    --paid-radius: 8px;
    --paid-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --paid-font-size: 15px;
    --paid-spacing: 8px;
    --paid-max-width: 1080px;

    display: block;
    color-scheme: light;
    color: var(--paid-color-text);
    background: var(--paid-color-background);
    font-family: var(--paid-font-family);
    font-size: var(--paid-font-size);
    line-height: 1.5;
    -webkit-font-smoothing: antialiased;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .root {
    container-type: inline-size;
    max-width: var(--paid-max-width);
    margin: 0 auto;
    padding: calc(var(--paid-spacing) * 2);
    overflow-wrap: anywhere;
  }

  h2,
  h3,
  p {
    margin: 0;
  }
  h2 {
    font-size: 1.05em;
    font-weight: 600;
    margin-block-end: calc(var(--paid-spacing) * 1.5);
  }
  h3 {
    font-size: 1.1em;
    font-weight: 600;
  }
  .muted,
  .hint {
    color: var(--paid-color-text-muted);
  }
  .hint {
    font-size: 0.87em;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  a {
    color: var(--paid-color-accent);
    text-underline-offset: 2px;
  }
  :focus-visible {
    outline: 2px solid var(--paid-color-accent);
    outline-offset: 2px;
  }
`;
