// The webhooks of each account: their configuration (list, update), test deliveries, and events
// emitted where they happen, queued for signed delivery in order per checkout.
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../clock.ts';
import { ApiError, validationError } from '../http.ts';
import { newId } from '../ids.ts';
import type { AccountName } from '../accounts.ts';
import { createDeliveryQueue, DEFAULT_RETRY_DELAYS_MS, systemTimers, type AttemptOutcome, type Timers } from './delivery.ts';
import { isWebhookName, webhookDescriptions, webhookNames, type FiredWebhookName, type WebhookName } from './names.ts';
import { postSigned, type PostResult, type PostSettings, type WebhookSender } from './post.ts';
import { signingSecretFor } from './signature.ts';
import { parseUpdateWebhookBody } from './update-body.ts';

/** Paid's `Webhook`. */
export interface Webhook {
  id: string;
  name: WebhookName;
  description: string;
  enabled: boolean;
  url: string | null;
  lastSentAt: string | null;
  lastStatus: 'success' | 'failed' | null;
}

/** Paid's `WebhookListResponse` plus our `signingSecret` (an extension). */
export interface WebhookList {
  data: Webhook[];
  signingSecret: string;
}

/** Paid's `WebhookTestResponse`. */
export interface WebhookTestResponse {
  success: boolean;
}

export interface EmitInput {
  /** Events of one checkout are delivered in emit order; null orders the event after nothing. */
  checkoutId: string | null;
  /** The object in its SDK shape, serialized when emitted (later changes do not reach the event). */
  object: unknown;
}

/** What happened to one attempt (for logs and tests). `dropped`: the webhook was disabled or lost its URL meanwhile. */
export interface DeliveryReport {
  eventId: string;
  account: AccountName;
  name: WebhookName;
  test: boolean;
  attempt: number;
  url: string | null;
  outcome: 'delivered' | 'failed' | 'gave_up' | 'dropped';
  status: number | null;
  error?: string;
}

export interface WebhookHubOptions {
  /** Each account's API key; its signing secret is derived from it (see signingSecretFor). */
  apiKeys: Readonly<Record<AccountName, string>>;
  /** Sandbox time, for `createdAt` and `lastSentAt`; default the system clock. */
  clock?: Clock;
  /** Real time, for signature timestamps that receivers check against their own clock. */
  wallClock?: () => Date;
  /** Default global `fetch`. */
  send?: WebhookSender;
  timers?: Timers;
  /** Waits between attempts; an event gets `length + 1` attempts. Default 1 s, 5 s, 30 s, 2 min, 10 min, 1 h, 6 h. */
  retryDelaysMs?: readonly number[];
  /** Default 10 s. */
  attemptTimeoutMs?: number;
  onDelivery?(report: DeliveryReport): void;
}

export interface WebhookHub {
  /** `listWebhooks`: the account's nine webhooks, in the SDK's order. */
  list(account: AccountName): WebhookList;
  /** `updateWebhook`: throws ApiError 404 `not_found` for an unknown name, 400 `validation_error` naming each bad field. */
  update(account: AccountName, name: string, body: unknown): Webhook;
  /** `testWebhook`: one signed test delivery, no retry. Throws 404 `not_found`, 400 `webhook_url_missing`. */
  test(account: AccountName, name: string): Promise<WebhookTestResponse>;
  /** Queues the event for an enabled webhook with a url and returns its id; never throws. */
  emit(account: AccountName, name: FiredWebhookName, input: EmitInput): string;
  signingSecret(account: AccountName): string;
  /** Resolves when no event is queued, waiting for a retry or in flight, and no test is in flight. */
  idle(): Promise<void>;
  /** Drops what is queued, ends the waits, aborts attempts in flight; later emits send nothing. */
  close(): void;
}

interface WebhookState {
  enabled: boolean;
  url: string | null;
  lastSentAt: string | null;
  lastStatus: 'success' | 'failed' | null;
}

interface QueuedEvent {
  id: string;
  account: AccountName;
  name: WebhookName;
  test: boolean;
  body: string;
}

const newEventId = () => newId('evt');
const webhookIdOf = (account: AccountName, name: WebhookName) =>
  `wh_${createHash('sha256').update(`${account}:${name}`).digest('hex').slice(0, 24)}`;

const notFound = (name: string) =>
  new ApiError(404, 'not_found', `No such webhook: ${JSON.stringify(name.slice(0, 100))}. Known names: ${webhookNames.join(', ')}.`);

/** `name` as a webhook name, or 404 (the name is the path segment of update and test). */
function nameOf(name: string): WebhookName {
  if (!isWebhookName(name)) throw notFound(name);
  return name;
}

