/**
 * A background task run now and then every `everySeconds` after the previous run ended (runs never overlap). A
 * failed run is reported to `onError` and the timer goes on: a database outage must not stop the server.
 */
export interface RepeatingTask {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export function startRepeating(task: () => Promise<void>, opts: { everySeconds: number; onError(err: unknown): void }): RepeatingTask {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run();
    }, ms);
    // The timer alone never keeps the process alive (shutdown does not wait for the next tick).
    timer.unref();
  };
  const run = async () => {
    try {
      await task();
    } catch (err) {
      opts.onError(err);
    }
    schedule(opts.everySeconds * 1000);
  };

  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
