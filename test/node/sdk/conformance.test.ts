// Paid's Node SDK as published (@paid-ai/paid-node, pinned) against the in-process sandbox: every
// method of its checkouts, products, customers, orders, invoices and webhooks resources, each
// answer checked against JSON Schemas generated from the SDK's own .d.ts, and its error cases.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Paid, PaidClient } from '@paid-ai/paid-node';
import { startSandbox } from '../../../sandbox/app.ts';
import { DELIVERED_WEBHOOK_NAMES } from '../sandbox/webhooks/delivered-names.ts';
import { startHookReceiver } from './hook-receiver.ts';
import { idsOf, walkPages } from './paging.ts';
import { BUYER, payCheckout } from './public-complete.ts';
import { createAnswerChecker } from './sdk-answers.ts';
import { expectSdkError } from './sdk-errors.ts';
import { sdkVersion } from './sdk-package.ts';
import { assertMatches, problemsWith, RESPONSE_TYPES, sdkSchemas } from './sdk-schemas.ts';
import { runtimeMethods } from './sdk-surface.ts';

const sandbox = await startSandbox({ port: 0 });
const receiver = await startHookReceiver();
after(async () => {
  await sandbox.close();
  await receiver.close();
});

const baseUrl = `${sandbox.url}/api/v2`;
// maxRetries 0: a 5xx fails its test at once rather than after the SDK's retry backoff, and a
// retried create cannot make a second record. Requests are otherwise exactly the SDK's.
const paid = new PaidClient({ token: sandbox.secretKey, baseUrl, maxRetries: 0 });

const SUCCESS_URL = 'https://shop.example/thanks?checkout={CHECKOUT_ID}';

let serial = 0;
const unique = (prefix: string) => `${prefix}_${++serial}`;

const { expectAnswer, declared, answered } = createAnswerChecker();

interface Bought {
  checkoutId: string;
  externalCustomerId: string;
  orderId: string;
  invoiceId: string;
}

/** A checkout for three team seats, created with the SDK for a new external customer and paid through the public API. */
async function buySeats(): Promise<Bought> {
  const externalCustomerId = unique('ext_buyer');
  const checkout = await expectAnswer(
    'checkouts.createCheckout',
    paid.checkouts.createCheckout({ products: [{ id: 'prod_seats' }], successUrl: SUCCESS_URL, externalCustomerId, currency: 'USD', collectAddress: true }),
  );
  const result = await payCheckout(sandbox.url, checkout.id, {
    selections: [{ product_id: 'prod_seats', plan_id: 'plan_seats_team', quantity: 3 }],
    currency: 'usd',
    customer: { ...BUYER, email: `${externalCustomerId}@example.com` },
  });
  return { checkoutId: checkout.id, externalCustomerId, orderId: result.order_id, invoiceId: result.invoice_id };
}

