// `npx tsx test/e2e/screenshots.ts` (after `npm run build`): the docs' theme screenshots, taken
// from the production build against the sandbox: docs/images/checkout-{light,dark,custom}.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './support/browser.ts';
import { merchantPage } from './support/pages.ts';
import { createSession, distDirectory, repoRoot, startTestSandbox } from './support/sandbox.ts';
import { readSnippet } from './support/snippets.ts';
import { startStaticServer } from './support/static-server.ts';

const shots = [
  { name: 'light', theme: 'light', background: '#f6f7f9', css: '' },
  { name: 'dark', theme: 'dark', background: '#0b0d12', css: '' },
  { name: 'custom', theme: 'light', background: '#f6f7f9', css: readSnippet('theme.css') },
] as const;

const imagesDirectory = join(repoRoot, 'docs/images');
mkdirSync(imagesDirectory, { recursive: true });

const sandbox = await startTestSandbox();
const shop = await startStaticServer();
shop.directory('/dist/', distDirectory);
const browser = await launchBrowser();
try {
  for (const shot of shots) {
    const session = await createSession(sandbox, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
    shop.page(`/${shot.name}`, {
      body: merchantPage({
        title: shot.name,
        sandboxUrl: sandbox.url,
        head: `<script type="module" src="/dist/paid-checkout.js"></script>
<style>body { margin: 0; padding: 24px; background: ${shot.background}; } ${shot.css}</style>`,
        body: `<paid-checkout checkout-id="${session.id}" api-base="${sandbox.url}" theme="${shot.theme}"></paid-checkout>`,
      }),
    });
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${shop.url}/${shot.name}`);
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiration date').fill('12 / 34');
    await page.getByLabel('Security code').fill('123');
    await page.getByLabel('ZIP').fill('10001');
    await page.getByRole('button', { name: /^Pay /i }).waitFor();
    // Out of the way of the picture: no caret, no focus ring.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const path = join(imagesDirectory, `checkout-${shot.name}.png`);
    await page.locator('body').screenshot({ path, animations: 'disabled', caret: 'hide' });
    console.log(`wrote ${path}`);
    await page.close();
  }
} finally {
  await browser.close();
  await shop.close();
  await sandbox.close();
}
