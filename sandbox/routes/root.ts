// `GET /` of a sandbox on its own server: the page that says what runs, where, and what it has
// done lately. A host that embeds the sandbox (the demo) keeps its own root and leaves this out.
import { paymentsOf } from '../accounts.ts';
import { noStripeKeyOf } from '../auth.ts';
import { paymentIntentsOf, statusOf } from '../checkout/state.ts';
import type { CheckoutRecord } from '../checkout-records.ts';
import type { SandboxContext } from '../context.ts';
import { route, routeTable, send, type Call } from '../http.ts';
import { rootPage, type CheckoutRow } from '../root-page.ts';
import type { Store } from '../store.ts';

/** How many of the latest checkouts and receipts the page lists. */
const RECENT = 20;

const latest = <T>(items: readonly T[]): T[] => items.slice(-RECENT).reverse();

function paidOf(store: Store, checkout: CheckoutRecord): CheckoutRow['paid'] {
  const settled = paymentIntentsOf(store, checkout).flatMap((intent) => (intent.settlement ? [intent.settlement] : []));
  const first = settled[0];
  if (!first) return null;
  return { amount: settled.reduce((sum, settlement) => sum + settlement.amountDue, 0), currency: first.currency };
}

function serveRootPage({ context, request, response }: Call<SandboxContext>): void {
  const { store } = context;
  const now = context.clock.now();
  const page = rootPage({
    url: context.publicUrlFor(request),
    secretKey: context.secretKey,
    noStripeKey: noStripeKeyOf(context.secretKey),
    publishableKey: paymentsOf('main')?.publishableKey ?? '',
    now,
    checkouts: latest(store.checkouts.list()).map((checkout) => ({
      id: checkout.id,
      status: statusOf(checkout, now),
      paid: paidOf(store, checkout),
      createdAt: checkout.createdAt,
    })),
    receipts: latest(store.receipts.list()),
  });
  send(response, 200, 'text/html; charset=utf-8', page, {
    headers: {
      // The page runs no script and loads nothing: whatever a merchant's strings hold stays text.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    },
  });
}

export const rootPageRoute = routeTable<SandboxContext, object>({
  owns: (pathname) => pathname === '/',
  extend: () => ({}),
  routes: [route('GET', '/', serveRootPage), route('HEAD', '/', serveRootPage)],
});
