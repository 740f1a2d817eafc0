import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('..', import.meta.url));

const freePort = async (): Promise<number> => {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

/** Polls /healthz until the server answers or the child exits; start-up imports take a few seconds. */
const waitForHealth = async (base: string, child: ChildProcess, output: () => string) => {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return (await response.json()) as unknown;
    } catch {
      // Not listening yet.
    }
    await delay(200);
  }
};

describe('npm start (functions/src/main.ts)', () => {
  let child: ChildProcess;
  let dataDir: string;
  let base: string;
  let output = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wygc-server-start-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['functions/src/main.ts'], {
      cwd: repository,
      env: { PATH: process.env.PATH, PORT: String(port), WYGC_DATA_DIR: dataDir, WYGC_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts, is set up on the first visit, signs in, and shuts down gracefully', async () => {
    expect(await waitForHealth(base, child, () => output)).toEqual({ status: 'ok', store: 'ok' });
    expect(output).toContain(`WhoYouGonnaCall is running at http://localhost:`);

    // The built tab (npm test builds it first) has its own setup form; without it the server's page shows one.
    const page = await fetch(`${base}/`);
    const tabBuilt = existsSync(fileURLToPath(new URL('../teams-app/dist/index.html', import.meta.url)));
    expect(await page.text()).toContain(tabBuilt ? 'src="/boot.js"' : 'setup-form');

    const credentials = { email: 'beheer@example.nl', password: 'correct horse battery staple' };
    const setup = await fetch(`${base}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organisation: 'Storingsdienst Groningen', ...credentials }),
    });
    expect(setup.status).toBe(200);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    expect(login.status).toBe(200);
    const { session } = (await login.json()) as { session: { token: string } };

    const me = await fetch(`${base}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      email: credentials.email,
      role: 'owner',
      totpEnrolled: false,
      tenant: { name: 'Storingsdienst Groningen', timeZone: 'Europe/Amsterdam' },
    });
    // Logs never carry the email or the token.
    expect(output).not.toContain(credentials.email);
    expect(output).not.toContain(session.token);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
