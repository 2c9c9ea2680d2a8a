// Asserts that an SDK call fails as Paid's API fails: the SDK's error class for the status, and a
// body that is the SDK's `ErrorResponse` (a sentence, a stable code, and the bad field named).
import assert from 'node:assert/strict';
import { Paid, PaidError } from '@paid-ai/paid-node';
import { assertMatches } from './sdk-schemas.ts';

type ErrorClass = typeof Paid.BadRequestError | typeof Paid.NotFoundError | typeof Paid.ConflictError | typeof Paid.ForbiddenError;

export interface ExpectedError {
  status: number;
  /** The class the SDK throws for `status`; omit where it has none (401 is a plain `PaidError`). */
  errorClass?: ErrorClass;
  /** Field names that `details` must mention. */
  fields?: string[];
}

/** Awaits `pending`, which must reject as `expected`; gives back the SDK's error. */
export async function expectSdkError(pending: Promise<unknown>, expected: ExpectedError, label: string): Promise<PaidError> {
  const outcome = await pending.then(
    (data: unknown) => ({ failed: false as const, data }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  if (!outcome.failed) assert.fail(`${label}: expected a ${expected.status}, got an answer: ${JSON.stringify(outcome.data)}`);
  const { error } = outcome;
  assert.ok(error instanceof PaidError, `${label}: expected a PaidError, got ${String(error)}`);
  assert.equal(error.statusCode, expected.status, `${label}: status; ${error.message}`);
  if (expected.errorClass) {
    assert.ok(error instanceof expected.errorClass, `${label}: expected the SDK's ${expected.errorClass.name}, got ${error.constructor.name}`);
  }

  assertMatches('ErrorResponse', error.body, `${label}: error body`);
  const body = error.body as Paid.ErrorResponse;
  assert.match(body.error, /^[A-Z].*\s.*[.!?]$/s, `${label}: \`error\` is not a sentence a merchant can read: ${JSON.stringify(body.error)}`);
  assert.equal(typeof body.code, 'string', `${label}: \`code\` missing from ${JSON.stringify(body)}`);
  assert.match(body.code ?? '', /^[A-Za-z][\w.-]*$/, `${label}: \`code\` is not a stable code: ${JSON.stringify(body.code)}`);
  for (const field of expected.fields ?? []) {
    assert.ok(body.details?.includes(field), `${label}: \`details\` does not name ${field}: ${JSON.stringify(body)}`);
  }
  return error;
}
