// All of the sandbox's HTTP plumbing: route tables and their dispatch, bounded body reading,
// JSON answers, the headers every answer carries (no-store, nosniff, and CORS on the browser's
// routes), and the one place that turns a thrown error into an answer (sendFailure).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest request body the sandbox reads; larger ones are refused before parsing. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface ErrorDetail {
  declineCode?: string;
  /** Fields of ours a client acts on (e.g. the new `amountDue` of `amount_changed`). */
  extra?: Record<string, unknown>;
  /** Every bad field, in the order found; `details` names each one. */
  fields?: InvalidField[];
  /** Headers the answer carries besides the usual ones (a 429's `retry-after`). */
  headers?: Record<string, string>;
}

/** A failure with the status, stable code and message that the client receives. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: ErrorDetail = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * The JSON body, Paid's `ErrorResponse` (`error`: a sentence; `code`; `details`: each bad
   * field as `field: problem`, one a line) with two extensions of ours: `fields`, the same
   * problems as a list, and `declineCode` on a declined card.
   */
  toBody(): string {
    const { declineCode, fields, extra } = this.detail;
    return JSON.stringify({
      error: this.message,
      code: this.code,
      ...(fields ? { details: fields.map(detailLine).join('\n'), fields } : {}),
      ...(declineCode ? { declineCode } : {}),
      ...extra,
    });
  }
}

/** One bad field of a request: its dotted path and what is wrong with it. */
export interface InvalidField {
  field: string;
  message: string;
}

/**
 * One line of `details`: `field: problem`. A field path of letters, digits, `_`, `-` and dots is
 * written as it is; any other (an unknown key a client sent) in JSON quotes, so that no key can
 * forge another line or field.
 */
function detailLine({ field, message }: InvalidField): string {
  const name = /^[\w.-]+$/.test(field) ? field : JSON.stringify(field);
  return `${name}: ${message.replace(/\s*\n\s*/g, ' ')}`;
}

/** 400 `validation_error` naming every bad field in its sentence and in `details`. */
export function validationError(problems: readonly InvalidField[]): ApiError {
  const names = [...new Set(problems.map((problem) => problem.field))];
  const message =
    names.length === 1
      ? `The request was refused: ${names[0]} ${problems[0]?.message ?? 'is invalid'}.`
      : `The request was refused: ${names.length} fields are invalid (${names.join(', ')}).`;
  return new ApiError(400, 'validation_error', message, { fields: [...problems] });
}

const baseHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** Headers every preflight allows: ours, and `authorization`, which paid-blocks may send. */
const ALLOWED_HEADERS = ['content-type', 'idempotency-key', 'authorization'];
/** A header name (RFC 9110 token), lower-cased. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * The request headers a page may send: ours, `authorization`, and whichever others the
 * preflight asks for. paid-blocks passes its caller's `options.headers` (an `Authorization`, a
 * tracing header) on to complete and finalize; a browser refuses to send the payment unless the
 * preflight allows every one of them.
 */
function allowedHeadersFor(request: IncomingMessage): string {
  const asked = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => HEADER_NAME.test(name));
  return [...new Set([...ALLOWED_HEADERS, ...asked])].join(', ');
}

/**
 * CORS for the browser's routes. Paid's own client (paid-blocks) posts with `credentials:
 * 'include'`, which a browser only lets a page read when the answer names the page's origin
 * and allows credentials; a request without an Origin (not from a page) gets `*`.
 */
export function corsHeadersFor(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  return {
    ...(origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : { 'access-control-allow-origin': '*' }),
    vary: 'Origin, Access-Control-Request-Headers',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': allowedHeadersFor(request),
    'access-control-expose-headers': 'idempotent-replayed, retry-after',
    'access-control-max-age': '600',
  };
}

export interface SendOptions {
  headers?: Record<string, string>;
}

/** Sends a whole answer; headers already set on `response` (CORS, set by the app) are kept. */
export function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer, options: SendOptions = {}): void {
  response.writeHead(status, {
    ...baseHeaders,
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    ...options.headers,
  });
  response.end(body);
}

/** Sends a JSON text that is already serialized (so that replays are byte-for-byte). */
export function sendJsonText(response: ServerResponse, status: number, json: string, options: SendOptions = {}): void {
  send(response, status, 'application/json; charset=utf-8', json, options);
}

export function sendJson(response: ServerResponse, status: number, value: unknown, options: SendOptions = {}): void {
  sendJsonText(response, status, JSON.stringify(value), options);
}

export function sendError(response: ServerResponse, error: ApiError, options: SendOptions = {}): void {
  // An oversized body is left unread: closing the connection spares reading the rest of it.
  const extra = { ...error.detail.headers, ...options.headers };
  const headers = error.status === 413 ? { connection: 'close', ...extra } : extra;
  sendJsonText(response, error.status, error.toBody(), { ...options, ...(headers ? { headers } : {}) });
}

