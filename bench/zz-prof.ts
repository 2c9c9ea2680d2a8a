import { readFileSync } from 'node:fs';
import { launchBrowser, newPage, sleep } from './lib/browser.ts';
import { benchPage, stripeProbeSource } from './lib/pages.ts';
import { createCheckout, repoRoot, startBenchServer } from './lib/server.ts';

const D = Number(process.env.D ?? 200), S = Number(process.env.S ?? 400);
const browser = await launchBrowser();
const server = await startBenchServer();
server.page('/bench/plain.html', benchPage({ standIn: false, scriptBase: `/delay/150/` }));
const checkoutId = await createCheckout(server, ['prod_analytics', 'prod_seats']);
const buckets = new Map<string, number>();
const phases = new Map<string, number>();
const incl = new Map<string, number>();
const timeline: string[] = []; let lastLabel = '';
for (let run = 0; run < Number(process.env.RUNS ?? 5); run++) {
  const { page, cdp } = await newPage(browser);
  const standIn = `${readFileSync(`${repoRoot}sandbox/stripe-standin.js`, 'utf8')}\n${stripeProbeSource}`;
  const body = Buffer.from(standIn).toString('base64');
  cdp.on('Fetch.requestPaused', ({ requestId }) => void sleep(S).then(() => cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 200, responseHeaders: [{ name: 'content-type', value: 'text/javascript' }], body }).catch(() => {})));
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'https://js.stripe.com/endive/stripe.js' }] });
  await page.goto(`${server.url}/bench/plain.html`);
  await page.waitForFunction(() => (window as any).__benchReady === true);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const t = await page.evaluate(({ id, apiBase }) => new Promise<any>((resolve) => {
    const element = document.createElement('paid-checkout');
    element.setAttribute('checkout-id', id); element.setAttribute('api-base', apiBase);
    const start = performance.now();
    (function __markConnect() { const e = performance.now() + 2; while (performance.now() < e); })();
    const entry = (part: string) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.includes(part) && e.startTime >= start)!;
    const obs = new MutationObserver(() => { if (element.shadowRoot!.querySelector('.product')) { obs.disconnect(); const now = performance.now() - start; setTimeout(() => resolve({ products: now, session: entry('/api/public/checkout/').responseEnd - start, chunk: entry('/checkout-chunk-').responseEnd - start }), 50); } });
    document.body.append(element);
    obs.observe(element.shadowRoot!, { subtree: true, childList: true, attributes: true });
  }), { id: checkoutId, apiBase: `${server.url}/delay/${D}` });
  const { profile } = await cdp.send('Profiler.stop');
  console.log(JSON.stringify(t));
  const parentOf = new Map<number, any>(); for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parentOf.set(c, n);
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  // align: sample time relative to profile start; approximate connect = profile start + offset of first non-idle sample? use startTime
  let time = 0; let mark = -1; { let tt = 0; for (let i = 0; i < profile.samples!.length; i++) { tt += profile.timeDeltas![i]!; if (mark < 0 && (byId.get(profile.samples![i]!) as any).callFrame.functionName === '__markConnect') mark = tt; } } time = -mark; console.log('mark', mark/1000);
  const samples = profile.samples!; const deltas = profile.timeDeltas!;
  // find where evaluate started: assume ~ first sample of our page.evaluate — we take profile start as connect (error a few ms)
  for (let i = 0; i < samples.length; i++) {
    time += deltas[i]!;
    const ms = time / 1000;
    const phase = ms < t.chunk ? 'A<chunk' : ms < t.session ? 'B chunk..session' : ms < t.products ? 'C session..products' : 'D after';
    const node: any = byId.get(samples[i]!);
    const f = node.callFrame;
    const key = `${phase} | ${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    if (phase.startsWith('C')) { const seen = new Set<string>(); let n: any = node; while (n) { const cf = n.callFrame; const k2 = `incl ${cf.functionName || '(anon)'} ${cf.url.split('/').pop()}:${cf.columnNumber}`; if (!seen.has(k2)) { seen.add(k2); incl.set(k2, (incl.get(k2) ?? 0) + deltas[i]! / 1000); } n = parentOf.get(n.id); } }
    if (run === 0 && ms > 140 && ms < t.products + 5) { let n: any = node; const chain: string[] = []; while (n) { const cf = n.callFrame; if (cf.url.includes('chunk') || cf.url.includes('core')) chain.push(`${cf.functionName || 'anon'}@${cf.url.includes('core') ? 'k' : 'c'}${cf.columnNumber}`); n = parentOf.get(n.id); } const label = chain.length ? chain.slice(-3).reverse().join('>') : f.functionName; if (label !== lastLabel) { timeline.push(`${ms.toFixed(1).padStart(7)} ${label}`); lastLabel = label; } }
    buckets.set(key, (buckets.get(key) ?? 0) + deltas[i]! / 1000);
    phases.set(phase + ' ' + (f.url ? 'js' : f.functionName), (phases.get(phase + ' ' + (f.url ? 'js' : f.functionName)) ?? 0) + deltas[i]! / 1000);
  }
  await page.close();
}
console.log([...phases].sort().map(([k, v]) => `${v.toFixed(1).padStart(8)} ${k}`).join('\n'));
console.log([...buckets].filter(([k]) => k.startsWith('B') || k.startsWith('C')).sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${v.toFixed(1).padStart(8)} ${k}`).join('\n'));
console.log(timeline.join('\n'));
console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 70).map(([k, v]) => `${(v/5).toFixed(1).padStart(8)} ${k}`).join('\n'));
await browser.close(); await server.close();
