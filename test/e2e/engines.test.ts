// The purchase journeys in every engine a customer pays with (Chromium, Firefox ESR, WebKitGTK),
// against the production build: the sandbox's hosted page (a purchase, a decline then a retry,
// 3-D Secure, an upgrade with proration), the classic script on another site's page, and the ES
// module under the documented strict CSP. One test per journey and engine; an engine this machine
// cannot run, or a journey an engine cannot run, is a skip that says why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StartedSandbox } from '../../sandbox/app.ts';
import { engineEntries, type Engine, type EngineEntry, type EngineName, type EnginePage } from './support/engines/index.ts';
import { approveChallenge, challengeTitle, fillBuyer, fillCard, minorUnits, pickPlan, pressPay, shown } from './support/engines/steps.ts';
import { createUpgradeSession, readOrder, subscribe } from './support/engines/subscriber.ts';
import { waitFor } from './support/engines/wait.ts';
import { watchScriptPath, watchScriptTag, watchSource } from './support/engines/watch.ts';
import { merchantPage } from './support/pages.ts';
import { declinedCard, newBuyer, threeDSecureCard } from './support/purchase.ts';
import { createSession, distDirectory, readSession, startTestSandbox, type Session } from './support/sandbox.ts';
import { thanksPage } from './support/shop.ts';
import { documentedCsp, fillPlaceholders, readSnippet } from './support/snippets.ts';
import { startStaticServer, type StaticServer } from './support/static-server.ts';

let sandbox: StartedSandbox;
let shop: StaticServer;

before(async () => {
  sandbox = await startTestSandbox();
  shop = await startStaticServer();
  shop.directory('/dist/', distDirectory);
  shop.page('/thanks', thanksPage);
  shop.page(watchScriptPath, { body: watchSource, contentType: 'text/javascript' });
  shop.page('/checkout-events.js', { body: readSnippet('checkout-events.js'), contentType: 'text/javascript' });
  shop.page('/theme.css', { body: readSnippet('theme.css'), contentType: 'text/css' });
  shop.page('/trusted-types.js', { body: readSnippet('trusted-types.js'), contentType: 'text/javascript' });
});

after(async () => {
  await shop?.close();
  await sandbox?.close();
});

type Journey = 'purchase' | 'decline' | '3ds' | 'upgrade' | 'classic' | 'strict-csp' | 'trusted-types';

/** Journeys an engine cannot run, with the reason, reported as a skip that says it; none today. */
const notRunIn: Partial<Record<EngineName, Partial<Record<Journey, string>>>> = {};

/** A session for one plan product whose success URL is the shop's thanks page. */
function newSession(origin = shop.url): Promise<Session> {
  return createSession(sandbox, `${origin}/thanks?checkout={CHECKOUT_ID}`);
}

/** Waits for the shop's thanks page and checks what the customer lands on. */
async function assertLandedOnThanks(page: EnginePage, session: Session, origin = shop.url): Promise<void> {
  assert.equal(await page.waitForUrl(`${origin}/thanks?`), `${origin}/thanks?checkout=${session.id}`);
  assert.equal(await page.text({ in: 'page', css: 'h1' }), 'Thanks for your order');
}

async function assertCompletedWithOrder(session: Session): Promise<string> {
  const read = await readSession(sandbox, session.id);
  assert.equal(read.status, 'completed');
  const orderId = read.orderId ?? '';
  assert.match(orderId, /^ord_/);
  return orderId;
}

async function assertNoPageErrors(page: EnginePage, when: string): Promise<void> {
  assert.deepEqual((await page.watch()).errors, [], `no uncaught error ${when}`);
}

for (const entry of engineEntries()) describeEngine(entry);

