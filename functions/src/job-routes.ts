import { isSyncError, type ScheduleReport, type SourceRef, type SyncReport } from '@wygc/calendar-sync';
import type { Store } from '@wygc/routing-core';
import { isStoreError } from '@wygc/store';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import { HttpError, toHttpError } from './http-error.ts';
import { type JobsCallerOptions, requireJobsCaller } from './require-jobs-caller.ts';
import { purgeExpiredData } from './retention-purge.ts';
import type { TeamsBot } from './teams-bot.ts';

export interface JobRoutesDeps {
  readonly store: Store;
  /** One sync of one source, awaited: the job's request lasts as long as the sync. */
  readonly sync: (ref: SourceRef) => Promise<SyncReport>;
  readonly scheduler: {
    runDue(): Promise<ScheduleReport>;
    rollHorizon(): Promise<{ tablesPublished: number; failures: number }>;
  };
  readonly clock: () => number;
  readonly logger: Logger;
  readonly auth: JobsCallerOptions;
  /** The Teams bot, when a bot registration is configured: /jobs/notify sends its proactive messages. */
  readonly bot?: Pick<TeamsBot, 'notifyDue'>;
}

/** The Cloud Tasks payload, as the job queue enqueues it. */
const syncJobSchema = z
  .object({ tenantId: z.string().min(1).max(128), sourceId: z.string().min(1).max(128) })
  .strict();

const errorCode = (error: unknown): string => (error as { code?: string } | undefined)?.code ?? 'error';

/** The source or its tenant is gone: retrying cannot help, so the task is answered as done. */
const isGone = (error: unknown): boolean =>
  isSyncError(error, 'NOT_FOUND') ||
  (isStoreError(error) && (error.code === 'NOT_FOUND' || error.code === 'TENANT_TERMINATED'));

/**
 * The periodic and queued jobs behind live routing, for Cloud Scheduler and Cloud Tasks (locally the
 * in-process scheduler calls the same functions). Each answers with a JSON report; counts and ids
 * only, never calendar content.
 */
export const createJobRoutes = (deps: JobRoutesDeps) => {
  const log = deps.logger.child({ part: 'jobs' });
  const app = new Hono();
  app.use('/jobs/*', requireJobsCaller(deps.auth));

  app.post('/jobs/sync', async (c) => {
    const body: unknown = await c.req.json().catch(() => {
      throw new HttpError('BAD_REQUEST', 'The body must be JSON: {"tenantId", "sourceId"}.');
    });
    const ref = syncJobSchema.parse(body);
    try {
      return c.json(await deps.sync(ref), 200);
    } catch (error) {
      if (!isGone(error)) throw error;
      log.info({ ...ref }, 'sync job for a removed calendar skipped');
      const report: SyncReport = {
        ...ref,
        ok: false,
        upserted: 0,
        deleted: 0,
        replacedAll: false,
        published: {},
        error: 'no such calendar',
        durationMs: 0,
      };
      return c.json(report, 200);
    }
  });

  app.post('/jobs/schedule', async (c) => c.json(await deps.scheduler.runDue(), 200));

  app.post('/jobs/roll-horizon', async (c) => c.json(await deps.scheduler.rollHorizon(), 200));

  app.post('/jobs/purge', async (c) =>
    c.json(await purgeExpiredData({ store: deps.store, now: deps.clock(), logger: log }), 200),
  );

  // The bot's proactive messages, every minute from Cloud Scheduler: a Cloud Run function runs only while
  // it answers a request, so without this job nothing would ever send them.
  app.post('/jobs/notify', async (c) => {
    if (!deps.bot) {
      throw new HttpError(
        'NOT_FOUND',
        'No Teams bot is configured here: set WYGC_BOT_APP_ID, WYGC_BOT_APP_PASSWORD and WYGC_BOT_TENANT_ID.',
      );
    }
    return c.json(await deps.bot.notifyDue(), 200);
  });

  app.onError((error, c) => {
    const httpError = toHttpError(error);
    if (httpError.status >= 500) log.error({ err: errorCode(error) }, 'job failed');
    return c.json(httpError.toBody(), httpError.status as 400);
  });
  app.notFound((c) => c.json(new HttpError('NOT_FOUND', 'No such job.').toBody(), 404));
  return app;
};
