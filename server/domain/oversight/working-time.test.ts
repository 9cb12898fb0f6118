import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { WORKING_TIME_BOUNDS, bucketPercentile, workingTimeBucket, workingTimeInWords } from './working-time.ts';

test('R-18.3b working-time buckets: a time falls in the first bucket whose upper bound holds it (bounds inclusive)', () => {
  assert.equal(workingTimeBucket(0), 0);
  assert.equal(workingTimeBucket(15), 0);
  assert.equal(workingTimeBucket(16), 1);
  assert.equal(workingTimeBucket(480), 5, 'one working day is "≤ 1 ngày"');
  assert.equal(workingTimeBucket(481), 6);
  assert.equal(workingTimeBucket(28800), WORKING_TIME_BOUNDS.length - 1);
  assert.equal(workingTimeBucket(28801), WORKING_TIME_BOUNDS.length, 'beyond 60 days: the open bucket');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 50_000 }), (m) => {
      const b = workingTimeBucket(m);
      const upper = WORKING_TIME_BOUNDS[b];
      const lower = b === 0 ? -1 : (WORKING_TIME_BOUNDS[b - 1] as number);
      assert.ok(m > lower && (upper === undefined || m <= upper));
    }),
  );
});

test('R-18.3b percentile of bucketed times: nearest rank, the bucket upper bound is never below the exact percentile', () => {
  assert.equal(bucketPercentile([], 0.5), null);
  assert.equal(bucketPercentile([0, 0], 0.9), null);
  // 10 times: 4 within 15 min, 5 within 1 h, 1 beyond 60 days → median ≤ 1 h (5th smallest), p90 ≤ 1 h (9th), p100 open
  const counts = [4, 0, 5, ...Array(WORKING_TIME_BOUNDS.length - 3).fill(0), 1];
  assert.deepEqual(bucketPercentile(counts, 0.5), { bucket: 2, withinMinutes: 60 });
  assert.deepEqual(bucketPercentile(counts, 0.9), { bucket: 2, withinMinutes: 60 });
  assert.deepEqual(bucketPercentile(counts, 1), { bucket: WORKING_TIME_BOUNDS.length, withinMinutes: null });
  assert.throws(() => bucketPercentile(counts, 0), RangeError);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0.01, max: 1, noNaN: true }), (times, p) => {
      const counts = Array<number>(WORKING_TIME_BOUNDS.length + 1).fill(0);
      for (const t of times) counts[workingTimeBucket(t)]!++;
      const sorted = [...times].sort((a, b) => a - b);
      const exact = sorted[Math.ceil(p * sorted.length) - 1] as number;
      const got = bucketPercentile(counts, p);
      assert.ok(got);
      assert.equal(got.bucket, workingTimeBucket(exact), 'the bucket of the exact nearest-rank percentile');
      if (got.withinMinutes !== null) assert.ok(exact <= got.withinMinutes);
      const median = bucketPercentile(counts, 0.5);
      const p90 = bucketPercentile(counts, 0.9);
      assert.ok(median && p90 && median.bucket <= p90.bucket, 'the median is never above the 90th percentile');
    }),
  );
});

test('R-8.5 working time in words, as the regulation words deadlines (8-hour working days)', () => {
  assert.deepEqual(WORKING_TIME_BOUNDS.slice(0, 8).map(workingTimeInWords), [
    '15 phút làm việc',
    '30 phút làm việc',
    '1 giờ làm việc',
    '2 giờ làm việc',
    '4 giờ làm việc',
    '1 ngày làm việc',
    '1,5 ngày làm việc',
    '2 ngày làm việc',
  ]);
  assert.equal(workingTimeInWords(28800), '60 ngày làm việc');
});
