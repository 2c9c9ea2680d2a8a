// Building blocks for the malformed-request suites: the shape of one bad request, the values
// that are wrong for each kind of field, the hostile raw bodies every JSON route must refuse, and
// how a refusal is checked.
import assert from 'node:assert/strict';
import { errorOf, type Answer } from './support.ts';

/** One request the sandbox must refuse, and how. */
export interface BadRequest {
  name: string;
  /** A JSON value to send as the body (with `content-type: application/json`). */
  body?: unknown;
  /** Builds `body` when the test runs (for values that depend on the sandbox clock). */
  makeBody?: () => unknown;
  /** Raw bytes instead of `body`. */
  raw?: string | Buffer;
  /** Defaults to application/json; `null` sends no content type at all. */
  contentType?: string | null;
  /** Sent with chunked transfer encoding, so the server learns the size only by reading. */
  chunked?: boolean;
  /** Extra headers, or `null` to drop a header the suite would otherwise send. */
  headers?: Record<string, string | null>;
  /** 404: well formed, but naming a product or customer that does not exist (the SDK's NotFoundError). */
  status: 400 | 404 | 413 | 415;
  /** The field `error.field` must name (any of them, when the choice is a matter of taste). */
  field?: string | readonly string[];
  /** Counted as a malformed body (false for a good body sent with a bad header). */
  isBody?: boolean;
}

export const wrongTypes = {
  string: [123, 0, true, [], {}, ['text']],
  requiredString: [null, 123, true, [], {}],
  boolean: ['true', 'false', 1, 0, [], {}],
  array: ['prod_analytics', {}, 1, true, null],
  object: ['text', 1, true, []],
} as const;

