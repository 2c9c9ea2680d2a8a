// Checks successful SDK calls: each answer against the generated schema of the response type its
// method declares, keeping a record of which methods have answered so.
import assert from 'node:assert/strict';
import { assertMatches } from './sdk-schemas.ts';
import { declaredMethods, type AnswerOf, type SdkMethod } from './sdk-surface.ts';

export interface AnswerChecker {
  /** Awaits an SDK call that must succeed with an answer of the method's declared response type. */
  expectAnswer<K extends SdkMethod>(method: K, pending: Promise<AnswerOf<K>>): Promise<AnswerOf<K>>;
  /** `resource.method` → response type name, from the SDK's Client.d.ts files. */
  declared: ReadonlyMap<string, string>;
  /** The methods that have answered with their declared type so far. */
  answered: ReadonlySet<string>;
}

export function createAnswerChecker(): AnswerChecker {
  const declared = declaredMethods();
  const answered = new Set<string>();
  return {
    declared,
    answered,
    async expectAnswer(method, pending) {
      const data = await pending;
      const responseType = declared.get(method);
      assert.ok(responseType, `${method}: the SDK's Client.d.ts declares no response type for it`);
      assertMatches(responseType, data, method);
      answered.add(method);
      return data;
    },
  };
}