/** A Checkout as the SDK types it, to break on purpose. */
function validCheckout(): Paid.Checkout {
  return {
    id: 'chk_example',
    url: 'https://sandbox.example/checkout/chk_example',
    status: 'active',
    products: [{ id: 'prod_analytics' }],
    customerId: null,
    externalCustomerId: 'ext_example',
    successUrl: SUCCESS_URL,
    cancelUrl: null,
    expiresAt: null,
    metadata: null,
    collectAddress: true,
    collectPhone: false,
    singleUse: true,
    allowedCurrencies: ['USD'],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function without<T extends object>(value: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...value };
  delete copy[key];
  return copy;
}

describe("the JSON Schemas generated from the SDK's .d.ts", () => {
  test('define every response type the suite checks', (t) => {
    const { definitions, generatedInMs } = sdkSchemas();
    t.diagnostic(`@paid-ai/paid-node ${sdkVersion}: ${Object.keys(definitions).length} definitions generated in ${Math.round(generatedInMs)} ms`);
    assert.deepEqual(RESPONSE_TYPES.filter((name) => !(name in definitions)), []);
  });

  test('accept a valid Checkout, with fields the SDK does not know about', () => {
    assert.deepEqual(problemsWith('Checkout', validCheckout()), []);
    assert.deepEqual(problemsWith('Checkout', { ...validCheckout(), currency: 'USD', plans: [{ id: 'plan_x' }] }), []);
  });

  test('reject a Checkout missing a required field, naming the field', () => {
    const problems = problemsWith('Checkout', without(validCheckout(), 'url'));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] ?? '', /required property 'url'/);
    assert.throws(() => assertMatches('Checkout', without(validCheckout(), 'url'), 'a checkout without url'), /a checkout without url: .*Checkout[\s\S]*'url'/);
  });

  test("reject a status outside the SDK's enum, naming the path and the value", () => {
    const problems = problemsWith('Checkout', { ...validCheckout(), status: 'pending' });
    assert.ok(problems.length > 0, 'a status of "pending" was accepted');
    assert.match(problems.join('\n'), /\/status .*"pending"/);
    const webhook: Paid.Webhook = { id: 'wh_1', name: 'billing-invoice-paid', description: 'An invoice was paid.', enabled: false, url: null, lastSentAt: null, lastStatus: null };
    assert.deepEqual(problemsWith('Webhook', webhook), []);
    assert.match(problemsWith('Webhook', { ...webhook, name: 'billing-invoice-lost' }).join('\n'), /\/name .*"billing-invoice-lost"/);
  });

  test('reject null where the SDK requires a string, and a wrong type inside a list', () => {
    const customer: Paid.Customer = {
      id: 'cus_x',
      name: 'X',
      legalName: null,
      email: 'x@example.com',
      phone: '',
      website: '',
      externalId: null,
      creationState: 'active',
      churnDate: null,
      vatNumber: null,
      metadata: null,
      defaultCurrency: 'USD',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    assert.deepEqual(problemsWith('Customer', customer), []);
    assert.match(problemsWith('Customer', { ...customer, email: null }).join('\n'), /\/email must be string; got null/);
    const list = { data: [validCheckout(), { ...validCheckout(), products: [{ id: 7 }] }], pagination: { limit: 2, offset: 0, total: 2, hasMore: false } };
    assert.match(problemsWith('CheckoutListResponse', list).join('\n'), /\/data\/1\/products\/0\/id must be string; got 7/);
  });

  test('accept {} as EmptyResponse and reject what is not an object', () => {
    assert.deepEqual(problemsWith('EmptyResponse', {}), []);
    for (const value of ['ok', null, [], 0, true]) {
      assert.notDeepEqual(problemsWith('EmptyResponse', value), [], `${JSON.stringify(value)} was accepted as EmptyResponse`);
    }
  });
});

describe('checkouts', () => {
  test("createCheckout takes the SDK's request as written and answers a Checkout that echoes it", async () => {
    const externalCustomerId = unique('ext_checkout');
    const metadata = { cartId: 'cart_42', source: 'pricing-page' };
    const checkout = await expectAnswer(
      'checkouts.createCheckout',
      paid.checkouts.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, externalCustomerId, currency: 'USD', metadata }),
    );
    assert.equal(checkout.status, 'active');
    assert.deepEqual(idsOf(checkout.products), ['prod_analytics']);
    assert.equal(checkout.successUrl, SUCCESS_URL);
    assert.equal(checkout.externalCustomerId, externalCustomerId);
    assert.deepEqual(checkout.metadata, metadata);
  });

  test("currency is accepted in any case and answered in upper case, as the SDK's examples write it", async () => {
    for (const currency of ['USD', 'usd']) {
      const checkout = await expectAnswer(
        'checkouts.createCheckout',
        paid.checkouts.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL, currency }),
      );
      assert.deepEqual(checkout.allowedCurrencies, ['USD'], `currency ${currency}`);
    }
  });

  test('collectAddress defaults to true, collectPhone to false and singleUse to true', async () => {
    const checkout = await expectAnswer('checkouts.createCheckout', paid.checkouts.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL }));
    assert.deepEqual(
      { collectAddress: checkout.collectAddress, collectPhone: checkout.collectPhone, singleUse: checkout.singleUse },
      { collectAddress: true, collectPhone: false, singleUse: true },
    );
  });

  test('getCheckout answers CheckoutDetails for the checkout, with no orderId before payment', async () => {
    const created = await expectAnswer('checkouts.createCheckout', paid.checkouts.createCheckout({ products: [{ id: 'prod_seats' }], successUrl: SUCCESS_URL }));
    const details = await expectAnswer('checkouts.getCheckout', paid.checkouts.getCheckout({ id: created.id }));
    assert.equal(details.id, created.id);
    assert.equal(details.url, created.url);
    assert.equal(details.status, 'active');
    assert.equal(details.orderId, null);
  });

  test('a paid checkout reads as completed, with the order its payment made (verify on return)', async () => {
    const bought = await buySeats();
    const details = await expectAnswer('checkouts.getCheckout', paid.checkouts.getCheckout({ id: bought.checkoutId }));
    assert.equal(details.status, 'completed');
    assert.equal(details.orderId, bought.orderId);
    assert.equal(details.externalCustomerId, bought.externalCustomerId);
  });

  test('archiveCheckout answers {} and the checkout then reads as archived', async () => {
    const created = await expectAnswer('checkouts.createCheckout', paid.checkouts.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL }));
    const archived = await expectAnswer('checkouts.archiveCheckout', paid.checkouts.archiveCheckout({ id: created.id }));
    assert.deepEqual(archived, {});
    const details = await expectAnswer('checkouts.getCheckout', paid.checkouts.getCheckout({ id: created.id }));
    assert.equal(details.status, 'archived');
  });

  test('listCheckouts pages with limit and offset, and its pagination adds up', async () => {
    const created: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const checkout = await expectAnswer('checkouts.createCheckout', paid.checkouts.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL }));
      created.push(checkout.id);
    }
    const listed = await walkPages('listCheckouts', 2, (offset) => expectAnswer('checkouts.listCheckouts', paid.checkouts.listCheckouts({ limit: 2, offset })));
    for (const id of created) assert.ok(idsOf(listed).includes(id), `${id} is on no page`);
  });

  test('listCheckouts({ status }) lists only the checkouts in that status', async () => {
    const active = await expectAnswer('checkouts.createCheckout', paid.checkouts.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL }));
    const toArchive = await expectAnswer('checkouts.createCheckout', paid.checkouts.createCheckout({ products: [{ id: 'prod_analytics' }], successUrl: SUCCESS_URL }));
    await expectAnswer('checkouts.archiveCheckout', paid.checkouts.archiveCheckout({ id: toArchive.id }));

    for (const status of ['active', 'archived'] as const) {
      const listed = await walkPages(`listCheckouts({ status: '${status}' })`, 20, (offset) =>
        expectAnswer('checkouts.listCheckouts', paid.checkouts.listCheckouts({ status, limit: 20, offset })),
      );
      assert.deepEqual(listed.filter((checkout) => checkout.status !== status).map((checkout) => `${checkout.id}: ${checkout.status}`), []);
      const expected = status === 'active' ? active.id : toArchive.id;
      const other = status === 'active' ? toArchive.id : active.id;
      assert.ok(idsOf(listed).includes(expected), `${expected} is missing from the ${status} list`);
      assert.ok(!idsOf(listed).includes(other), `${other} is in the ${status} list`);
    }
  });

  test('the collection path answers the same without the trailing slash the SDK sends', async () => {
    const viaSdk = await expectAnswer('checkouts.listCheckouts', paid.checkouts.listCheckouts({ limit: 100 }));
    const response = await fetch(`${baseUrl}/checkouts?limit=100`, { headers: { authorization: `Bearer ${sandbox.secretKey}` } });
    const text = await response.text();
    assert.equal(response.status, 200, `GET /checkouts: ${text}`);
    const raw = JSON.parse(text) as Paid.CheckoutListResponse;
    assertMatches('CheckoutListResponse', raw, 'GET /checkouts');
    assert.deepEqual(idsOf(raw.data), idsOf(viaSdk.data));
    assert.deepEqual(raw.pagination, viaSdk.pagination);
  });
});

