import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from './free-port.ts';

export interface DrachtioServer {
  readonly adminPort: number;
  readonly sipPort: number;
  readonly secret: string;
  readonly logFile: string;
  /** Stops the server process (and waits for it); start() brings it back on the same ports. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** The drachtio-server binary for end-to-end tests, or undefined when none is configured. */
export const drachtioBinary = (): string | undefined => process.env.DRACHTIO_BIN || undefined;

/** A drachtio.conf.xml for loopback only: admin connection and SIP over UDP and TCP. */
export const drachtioConfig = (options: { adminPort: number; sipPort: number; secret: string }) => `<drachtio>
    <admin port="${options.adminPort}" secret="${options.secret}">127.0.0.1</admin>
    <sip>
        <contacts>
            <contact>sip:127.0.0.1:${options.sipPort};transport=udp,tcp</contact>
        </contacts>
    </sip>
    <cdrs>false</cdrs>
    <logging>
        <console/>
        <sofia-loglevel>1</sofia-loglevel>
        <loglevel>info</loglevel>
    </logging>
</drachtio>
`;

const adminPortOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Starts drachtio-server on free loopback ports with its own configuration in `dir`. */
export const startDrachtioServer = async (binary: string, dir: string): Promise<DrachtioServer> => {
  const adminPort = await freePort();
  const sipPort = await freePort();
  const secret = 'wygc-e2e';
  const configFile = join(dir, 'drachtio.conf.xml');
  const logFile = join(dir, 'drachtio.log');
  await writeFile(configFile, drachtioConfig({ adminPort, sipPort, secret }));
  const log = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | undefined;

  const start = async () => {
    const started = spawn(binary, ['-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.pipe(log, { end: false });
    started.stderr?.pipe(log, { end: false });
    child = started;
    for (let attempt = 0; attempt < 100; attempt++) {
      if (started.exitCode !== null)
        throw new Error(`drachtio-server exited with ${started.exitCode}; see ${logFile}`);
      if (await adminPortOpen(adminPort)) return;
      await delay(100);
    }
    throw new Error(`drachtio-server did not open its admin port; see ${logFile}`);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
    if (!killed) {
      running.kill('SIGKILL');
      await exited;
    }
  };

  await start();
  return { adminPort, sipPort, secret, logFile, stop, start };
};
