import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../..', import.meta.url));

export interface UiServer {
  readonly base: string;
  /** How far the server's clock is ahead of this process's. */
  readonly clockOffsetMs: number;
  /** Everything the server printed, for failure messages and the no-secrets-in-logs check. */
  readonly output: () => string;
  stop(): Promise<void>;
}

const freePort = async (): Promise<number> => {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
};

const waitForHealth = async (base: string, child: ChildProcess, output: () => string) => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
  throw new Error(`the server did not become healthy:\n${output()}`);
};

/**
 * Starts test/ui/support/ui-server.ts as a child process on a free port with a fresh data folder,
 * its clock set to `now` (see shifted-clock.ts), and waits until /healthz answers. `env` adds settings,
 * e.g. Teams SSO (test-entra.ts).
 */
export const startUiServer = async (options: {
  readonly now: number;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<UiServer> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wygc-ui-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const clockOffsetMs = options.now - Date.now();
  let output = '';
  const child = spawn(process.execPath, ['test/ui/support/ui-server.ts'], {
    cwd: repository,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      WYGC_DATA_DIR: dataDir,
      WYGC_PUBLIC_URL: base,
      WYGC_LOG_LEVEL: 'info',
      WYGC_TEST_CLOCK_OFFSET_MS: String(clockOffsetMs),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  try {
    await waitForHealth(base, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    base,
    clockOffsetMs,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const exited = once(child, 'exit');
        const timeout = delay(10_000).then(() => child.kill('SIGKILL'));
        await Promise.race([exited, timeout]);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
