// A fault the sandbox did not expect (a plain error thrown while a payment is fulfilled) is a 500
// answered at once, not a request left hanging (it hung: the request stream of a body read to its
// end counts as destroyed), and the checkout's lock is released.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox, type StartedSandbox } from '../../../sandbox/app.ts';
import { createMemoryStore } from '../../../sandbox/store.ts';
import { errorOf, send, validCompleteBody, validCreateBody } from './support.ts';

const store = createMemoryStore();
let failNextInvoice = false;
const putInvoice = store.invoices.put.bind(store.invoices);
store.invoices.put = (invoice) => {
  if (failNextInvoice) {
    failNextInvoice = false;
    throw new TypeError('injected: the invoice could not be stored');
  }
  return putInvoice(invoice);
};

let sandbox: StartedSandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, store });
});
after(() => sandbox.close());

test('an unexpected error while fulfilling is answered 500 at once, and the checkout is read again after it', { timeout: 10_000 }, async () => {
  const created = await send<{ id: string }>(sandbox.url, 'POST', '/api/v2/checkouts', { key: sandbox.secretKey, json: validCreateBody() });
  assert.equal(created.status, 201, created.text);
  const path = `/api/public/checkout/${created.body.id}/complete`;

  failNextInvoice = true;
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
  assert.equal(failNextInvoice, false, 'the fault was hit');

  // The lock was released: the checkout is read again at once.
  const next = await send(sandbox.url, 'GET', `/api/public/checkout/${created.body.id}`);
  assert.equal(next.status, 200, next.text);
});
