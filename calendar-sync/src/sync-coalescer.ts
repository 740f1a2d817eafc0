/**
 * Runs at most one job per key at a time, and remembers at most one more: a burst of notifications
 * for a source while it syncs causes exactly one follow-up sync, which sees all of them.
 */
export const createSyncCoalescer = <K>(options: {
  readonly keyOf: (job: K) => string;
  readonly run: (job: K) => Promise<unknown>;
  readonly onError?: (error: unknown, job: K) => void;
}) => {
  const running = new Map<string, { dirty: boolean; done: Promise<void> }>();

  const loop = async (key: string, job: K) => {
    const state = running.get(key);
    try {
      do {
        if (state) state.dirty = false;
        try {
          await options.run(job);
        } catch (error) {
          options.onError?.(error, job);
        }
      } while (state?.dirty);
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
