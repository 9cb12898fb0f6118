/**
 * How long a stage took, for the overseer (issue 10: median and 90th-percentile working time per stage,
 * R-18.3b). The rollup keeps, per month × agency × unit × category × kind × stage, how many stopped deadlines
 * took a working time within each bucket below — not every duration — so that a year's percentiles are a sum over
 * a few rows. A percentile is therefore given as the bucket it falls in: "90 % within 2 working days" (the
 * bucket's upper bound), the way the regulation states deadlines.
 *
 * Buckets, in working minutes (8-hour working days): ≤ 15 min, ≤ 30 min, ≤ 1 h, ≤ 2 h, ≤ 4 h, ≤ 1 day, ≤ 1.5
 * days, ≤ 2 days, ≤ 3 days, ≤ 4 days, ≤ 5 days, ≤ 7 days, ≤ 10 days, ≤ 15 days, ≤ 20 days, ≤ 30 days, ≤ 40 days,
 * ≤ 60 days, and above 60 days (index WORKING_TIME_BOUNDS.length, no upper bound).
 */

/** Upper bounds of the buckets, working minutes, increasing; bucket i holds (bound[i-1], bound[i]]. */
export const WORKING_TIME_BOUNDS: readonly number[] = [15, 30, 60, 120, 240, 480, 720, 960, 1440, 1920, 2400, 3360, 4800, 7200, 9600, 14400, 19200, 28800];

/** The bucket of a working time in whole minutes (as SQL computes it: width_bucket(minutes - 1, bounds)). */
export function workingTimeBucket(minutes: number): number {
  const i = WORKING_TIME_BOUNDS.findIndex((bound) => minutes <= bound);
  return i === -1 ? WORKING_TIME_BOUNDS.length : i;
}

/** A percentile of the bucketed times: its bucket's upper bound in working minutes, null above the last. */
export interface BucketPercentile {
  /** Working minutes (the bucket's upper bound), or null when beyond the last bound. */
  withinMinutes: number | null;
  bucket: number;
}

/**
 * The `p`-th percentile (0 < p ≤ 1) by the nearest-rank method over bucket counts (`counts[i]` stopped deadlines
 * in bucket i): the bucket holding the ⌈p·n⌉-th smallest time. Null when nothing was counted.
 */
export function bucketPercentile(counts: readonly number[], p: number): BucketPercentile | null {
  if (!(p > 0 && p <= 1)) throw new RangeError(`a percentile is in (0, 1], got ${p}`);
  const n = counts.reduce((sum, c) => sum + c, 0);
  if (n === 0) return null;
  const rank = Math.ceil(p * n);
  let seen = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    seen += counts[bucket] ?? 0;
    if (seen >= rank) return { bucket, withinMinutes: WORKING_TIME_BOUNDS[bucket] ?? null };
  }
  throw new Error('unreachable: the ranks are within the counts');
}

/**
 * Working minutes as people say them: under an hour in minutes, under a working day (8 hours) in hours, else in
 * working days of 8 hours. The one rule for the documents (workingTimeInWords) and the web's pages, which word
 * the amount in the reader's language.
 */
export function workingTimeAmount(minutes: number): { unit: 'minutes' | 'hours' | 'days'; amount: number } {
  if (minutes < 60) return { unit: 'minutes', amount: minutes };
  if (minutes < 480) return { unit: 'hours', amount: minutes / 60 };
  return { unit: 'days', amount: minutes / 480 };
}

const UNIT_WORDS = { minutes: 'phút', hours: 'giờ', days: 'ngày' } as const;

/** Working minutes in Vietnamese as the regulation words durations: "30 phút", "4 giờ", "1,5 ngày làm việc" (8-hour days). */
export function workingTimeInWords(minutes: number): string {
  const { unit, amount } = workingTimeAmount(minutes);
  return `${String(Math.round(amount * 10) / 10).replace('.', ',')} ${UNIT_WORDS[unit]} làm việc`;
}
