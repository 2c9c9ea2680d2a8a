// The bench's merchant page and the probe it wraps around the Stripe stand-in: the probe counts
// the Payment Elements created and destroyed and records every `elements.update()`.

/**
 * A classic script run right after the stand-in: wraps `window.Stripe` so that each Elements
 * group reports to `window.__stripeProbe` (elements created, mounted, ready, destroyed; every
 * `elements.update()`). The element otherwise sees the stand-in's own objects.
 */
export const stripeProbeSource = `
(function () {
  var probe = { created: 0, destroyed: 0, updates: [], mountedAt: [], readyAt: [] };
  window.__stripeProbe = probe;
  var Original = window.Stripe;
  function Probe(key, options) {
    var stripe = Original(key, options);
    var elementsOf = stripe.elements.bind(stripe);
    stripe.elements = function (groupOptions) {
      var group = elementsOf(groupOptions);
      var create = group.create.bind(group);
      var update = group.update.bind(group);
      group.create = function (type, elementOptions) {
        var element = create(type, elementOptions);
        probe.created += 1;
        var mount = element.mount.bind(element);
        element.mount = function (target) { probe.mountedAt.push(performance.now()); return mount(target); };
        var on = element.on.bind(element);
        element.on = function (type, handler) {
          if (type !== 'ready') return on(type, handler);
          return on(type, function (event) { probe.readyAt.push(performance.now()); return handler(event); });
        };
        var destroy = element.destroy.bind(element);
        element.destroy = function () { probe.destroyed += 1; return destroy(); };
        return element;
      };
      group.update = function (changes) {
        probe.updates.push({ at: performance.now(), amount: changes && changes.amount });
        return update(changes);
      };
      return group;
    };
    return stripe;
  }
  Probe.version = Original.version;
  window.Stripe = Probe;
})();
`;

/** Keeps the page's uncaught errors on `window.__benchErrors`, for drivers without an error event. */
const errorRecorderSource = `window.__benchErrors = [];
addEventListener('error', function (event) { window.__benchErrors.push(String(event.message)); });
addEventListener('unhandledrejection', function (event) { window.__benchErrors.push(String(event.reason && event.reason.message || event.reason)); });`;

/**
 * The merchant page: the script-tag build as a module (its class on `window.PaidCheckoutElement`), and,
 * with `standIn`, the Stripe stand-in and the probe already on the page, as the e2e pages have it.
 * Without it the element injects Stripe.js itself (https://js.stripe.com/endive/stripe.js). With
 * `recordErrors`, the page's uncaught errors are kept on `window.__benchErrors` from its start.
 * `scriptBase` is where the script and the chunks it fetches come from (default `/`; the delaying
 * proxy's `/delay/<ms>/` answers each chunk that much later, as a distant CDN would).
 */
export function benchPage(options: { standIn: boolean; recordErrors?: boolean; scriptBase?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>paid-checkout bench</title>
${options.recordErrors ? `<script>${errorRecorderSource}</script>` : ''}
${options.standIn ? `<script src="/sandbox/stripe-standin.js"></script>\n<script>${stripeProbeSource}</script>` : ''}
<script type="module">
import { PaidCheckoutElement } from '${options.scriptBase ?? '/'}paid-checkout.js';
window.PaidCheckoutElement = PaidCheckoutElement;
window.__benchReady = true;
</script>
</head>
<body style="margin:0;width:1200px"></body>
</html>
`;
}
