/**
 * Runs at most one job per key at a time, and remembers at most one more: a burst of notifications
 * for a source while it syncs causes exactly one follow-up sync, which sees all of them. The follow-up
 * waits `followUpDelayMs` first, so that a burst arriving over a second settles into it instead of
 * starting a sync per notification; the first change of a quiet period still syncs at once.
 */
export const createSyncCoalescer = <K>(options: {
  readonly keyOf: (job: K) => string;
  readonly run: (job: K) => Promise<unknown>;
  readonly onError?: (error: unknown, job: K) => void;
  readonly followUpDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}) => {
  const followUpDelayMs = options.followUpDelayMs ?? 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const running = new Map<string, { dirty: boolean; done: Promise<void> }>();

  const loop = async (key: string, job: K) => {
    const state = running.get(key);
    try {
      for (let first = true; first || state?.dirty; first = false) {
        if (!first && followUpDelayMs > 0) await sleep(followUpDelayMs);
        if (state) state.dirty = false;
        try {
          await options.run(job);
        } catch (error) {
          options.onError?.(error, job);
        }
      }
    } finally {
      running.delete(key);
    }
  };

  return {
    /** Schedules the job; resolves when a run that started after this request has finished. */
    request(job: K): Promise<void> {
      const key = options.keyOf(job);
      const state = running.get(key);
      if (state) {
        state.dirty = true;
        return state.done;
      }
      const fresh = { dirty: false, done: Promise.resolve() };
      running.set(key, fresh);
      fresh.done = loop(key, job);
      return fresh.done;
    },
    /** Resolves when nothing is running: for shutdown and tests. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.all([...running.values()].map((s) => s.done));
    },
  };
};
