// One set of customer-field rules, checked on both sides against the same cases: what the
// element's form accepts the sandbox's complete accepts, and what one refuses the other refuses,
// at the same field. The return URL the element sends is always one the sandbox takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateField, type FieldName } from '../../../src/checkout/customer-form.ts';
import { customerFieldFault, customerFieldMaxLength } from '../../../src/checkout/customer-rules.ts';
import { MAX_URL_LENGTH, returnUrlFor } from '../../../src/url.ts';
import { completeWireBody } from '../../../sandbox/public-schemas.ts';
import { problemsOf } from '../../../sandbox/request-schemas.ts';

const customer = { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0958' };
const address = { line1: '12 St James’s Square', line2: 'Flat 2', city: 'London', state: null, postal_code: 'SW1Y 4LB', country: 'GB' };
const wireNames: Partial<Record<FieldName, string>> = { postalCode: 'postal_code' };
const addressFields = new Set<FieldName>(['line1', 'line2', 'city', 'postalCode', 'state', 'country']);

/** The problems the sandbox finds in a complete whose customer has `value` at `field`. */
function sandboxProblems(field: FieldName, value: string): string[] {
  const name = wireNames[field] ?? field;
  const body = {
    confirmation_token: 'ctoken_test_succeeds_0123456789abcdef',
    return_url: 'https://shop.example/checkout',
    customer: addressFields.has(field) ? { ...customer, address: { ...address, [name]: value } } : { ...customer, address, [name]: value },
  };
  const parsed = completeWireBody.safeParse(body);
  return parsed.success ? [] : problemsOf(parsed.error).map((problem) => problem.field);
}

const long = (length: number) => 'a'.repeat(length);
// [field, value, accepted]
const cases: Array<[FieldName, string, boolean]> = [
  ['email', 'ada@example.com', true],
  ['email', ' ada@example.com ', true],
  ['email', "o'brien+news@mail.example.co.uk", true],
  ['email', 'first.last@sub-domain.example', true],
  ['email', 'josé@example.com', false],
  ['email', 'user@bücher.de', false],
  ['email', 'a@b.c', false],
  ['email', 'ada@example', false],
  ['email', 'ada', false],
  ['email', '.ada@example.com', false],
  ['email', 'ada.@example.com', false],
  ['email', 'a..da@example.com', false],
  ['email', 'ada@-example.com', false],
  ['email', 'two@@example.com', false],
  ['email', 'spaces in@example.com', false],
  ['email', `${long(64)}@example.com`, true],
  ['email', `${long(65)}@example.com`, false],
  ['email', `a@${long(64)}.com`, false],
  ['email', `a@${long(63)}.com`, true],
  ['email', `a@${`${long(60)}.`.repeat(5)}com`, false],
  ['email', '', false],
  ['name', 'Ada Lovelace', true],
  ['name', 'José Ñúñez 山田', true],
  ['name', long(200), true],
  ['name', ` ${long(200)} `, true],
  ['name', long(201), false],
  ['name', long(250), false],
  ['name', '   ', false],
  ['name', '\u200b\u200e', false],
  ['name', '', false],
  ['phone', '+33 6 12 34 56 78', true],
  ['phone', '(555) 123-4567', true],
  ['phone', '12345', false],
  ['phone', 'call me', false],
  ['phone', `+${'1'.repeat(24)}`, false],
  ['line1', long(200), true],
  ['line1', long(201), false],
  ['line1', ' ', false],
  ['line2', '', true],
  ['line2', long(201), false],
  ['city', 'Paris', true],
  ['city', '', false],
  ['postalCode', 'SW1Y 4LB', true],
  ['postalCode', long(20), true],
  ['postalCode', long(21), false],
  ['postalCode', '', false],
  ['state', '', true],
  ['state', long(200), true],
  ['state', long(201), false],
  ['country', 'GB', true],
  ['country', 'gb', false],
  ['country', 'GBR', false],
  ['country', '', false],
];

test('the element and the sandbox accept and refuse the same customer values, at the same field', () => {
  for (const [field, value, accepted] of cases) {
    const label = `${field} ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}… (${value.length})` : value)}`;
    assert.equal(customerFieldFault(field, value) === null, accepted, `rules: ${label}`);
    assert.equal(validateField(field, value) === null, accepted, `element: ${label}`);
    const wireField = `customer.${addressFields.has(field) ? 'address.' : ''}${wireNames[field] ?? field}`;
    assert.deepEqual(sandboxProblems(field, value), accepted ? [] : [wireField], `sandbox: ${label}`);
  }
});

test('an address too long for the sandbox is too long for the element, whatever the field', () => {
  for (const [field, max] of Object.entries(customerFieldMaxLength) as Array<[FieldName, number]>) {
    if (field === 'email' || field === 'phone' || field === 'country' || field === 'taxId') continue;
    assert.equal(validateField(field, long(max)), null, `${field} at ${max}`);
    assert.notEqual(validateField(field, long(max + 1)), null, `${field} at ${max + 1}`);
  }
});

/** Whether the sandbox takes `url` as a complete's return_url. */
function sandboxTakes(url: string): boolean {
  return completeWireBody.safeParse({ confirmation_token: 'ctoken_test_succeeds_0123456789abcdef', return_url: url }).success;
}

test('the return URL the element sends is always one the sandbox takes: the page, else its origin and path, else successUrl', () => {
  const successUrl = 'https://shop.example/thanks?checkout={CHECKOUT_ID}';
  const page = 'https://shop.example/pricing?plan=team#pay';
  assert.equal(returnUrlFor(page, successUrl, 'chk_1'), 'https://shop.example/pricing?plan=team&paid_checkout_id=chk_1#pay');
  const longQuery = `https://shop.example/pricing?utm=${long(3000)}`;
  assert.equal(returnUrlFor(longQuery, successUrl, 'chk_1'), 'https://shop.example/pricing?paid_checkout_id=chk_1');
  const longPath = `https://shop.example/${long(3000)}`;
  assert.equal(returnUrlFor(longPath, successUrl, 'chk_1'), successUrl);
  assert.equal(returnUrlFor('about:srcdoc', successUrl, 'chk_1'), successUrl);
  assert.equal(returnUrlFor('file:///tmp/page.html', successUrl, 'chk_1'), successUrl);
  const named = '&paid_checkout_id=chk_1';
  const atLimit = `https://shop.example/?q=${long(MAX_URL_LENGTH - 'https://shop.example/?q='.length - named.length)}`;
  assert.equal(returnUrlFor(atLimit, successUrl, 'chk_1'), atLimit + named);
  assert.equal(returnUrlFor(`${atLimit}b`, successUrl, 'chk_1'), 'https://shop.example/?paid_checkout_id=chk_1');
  for (const pageUrl of [page, longQuery, longPath, atLimit, `${atLimit}b`, 'about:blank']) {
    assert.equal(sandboxTakes(returnUrlFor(pageUrl, successUrl, 'chk_1')), true, pageUrl.slice(0, 60));
  }
  // The page URL itself is refused when over the limit: the fallback is what makes it go through.
  assert.equal(sandboxTakes(longQuery), false);
});