describe('products', () => {
  test('createProduct accepts a name alone, the only field CreateProductRequest requires', async () => {
    const name = unique('Widget');
    const product = await expectAnswer('products.createProduct', paid.products.createProduct({ name }));
    assert.equal(product.name, name);
  });

  test('createProduct keeps every field of CreateProductRequest', async () => {
    const request = {
      name: 'Consulting day',
      description: 'A day with an engineer.',
      active: false,
      productCode: unique('CONSULT'),
      externalId: unique('sku_consulting'),
      metadata: { team: 'services' },
    };
    const product = await expectAnswer('products.createProduct', paid.products.createProduct(request));
    assert.deepEqual(
      { name: product.name, description: product.description, active: product.active, productCode: product.productCode, externalId: product.externalId, metadata: product.metadata },
      request,
    );
  });

  test('getProductById reads a product of the catalog', async () => {
    const product = await expectAnswer('products.getProductById', paid.products.getProductById({ id: 'prod_analytics' }));
    assert.equal(product.id, 'prod_analytics');
    assert.equal(product.name, 'Analytics');
  });

  test('updateProductById changes the fields it is given and keeps the others', async () => {
    const created = await expectAnswer('products.createProduct', paid.products.createProduct({ name: 'Old name', description: 'Kept.' }));
    const updated = await expectAnswer(
      'products.updateProductById',
      paid.products.updateProductById({ id: created.id, body: { name: 'New name', metadata: { tier: 'gold' } } }),
    );
    assert.equal(updated.id, created.id);
    assert.equal(updated.name, 'New name');
    assert.equal(updated.description, 'Kept.');
    assert.deepEqual(updated.metadata, { tier: 'gold' });
  });

  test("getProductByExternalId and updateProductByExternalId find a product by the merchant's id", async () => {
    const externalId = unique('sku');
    const created = await expectAnswer('products.createProduct', paid.products.createProduct({ name: 'By SKU', externalId }));
    const read = await expectAnswer('products.getProductByExternalId', paid.products.getProductByExternalId({ externalId }));
    assert.equal(read.id, created.id);
    const updated = await expectAnswer('products.updateProductByExternalId', paid.products.updateProductByExternalId({ externalId, body: { name: 'Renamed by SKU' } }));
    assert.equal(updated.id, created.id);
    assert.equal(updated.name, 'Renamed by SKU');
  });

  test('listProducts pages with limit and offset, and its pagination adds up', async () => {
    const listed = await walkPages('listProducts', 2, (offset) => expectAnswer('products.listProducts', paid.products.listProducts({ limit: 2, offset })));
    assert.ok(idsOf(listed).includes('prod_analytics'), 'prod_analytics is on no page');
  });
});