export function createWebhookHub(options: WebhookHubOptions): WebhookHub {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const settings: PostSettings = {
    send: options.send ?? ((url, init) => fetch(url, init)),
    timers,
    timeoutMs: options.attemptTimeoutMs ?? 10_000,
    wallClock: options.wallClock ?? (() => new Date()),
  };
  const secrets = new Map<AccountName, string>();
  const states = new Map<string, WebhookState>();
  for (const account of Object.keys(options.apiKeys) as AccountName[]) {
    secrets.set(account, signingSecretFor(options.apiKeys[account]));
    for (const name of webhookNames) states.set(`${account}:${name}`, { enabled: false, url: null, lastSentAt: null, lastStatus: null });
  }
  const closing = new AbortController();
  const tests = new Set<Promise<PostResult>>();

  function stateOf(account: AccountName, name: WebhookName): WebhookState {
    const state = states.get(`${account}:${name}`);
    if (!state) throw notFound(name);
    return state;
  }

  function secretOf(account: AccountName): string {
    const secret = secrets.get(account);
    if (secret === undefined) throw new ApiError(500, 'internal_error', `The sandbox has no API key for the account ${account}.`);
    return secret;
  }

  function present(account: AccountName, name: WebhookName): Webhook {
    const { enabled, url, lastSentAt, lastStatus } = stateOf(account, name);
    return { id: webhookIdOf(account, name), name, description: webhookDescriptions[name], enabled, url, lastSentAt, lastStatus };
  }

  function report(entry: DeliveryReport): void {
    try {
      options.onDelivery?.(entry);
    } catch {
      // A logging hook must not decide a delivery.
    }
  }

  function envelope(id: string, account: AccountName, name: WebhookName, object: unknown, test: boolean): string {
    return JSON.stringify({ id, type: name, createdAt: clock.now().toISOString(), account, ...(test ? { test } : {}), data: { object } });
  }

  /** One signed attempt; it sets the webhook's lastSentAt and lastStatus and is reported, unless the hub closed meanwhile. */
  async function post(event: QueuedEvent, url: string, attemptNumber: number, stop: AbortSignal): Promise<PostResult> {
    const result = await postSigned({ url, eventId: event.id, body: event.body, secret: secretOf(event.account) }, settings, stop);
    if (stop.aborted) return result;
    const state = stateOf(event.account, event.name);
    state.lastSentAt = clock.now().toISOString();
    state.lastStatus = result.ok ? 'success' : 'failed';
    const { id: eventId, account, name, test } = event;
    const outcome = result.ok ? 'delivered' : 'failed';
    report({ eventId, account, name, test, attempt: attemptNumber, url, outcome, status: result.status, ...(result.ok ? {} : { error: result.error }) });
    return result;
  }

  async function attempt(event: QueuedEvent, attemptNumber: number, stop: AbortSignal): Promise<AttemptOutcome> {
    const { enabled, url } = stateOf(event.account, event.name);
    if (!enabled || url === null) {
      const { id: eventId, account, name } = event;
      report({ eventId, account, name, test: false, attempt: attemptNumber, url, outcome: 'dropped', status: null });
      return 'dropped';
    }
    return (await post(event, url, attemptNumber, stop)).ok ? 'delivered' : 'failed';
  }

  const queue = createDeliveryQueue<QueuedEvent>({
    attempt,
    retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    timers,
    onGiveUp(event, attempts) {
      const { url } = stateOf(event.account, event.name);
      report({ eventId: event.id, account: event.account, name: event.name, test: false, attempt: attempts, url, outcome: 'gave_up', status: null });
    },
  });

  return {
    list(account) {
      return { data: webhookNames.map((name) => present(account, name)), signingSecret: secretOf(account) };
    },

    update(account, rawName, body) {
      const name = nameOf(rawName);
      const state = stateOf(account, name);
      const parsed = parseUpdateWebhookBody(body);
      if (!parsed.ok) throw validationError(parsed.problems);
      const enabled = parsed.value.enabled ?? state.enabled;
      const url = parsed.value.url === undefined ? state.url : parsed.value.url;
      if (enabled && url === null) throw validationError([{ field: 'url', message: 'is required while the webhook is enabled' }]);
      Object.assign(state, { enabled, url });
      return present(account, name);
    },

    async test(account, rawName) {
      const name = nameOf(rawName);
      const { url } = stateOf(account, name);
      if (url === null) throw new ApiError(400, 'webhook_url_missing', `The webhook ${name} has no url: set one with updateWebhook first.`);
      const id = newEventId();
      const event: QueuedEvent = { id, account, name, test: true, body: envelope(id, account, name, null, true) };
      const run = post(event, url, 1, closing.signal);
      tests.add(run);
      try {
        return { success: (await run).ok };
      } finally {
        tests.delete(run);
      }
    },

    emit(account, name, input) {
      const id = newEventId();
      try {
        const { enabled, url } = stateOf(account, name);
        if (!enabled || url === null || closing.signal.aborted) return id;
        const body = envelope(id, account, name, input.object, false);
        queue.enqueue(input.checkoutId === null ? `event:${id}` : `${account}:${input.checkoutId}`, { id, account, name, test: false, body });
      } catch {
        // A delivery problem (even an unserializable object) must never fail the payment that emitted it.
      }
      return id;
    },

    signingSecret: secretOf,

    async idle() {
      while (!queue.isIdle() || tests.size > 0) await Promise.all([queue.idle(), ...tests]);
    },

    close() {
      closing.abort();
      queue.close();
    },
  };
}
