// The SDK resources this suite covers and their methods: as the SDK's `.d.ts` declares them
// (with each one's response type) and as its client classes have them at runtime.
import { readFileSync } from 'node:fs';
import type { PaidClient } from '@paid-ai/paid-node';
import { resourceClientDeclaration } from './sdk-package.ts';

export const RESOURCES = ['checkouts', 'products', 'customers', 'orders', 'invoices', 'webhooks'] as const;
export type Resource = (typeof RESOURCES)[number];

type Method = (...args: never[]) => Promise<unknown>;
type MethodName<R extends Resource> = {
  [M in keyof PaidClient[R]]: PaidClient[R][M] extends Method ? M : never;
}[keyof PaidClient[R]] &
  string;

/** `resource.method`, e.g. `checkouts.createCheckout`, for every public method of the six resources. */
export type SdkMethod = { [R in Resource]: `${R}.${MethodName<R>}` }[Resource];

/** What awaiting `method` gives: its declared response type. */
export type AnswerOf<K extends SdkMethod> = K extends `${infer R extends Resource}.${infer M}`
  ? M extends keyof PaidClient[R]
    ? PaidClient[R][M] extends (...args: never[]) => Promise<infer T>
      ? T
      : never
    : never
  : never;

// One method a line in the generated Client.d.ts: `    getCheckout(request: …): core.HttpResponsePromise<Paid.CheckoutDetails>;`
const declaredMethodLine = /^\s+(\w+)\(.*\): core\.HttpResponsePromise<Paid\.(\w+)>;$/gm;

/** `resource.method` → the name of its response type, read from each resource's Client.d.ts. */
export function declaredMethods(): Map<string, string> {
  const methods = new Map<string, string>();
  for (const resource of RESOURCES) {
    const declaration = readFileSync(resourceClientDeclaration(resource), 'utf8');
    for (const [, method, responseType] of declaration.matchAll(declaredMethodLine)) {
      if (method && responseType) methods.set(`${resource}.${method}`, responseType);
    }
  }
  return methods;
}

/** `resource.method` for every prototype method of the six resource clients whose name does not start with `_`. */
export function runtimeMethods(client: PaidClient): string[] {
  return RESOURCES.flatMap((resource) => {
    const prototype = Object.getPrototypeOf(client[resource]) as object;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && !name.startsWith('_'))
      .filter((name) => typeof Object.getOwnPropertyDescriptor(prototype, name)?.value === 'function')
      .map((name) => `${resource}.${name}`);
  });
}