describe('customers', () => {
  test('createCustomer accepts a customer with a name and no email', async () => {
    const customer = await expectAnswer('customers.createCustomer', paid.customers.createCustomer({ name: 'No Email Ltd' }));
    assert.equal(customer.name, 'No Email Ltd');
  });

  test('createCustomer keeps a billingAddress with zipCode, a phone and metadata', async () => {
    const billingAddress = { line1: '1 Main Street', city: 'Springfield', zipCode: '62701', country: 'US' };
    const customer = await expectAnswer(
      'customers.createCustomer',
      paid.customers.createCustomer({
        name: 'Address Ltd',
        email: 'billing@address.example',
        externalId: unique('ext_address'),
        billingAddress,
        phone: '+1 217 555 0100',
        metadata: { crm: 'hubspot' },
      }),
    );
    const { line1, city, zipCode, country } = customer.billingAddress ?? {};
    assert.deepEqual({ line1, city, zipCode, country }, billingAddress);
    assert.equal(customer.phone, '+1 217 555 0100');
    assert.equal(customer.email, 'billing@address.example');
    assert.deepEqual(customer.metadata, { crm: 'hubspot' });
  });

  test('getCustomerById and getCustomerByExternalId read the same customer', async () => {
    const byId = await expectAnswer('customers.getCustomerById', paid.customers.getCustomerById({ id: 'cus_ada' }));
    const byExternalId = await expectAnswer('customers.getCustomerByExternalId', paid.customers.getCustomerByExternalId({ externalId: 'ext_ada' }));
    assert.equal(byId.id, 'cus_ada');
    assert.equal(byId.externalId, 'ext_ada');
    assert.equal(byExternalId.id, 'cus_ada');
  });

  test('updateCustomerById and updateCustomerByExternalId change the customer', async () => {
    const externalId = unique('ext_update');
    const created = await expectAnswer('customers.createCustomer', paid.customers.createCustomer({ name: 'Before', externalId }));
    const byId = await expectAnswer('customers.updateCustomerById', paid.customers.updateCustomerById({ id: created.id, body: { name: 'After id' } }));
    assert.equal(byId.name, 'After id');
    const byExternalId = await expectAnswer(
      'customers.updateCustomerByExternalId',
      paid.customers.updateCustomerByExternalId({ externalId, body: { name: 'After external id', metadata: { plan: 'pro' } } }),
    );
    assert.equal(byExternalId.id, created.id);
    assert.equal(byExternalId.name, 'After external id');
    assert.deepEqual(byExternalId.metadata, { plan: 'pro' });
  });

  test('deleteCustomerById answers {} and the customer is then not found', async () => {
    const created = await expectAnswer('customers.createCustomer', paid.customers.createCustomer({ name: 'Deleted by id' }));
    assert.deepEqual(await expectAnswer('customers.deleteCustomerById', paid.customers.deleteCustomerById({ id: created.id })), {});
    await expectSdkError(paid.customers.getCustomerById({ id: created.id }), { status: 404, errorClass: Paid.NotFoundError }, 'getCustomerById after delete');
  });

  test('deleteCustomerByExternalId answers {} and the customer is then not found', async () => {
    const externalId = unique('ext_delete');
    await expectAnswer('customers.createCustomer', paid.customers.createCustomer({ name: 'Deleted by external id', externalId }));
    assert.deepEqual(await expectAnswer('customers.deleteCustomerByExternalId', paid.customers.deleteCustomerByExternalId({ externalId })), {});
    await expectSdkError(paid.customers.getCustomerByExternalId({ externalId }), { status: 404, errorClass: Paid.NotFoundError }, 'getCustomerByExternalId after delete');
  });

  test('getCustomerCreditBalances and getCustomerCreditBalancesByExternalId answer a list of balances', async () => {
    await expectAnswer('customers.getCustomerCreditBalances', paid.customers.getCustomerCreditBalances({ id: 'cus_ada' }));
    await expectAnswer('customers.getCustomerCreditBalancesByExternalId', paid.customers.getCustomerCreditBalancesByExternalId({ externalId: 'ext_ada' }));
  });

  test('upsertCustomerUserByExternalId creates a user once, then updates the same user', async () => {
    const customerExternalId = unique('ext_team');
    await expectAnswer('customers.createCustomer', paid.customers.createCustomer({ name: 'Team Ltd', externalId: customerExternalId }));
    const userExternalId = unique('user');
    const created = await expectAnswer(
      'customers.upsertCustomerUserByExternalId',
      paid.customers.upsertCustomerUserByExternalId({ customerExternalId, userExternalId, name: 'Dorothy Vaughan', email: 'dorothy@team.example' }),
    );
    assert.equal(created.created, true);
    assert.equal(created.externalId, userExternalId);
    assert.equal(created.customerExternalId, customerExternalId);
    assert.equal(created.status, 'active');
    const updated = await expectAnswer(
      'customers.upsertCustomerUserByExternalId',
      paid.customers.upsertCustomerUserByExternalId({ customerExternalId, userExternalId, name: 'Dorothy J. Vaughan' }),
    );
    assert.equal(updated.created, false);
    assert.equal(updated.id, created.id);
    assert.equal(updated.name, 'Dorothy J. Vaughan');
  });

  test('listCustomers pages with limit and offset, and its pagination adds up', async () => {
    const listed = await walkPages('listCustomers', 2, (offset) => expectAnswer('customers.listCustomers', paid.customers.listCustomers({ limit: 2, offset })));
    assert.ok(idsOf(listed).includes('cus_ada'), 'cus_ada is on no page');
  });
});

