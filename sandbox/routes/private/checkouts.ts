// Paid's `checkouts` resource: create, list, read and archive (DELETE), for the key's account.
import { announceCheckoutCreated } from '../../announcements.ts';
import { archiveCheckout, checkoutReferenceProblems, createCheckout } from '../../checkout/sessions.ts';
import { statusOf } from '../../checkout/state.ts';
import { readJsonBody, sendJson, validationError } from '../../http.ts';
import { checkoutListQuery, createCheckoutBody, emptyBody, optionalBody, parsedQuery, parseWith } from '../../request-schemas.ts';
import { checkoutObject } from '../../serializers/checkouts.ts';
import type { CheckoutRecord } from '../../checkout-records.ts';
import { notFound, page, route, type PrivateCall, type Route } from './router.ts';

function checkoutOf({ context, account, params }: PrivateCall): CheckoutRecord {
  const checkout = context.store.checkouts.get(params[0] ?? '');
  // Another account's checkout does not exist for this key.
  if (!checkout || checkout.account !== account) throw notFound('checkout');
  return checkout;
}

function present(call: PrivateCall, checkout: CheckoutRecord) {
  const { context, request } = call;
  return checkoutObject(context.store, checkout, context.clock.now(), { publicUrl: context.publicUrlFor(request), detailed: true });
}

async function archive(call: PrivateCall): Promise<CheckoutRecord> {
  const checkout = checkoutOf(call);
  await optionalBody(call.request, emptyBody);
  return call.context.lockCheckout(checkout.id, () => {
    const archived = archiveCheckout(call.context, checkout);
    return archived;
  });
}

export const checkoutRoutes: Route[] = [
  route('POST', '/checkouts', async (call) => {
    const { value } = await readJsonBody(call.request, { required: true });
    const parsed = parseWith(createCheckoutBody, value);
    if (!parsed.ok) {
      // Name unknown products or customers too, not only the malformed fields.
      const named = new Set(parsed.problems.map((problem) => problem.field));
      const references = checkoutReferenceProblems(call.context, value).filter((problem) => !named.has(problem.field));
      throw validationError([...parsed.problems, ...references]);
    }
    const checkout = createCheckout(call.context, call.account, parsed.value);
    announceCheckoutCreated(call.context, checkout, call.context.publicUrlFor(call.request));
    sendJson(call.response, 201, present(call, checkout));
  }),
  route('GET', '/checkouts', (call) => {
    const query = parsedQuery(call.url, checkoutListQuery);
    const now = call.context.clock.now();
    const checkouts = call.context.store.checkouts
      .list()
      .filter((checkout) => checkout.account === call.account && (!query.status || statusOf(checkout, now) === query.status));
    sendJson(call.response, 200, page(checkouts, query, (checkout) => present(call, checkout)));
  }),
  route('GET', '/checkouts/{id}', (call) => sendJson(call.response, 200, present(call, checkoutOf(call)))),
  // Paid's archiveCheckout: `DELETE /checkouts/{id}`, answering Paid's EmptyResponse.
  route('DELETE', '/checkouts/{id}', async (call) => {
    await archive(call);
    sendJson(call.response, 200, {});
  }),
  // Ours, from before the SDK was followed: the same archive, answering the checkout.
  route('POST', '/checkouts/{id}/archive', async (call) => sendJson(call.response, 200, present(call, await archive(call)))),
];
