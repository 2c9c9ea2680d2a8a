// Paid's `orders` and `invoices` resources: orders with their lines and seats, and the invoices
// that paid checkouts made.
import { sendJson } from '../../http.ts';
import { assignSeats, createOrder, deleteOrder, updateOrder } from '../../order-service.ts';
import { emptyBody, optionalBody, pageQuery, parsedBody, parsedQuery, seatListQuery } from '../../request-schemas.ts';
import { batchSeatAssignmentsBody, createOrderBody, seatAssignmentBody, updateInvoiceBody, updateOrderBody } from '../../order-schemas.ts';
import { billedByOrder, invoiceLineObject, invoiceObject, orderLineObject, orderObject, seatObject } from '../../serializers/orders.ts';
import type { InvoiceRecord, OrderRecord } from '../../merchant-records.ts';
import { found, page, route, type PrivateCall, type Route } from './router.ts';

const orderOf = (call: PrivateCall): OrderRecord => found(call.context.store.orders.get(call.params[0] ?? ''), 'order');
const invoiceOf = (call: PrivateCall): InvoiceRecord => found(call.context.store.invoices.get(call.params[0] ?? ''), 'invoice');

export const orderRoutes: Route[] = [
  route('GET', '/orders', (call) => {
    const { store } = call.context;
    const billed = billedByOrder(store);
    sendJson(call.response, 200, page(store.orders.list(), parsedQuery(call.url, pageQuery), (order) => orderObject(store, order, billed)));
  }),
  route('POST', '/orders', async (call) => {
    const order = createOrder(call.context, await parsedBody(call.request, createOrderBody));
    sendJson(call.response, 201, orderObject(call.context.store, order));
  }),
  route('GET', '/orders/{id}', (call) => sendJson(call.response, 200, orderObject(call.context.store, orderOf(call)))),
  route('PUT', '/orders/{id}', async (call) => {
    const order = orderOf(call);
    sendJson(call.response, 200, orderObject(call.context.store, updateOrder(call.context, order, await parsedBody(call.request, updateOrderBody))));
  }),
  route('DELETE', '/orders/{id}', async (call) => {
    const order = orderOf(call);
    await optionalBody(call.request, emptyBody);
    deleteOrder(call.context, order);
    sendJson(call.response, 200, {});
  }),
  route('GET', '/orders/{id}/lines', (call) => {
    const order = orderOf(call);
    sendJson(call.response, 200, page(order.lines, parsedQuery(call.url, pageQuery), (line) => orderLineObject(call.context.store, line)));
  }),
  route('GET', '/orders/{id}/seats', (call) => {
    const { store } = call.context;
    const order = orderOf(call);
    const query = parsedQuery(call.url, seatListQuery);
    const seats = order.seats.filter(
      (seat) =>
        (!query.productExternalId || store.products.get(seat.productId)?.externalId === query.productExternalId) &&
        (!query.status || (seat.userExternalId ? 'assigned' : 'unassigned') === query.status),
    );
    sendJson(call.response, 200, page(seats, query, (seat) => seatObject(store, order, seat)));
  }),
  route('PUT', '/orders/{id}/seats/{id}', async (call) => {
    const order = orderOf(call);
    const { userExternalId } = await parsedBody(call.request, seatAssignmentBody);
    const [seat] = assignSeats(call.context, order, [{ seatId: call.params[1] ?? '', userExternalId }]);
    if (seat) sendJson(call.response, 200, seatObject(call.context.store, order, seat));
  }),
  route('POST', '/orders/{id}/seat-assignments', async (call) => {
    const order = orderOf(call);
    const { assignments } = await parsedBody(call.request, batchSeatAssignmentsBody);
    const seats = assignSeats(call.context, order, assignments);
    sendJson(call.response, 200, { data: seats.map((seat) => seatObject(call.context.store, order, seat)) });
  }),
  route('GET', '/invoices', (call) => {
    sendJson(call.response, 200, page(call.context.store.invoices.list(), parsedQuery(call.url, pageQuery), invoiceObject));
  }),
  route('GET', '/invoices/{id}', (call) => sendJson(call.response, 200, invoiceObject(invoiceOf(call)))),
  route('PUT', '/invoices/{id}', async (call) => {
    const invoice = invoiceOf(call);
    const { metadata } = await parsedBody(call.request, updateInvoiceBody);
    if (metadata !== undefined) invoice.metadata = metadata;
    invoice.updatedAt = call.context.clock.now();
    sendJson(call.response, 200, invoiceObject(invoice));
  }),
  route('GET', '/invoices/{id}/lines', (call) => {
    const invoice = invoiceOf(call);
    sendJson(call.response, 200, page(invoice.lines, parsedQuery(call.url, pageQuery), (line) => invoiceLineObject(invoice, line)));
  }),
];