describe('orders', () => {
  test('createOrder makes an order for a customer from product lines', async () => {
    const order = await expectAnswer('orders.createOrder', paid.orders.createOrder({ customerId: 'cus_grace', lines: [{ productId: 'prod_analytics' }] }));
    assert.equal(order.customerId, 'cus_grace');
    const lines = await expectAnswer('orders.getOrderLines', paid.orders.getOrderLines({ id: order.id }));
    assert.deepEqual(lines.data.map((line) => line.productId), ['prod_analytics']);
  });

  test('getOrderById reads an existing order', async () => {
    const order = await expectAnswer('orders.getOrderById', paid.orders.getOrderById({ id: 'ord_ada' }));
    assert.equal(order.id, 'ord_ada');
    assert.equal(order.customerId, 'cus_ada');
  });

  test('updateOrderById changes the name and metadata', async () => {
    const created = await expectAnswer('orders.createOrder', paid.orders.createOrder({ customerId: 'cus_grace', lines: [{ productId: 'prod_support' }] }));
    const updated = await expectAnswer('orders.updateOrderById', paid.orders.updateOrderById({ id: created.id, name: 'Support renewal', metadata: { po: 'PO-7' } }));
    assert.equal(updated.id, created.id);
    assert.equal(updated.name, 'Support renewal');
    assert.deepEqual(updated.metadata, { po: 'PO-7' });
  });

  test("getOrderLines lists an order's lines and pages them", async () => {
    const lines = await walkPages('getOrderLines', 1, (offset) => expectAnswer('orders.getOrderLines', paid.orders.getOrderLines({ id: 'ord_ada', limit: 1, offset })));
    assert.deepEqual(lines.map((line) => line.productId), ['prod_analytics']);
  });

  test('listOrders pages with limit and offset, and its pagination adds up', async () => {
    const listed = await walkPages('listOrders', 2, (offset) => expectAnswer('orders.listOrders', paid.orders.listOrders({ limit: 2, offset })));
    assert.ok(idsOf(listed).includes('ord_ada'), 'ord_ada is on no page');
  });

  test('every order in a list shows what its invoices billed, as getOrderById does: a paid checkout its amount, a merchant order nothing', async () => {
    const bought = await buySeats();
    const own = await expectAnswer('orders.createOrder', paid.orders.createOrder({ customerId: 'cus_grace', lines: [{ productId: 'prod_support' }] }));
    const invoice = await paid.invoices.getInvoiceById({ id: bought.invoiceId });
    const listed = await walkPages('listOrders', 50, (offset) => expectAnswer('orders.listOrders', paid.orders.listOrders({ limit: 50, offset })));
    const billedOf = (id: string) => listed.find((order) => order.id === id)?.totalBilledAmount;
    assert.ok(invoice.invoiceTotal > 0, 'the seats invoice bills something');
    assert.equal(billedOf(bought.orderId), invoice.invoiceTotal);
    assert.equal(billedOf(own.id), 0);
    for (const order of listed) {
      const alone = await paid.orders.getOrderById({ id: order.id });
      assert.equal(order.totalBilledAmount, alone.totalBilledAmount, order.id);
    }
  });

  test('a paid checkout for three seats makes an order with three unassigned seats', async () => {
    const { orderId } = await buySeats();
    const seats = await walkPages('listOrderSeats', 2, (offset) => expectAnswer('orders.listOrderSeats', paid.orders.listOrderSeats({ id: orderId, limit: 2, offset })));
    assert.equal(seats.length, 3);
    for (const seat of seats) {
      assert.equal(seat.orderId, orderId);
      assert.equal(seat.status, 'unassigned');
      assert.equal(seat.assignee, null);
    }
  });

  test('updateOrderSeatAssignment assigns a seat to a user of the customer, and batchOrderSeatAssignments moves seats in one call', async () => {
    const { orderId, externalCustomerId } = await buySeats();
    const seats = await expectAnswer('orders.listOrderSeats', paid.orders.listOrderSeats({ id: orderId }));
    const [first, second] = seats.data;
    assert.ok(first && second, `the order has ${seats.data.length} seats`);
    const [userA, userB] = [unique('user'), unique('user')];
    for (const userExternalId of [userA, userB]) {
      await expectAnswer('customers.upsertCustomerUserByExternalId', paid.customers.upsertCustomerUserByExternalId({ customerExternalId: externalCustomerId, userExternalId }));
    }

    const assigned = await expectAnswer('orders.updateOrderSeatAssignment', paid.orders.updateOrderSeatAssignment({ id: orderId, seatId: first.id, userExternalId: userA }));
    assert.equal(assigned.id, first.id);
    assert.equal(assigned.status, 'assigned');
    assert.equal(assigned.assignee?.externalId, userA);

    const batch = await expectAnswer(
      'orders.batchOrderSeatAssignments',
      paid.orders.batchOrderSeatAssignments({ id: orderId, assignments: [{ seatId: first.id, userExternalId: null }, { seatId: second.id, userExternalId: userB }] }),
    );
    const byId = new Map(batch.data.map((seat) => [seat.id, seat]));
    assert.equal(byId.get(first.id)?.status, 'unassigned');
    assert.equal(byId.get(first.id)?.assignee, null);
    assert.equal(byId.get(second.id)?.status, 'assigned');
    assert.equal(byId.get(second.id)?.assignee?.externalId, userB);
  });

  test('deleteOrderById answers {} and the order is then not found', async () => {
    const created = await expectAnswer('orders.createOrder', paid.orders.createOrder({ customerId: 'cus_grace', lines: [{ productId: 'prod_onboarding' }] }));
    assert.deepEqual(await expectAnswer('orders.deleteOrderById', paid.orders.deleteOrderById({ id: created.id })), {});
    await expectSdkError(paid.orders.getOrderById({ id: created.id }), { status: 404, errorClass: Paid.NotFoundError }, 'getOrderById after delete');
  });
});

