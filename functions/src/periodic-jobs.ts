import type { Store } from '@wygc/routing-core';
import type { Logger } from 'pino';
import { purgeExpiredData } from './retention-purge.ts';
import type { Runtime } from './runtime.ts';

export interface PeriodicJobs {
  /** Stops the timers and waits for a job that is running. */
  stop(): Promise<void>;
}

export interface PeriodicJobsDeps {
  readonly scheduler: Runtime['scheduler'];
  readonly store: Store;
  readonly clock: () => number;
  readonly logger: Logger;
  readonly scheduleEveryMs?: number;
  readonly dailyEveryMs?: number;
  /** More work to do every minute, e.g. the Teams bot's proactive messages. */
  readonly everyMinute?: () => Promise<unknown>;
}

const minute = 60_000;
const day = 24 * 60 * minute;

/**
 * The all-in-one server's own Cloud Scheduler: due syncs and channel renewals every minute; the
 * horizon roll and the retention purge daily. Each also runs once at start, so a server that was
 * down catches up. A run that is still busy when its next turn comes is not started twice. Timers are
 * unref'd: they never keep the process alive on their own.
 */
export const startPeriodicJobs = (deps: PeriodicJobsDeps): PeriodicJobs => {
  const log = deps.logger.child({ part: 'periodic-jobs' });
  const running = new Set<Promise<void>>();

  const guarded = (name: string, job: () => Promise<unknown>) => {
    let busy = false;
    return () => {
      if (busy) return;
      busy = true;
      const run = job()
        .then((report) => log.debug({ job: name, report }, 'periodic job done'))
        .catch((error: unknown) =>
          log.error({ job: name, err: (error as { code?: string }).code ?? 'error' }, 'periodic job failed'),
        )
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
  };

  const schedule = guarded('schedule', async () => ({
    sync: await deps.scheduler.runDue(),
    ...(deps.everyMinute ? { minute: await deps.everyMinute() } : {}),
  }));
  const daily = guarded('daily', async () => ({
    horizon: await deps.scheduler.rollHorizon(),
    purge: await purgeExpiredData({ store: deps.store, now: deps.clock(), logger: log }),
  }));

  daily();
  schedule();
  const timers = [
    setInterval(schedule, deps.scheduleEveryMs ?? minute),
    setInterval(daily, deps.dailyEveryMs ?? day),
  ];
  for (const timer of timers) timer.unref();

  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
};
