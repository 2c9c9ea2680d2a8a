// The sandbox's own extensions of the private API, under /api/v2/sandbox/ (Paid has no such
// routes): what a test reads that Paid would have done out of sight, such as the receipts it sent.
import { sendJson } from '../../http.ts';
import { parsedQuery, receiptListQuery } from '../../request-schemas.ts';
import { receiptObject } from '../../serializers/receipts.ts';
import { page, route, type Route } from './router.ts';

export const sandboxExtensionRoutes: Route[] = [
  route('GET', '/sandbox/receipts', (call) => {
    const query = parsedQuery(call.url, receiptListQuery);
    const receipts = call.context.store.receipts
      .list()
      .filter(
        (receipt) =>
          receipt.account === call.account &&
          (!query.checkoutId || receipt.checkoutId === query.checkoutId) &&
          (!query.to || receipt.to.toLowerCase() === query.to.toLowerCase()),
      );
    sendJson(call.response, 200, page(receipts, query, receiptObject));
  }),
];
