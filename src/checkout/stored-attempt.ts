// The attempt a tab kept (attempt-store.ts writes it), read back: exactly what was written, or
// nothing. Loaded only by a page that finds one (resume-reader.ts).
import type { CompleteRequest } from '../api/schemas.ts';
import type { Attempt } from './attempt.ts';

/**
 * What reading a kept attempt shares with the checkout chunk: the version the store writes
 * (attempt-store.ts), the form of a payment intent's id it reads back, and the rule every URL the
 * element follows keeps (url.ts). The caller passes them in: the resume reader imports nothing from
 * the checkout chunk (resume-reader.ts says why).
 */
export interface StoredAttemptRules {
  version: number;
  isWrittenHttpUrl(value: string): boolean;
  /** A payment intent's id as a kept attempt names it (and a payment left unfinished: attempt-store.ts). */
  paymentIntentId: RegExp;
}

/** Older than this, a kept attempt is stale: no checkout session lasts longer than 30 days. */
const MAX_AGE_MS = 31 * 24 * 3_600_000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = 500): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
const optionalText = (value: unknown) => value === undefined || value === null || isText(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const KEY = /^[A-Za-z0-9-]{8,100}$/;
// As long as a session's ids may be (api/schemas.ts' idWithPrefix): a selection is one of them.
const ID_LENGTH = 255;

/** `raw` parsed, or undefined when it is not JSON (which no record is). */
function jsonOf(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function isSelection(value: unknown): boolean {
  return (
    isObject(value) &&
    isText(value.productId, ID_LENGTH) &&
    (value.planId === null || isText(value.planId, ID_LENGTH)) &&
    isCount(value.quantity) &&
    (value.quantity as number) > 0
  );
}

function isAddress(value: unknown): boolean {
  return (
    isObject(value) &&
    ['line1', 'city', 'postalCode', 'country'].every((field) => isText(value[field])) &&
    optionalText(value.line2) &&
    optionalText(value.state)
  );
}

/** A new customer's details, or a known customer's billing address alone (customer-form.ts). */
function isCustomer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (!isObject(value) || !optionalText(value.taxId)) return false;
  if (value.name === undefined && value.email === undefined) return isAddress(value.address);
  return (
    isText(value.name) &&
    isText(value.email) &&
    optionalText(value.phone) &&
    (value.address === undefined || value.address === null || isAddress(value.address))
  );
}

function isRequest(value: unknown, rules: StoredAttemptRules): value is CompleteRequest {
  return (
    isObject(value) &&
    Array.isArray(value.selections) &&
    value.selections.length > 0 &&
    value.selections.length <= 50 &&
    value.selections.every(isSelection) &&
    typeof value.currency === 'string' &&
    /^[a-z]{3}$/.test(value.currency) &&
    isCustomer(value.customer) &&
    isText(value.confirmationToken, 255) &&
    isText(value.returnUrl, 2048) &&
    rules.isWrittenHttpUrl(value.returnUrl) &&
    isCount(value.amountDue) &&
    (value.replacesPaymentIntentId === undefined || isText(value.replacesPaymentIntentId, 255)) &&
    // Kept since prices_version: an attempt kept before has none, and is resent as it was, without.
    (value.pricesVersion === undefined || isText(value.pricesVersion, 255))
  );
}

/**
 * Whether `raw` is nothing this element could ever have kept for `checkoutId`: not JSON, not an
 * object with a version, or another checkout's. Only that is dropped; another version's record (an
 * element rolled back, or ahead), or one that is stale or malformed, is left as it is.
 */
export function isForeignAttempt(raw: string, checkoutId: string): boolean {
  const value = jsonOf(raw);
  return !isObject(value) || typeof value.v !== 'number' || value.checkoutId !== checkoutId;
}

/**
 * Whether `raw`, kept for this checkout but not readable here (another version's, or malformed),
 * may be a payment under way or taken: unless it says it was kept longer ago than a kept attempt
 * lasts. A newer element's record may name its time otherwise: one that names none may be.
 */
export function mayBeUnderWay(raw: string, now: number): boolean {
  const value = jsonOf(raw);
  const savedAt = isObject(value) ? value.savedAt : undefined;
  return !(Number.isFinite(savedAt) && now - (savedAt as number) > MAX_AGE_MS);
}

/** The attempt kept for `checkoutId` in `raw`, or null for anything else (absent, stale, foreign, malformed). */
export function parseStoredAttempt(raw: string | null, checkoutId: string, now: number, rules: StoredAttemptRules): Attempt | null {
  return readKept(raw, checkoutId, now, rules)?.attempt ?? null;
}

/** parseStoredAttempt's attempt, with when it was kept. */
function readKept(raw: string | null, checkoutId: string, now: number, rules: StoredAttemptRules): { attempt: Attempt; savedAt: number } | null {
  if (!raw || raw.length > 64_000) return null;
  const value = jsonOf(raw);
  if (!isObject(value) || value.v !== rules.version || value.checkoutId !== checkoutId) return null;
  const { savedAt, completeKey, finalizeKey, stage, paymentIntentId, request, unasked } = value;
  // Saved "in the future" is a clock moved back since (a sleep's correction, a manual fix), not a
  // forged record (whoever can write the tab's storage can write any time): it is read.
  if (!isCount(savedAt) || now - savedAt > MAX_AGE_MS) return null;
  if (typeof completeKey !== 'string' || !KEY.test(completeKey) || typeof finalizeKey !== 'string' || !KEY.test(finalizeKey)) return null;
  if (stage !== 'complete' && stage !== 'finalize') return null;
  if (paymentIntentId !== null && !(typeof paymentIntentId === 'string' && rules.paymentIntentId.test(paymentIntentId))) return null;
  // Finalize names the payment the bank confirmed: without it, there is nothing to finalize.
  if (stage === 'finalize' && paymentIntentId === null) return null;
  if (!isRequest(request, rules)) return null;
  // Its complete never sent, the payment it replaces not yet asked about (attempt.ts): asked first.
  if (unasked !== undefined && (unasked !== true || stage !== 'complete' || !request.replacesPaymentIntentId)) return null;
  return { attempt: { completeKey, finalizeKey, request, stage, paymentIntentId, ...(unasked ? { unasked } : {}) }, savedAt };
}

/** A URL's page: its origin and path, without the query (a bank's return adds to it) or the hash. */
function pageOf(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const { origin, pathname } = new URL(url);
  return origin + pathname;
}

/**
 * The newest attempt in `kept` (each checkout's id and what the store holds for it) that was made
 * on the page at `pageUrl` (its origin and path; an attempt's return_url is the page it was made
 * on), with its checkout's id; null when none was. An attempt made on another page is that page's;
 * one `taken` says is being handled (by an element of this page) is left to it.
 */
export function attemptMadeOn(
  pageUrl: string,
  kept: ReadonlyArray<readonly [checkoutId: string, raw: string | null]>,
  now: number,
  rules: StoredAttemptRules,
  taken?: (attempt: Attempt) => boolean,
): { checkoutId: string; attempt: Attempt } | null {
  const page = pageOf(pageUrl);
  let found: { checkoutId: string; attempt: Attempt; savedAt: number } | null = null;
  for (const [checkoutId, raw] of kept) {
    const read = readKept(raw, checkoutId, now, rules);
    if (!read || taken?.(read.attempt) || page === null || pageOf(read.attempt.request.returnUrl) !== page) continue;
    if (!found || read.savedAt > found.savedAt) found = { checkoutId, ...read };
  }
  return found && { checkoutId: found.checkoutId, attempt: found.attempt };
}
