// `paid-checkout/sandbox` as a merchant's test suite uses it: start on a free port, read the URL,
// keys and the stand-in, move the clock, stop and free the port. The behaviour is tested on the
// source module (the node suite runs before any build); the package imported by its name from the
// built dist/, and its types, are tested after the build, in test/e2e/package.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { SandboxOptionError, standInPath, startSandbox } from '../../../sandbox/library.ts';
import { send, validCreateBody } from './support.ts';

/** Whether something can listen on `port` now (the sandbox let it go). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('paid-checkout/sandbox', () => {
  test('startSandbox() listens on a free loopback port and gives its URL, its keys and the stand-in’s URL', async () => {
    const sandbox = await startSandbox();
    try {
      assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(sandbox.url, `http://127.0.0.1:${sandbox.port}`);
      assert.notEqual(sandbox.port, 0);
      assert.equal(sandbox.secretKey, 'sk_test_paid_sandbox_dev');
      assert.equal(sandbox.standInUrl, `${sandbox.url}/sandbox/stripe-standin.js`);

      const products = await send<{ data: Array<{ id: string }> }>(sandbox.url, 'GET', '/api/v2/products', { key: sandbox.secretKey });
      assert.equal(products.status, 200);
      assert.ok(products.body.data.some((product) => product.id === 'prod_analytics'), 'the fixtures are seeded');
      const noStripe = await send<{ payments: unknown }>(sandbox.url, 'GET', '/api/v2/products', { key: sandbox.noStripeSecretKey });
      assert.equal(noStripe.status, 200);

      const standIn = await send(sandbox.url, 'GET', new URL(sandbox.standInUrl).pathname);
      assert.equal(standIn.status, 200);
      assert.equal(standIn.text, readFileSync(standInPath, 'utf8'), 'standInPath is the file the sandbox serves');
    } finally {
      await sandbox.stop();
    }
  });

  test('two sandboxes run side by side, each with its own key, and seed: false starts empty', async () => {
    const [first, second] = await Promise.all([startSandbox(), startSandbox({ secretKey: 'sk_test_second_5678', seed: false })]);
    try {
      assert.notEqual(first.port, second.port);
      assert.equal((await send(second.url, 'GET', '/api/v2/products', { key: first.secretKey })).status, 401);
      const empty = await send<{ pagination: { total: number } }>(second.url, 'GET', '/api/v2/products', { key: 'sk_test_second_5678' });
      assert.equal(empty.body.pagination.total, 0);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  test('the clock starts at `now` and advancing it expires a checkout', async () => {
    const start = new Date('2031-06-01T12:00:00.000Z');
    const sandbox = await startSandbox({ now: start });
    try {
      assert.ok(Math.abs(sandbox.clock.now().getTime() - start.getTime()) < 60_000, 'the clock starts at now');
      const created = await send<{ id: string; expiresAt: string; status: string }>(sandbox.url, 'POST', '/api/v2/checkouts', {
        key: sandbox.secretKey,
        json: validCreateBody({ expiresAt: new Date(start.getTime() + 3_600_000).toISOString() }),
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.status, 'active');

      sandbox.clock.advance(2 * 3_600_000);
      const read = await send<{ status: string }>(sandbox.url, 'GET', `/api/public/checkout/${created.body.id}`);
      assert.equal(read.body.status, 'expired');

      sandbox.clock.set(start);
      const again = await send<{ status: string }>(sandbox.url, 'GET', `/api/public/checkout/${created.body.id}`);
      assert.equal(again.body.status, 'active', 'set() moves it back');
    } finally {
      await sandbox.stop();
    }
  });

  test('stop() frees the port, and a second stop() changes nothing', async () => {
    const sandbox = await startSandbox();
    assert.equal(await portIsFree(sandbox.port), false, 'the sandbox holds its port');
    await sandbox.stop();
    assert.equal(await portIsFree(sandbox.port), true, 'the port is free after stop()');
    await sandbox.stop();
    await assert.rejects(fetch(`${sandbox.url}/api/v2/products`));
  });

  test('a chosen port is used, and a bad option is refused with a stable code', async () => {
    const taken = await startSandbox();
    try {
      await assert.rejects(startSandbox({ port: taken.port }), { code: 'EADDRINUSE' });
    } finally {
      await taken.stop();
    }
    for (const options of [{ port: -1 }, { port: 1.5 }, { secretKey: 'short' }, { now: new Date(Number.NaN) }]) {
      await assert.rejects(startSandbox(options), (error: unknown) => error instanceof SandboxOptionError && error.code === 'invalid_sandbox_option');
    }
  });
});
