import { readFileSync, writeFileSync } from 'node:fs';
import { launchBrowser, newPage, sleep } from './lib/browser.ts';
import { benchPage, stripeProbeSource } from './lib/pages.ts';
import { createCheckout, repoRoot, startBenchServer } from './lib/server.ts';

const D = Number(process.env.D ?? 200), S = Number(process.env.S ?? 400);
const browser = await launchBrowser();
const server = await startBenchServer();
server.page('/bench/plain.html', benchPage({ standIn: false, scriptBase: `/delay/150/` }));
const checkoutId = await createCheckout(server, ['prod_analytics', 'prod_seats']);
for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
  const { page, cdp } = await newPage(browser);
  const standIn = `${readFileSync(`${repoRoot}sandbox/stripe-standin.js`, 'utf8')}\n${stripeProbeSource}`;
  const body = Buffer.from(standIn).toString('base64');
  cdp.on('Fetch.requestPaused', ({ requestId }) => void sleep(S).then(() => cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 200, responseHeaders: [{ name: 'content-type', value: 'text/javascript' }], body }).catch(() => {})));
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'https://js.stripe.com/endive/stripe.js' }] });
  await page.goto(`${server.url}/bench/plain.html`);
  await page.waitForFunction(() => (window as any).__benchReady === true);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading', 'blink', 'toplevel', 'disabled-by-default-v8.cpu_profiler'] });
  const t = await page.evaluate(({ id, apiBase }) => new Promise<any>((resolve) => {
    const element = document.createElement('paid-checkout');
    element.setAttribute('checkout-id', id); element.setAttribute('api-base', apiBase);
    performance.mark('connect');
    const start = performance.now();
    const entry = (part: string) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.includes(part) && e.startTime >= start)!;
    const obs = new MutationObserver(() => { if (element.shadowRoot!.querySelector('.product')) { obs.disconnect(); performance.mark('products'); const now = performance.now() - start; setTimeout(() => resolve({ products: now, session: entry('/api/public/checkout/').responseEnd - start, chunk: entry('/checkout-chunk-').responseEnd - start }), 50); } });
    document.body.append(element);
    obs.observe(element.shadowRoot!, { subtree: true, childList: true, attributes: true });
  }), { id: checkoutId, apiBase: `${server.url}/delay/${D}` });
  const buf = await browser.stopTracing();
  writeFileSync(`/work/notes/perf/trace-${process.env.TAG ?? 'x'}-${run}.json`, buf);
  console.log(JSON.stringify(t));
  await page.close();
}
await browser.close(); await server.close();