function describeEngine(entry: EngineEntry): void {
  const { name } = entry;
  // Launched by its first journey, so that a run filtered to other engines never starts it.
  let launched: Promise<Engine> | undefined;

  describe(name, () => {
    after(async () => {
      // A launch that failed has already failed every journey that waited for it.
      await launched?.then((engine) => engine.close(), () => undefined);
    });

    /**
     * One journey in this engine, on a fresh page closed afterwards. `skip`: the engine's build, found
     * on the page, lacks what the journey proves (it then ends there, reported as a skip that says why).
     */
    function journey(id: Journey, title: string, body: (page: EnginePage, skip: (reason: string) => void) => Promise<void>): void {
      const reason = entry.notRun ?? notRunIn[name]?.[id];
      test(`${name}: ${title}`, { skip: reason ? `not run in ${name}: ${reason}` : false, timeout: 120_000 }, async (context) => {
        launched ??= entry.launch();
        const page = await (await launched).newPage();
        try {
          await body(page, (why) => context.skip(`not run in ${name}: ${why}`));
        } finally {
          await page.close();
        }
      });
    }

    journey('purchase', 'the hosted page completes a purchase and lands on the success URL with the checkout id', async (page) => {
      const session = await newSession();
      await page.open(session.url);
      await fillBuyer(page, newBuyer(`${name}-hosted`));
      await fillCard(page);
      await assertNoPageErrors(page, 'while loading and filling the form');
      await pressPay(page);
      await assertLandedOnThanks(page, session);
      await assertCompletedWithOrder(session);
    });

    journey('decline', 'a declined card shows why and leaves the checkout open; another card then pays', async (page) => {
      const session = await newSession();
      await page.open(session.url);
      await fillBuyer(page, newBuyer(`${name}-decline`));
      await fillCard(page, declinedCard);
      await pressPay(page);
      assert.equal(await page.text({ ...shown.payError, text: /declined/ }), 'Your card was declined.');
      assert.equal((await readSession(sandbox, session.id)).status, 'active', 'a decline creates nothing');
      await assertNoPageErrors(page, 'through the decline');

      await fillCard(page);
      await pressPay(page);
      await assertLandedOnThanks(page, session);
      await assertCompletedWithOrder(session);
    });

    journey('3ds', 'a card that asks for 3-D Secure shows the challenge; approving it completes the purchase', async (page) => {
      const session = await newSession();
      await page.open(session.url);
      await fillBuyer(page, newBuyer(`${name}-3ds`));
      await fillCard(page, threeDSecureCard);
      await pressPay(page);
      assert.equal(await challengeTitle(page), '3D Secure 2 Test Page');
      // Read before approving: the page leaves for the success URL once approved.
      await assertNoPageErrors(page, 'up to the challenge');
      await approveChallenge(page);
      await assertLandedOnThanks(page, session);
      await assertCompletedWithOrder(session);
    });

    journey('upgrade', 'a subscriber upgrading sees the credit for unused time, pays what is due today, and their order changes plan', async (page) => {
      const subscriber = await subscribe(sandbox, 'plan_analytics_starter');
      const billedBefore = (await readOrder(sandbox, subscriber.orderId)).totalBilledAmount;
      const session = await createUpgradeSession(sandbox, subscriber, `${shop.url}/thanks?checkout={CHECKOUT_ID}`);
      await page.open(session.url);
      assert.match(await page.text(shown.signedIn), /^Signed in as Grace Hopper/);
      assert.match(await page.text({ in: 'element', css: 'label', text: /^Starter/ }), /Current plan/);

      await pickPlan(page, 'Growth');
      const credit = await page.text(shown.prorationCredit);
      assert.match(credit, /^Credit for unused time on your current plan -\$1[89]\.\d\d$/, 'nearly a whole month of Starter back');
      const dueToday = minorUnits(await page.text(shown.dueToday));
      assert.ok(dueToday > 2900 && dueToday <= 3000, `Growth less the Starter credit: ${dueToday}`);
      await fillCard(page);
      await assertNoPageErrors(page, 'while choosing the upgrade');
      await pressPay(page);
      await assertLandedOnThanks(page, session);

      assert.equal(await assertCompletedWithOrder(session), subscriber.orderId, 'the upgrade changes the existing order');
      const order = await readOrder(sandbox, subscriber.orderId);
      assert.deepEqual(
        order.lines.map((line) => [line.productId, line.planId, line.quantity]),
        [['prod_analytics', 'plan_analytics_growth', 1]],
      );
      // The sandbox prices again when it is paid, a few seconds later: at most a cent apart.
      const charged = order.totalBilledAmount - billedBefore;
      assert.ok(Math.abs(charged - dueToday) <= 1, `charged ${charged}, shown ${dueToday}`);
    });

    journey('classic', "the classic script on another site's page completes a purchase against the API", async (page) => {
      // `localhost` against the sandbox's 127.0.0.1 on another port: another site, so every API call is cross-origin.
      const shopOrigin = shop.url.replace('127.0.0.1', 'localhost');
      const session = await newSession(shopOrigin);
      const snippet = fillPlaceholders(readSnippet('script-classic.html'), { cdn: `${shopOrigin}/dist/`, checkoutId: session.id, apiBase: sandbox.url });
      shop.page(`/classic-${name}`, { body: merchantPage({ title: 'Classic script', sandboxUrl: sandbox.url, head: watchScriptTag, body: snippet }) });

      await page.open(`${shopOrigin}/classic-${name}`);
      await fillBuyer(page, newBuyer(`${name}-classic`));
      await fillCard(page);
      await assertNoPageErrors(page, 'while loading and filling the form');
      await pressPay(page);
      await assertLandedOnThanks(page, session, shopOrigin);
      await assertCompletedWithOrder(session);
    });

    journey('strict-csp', 'the ES module under the documented development CSP shows the theme, reports its events and completes a purchase with no violation', async (page) => {
      const session = await newSession();
      const [header, documented] = documentedCsp('content-security-policy-development.txt');
      // The docs' development policy as written, with this run's sandbox for its default origin.
      const policy = fillPlaceholders(documented, { sandboxOrigin: sandbox.url });
      const snippet = fillPlaceholders(readSnippet('script-module.html'), { cdn: '/dist/', checkoutId: session.id, apiBase: sandbox.url });
      shop.page(`/strict-${name}`, {
        headers: { [header]: policy },
        body: merchantPage({
          title: 'Strict CSP',
          sandboxUrl: sandbox.url,
          head: `${watchScriptTag}\n<link rel="stylesheet" href="/theme.css">`,
          body: snippet,
        }),
      });

      await page.open(`${shop.url}/strict-${name}`);
      const status = { in: 'page', css: '#checkout-status' } as const;
      assert.equal(await page.text({ ...status, text: /is ready\.$/ }), `Checkout ${session.id} is ready.`);
      const look = await page.evaluate<Record<string, string>>(`(() => {
        const button = document.querySelector('paid-checkout').shadowRoot.querySelector('[part="pay-button"]');
        const style = getComputedStyle(button);
        return { background: style.backgroundColor, textTransform: style.textTransform, radius: style.borderTopLeftRadius, font: style.fontFamily };
      })()`);
      assert.deepEqual(look, { background: 'rgb(15, 118, 110)', textTransform: 'uppercase', radius: '12px', font: 'Georgia, "Times New Roman", serif' });

      await pickPlan(page, 'Scale');
      await page.text({ ...shown.dueToday, text: /^\$99\.00$/ });
      await fillBuyer(page, newBuyer(`${name}-strict-csp`));
      await fillCard(page);
      await pressPay(page);
      const paid = await page.text({ ...status, text: /^Paid: order / });
      assert.equal(paid, `Paid: order ${await assertCompletedWithOrder(session)}.`);
      assert.deepEqual(await page.watch(), { errors: [], violations: [] }, 'no error and no securitypolicyviolation');

      // The control: the policy is in force, and the watcher sees what it blocks.
      const inlineRan = await page.evaluate<boolean>(`(() => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineScriptRan = true;';
        document.head.append(script);
        return window.inlineScriptRan === true;
      })()`);
      assert.equal(inlineRan, false, 'an inline script does not run');
      const seen = await waitForViolation(page);
      assert.match(seen, /^script-src(-elem)? blocked inline/);
    });

    // test/e2e/trusted-types.test.ts runs the production CSP in Chromium, where the element adds
    // Stripe.js's tag through the page's policy (Chromium can answer for js.stripe.com). Here the
    // stand-in is on the page already, so this proves the rest in every engine: the element's
    // templates and the purchase under enforced Trusted Types.
    journey('trusted-types', 'the ES module on a page enforcing Trusted Types (its default policy first) completes a purchase with no violation, and the policy refuses another script URL', async (page, skip) => {
      const session = await newSession();
      const [header, development] = documentedCsp('content-security-policy-development.txt');
      const [, trustedTypes] = documentedCsp('content-security-policy-trusted-types.txt');
      const policy = fillPlaceholders(`${development}; ${trustedTypes}`, { sandboxOrigin: sandbox.url });
      const snippet = fillPlaceholders(readSnippet('script-module.html'), { cdn: '/dist/', checkoutId: session.id, apiBase: sandbox.url });
      shop.page(`/trusted-types-${name}`, {
        headers: { [header]: policy },
        body: merchantPage({
          title: 'Trusted Types',
          sandboxUrl: sandbox.url,
          head: `<script src="/trusted-types.js"></script>\n${watchScriptTag}`,
          body: snippet,
        }),
      });

      await page.open(`${shop.url}/trusted-types-${name}`);
      // Firefox ESR 140 (what a Debian package list not updated installs) has none, where ESR 153
      // has them: it would run the purchase under a header it ignores, and prove nothing.
      if (!(await page.evaluate<boolean>(`typeof trustedTypes !== 'undefined'`))) return skip('this build has no Trusted Types (window.trustedTypes is undefined)');
      const status = { in: 'page', css: '#checkout-status' } as const;
      assert.equal(await page.text({ ...status, text: /is ready\.$/ }), `Checkout ${session.id} is ready.`);
      await fillBuyer(page, newBuyer(`${name}-trusted-types`));
      await fillCard(page);
      await pressPay(page);
      const paid = await page.text({ ...status, text: /^Paid: order / });
      assert.equal(paid, `Paid: order ${await assertCompletedWithOrder(session)}.`);
      assert.deepEqual(await page.watch(), { errors: [], violations: [] }, 'no error and no securitypolicyviolation');

      // The control: Trusted Types are enforced here, and the page's policy lets only Stripe's URLs through.
      const refused = await page.evaluate<string>(`(() => {
        const script = document.createElement('script');
        try {
          script.src = '/dist/paid-checkout.js';
          return 'assigned';
        } catch (error) {
          return error.name;
        }
      })()`);
      assert.equal(refused, 'TypeError');
      const seen = await waitForViolation(page);
      assert.match(seen, /^require-trusted-types-for blocked/);
    });
  });
}

/** The first violation the watcher records (they are reported asynchronously). */
async function waitForViolation(page: EnginePage): Promise<string> {
  return waitFor('a securitypolicyviolation event', async () => (await page.watch()).violations[0], 5_000);
}
