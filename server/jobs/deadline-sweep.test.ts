import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startDeadlineSweep, type SweepContext } from './deadline-sweep.ts';

const ctx = {} as SweepContext; // the fake sweeps below never touch it

test('R-8.5 the sweep timer runs at once and again after each interval; a failing run is reported and does not stop it', async () => {
  let runs = 0;
  const errors: unknown[] = [];
  const swept: number[] = [];
  const timer = startDeadlineSweep(ctx, {
    everySeconds: 0.01,
    sweep: async () => {
      runs++;
      if (runs === 2) throw new Error('database unavailable');
      return { newlyOverdue: runs, closed: 0, sampled: 0, checked: 0, alertsSent: 0 };
    },
    onError: (err) => errors.push(err),
    onSwept: (r) => swept.push(r.newlyOverdue),
  });
  const until = Date.now() + 5_000;
  while (runs < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  await timer.stop();
  const after = runs;
  assert.ok(after >= 4, `ran ${after} times`);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /database unavailable/);
  assert.deepEqual(swept.slice(0, 2), [1, 3]);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(runs, after, 'no run after stop()');
});

test('R-8.5 stop() waits for a sweep in progress (clean shutdown)', async () => {
  // The sweep's timer never keeps a process alive by itself (unref): this test holds the event loop open.
  const keepAlive = setInterval(() => {}, 1000);
  let finished = false;
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const timer = startDeadlineSweep(ctx, {
    everySeconds: 60,
    sweep: async () => {
      started();
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
      return { newlyOverdue: 0, closed: 0, sampled: 0, checked: 0, alertsSent: 0 };
    },
    onError: () => assert.fail('no error expected'),
  });
  await running;
  await timer.stop();
  clearInterval(keepAlive);
  assert.equal(finished, true);
});
