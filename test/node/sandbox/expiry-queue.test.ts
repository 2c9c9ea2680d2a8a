// The expiry sweep's queue: every checkout is given once, when its expiry has come, soonest first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createExpiryQueue } from '../../../sandbox/expiry-queue.ts';

test('gives the checkouts whose expiry has come, soonest first, and keeps the others for later', () => {
  const queue = createExpiryQueue();
  queue.add('chk_c', 300);
  queue.add('chk_a', 100);
  queue.add('chk_b', 200);
  assert.deepEqual(queue.takeDue(99), []);
  assert.deepEqual(queue.takeDue(200), ['chk_a', 'chk_b']);
  assert.deepEqual(queue.takeDue(200), []);
  assert.equal(queue.size, 1);
  assert.deepEqual(queue.takeDue(1_000), ['chk_c']);
  assert.equal(queue.size, 0);
});

test('over any additions and sweeps (a clock that moves back included), each id is given exactly once, only when due, in order of expiry', () => {
  const step = fc.oneof(
    fc.record({ add: fc.integer({ min: 0, max: 1_000 }) }),
    fc.record({ sweep: fc.integer({ min: 0, max: 1_100 }) }),
  );
  fc.assert(
    fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
      const queue = createExpiryQueue();
      const pending = new Map<string, number>();
      const given = new Set<string>();
      steps.forEach((item, index) => {
        if ('add' in item) {
          const id = `chk_${index}`;
          queue.add(id, item.add);
          pending.set(id, item.add);
          return;
        }
        const due = queue.takeDue(item.sweep);
        const expected = [...pending].filter(([, at]) => at <= item.sweep).map(([, at]) => at).sort((a, b) => a - b);
        assert.deepEqual(due.map((id) => pending.get(id)), expected);
        for (const id of due) {
          assert.ok(!given.has(id), `${id} given twice`);
          given.add(id);
          pending.delete(id);
        }
      });
      assert.equal(queue.size, pending.size);
    }),
    { numRuns: 300, seed: 20261130 },
  );
});