describe('invoices', () => {
  test('a paid checkout makes a paid invoice for its order, which getInvoiceById reads', async () => {
    const bought = await buySeats();
    const checkout = await expectAnswer('checkouts.getCheckout', paid.checkouts.getCheckout({ id: bought.checkoutId }));
    const invoice = await expectAnswer('invoices.getInvoiceById', paid.invoices.getInvoiceById({ id: bought.invoiceId }));
    assert.equal(invoice.id, bought.invoiceId);
    assert.equal(invoice.orderId, bought.orderId);
    assert.equal(invoice.customerId, checkout.customerId);
    assert.equal(invoice.paymentStatus, 'paid');
  });

  test("getInvoiceLines lists the invoice's lines, which add up to its total before tax", async () => {
    const { invoiceId } = await buySeats();
    const invoice = await expectAnswer('invoices.getInvoiceById', paid.invoices.getInvoiceById({ id: invoiceId }));
    const lines = await walkPages('getInvoiceLines', 1, (offset) => expectAnswer('invoices.getInvoiceLines', paid.invoices.getInvoiceLines({ id: invoiceId, limit: 1, offset })));
    assert.ok(lines.length > 0, 'the invoice has no lines');
    assert.equal(lines.reduce((sum, line) => sum + line.totalPriceBeforeTax, 0), invoice.invoiceTotalExcludingTax);
  });

  test('a UK business’s purchase answers an invoice, its lines, its order and its customer in the SDK’s types, with the VAT charged and its VAT number kept', async () => {
    const checkout = await expectAnswer(
      'checkouts.createCheckout',
      paid.checkouts.createCheckout({ products: [{ id: 'prod_seats' }], successUrl: SUCCESS_URL, currency: 'USD', collectAddress: true }),
    );
    const address = { line1: '12 St James’s Square', city: 'London', postal_code: 'SW1Y 4JH', country: 'GB' };
    const bought = await payCheckout(sandbox.url, checkout.id, {
      selections: [{ product_id: 'prod_seats', plan_id: 'plan_seats_team', quantity: 3 }],
      currency: 'usd',
      customer: { ...BUYER, address, tax_id: 'GB 123 4567 89' },
    });
    const invoice = await expectAnswer('invoices.getInvoiceById', paid.invoices.getInvoiceById({ id: bought.invoice_id }));
    assert.deepEqual(
      [invoice.invoiceTotalExcludingTax, invoice.taxAmount, invoice.taxRate, invoice.taxStatus, invoice.invoiceTotal, invoice.amountDue, invoice.taxExempt],
      [3600, 720, 20, 'calculated', 4320, 4320, false],
    );
    const lines = await expectAnswer('invoices.getInvoiceLines', paid.invoices.getInvoiceLines({ id: bought.invoice_id }));
    assert.deepEqual(lines.data.map((line) => [line.totalPriceBeforeTax, line.tax, line.taxRate, line.totalPriceAfterTax]), [[3600, 720, 20, 4320]]);
    const order = await expectAnswer('orders.getOrderById', paid.orders.getOrderById({ id: bought.order_id }));
    assert.deepEqual([order.billedAmountNoTax, order.billedTax, order.totalBilledAmount, order.estimatedTax], [3600, 720, 4320, 720]);
    const customer = await expectAnswer('customers.getCustomerById', paid.customers.getCustomerById({ id: invoice.customerId }));
    assert.equal(customer.vatNumber, 'GB123456789');
  });

  test("a purchase by Paid's own client (no customer sent) makes its customer from the payment form's billing details, answered in the SDK's Customer type: no email is \"\", as for a customer the merchant made without one", async () => {
    const checkout = await expectAnswer('checkouts.createCheckout', paid.checkouts.createCheckout({ products: [{ id: 'prod_support' }], successUrl: SUCCESS_URL, collectAddress: false }));
    const token = `ctoken_test_succeeds_${randomBytes(8).toString('hex')}`;
    const address = { line1: null, line2: null, city: null, state: null, postal_code: '97201', country: 'US' };
    const registered = await fetch(`${sandbox.url}/sandbox/stripe/confirmation_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: token, billing_details: { name: 'Dorothy Vaughan', email: null, phone: null, address } }),
    });
    assert.equal(registered.status, 200, await registered.text());
    const completed = await fetch(`${sandbox.url}/api/public/checkout/${checkout.id}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ confirmation_token: token, return_url: 'https://shop.example/checkout/return' }),
    });
    const text = await completed.text();
    assert.equal(completed.status, 200, text);
    const { data } = JSON.parse(text) as { data: { customer_id: string } };
    const customer = await expectAnswer('customers.getCustomerById', paid.customers.getCustomerById({ id: data.customer_id }));
    const merchantMade = await expectAnswer('customers.createCustomer', paid.customers.createCustomer({ name: 'No Email Ltd', externalId: unique('ext_noemail') }));
    assert.deepEqual([customer.name, customer.email, merchantMade.email], ['Dorothy Vaughan', '', '']);
  });

  test('updateInvoiceById sets the metadata', async () => {
    const { invoiceId } = await buySeats();
    const updated = await expectAnswer('invoices.updateInvoiceById', paid.invoices.updateInvoiceById({ id: invoiceId, metadata: { po: 'PO-9' } }));
    assert.equal(updated.id, invoiceId);
    assert.deepEqual(updated.metadata, { po: 'PO-9' });
  });

  test('listInvoices pages with limit and offset, and its pagination adds up', async () => {
    const { invoiceId } = await buySeats();
    const listed = await walkPages('listInvoices', 2, (offset) => expectAnswer('invoices.listInvoices', paid.invoices.listInvoices({ limit: 2, offset })));
    assert.ok(idsOf(listed).includes(invoiceId), `${invoiceId} is on no page`);
  });
});

