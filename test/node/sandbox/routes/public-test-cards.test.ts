// docs/SANDBOX.md's test-card table says what complete answers for each test token: held to the
// sandbox's real answers, status and every field (paid-blocks' envelope, the flat error body).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { confirmationToken, startTestSandbox, validCompleteBody, validCreateBody } from '../support.ts';

const sandbox = await startTestSandbox();
after(() => sandbox.close());

const doc = readFileSync(new URL('../../../../docs/SANDBOX.md', import.meta.url), 'utf8');

/** The table's rows: token outcome → what complete answers, as written. */
function documentedAnswers(): Map<string, string> {
  const section = doc.slice(doc.indexOf('### Test cards and tokens'), doc.indexOf('### Complete'));
  const rows = section.split('\n').filter((line) => /^\| `\d{4} /.test(line));
  return new Map(rows.map((row) => {
    const cells = row.split(' | ');
    return [cells[1]!.replace(/`/g, ''), cells[2]!.replace(/ \|$/, '')];
  }));
}

/** Every key of an answer, down to `data.payment_intent`'s. */
function keysOf(value: unknown, depth = 3): string[] {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner, depth - 1)]);
}

test('the test-card table names each answer as the sandbox sends it: its status, and every field it has', async () => {
  const documented = documentedAnswers();
  assert.deepEqual([...documented.keys()].sort(), ['card_declined', 'insufficient_funds', 'succeeds', 'threeds']);
  for (const [outcome, cell] of documented) {
    const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_onboarding' }], collectAddress: false }));
    const answer = await sandbox.complete(checkout.id, validCompleteBody(['prod_onboarding'], { confirmation_token: confirmationToken(outcome), selections: undefined, currency: undefined }));
    assert.ok(cell.startsWith(`\`${answer.status} `), `${outcome}: the table says ${cell.slice(0, 12)}, the sandbox ${answer.status}`);
    const named = new Set(cell.match(/[A-Za-z_]+(?=[:,} ])/g));
    const missing = keysOf(answer.body).filter((key) => !named.has(key));
    assert.deepEqual(missing, [], `${outcome}: the table leaves out fields the sandbox sends (${answer.text})`);
    const extra = [...cell.matchAll(/([A-Za-z_]+):/g)].map((match) => match[1]!).filter((key) => !keysOf(answer.body).includes(key));
    assert.deepEqual(extra, [], `${outcome}: the table names fields the sandbox does not send (${answer.text})`);
  }
});

test('a token that is not a test token is refused on confirmation_token, as the table says', async () => {
  const checkout = await sandbox.createCheckout(validCreateBody({ products: [{ id: 'prod_onboarding' }], collectAddress: false }));
  const answer = await sandbox.complete(checkout.id, validCompleteBody(['prod_onboarding'], { confirmation_token: 'tok_visa', selections: undefined, currency: undefined }));
  assert.equal(answer.status, 400, answer.text);
  const field = (answer.body as { fields: Array<{ field: string }> }).fields[0]!.field;
  assert.ok(doc.includes(`\`400 validation_error\`\non \`${field}\``) || doc.includes(`\`400 validation_error\` on \`${field}\``), `SANDBOX.md names the refused field ${field}`);
});
