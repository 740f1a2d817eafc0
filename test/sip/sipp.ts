import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const scenarios = fileURLToPath(new URL('.', import.meta.url));

/** A scenario file beside this one, e.g. "uac-invite-expect-302.xml". */
export const scenarioPath = (name: string): string => join(scenarios, name);

export interface SippRun {
  /** 0: every call went as the scenario expects. */
  readonly code: number | null;
  readonly output: string;
}

export interface SippUacOptions {
  readonly scenario: string;
  /** host:port of drachtio-server. */
  readonly target: string;
  /** The dialled number. */
  readonly service: string;
  readonly localIp?: string;
  readonly localPort: number;
  readonly calls?: number;
  /** Calls per second. */
  readonly rate?: number;
  /** Calls up at once. */
  readonly limit?: number;
  readonly timeoutSeconds?: number;
  readonly dir: string;
  readonly extra?: readonly string[];
}

/** Runs SIPp as the caller until it has placed `calls` calls; never longer than the timeout. */
export const runSippUac = (options: SippUacOptions): Promise<SippRun> =>
  new Promise((resolve) => {
    const timeout = options.timeoutSeconds ?? 30;
    const args = [
      '-sf',
      scenarioPath(options.scenario),
      options.target,
      '-i',
      options.localIp ?? '127.0.0.1',
      '-p',
      String(options.localPort),
      '-s',
      options.service,
      '-m',
      String(options.calls ?? 1),
      '-r',
      String(options.rate ?? 10),
      '-l',
      String(options.limit ?? 50),
      '-nostdin',
      '-timeout',
      `${timeout}s`,
      '-timeout_error',
      '-trace_err',
      ...(options.extra ?? []),
    ];
    const child = spawn('sipp', args, { cwd: options.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), (timeout + 10) * 1000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });

export interface SippUas {
  readonly port: number;
  stop(): Promise<void>;
}

/** SIPp as the trunk with the target phones behind it (uas-target-phone.xml), until stopped. */
export const startSippUas = async (options: { port: number; dir: string }): Promise<SippUas> => {
  const child: ChildProcess = spawn(
    'sipp',
    [
      '-sf',
      scenarioPath('uas-target-phone.xml'),
      '-i',
      '127.0.0.1',
      '-p',
      String(options.port),
      '-nostdin',
      '-trace_err',
      // A proxy forks with the caller's Call-ID: the next target's INVITE must start a new SIPp call
      // rather than be taken for a late message of the busy one's.
      '-deadcall_wait',
      '0',
    ],
    { cwd: options.dir, stdio: 'ignore' },
  );
  await delay(500);
  if (child.exitCode !== null) throw new Error(`SIPp UAS exited with ${child.exitCode}`);
  return {
    port: options.port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, delay(3000).then(() => child.kill('SIGKILL'))]);
    },
  };
};