describe('webhooks', () => {
  test('listWebhooks lists every checkout, payment and invoice event the sandbox delivers', async () => {
    const listed = await expectAnswer('webhooks.listWebhooks', paid.webhooks.listWebhooks());
    const names = listed.data.map((webhook) => webhook.name);
    assert.deepEqual(DELIVERED_WEBHOOK_NAMES.filter((name) => !names.includes(name)), []);
  });

  test('updateWebhook points an event at a loopback URL and enables it, and testWebhook delivers there', async () => {
    const webhookName = 'billing-checkout-completed';
    const updated = await expectAnswer('webhooks.updateWebhook', paid.webhooks.updateWebhook({ webhookName, url: receiver.url, enabled: true }));
    assert.equal(updated.name, webhookName);
    assert.equal(updated.url, receiver.url);
    assert.equal(updated.enabled, true);

    const delivered = receiver.next();
    // Observed below; without this, a failed testWebhook would leave the wait to reject unheard.
    delivered.catch(() => undefined);
    const tested = await expectAnswer('webhooks.testWebhook', paid.webhooks.testWebhook({ webhookName }));
    assert.equal(tested.success, true);
    assert.equal((await delivered).method, 'POST');

    const disabled = await expectAnswer('webhooks.updateWebhook', paid.webhooks.updateWebhook({ webhookName, enabled: false }));
    assert.equal(disabled.enabled, false);
  });
});

