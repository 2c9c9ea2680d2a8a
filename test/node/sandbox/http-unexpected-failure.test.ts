// A fault the sandbox did not expect (a plain error thrown while a complete is handled, after its
// body was read) is a 500 answered at once, not a request left hanging (it hung: the request stream
// of a body read to its end counts as destroyed), and the checkout's lock is released.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox, type StartedSandbox } from '../../../sandbox/app.ts';
import { createMemoryStore } from '../../../sandbox/store.ts';
import { errorOf, send, validCompleteBody, validCreateBody } from './support.ts';

const store = createMemoryStore();
let failNextWrite = false;
const putIntent = store.paymentIntents.put.bind(store.paymentIntents);
store.paymentIntents.put = (intent) => {
  if (failNextWrite) {
    failNextWrite = false;
    throw new TypeError('injected: the payment intent could not be stored');
  }
  return putIntent(intent);
};

let sandbox: StartedSandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, store });
});
after(() => sandbox.close());

test('an unexpected error while completing is answered 500 at once, and the checkout is read again after it', { timeout: 10_000 }, async () => {
  const created = await send<{ id: string }>(sandbox.url, 'POST', '/api/v2/checkouts', { key: sandbox.secretKey, json: validCreateBody() });
  assert.equal(created.status, 201, created.text);
  const path = `/api/public/checkout/${created.body.id}/complete`;

  failNextWrite = true;
  const originalError = console.error;
  console.error = () => {};
  let failed;
  try {
    failed = await send(sandbox.url, 'POST', path, { json: validCompleteBody() });
  } finally {
    console.error = originalError;
  }
  assert.equal(failed.status, 500, failed.text);
  assert.equal(errorOf(failed).code, 'internal_error');
  assert.equal(failNextWrite, false, 'the fault was hit');

  // The lock was released: the checkout is read again at once.
  const next = await send(sandbox.url, 'GET', `/api/public/checkout/${created.body.id}`);
  assert.equal(next.status, 200, next.text);
});
