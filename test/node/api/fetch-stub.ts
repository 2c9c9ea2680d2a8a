// A stubbed global fetch for the API client's tests: each call logged, answers given in order, and
// the client's rejection read as the CheckoutError it must be.
import assert from 'node:assert/strict';
import { CheckoutError } from '../../../src/errors.ts';

const realFetch = globalThis.fetch;

/** Puts the real fetch back (each test file calls it after each test). */
export function restoreFetch(): void {
  globalThis.fetch = realFetch;
}

export interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** Answers the n-th call with the n-th answer (the last one from then on); an Error is thrown as fetch would. */
export function stubFetch(...answers: Array<Response | Error>): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer!.clone();
  };
  return calls;
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The CheckoutError `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<CheckoutError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CheckoutError, `expected a CheckoutError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}