describe('errors', () => {
  const product = [{ id: 'prod_analytics' }];

  test('createCheckout with an unknown product is a NotFoundError (as the SDK types it) whose details name products', async () => {
    await expectSdkError(
      paid.checkouts.createCheckout({ products: [{ id: 'prod_does_not_exist' }], successUrl: SUCCESS_URL }),
      { status: 404, errorClass: Paid.NotFoundError, fields: ['products'] },
      'unknown product',
    );
  });

  test('createCheckout with expiresAt in the past is a BadRequestError whose details name expiresAt', async () => {
    await expectSdkError(
      paid.checkouts.createCheckout({ products: product, successUrl: SUCCESS_URL, expiresAt: new Date(Date.now() - 3_600_000).toISOString() }),
      { status: 400, errorClass: Paid.BadRequestError, fields: ['expiresAt'] },
      'expiresAt in the past',
    );
  });

  test('createCheckout with an expiresAt that is not a date is a BadRequestError whose details name expiresAt', async () => {
    await expectSdkError(
      paid.checkouts.createCheckout({ products: product, successUrl: SUCCESS_URL, expiresAt: 'next tuesday' }),
      { status: 400, errorClass: Paid.BadRequestError, fields: ['expiresAt'] },
      'expiresAt not a date',
    );
  });

  test('createCheckout for an unknown customerId is a NotFoundError (as the SDK types it) whose details name customerId', async () => {
    await expectSdkError(
      paid.checkouts.createCheckout({ products: product, successUrl: SUCCESS_URL, customerId: 'cus_does_not_exist' }),
      { status: 404, errorClass: Paid.NotFoundError, fields: ['customerId'] },
      'unknown customerId',
    );
  });

  test('createCheckout with both customerId and externalCustomerId is a BadRequestError naming both', async () => {
    await expectSdkError(
      paid.checkouts.createCheckout({ products: product, successUrl: SUCCESS_URL, customerId: 'cus_ada', externalCustomerId: 'ext_ada' }),
      { status: 400, errorClass: Paid.BadRequestError, fields: ['customerId', 'externalCustomerId'] },
      'customerId and externalCustomerId',
    );
  });

  test('a wrong key is a PaidError with status 401, and creates nothing', async () => {
    const before = (await expectAnswer('checkouts.listCheckouts', paid.checkouts.listCheckouts({ limit: 1 }))).pagination.total;
    const wrongKey = new PaidClient({ token: 'sk_test_not_this_account', baseUrl, maxRetries: 0 });
    await expectSdkError(wrongKey.checkouts.listCheckouts(), { status: 401 }, 'listCheckouts with a wrong key');
    await expectSdkError(wrongKey.checkouts.createCheckout({ products: product, successUrl: SUCCESS_URL }), { status: 401 }, 'createCheckout with a wrong key');
    const afterwards = (await expectAnswer('checkouts.listCheckouts', paid.checkouts.listCheckouts({ limit: 1 }))).pagination.total;
    assert.equal(afterwards, before);
  });

  test('no key at all is a PaidError with status 401', async () => {
    await expectSdkError(paid.checkouts.listCheckouts({}, { headers: { Authorization: null } }), { status: 401 }, 'listCheckouts without a key');
  });

  test('getCheckout for an unknown id is a NotFoundError', async () => {
    await expectSdkError(paid.checkouts.getCheckout({ id: 'chk_does_not_exist' }), { status: 404, errorClass: Paid.NotFoundError }, 'unknown checkout');
  });
});

describe('the SDK surface', () => {
  test("the six resource clients have at runtime exactly the methods the SDK's .d.ts declares", (t) => {
    t.diagnostic(`${declared.size} methods declared across the six resources`);
    assert.deepEqual(runtimeMethods(paid).sort(), [...declared.keys()].sort());
  });

  test('every method of the six resources was called above and answered with its declared type', () => {
    const uncovered = runtimeMethods(paid).filter((method) => !answered.has(method));
    assert.deepEqual(uncovered, [], `methods no test called successfully: ${uncovered.join(', ')}`);
  });
});
