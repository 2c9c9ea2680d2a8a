// @ts-nocheck
import { launchBrowser, newPage } from '../lib/browser.ts';
import { benchPage } from '../lib/pages.ts';
import { largeSession } from '../lib/session-fixture.ts';
import { startBenchServer } from '../lib/server.ts';
const server = await startBenchServer();
const browser = await launchBrowser();
server.page('/bench/standin.html', benchPage({ standIn: true }));
const session = await largeSession(server, Number(process.env.PRODUCTS ?? 50));
const answer = JSON.stringify(session);
const results = [];
for (let run = 0; run < 3; run++) {
const { page } = await newPage(browser);
await page.route(`${server.url}/api/public/checkout/${session.id}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: answer }));
await page.goto(`${server.url}/bench/standin.html`);
await page.waitForFunction(() => (window as any).__benchReady === true);
results.push(await page.evaluate(async ({ id, apiBase, extra, light }) => {
  const el = document.createElement('paid-checkout');
  el.setAttribute('checkout-id', id); el.setAttribute('api-base', apiBase);
  document.body.append(el);
  while (!el.shadowRoot.querySelector('.payment-fields:not(.pending)')) await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
  if (light) { const st = document.createElement('style'); st.textContent = light; document.head.append(st); }
  if (extra) { const sheet = new CSSStyleSheet(); sheet.replaceSync(extra); el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, sheet]; }
  const times = { recompute: [], update: [], dispatch: [], choose: [] };
  const c = el.controller;
  const wrap = (obj, name, bucket) => { const o = obj[name].bind(obj); obj[name] = (...a) => { const s = performance.now(); const r = o(...a); times[bucket].push(performance.now() - s); return r; }; };
  wrap(c, 'recompute', 'recompute'); wrap(el, 'update', 'update'); wrap(el, 'dispatchEvent', 'dispatch'); wrap(c, 'choosePlan', 'choose'); wrap(c, 'setQuantity', 'choose');
  const root = el.shadowRoot;
  const articles = [...root.querySelectorAll('article.product')];
  const js = [], lay = [];
  for (let i = 0; i < 120; i++) {
    const kind = i % 2 === 0 ? 'tier' : 'quantity';
    const article = articles[(kind === 'tier' ? 0 : 1) + ((i * 2) % articles.length)];
    const target = kind === 'tier' ? [...article.querySelectorAll('input[type=radio]')].find((r) => !r.checked) : article.querySelectorAll('button.step')[1];
    const s = performance.now();
    target.click();
    await el.updateComplete;
    const m = performance.now();
    root.querySelector('[data-testid=due-today]').getBoundingClientRect();
    const e = performance.now();
    if (i >= 20) { js.push(m - s); lay.push(e - m); }
    await new Promise((r) => setTimeout(r, 0));
  }
  const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  for (const k of Object.keys(times)) times[k] = med(times[k].slice(20)).toFixed(2);
  return [med(js), med(lay), JSON.stringify(times)];
}, { id: session.id, apiBase: server.url, extra: process.env.EXTRA ?? '', light: process.env.LIGHT ?? '' }));
await page.close();
}
const med = (a) => a.sort((x, y) => x - y)[1];
console.log(`script ${med(results.map(r=>r[0])).toFixed(2)} layout ${med(results.map(r=>r[1])).toFixed(2)}  [${process.env.EXTRA ?? ''}]`, results.map(r=>r[2]).join(' '));
await browser.close(); await server.close();
