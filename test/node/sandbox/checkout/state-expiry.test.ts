// Expiry over HTTP with the adjustable clock: a checkout is active until expiresAt and expired
// from that instant on, on every read, and an expired checkout can no longer be paid.
import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { publicCheckout } from '../../../../src/api/schemas.ts';
import {
  errorOf,
  startTestSandbox,
  validCompleteBody,
  validCreateBody,
  type CheckoutObject,
  type ListBody,
} from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());
afterEach(() => sandbox.clock.reset());

const HOUR = 3_600_000;

async function statuses(id: string): Promise<[string, string]> {
  const privateRead = await sandbox.readCheckout(id);
  const publicRead = await sandbox.readPublic(id);
  assert.equal(publicRead.status, 200, 'an expired checkout stays readable');
  return [privateRead.status, publicCheckout.parse(publicRead.body).status];
}

test('a default checkout is active one second before its 24 hours are up and expired from then on', async () => {
  const checkout = await sandbox.createCheckout();
  const expiresAt = Date.parse(checkout.expiresAt);
  sandbox.clock.set(new Date(expiresAt - 1000));
  assert.deepEqual(await statuses(checkout.id), ['active', 'active']);
  sandbox.clock.set(new Date(expiresAt + 1));
  assert.deepEqual(await statuses(checkout.id), ['expired', 'expired']);
  sandbox.clock.advance(30 * 86_400_000);
  assert.deepEqual(await statuses(checkout.id), ['expired', 'expired']);
});

test('completing an expired checkout is 409 expired and creates nothing', async () => {
  const checkout = await sandbox.createCheckout();
  sandbox.clock.advance(25 * HOUR);
  const before = await sandbox.counts();
  const answer = await sandbox.complete(checkout.id, validCompleteBody());
  assert.equal(answer.status, 409, answer.text);
  assert.equal(errorOf(answer).code, 'expired');
  assert.deepEqual(await sandbox.counts(), before);
});

test('a custom expiresAt one hour ahead expires after an hour, not after 24', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ expiresAt: new Date(sandbox.clock.now().getTime() + HOUR).toISOString() }));
  sandbox.clock.advance(HOUR - 5000);
  assert.deepEqual(await statuses(checkout.id), ['active', 'active']);
  sandbox.clock.advance(10_000);
  assert.deepEqual(await statuses(checkout.id), ['expired', 'expired']);
  const answer = await sandbox.complete(checkout.id, validCompleteBody());
  assert.equal(answer.status, 409);
  assert.equal(errorOf(answer).code, 'expired');
});

test('moving the clock back makes an unexpired checkout active again: status is computed on every read', async () => {
  const checkout = await sandbox.createCheckout();
  sandbox.clock.advance(25 * HOUR);
  assert.deepEqual(await statuses(checkout.id), ['expired', 'expired']);
  sandbox.clock.reset();
  assert.deepEqual(await statuses(checkout.id), ['active', 'active']);
  const answer = await sandbox.complete(checkout.id, validCompleteBody());
  assert.equal(answer.status, 200, answer.text);
});

test('the list filter status=expired lists a checkout once its time is up, and status=active no longer does', async () => {
  const checkout = await sandbox.createCheckout();
  const listed = async (status: string) => {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await sandbox.get<ListBody<CheckoutObject>>(`/api/v2/checkouts?status=${status}&limit=100&offset=${offset}`, { key: sandbox.key });
      assert.equal(page.status, 200);
      for (const item of page.body.data) {
        assert.equal(item.status, status);
        ids.push(item.id);
      }
      if (!page.body.pagination.hasMore) return ids;
    }
  };
  assert.ok((await listed('active')).includes(checkout.id));
  assert.ok(!(await listed('expired')).includes(checkout.id));
  sandbox.clock.advance(25 * HOUR);
  assert.ok((await listed('expired')).includes(checkout.id));
  assert.ok(!(await listed('active')).includes(checkout.id));
});

test('a completed checkout stays completed after its expiry time, and an archived one stays archived', async () => {
  const completed = await sandbox.createCheckout();
  assert.equal((await sandbox.complete(completed.id, validCompleteBody())).status, 200);
  const archived = await sandbox.createCheckout();
  await sandbox.post(`/api/v2/checkouts/${archived.id}/archive`, { json: {}, key: sandbox.key });
  sandbox.clock.advance(48 * HOUR);
  assert.deepEqual(await statuses(completed.id), ['completed', 'completed']);
  assert.deepEqual(await statuses(archived.id), ['archived', 'archived']);
});

test('a create that was valid becomes a refused expiresAt once the clock has passed it', async () => {
  const expiresAt = new Date(sandbox.clock.now().getTime() + 2 * HOUR).toISOString();
  sandbox.clock.advance(3 * HOUR);
  const answer = await sandbox.post('/api/v2/checkouts', { json: validCreateBody({ expiresAt }), key: sandbox.key });
  assert.equal(answer.status, 400, 'the sandbox judges "in the future" by its own clock');
  assert.equal(errorOf(answer).field, 'expiresAt');
});
