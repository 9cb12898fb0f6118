/**
 * Group commit for hot single-row work (ADR 0007). Calls made while the database is busy with earlier ones are
 * gathered and sent as one statement when a slot frees up; a call made while a slot is free goes out at once
 * (after the current tick, so calls of the same tick share it). Each caller still gets its own result or its
 * own error, and is answered only after the statement that carried it has committed.
 *
 * Built on DataLoader (batching only; its cache is off: every call is a new piece of work).
 */
import DataLoader from 'dataloader';

export interface CoalesceOptions {
  /** Statements of this kind running at once; the rest of the calls wait and are gathered. */
  inFlight: number;
  /** Most calls one statement carries. */
  maxBatch: number;
}

/**
 * `runBatch` gets the calls gathered (in call order) and returns one result or Error per call, in the same order.
 */
export function coalesce<K, V>(runBatch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>, opts: CoalesceOptions): (key: K) => Promise<V> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const loader = new DataLoader<K, V>(
    async (keys) => {
      try {
        return await runBatch(keys);
      } finally {
        release();
      }
    },
    {
      cache: false,
      maxBatchSize: opts.maxBatch,
      batchScheduleFn: (dispatch) => {
        if (running < opts.inFlight) {
          running++;
          process.nextTick(dispatch);
        } else waiting.push(dispatch);
      },
    },
  );
  return (key) => loader.load(key);
}

/**
 * The usual batch shape: one statement for all; when it fails and it carried more than one call, each call is
 * run alone so that one bad call (a unique key taken by a racing retry, a value the database refuses) fails
 * only itself (the calls are then run one after another).
 */
export function eachAloneOnFailure<K, V>(all: (keys: readonly K[]) => Promise<V[]>, one: (key: K) => Promise<V>): (keys: readonly K[]) => Promise<Array<V | Error>> {
  return async (keys) => {
    if (keys.length === 1) return [await one(keys[0] as K)];
    try {
      return await all(keys);
    } catch {
      // One after another, in the slot the batch held: the rare path does not flood the pool.
      const out: Array<V | Error> = [];
      for (const k of keys) out.push(await one(k).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))));
      return out;
    }
  };
}
