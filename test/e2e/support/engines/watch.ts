// The page-side recorder every engine shares: uncaught errors, unhandled rejections and
// `securitypolicyviolation` events, kept on `window` for the driver to read. Chromium and Firefox
// install it before any of a document's scripts (init scripts); WebDriver classic has none, so
// WebKit installs it once a page has loaded, and merchant pages also load it as their first
// script of their own (`watchScriptTag`), which makes it run from the start in every engine.

export const watchScriptPath = '/engine-watch.js';

/** Idempotent: a document that loads it twice (init script and tag) records each event once. */
export const watchSource = `(() => {
  if (window.__engineWatch) return;
  const watch = { errors: [], violations: [] };
  Object.defineProperty(window, '__engineWatch', { value: watch });
  window.addEventListener('error', (event) => watch.errors.push(String(event.message)));
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    watch.errors.push(String(reason && reason.message ? reason.message : reason));
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    watch.violations.push(event.effectiveDirective + ' blocked ' + (event.blockedURI || '(inline)') + ' (' + event.sourceFile + ':' + event.lineNumber + ')');
  });
})();
`;

export const watchScriptTag = `<script src="${watchScriptPath}"></script>`;

/** The expression a driver evaluates to read the recorder (empty lists when it is not installed). */
export const readWatchExpression = `JSON.parse(JSON.stringify(window.__engineWatch || { errors: [], violations: [] }))`;
