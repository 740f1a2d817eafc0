import type { Runtime } from '@wygc/functions';
import { inputError, usageError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from './command.ts';
import { type Functions, withOperatorRuntime } from './operator-runtime.ts';
import { parseOptions } from './parse-options.ts';
import { syncReportLine } from './sync-report-line.ts';

const jobNames = ['schedule', 'roll-horizon', 'purge', 'sync'] as const;
type JobName = (typeof jobNames)[number];

const usage = 'wygc jobs run <schedule|roll-horizon|purge|sync> [--tenant <id> [--source <id>]]';

const help = `Runs one of the server's periodic jobs now, in this process, against the server's store.

Usage: wygc jobs run <job> [--tenant <id> [--source <id>]]

  schedule       poll the calendars that are due, renew push channels before they lapse
  roll-horizon   recompile every routing table for the horizon from now (daily)
  purge          delete call records and audit entries past each organisation's retention (daily)
  sync           sync calendars now and print what changed: every calendar, those of --tenant,
                 or the one --source of --tenant

Exit codes: 0 done, 1 a job failed (the store is unreachable, a calendar could not be synced),
2 bad command line.
`;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const runSync = async (
  runtime: Runtime,
  io: CliIo,
  tenantId?: string,
  sourceId?: string,
): Promise<string> => {
  const all = await runtime.store.lookups.allSources();
  const refs = all.filter(
    (ref) =>
      (tenantId === undefined || ref.tenantId === tenantId) &&
      (sourceId === undefined || ref.sourceId === sourceId),
  );
  if (refs.length === 0) {
    if (sourceId !== undefined) throw inputError(`no calendar ${sourceId} in organisation ${tenantId}`);
    return tenantId === undefined
      ? 'sync: no calendars to sync'
      : `sync: organisation ${tenantId} has no calendars`;
  }
  let failed = 0;
  for (const [index, ref] of refs.entries()) {
    const source = await runtime.store
      .forTenant(ref.tenantId, { actor: 'system:cli' })
      .sources.get(ref.sourceId);
    const report = await runtime.sync(ref);
    if (!report.ok) failed++;
    // One line per calendar as it finishes: the progress of a long run.
    io.stdout(`[${index + 1}/${refs.length}] ${syncReportLine(report, source?.name ?? '?')}\n`);
  }
  if (failed > 0) throw inputError(`sync: ${failed} of ${plural(refs.length, 'calendar')} failed`);
  return `sync: ${plural(refs.length, 'calendar')} synced`;
};

const runJob = async (
  job: JobName,
  runtime: Runtime,
  functions: Functions,
  io: CliIo,
  scope: { tenant?: string; source?: string },
) => {
  switch (job) {
    case 'schedule': {
      const report = await runtime.scheduler.runDue();
      if (runtime.config.jobs.tasksQueue) {
        io.stderr(`${plural(report.polled, 'calendar sync')} queued as Cloud Tasks\n`);
      } else {
        io.stderr(`waiting for ${plural(report.polled, 'calendar sync')}...\n`);
        await runtime.queue.idle();
      }
      return `schedule: ${plural(report.polled, 'calendar')} polled, ${plural(report.channelsRenewed, 'push channel')} renewed, ${plural(report.failures, 'failure')}`;
    }
    case 'roll-horizon': {
      const report = await runtime.scheduler.rollHorizon();
      return `roll-horizon: ${plural(report.tablesPublished, 'table')} published, ${plural(report.failures, 'failure')}`;
    }
    case 'purge': {
      const report = await functions.purgeExpiredData({
        store: runtime.store,
        now: Date.now(),
        logger: runtime.logger,
      });
      return `purge: ${plural(report.callRecords, 'call record')} and ${plural(report.auditEntries, 'audit entry', 'audit entries')} deleted in ${plural(report.tenants, 'organisation')}, ${plural(report.failures, 'failure')}`;
    }
    case 'sync':
      return runSync(runtime, io, scope.tenant, scope.source);
  }
};

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'run a periodic job now: schedule, roll-horizon, purge or sync',
  usage,
  help,
  run: async (argv, io) => {
    const { values, positionals } = parseOptions(
      argv,
      { tenant: { type: 'string' }, source: { type: 'string' } },
      true,
    );
    const [action, job, ...extra] = positionals;
    if (action !== 'run')
      throw usageError(action === undefined ? 'say run <job>' : `unknown action ${action}: say run <job>`);
    if (!jobNames.includes(job as JobName)) {
      throw usageError(`${job === undefined ? 'name a job' : `unknown job ${job}`}: ${jobNames.join(', ')}`);
    }
    if (extra.length > 0) throw usageError(`unexpected argument ${extra[0]}`);
    if (job !== 'sync' && (values.tenant !== undefined || values.source !== undefined)) {
      throw usageError('--tenant and --source go with sync only');
    }
    if (values.source !== undefined && values.tenant === undefined)
      throw usageError('--source needs --tenant <id>');
    const summary = await withOperatorRuntime(io, (runtime, functions) =>
      runJob(job as JobName, runtime, functions, io, {
        ...(values.tenant === undefined ? {} : { tenant: values.tenant }),
        ...(values.source === undefined ? {} : { source: values.source }),
      }),
    );
    io.stdout(`${summary}\n`);
  },
};