/** URLs that are not absolute http(s): scripts, data, relative, other schemes, unparseable. */
export const badUrls: ReadonlyArray<[string, string]> = [
  ['javascript:', 'javascript:alert(document.cookie)'],
  ['JavaScript: in mixed case', 'JaVaScRiPt:alert(1)'],
  ['javascript: behind a space', ' javascript:alert(1)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['vbscript:', 'vbscript:msgbox(1)'],
  ['a relative path', '/thanks'],
  ['a bare word', 'thanks'],
  ['a protocol-relative URL', '//evil.example/thanks'],
  ['ftp:', 'ftp://shop.example/thanks'],
  ['file:', 'file:///etc/passwd'],
  ['mailto:', 'mailto:owner@shop.example'],
  ['an http URL without a host', 'http://'],
  ['https: without slashes', 'https:shop.example/thanks'],
  ['a host with a space', 'https://shop example/thanks'],
  ['an empty string', ''],
  ['a URL over 2048 characters', `https://shop.example/${'a'.repeat(2100)}`],
];

/** Text that is not JSON, or not a complete JSON document, sent as application/json. */
export const notJson: ReadonlyArray<[string, string]> = [
  ['an empty body', ''],
  ['a lone brace', '{'],
  ['truncated JSON', '{"products":[{"id":"prod_analytics"}'],
  ['plain words', 'not json at all'],
  ['single-quoted keys', "{'products': []}"],
  ['JSON followed by garbage', '{"a":1} trailing'],
  ['a trailing comma', '{"a":1,}'],
  ['NaN', '{"a":NaN}'],
  ['a NUL byte', '\u0000'],
  ['an HTML form post', '<form><input name="products"></form>'],
];

/** A top-level JSON document that is not an object. */
export const notAnObject: ReadonlyArray<[string, unknown]> = [
  ['an array', []],
  ['null', null],
  ['a string', 'products'],
  ['a number', 42],
  ['true', true],
];

export const nonJsonContentTypes = [
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
  'application/javascript',
  'application/jsonp',
] as const;

/** JSON bodies over the 64 KiB limit, each a valid document so that only the size is wrong. */
export function oversizedBodies(base: Record<string, unknown>): Array<[string, string]> {
  return [
    ['64 KiB + 1 byte', padTo(base, 64 * 1024 + 1)],
    ['100 KiB', padTo(base, 100 * 1024)],
    ['1 MiB', padTo(base, 1024 * 1024)],
    ['64 KiB of whitespace around a valid body', `${' '.repeat(64 * 1024)}${JSON.stringify(base)}`],
  ];
}

function padTo(base: Record<string, unknown>, bytes: number): string {
  const empty = JSON.stringify({ ...base, padding: '' });
  return JSON.stringify({ ...base, padding: 'x'.repeat(Math.max(0, bytes - Buffer.byteLength(empty))) });
}

/**
 * The bodies every JSON route refuses whatever its schema: not a JSON object (400), not JSON (400),
 * not sent as JSON (415), over the size limit, with a content length or chunked (413). `base` is
 * the route's valid body, sent unchanged where only the content type is wrong.
 */
export function unreadableBodies(base: Record<string, unknown>): BadRequest[] {
  const cases: BadRequest[] = [];
  for (const [label, value] of notAnObject) cases.push({ name: `a body that is ${label}`, body: value, status: 400 });
  for (const [label, raw] of notJson) cases.push({ name: `a body that is ${label}`, raw, status: 400 });
  for (const contentType of nonJsonContentTypes) {
    cases.push({ name: `a valid body sent as ${contentType}`, raw: JSON.stringify(base), contentType, status: 415 });
  }
  cases.push({ name: 'a body without a content type', raw: JSON.stringify(base), contentType: null, status: 415 });
  for (const [label, raw] of oversizedBodies(base)) cases.push({ name: `a body of ${label}`, raw, status: 413 });
  for (const [label, raw] of oversizedBodies(base).slice(1, 3)) {
    cases.push({ name: `a chunked body of ${label} without a content length`, raw, chunked: true, status: 413 });
  }
  return cases;
}

/** The fields `bad` allows the refusal to name, as a test title says them: ` on a or b`, or nothing. */
export function onFields(bad: BadRequest): string {
  if (bad.field === undefined) return '';
  return ` on ${typeof bad.field === 'string' ? bad.field : bad.field.join(' or ')}`;
}

/**
 * Checks that `answer` refuses `bad` as it says: its status, an error code that status may carry,
 * and (where `bad` names fields) one of them as the first bad field, named in the message too.
 */
export function assertRefused(answer: Answer, bad: BadRequest): void {
  assert.equal(answer.status, bad.status, `${answer.status} ${answer.text.slice(0, 400)}`);
  const error = errorOf(answer);
  assert.ok(codesFor[bad.status].includes(error.code), `code ${error.code}`);
  if (bad.field !== undefined) {
    const allowed = typeof bad.field === 'string' ? [bad.field] : bad.field;
    assert.ok(allowed.includes(error.field ?? ''), `field ${String(error.field)}, expected ${allowed.join(' or ')}; message ${error.message}`);
    assert.ok(error.message.includes(error.field ?? ''), `the message names ${error.field}: ${error.message}`);
  }
}

/** The request options that send `bad` as it describes, with `headers` added. */
export function requestFor(
  bad: BadRequest,
  headers: Record<string, string> = {},
): { raw: string | Buffer; headers: Record<string, string>; chunked: boolean } {
  const all: Record<string, string> = { ...headers };
  if (bad.contentType !== null) all['content-type'] = bad.contentType ?? 'application/json';
  for (const [name, value] of Object.entries(bad.headers ?? {})) {
    if (value === null) delete all[name];
    else all[name] = value;
  }
  const raw = bad.raw ?? JSON.stringify(bad.makeBody ? bad.makeBody() : bad.body);
  return { raw, headers: all, chunked: bad.chunked ?? false };
}

/** The error codes each refusal status may carry. */
export const codesFor: Record<BadRequest['status'], readonly string[]> = {
  400: ['validation_error', 'invalid_json'],
  404: ['not_found'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
};

/** The body with `field` set to `value`, or without it when `value` is undefined. */
export function withField(base: Record<string, unknown>, field: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  if (value === undefined) delete copy[field];
  else copy[field] = value;
  return copy;
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `the array ${JSON.stringify(value).slice(0, 40)}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'an empty object' : 'an object';
  return `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