/** A path segment as text; a malformed escape names nothing that exists. */
function decodePathParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return '';
  }
}

/** Answers a CORS preflight (the CORS headers are already set on `response`). */
export function sendPreflight(response: ServerResponse): void {
  response.writeHead(204, { ...baseHeaders, 'content-length': '0' });
  response.end();
}

function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

const payloadTooLarge = () =>
  new ApiError(413, 'payload_too_large', `The request body is larger than ${BODY_LIMIT_BYTES / 1024} KiB.`);

/** Reads the whole body, refusing (413) one over the limit before reading it when its length is declared. */
export async function readRawBody(request: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw payloadTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export interface JsonBody {
  raw: Buffer;
  value: unknown;
}

/**
 * The request's JSON body. `required` routes (those that take input) need a JSON content type;
 * the others accept no body at all (read as `{}`) but refuse a body of another type.
 */
export async function readJsonBody(request: IncomingMessage, { required }: { required: boolean }): Promise<JsonBody> {
  const contentType = request.headers['content-type'];
  const json = isJsonMediaType(contentType);
  if (!json && (required || contentType !== undefined || hasBody(request))) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON with Content-Type: application/json.');
  }
  const raw = await readRawBody(request);
  if (raw.length === 0 && !required) return { raw, value: {} };
  try {
    return { raw, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route's handler is given; `params` are the path's `{id}` segments, decoded. */
export interface Call<Context> {
  context: Context;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: string[];
}

export interface Route<C> {
  method: Method;
  /** Matched against the whole path, e.g. `^/api/v2/checkouts/([^/]+)$`. */
  pattern: RegExp;
  run(call: C): Promise<void> | void;
}

/** A route at `path`, where `{id}` stands for one path segment. */
export function route<C>(method: Method, path: string, run: Route<C>['run']): Route<C> {
  return { method, pattern: new RegExp(`^${path.replaceAll('{id}', '([^/]+)')}$`), run };
}

export interface RouteTableSpec<Context, Extra> {
  /** Whether a path belongs to this table. */
  owns(pathname: string): boolean;
  /** What its routes are given besides the call, read before any route is matched (the private API checks its key here). */
  extend(call: Call<Context>): Extra;
  routes: ReadonlyArray<Route<Call<Context> & Extra>>;
  /** Paid's SDK sends collection paths with a trailing slash (`/checkouts/`): both forms are one route. */
  trailingSlashOptional?: boolean;
  /** A path of its own that no route matches is left to the caller (false), not answered 404 or 405. */
  fallThrough?: boolean;
}

/** A table of routes, ready to serve the requests whose paths it owns. */
export interface RouteTable<Context> {
  owns(pathname: string): boolean;
  /** Runs the matching route; false when none matches and the table falls through. */
  serve(call: Call<Context>): Promise<boolean>;
}

export function routeTable<Context, Extra>(spec: RouteTableSpec<Context, Extra>): RouteTable<Context> {
  return {
    owns: spec.owns,
    async serve(call) {
      const extra = spec.extend(call);
      const { pathname } = call.url;
      const path = spec.trailingSlashOptional && pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
      const allowed: string[] = [];
      for (const candidate of spec.routes) {
        const match = candidate.pattern.exec(path);
        if (!match) continue;
        if (candidate.method !== call.request.method) {
          allowed.push(candidate.method);
          continue;
        }
        await candidate.run({ ...call, ...extra, params: match.slice(1).map(decodePathParam) });
        return true;
      }
      if (spec.fallThrough) return false;
      if (allowed.length > 0) {
        throw new ApiError(405, 'method_not_allowed', `${call.request.method ?? 'This method'} is not allowed here; use ${allowed.join(' or ')}.`);
      }
      throw new ApiError(404, 'not_found', 'No such route.');
    },
  };
}

/** Serves a request with the first table that owns its path; false when none does (or it fell through). */
export async function dispatch<Context>(tables: ReadonlyArray<RouteTable<Context>>, call: Call<Context>): Promise<boolean> {
  const table = tables.find((candidate) => candidate.owns(call.url.pathname));
  return table ? table.serve(call) : false;
}

/**
 * The one place that turns a thrown error into an answer: an ApiError as its own status and body,
 * anything else as a 500 (and logged). A client that went away mid-request is not answered, and
 * an answer already under way is cut off.
 */
export function sendFailure(request: IncomingMessage, response: ServerResponse, error: unknown): void {
  // The client's connection, not the request stream: a request whose body was read to its end is
  // destroyed too (Node's autoDestroy), and its failure must still be answered. A request whose
  // socket is already detached has no connection left either.
  const connectionGone = request.socket?.destroyed ?? true;
  if (connectionGone && !(error instanceof ApiError)) return;
  if (response.headersSent) {
    response.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (error instanceof ApiError) return sendError(response, error);
  console.error('[sandbox]', error);
  sendError(response, new ApiError(500, 'internal_error', 'The sandbox failed; see its console.'));
}
