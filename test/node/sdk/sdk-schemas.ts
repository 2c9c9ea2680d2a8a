// JSON Schemas generated at test time from the installed Paid SDK's own `.d.ts` files (once per
// process), and `assertMatches`, which checks a value against one of them with readable errors.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import { sdkTypesIndex } from './sdk-package.ts';

/** The SDK response types this suite checks answers against; a new SDK version that drops or renames one fails. */
export const RESPONSE_TYPES = [
  'Checkout',
  'CheckoutDetails',
  'CheckoutListResponse',
  'EmptyResponse',
  'Product',
  'ProductListResponse',
  'Customer',
  'CustomerListResponse',
  'CreditBalanceListResponse',
  'CustomerUser',
  'Order',
  'OrderListResponse',
  'OrderLinesResponse',
  'OrderSeatListResponse',
  'OrderSeat',
  'BatchSeatAssignmentsResponse',
  'Invoice',
  'InvoiceListResponse',
  'InvoiceLinesResponse',
  'Webhook',
  'WebhookListResponse',
  'WebhookTestResponse',
  'ErrorResponse',
] as const;

export interface SdkSchemas {
  /** Every type the SDK's types index declares, by name (`Checkout`, `Invoice.Status`, …). */
  definitions: Record<string, unknown>;
  /** How long generating them took, in milliseconds. */
  generatedInMs: number;
  validatorFor(typeName: string): ValidateFunction;
}

/**
 * Removes every `additionalProperties: false`. The generator's own `additionalProperties: true`
 * also opens the `declare const X: { … }` objects that the SDK's enums index with
 * `(typeof X)[keyof typeof X]`, which turns each enum into "any value". So the schemas are
 * generated closed, where enums come out exact, and every object is opened here: a TypeScript
 * interface never forbids extra properties, and the sandbox may add its own (plans, prices).
 */
function openObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openObjects);
  if (node === null || typeof node !== 'object') return node;
  const opened: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    opened[key] = openObjects(value);
  }
  return opened;
}

const SCHEMA_ID = 'paid-sdk';
// Without it the generator type-checks loosely (strictNullChecks off) and loads every @types
// package in node_modules, which takes five times as long for the same schemas.
const compilerOptionsFile = fileURLToPath(new URL('./sdk-schemas.tsconfig.json', import.meta.url));

function generate(): SdkSchemas {
  const started = performance.now();
  // One program over the whole types index, one schema holding every definition: generating
  // types one by one would cost the same program and repeat the shared definitions.
  const generator = createGenerator({
    path: sdkTypesIndex,
    tsconfig: compilerOptionsFile,
    type: '*',
    expose: 'export',
    jsDoc: 'none',
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const schema = openObjects(generator.createSchema('*')) as { definitions?: Record<string, unknown> };
  const definitions = schema.definitions ?? {};
  const generatedInMs = performance.now() - started;

  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema, SCHEMA_ID);
  const validators = new Map<string, ValidateFunction>();
  return {
    definitions,
    generatedInMs,
    validatorFor(typeName) {
      let validate = validators.get(typeName);
      if (!validate) {
        if (!(typeName in definitions)) throw new Error(`The SDK's .d.ts declares no type named ${typeName}.`);
        validate = ajv.compile({ $ref: `${SCHEMA_ID}#/definitions/${encodeURIComponent(typeName)}` });
        validators.set(typeName, validate);
      }
      return validate;
    },
  };
}

let cached: SdkSchemas | undefined;

/** The SDK's schemas, generated on first use and kept for the rest of the process. */
export function sdkSchemas(): SdkSchemas {
  cached ??= generate();
  return cached;
}

/** The value at a JSON pointer such as `/data/0/status` (the root for ""). */
function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

function shown(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function describeError(error: ErrorObject, value: unknown): string {
  const at = valueAt(value, error.instancePath);
  const allowed = error.keyword === 'enum' ? ` (one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map(shown).join(', ')})` : '';
  // For a missing property the offending value is the object: its keys say enough.
  const got = error.keyword === 'required' && at !== null && typeof at === 'object' ? `an object with ${shown(Object.keys(at))}` : shown(at);
  return `  ${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${allowed}; got ${got}`;
}

/** The problems ajv finds in `value` as `typeName`, one readable line each; empty when it matches. */
export function problemsWith(typeName: string, value: unknown): string[] {
  const validate = sdkSchemas().validatorFor(typeName);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => describeError(error, value));
}

/** Fails, naming each path, problem and offending value, unless `value` is a valid SDK `typeName`. */
export function assertMatches(typeName: string, value: unknown, label: string): void {
  const problems = problemsWith(typeName, value);
  if (problems.length > 0) assert.fail(`${label}: the answer is not the SDK's ${typeName}:\n${problems.join('\n')}`);
}
