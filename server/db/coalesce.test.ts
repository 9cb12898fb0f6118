/** ADR 0007: group commit. Pure tests of the coalescer, with a stand-in for the database. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { coalesce, eachAloneOnFailure } from './coalesce.ts';

const tick = () => new Promise<void>((r) => setImmediate(r));

test('R-5 ADR 0007 a lone call goes out at once; calls made while the slot is busy are gathered into one batch', async () => {
  const batches: number[][] = [];
  let finish!: () => void;
  const gate = new Promise<void>((r) => (finish = r));
  const run = coalesce(
    async (keys: readonly number[]) => {
      batches.push([...keys]);
      if (batches.length === 1) await gate;
      return keys.map((k) => k * 10);
    },
    { inFlight: 1, maxBatch: 3 },
  );
  const first = run(1);
  await tick();
  assert.deepEqual(batches, [[1]], 'the first call did not wait for company');
  const later = [run(2), run(3), run(4), run(5)];
  await tick();
  assert.equal(batches.length, 1, 'nothing more goes out while the only slot is busy');
  finish();
  assert.deepEqual(await Promise.all([first, ...later]), [10, 20, 30, 40, 50]);
  assert.deepEqual(batches, [[1], [2, 3, 4], [5]], 'gathered in call order, at most maxBatch a statement');
});

test('R-5 ADR 0007 property: whatever the batching and the failures, every caller gets its own outcome', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ value: fc.integer(), bad: fc.boolean(), delay: fc.nat(3) }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 8 }),
      async (calls, inFlight, maxBatch) => {
        let statements = 0;
        let running = 0;
        let mostRunning = 0;
        type Call = (typeof calls)[number];
        // A statement fails as a whole if any call in it is bad, like one INSERT with a taken unique key.
        const statement = async (keys: readonly Call[]) => {
          statements++;
          running++;
          mostRunning = Math.max(mostRunning, running);
          await new Promise((r) => setTimeout(r, keys[0]!.delay));
          running--;
          if (keys.some((k) => k.bad)) throw new Error('unique violation');
          return keys.map((k) => k.value);
        };
        const run = coalesce(eachAloneOnFailure(statement, async (k: Call) => (await statement([k]))[0]!), { inFlight, maxBatch });
        const outcomes = await Promise.allSettled(calls.map(async (c, i) => (i % 3 === 0 ? (await tick(), run(c)) : run(c))));
        outcomes.forEach((o, i) => {
          const c = calls[i]!;
          if (c.bad) assert.equal(o.status, 'rejected');
          else assert.deepEqual(o, { status: 'fulfilled', value: c.value });
        });
        assert.ok(mostRunning <= inFlight, `at most ${inFlight} statements at once, saw ${mostRunning}`);
        assert.ok(statements >= Math.ceil(calls.length / maxBatch));
      },
    ),
    { numRuns: 60 },
  );
});
