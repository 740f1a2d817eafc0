import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCalendar } from 'tsdav';

export interface CreateCalendarOptions {
  readonly displayName?: string;
  /** A VCALENDAR with one VTIMEZONE, stored as the collection's calendar-timezone. */
  readonly timeZoneIcs?: string;
}

/** A real CalDAV server (Debian's radicale) on 127.0.0.1, with one user and basic auth. */
export interface RadicaleServer {
  /** The server root, e.g. http://127.0.0.1:40123/ */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** MKCALENDAR under the user's home; returns the collection URL (with a trailing slash). */
  createCalendar(name: string, options?: CreateCalendarOptions): Promise<string>;
  putEvent(collectionUrl: string, filename: string, icsText: string): Promise<void>;
  deleteEvent(collectionUrl: string, filename: string): Promise<void>;
  stop(): Promise<void>;
}

/** Tests skip when this is false: `describe.skipIf(!isRadicaleInstalled())`. */
export const isRadicaleInstalled = (): boolean => {
  const probe = spawnSync('radicale', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
};

// Radicale 3.1 binds port 0 to a free port and logs it: "Listening on '[127.0.0.1]:40123'".
const listeningPattern = /Listening on '\[?[\d.]+\]?:(\d+)'/;
const readyPattern = /Radicale server ready/;
const startupLimitMs = 30_000;

const configText = (folder: string) =>
  [
    '[server]',
    'hosts = 127.0.0.1:0',
    '[auth]',
    'type = htpasswd',
    `htpasswd_filename = ${join(folder, 'users')}`,
    'htpasswd_encryption = plain',
    // Radicale sleeps this long after a failed login; the wrong-password test need not wait.
    'delay = 0',
    '[rights]',
    'type = owner_only',
    '[storage]',
    `filesystem_folder = ${join(folder, 'collections')}`,
    '[web]',
    'type = none',
    '[logging]',
    'level = info',
    '',
  ].join('\n');

const waitForPort = (child: ChildProcess): Promise<number> =>
  new Promise((resolve, reject) => {
    let log = '';
    let ready = false;
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`radicale did not start: ${reason}\n${log}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${startupLimitMs / 1000} s`), startupLimitMs);
    child.once('exit', (code) => fail(`exited with ${code}`));
    child.once('error', (error) => fail(error.message));
    child.stderr?.setEncoding('utf8');
    // Read on after start-up too: radicale would block on a full pipe.
    child.stderr?.on('data', (chunk: string) => {
      if (ready) return;
      log += chunk;
      const port = Number(listeningPattern.exec(log)?.[1]);
      if (port > 0 && readyPattern.test(log)) {
        ready = true;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(port);
      }
    });
  });

const expectStatus = async (response: Response, accepted: readonly number[], what: string) => {
  if (!accepted.includes(response.status)) {
    throw new Error(`radicale: ${what} answered ${response.status}: ${await response.text()}`);
  }
  await response.body?.cancel();
};

/** Starts radicale with a temporary storage folder, config and htpasswd file; `stop` removes them. */
export const startRadicale = async (): Promise<RadicaleServer> => {
  const folder = await mkdtemp(join(tmpdir(), 'wygc-radicale-'));
  const username = 'wygc-test';
  const password = randomBytes(12).toString('hex');
  await writeFile(join(folder, 'users'), `${username}:${password}\n`);
  await writeFile(join(folder, 'config'), configText(folder));
  const child = spawn('radicale', ['--config', join(folder, 'config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let port: number;
  try {
    port = await waitForPort(child);
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${port}/`;
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

  return {
    url,
    username,
    password,
    createCalendar: async (name, options = {}) => {
      const collectionUrl = new URL(`${encodeURIComponent(username)}/${encodeURIComponent(name)}/`, url).href;
      const [result] = await makeCalendar({
        url: collectionUrl,
        headers: { authorization },
        props: {
          'd:displayname': options.displayName ?? name,
          ...(options.timeZoneIcs ? { 'c:calendar-timezone': options.timeZoneIcs } : {}),
          'c:supported-calendar-component-set': { 'c:comp': { _attributes: { name: 'VEVENT' } } },
        },
      });
      if (result?.status !== 201) throw new Error(`radicale: MKCALENDAR answered ${result?.status}`);
      return collectionUrl;
    },
    putEvent: async (collectionUrl, filename, icsText) => {
      const response = await fetch(new URL(filename, collectionUrl), {
        method: 'PUT',
        headers: { authorization, 'content-type': 'text/calendar; charset=utf-8' },
        body: icsText,
      });
      await expectStatus(response, [201, 204], 'PUT');
    },
    deleteEvent: async (collectionUrl, filename) => {
      const response = await fetch(new URL(filename, collectionUrl), {
        method: 'DELETE',
        headers: { authorization },
      });
      await expectStatus(response, [200, 204], 'DELETE');
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
};
