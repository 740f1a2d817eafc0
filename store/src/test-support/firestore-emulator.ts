import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { type Firestore, getFirestore } from 'firebase-admin/firestore';

/**
 * Google's Firestore emulator as the Debian package google-cloud-cli-firestore-emulator installs it (it
 * runs on the machine's Java). The npm package @firestore-emulator/server cannot stand in: its
 * collection-group queries and listeners find nothing, and it applies a failing batch in part.
 */
const googleFirestoreEmulatorPath =
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator';

const startupLimitMs = 90_000;

export interface FirestoreEmulator {
  readonly host: string;
  /** A client on a project of its own, so each test starts from an empty database. */
  connect(): { firestore: Firestore; close: () => Promise<void> };
  stop(): Promise<void>;
}

const freeLoopbackPort = async (): Promise<number> => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
};

const answers = async (host: string): Promise<boolean> => {
  try {
    return (await fetch(`http://${host}/`)).ok;
  } catch {
    return false;
  }
};

const waitUntilServing = async (
  host: string,
  child: ChildProcess,
  spawnError: () => unknown,
): Promise<void> => {
  const deadline = Date.now() + startupLimitMs;
  while (!(await answers(host))) {
    if (spawnError()) throw new Error(`the Firestore emulator did not start: ${String(spawnError())}`);
    if (child.exitCode !== null) throw new Error(`the Firestore emulator exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the Firestore emulator did not answer on ${host}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const launch = async (): Promise<{ host: string; stop: () => Promise<void> }> => {
  const port = await freeLoopbackPort();
  const host = `127.0.0.1:${port}`;
  // Its own process group: the launcher script runs java as a child, and stop() must end both.
  const child = spawn(googleFirestoreEmulatorPath, ['start', '--host=127.0.0.1', `--port=${port}`], {
    detached: true,
    stdio: 'ignore',
  });
  let spawnError: unknown;
  child.once('error', (error) => {
    spawnError = error;
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = once(child, 'exit');
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  try {
    await waitUntilServing(host, child, () => spawnError);
  } catch (error) {
    await stop();
    throw new Error(
      `${(error as Error).message}. Set FIRESTORE_EMULATOR_HOST to a running emulator, or install ` +
        'google-cloud-cli-firestore-emulator and a Java runtime.',
      { cause: error },
    );
  }
  return { host, stop };
};

const connectTo = (host: string) => {
  const projectId = `demo-wygc-${randomBytes(6).toString('hex')}`;
  const app = initializeApp({ projectId }, projectId);
  const firestore = getFirestore(app);
  // A universe domain up front keeps the client from probing for a GCE metadata server.
  firestore.settings({ host, ssl: false, universeDomain: 'googleapis.com' });
  return { firestore, close: () => deleteApp(app) };
};

/** A fresh emulator takes seconds over its first requests; pay that here rather than in the first test. */
const warmUp = async (host: string): Promise<void> => {
  const { firestore, close } = connectTo(host);
  const doc = firestore.doc('warm-up/doc');
  await firestore.runTransaction(async (transaction) => {
    await transaction.get(doc);
    transaction.set(doc, { at: 1 });
  });
  await firestore.collectionGroup('warm-up').where('at', '<', 2).orderBy('at').count().get();
  await close();
};

/**
 * Why Firestore tests cannot run here, or undefined when they can: they need FIRESTORE_EMULATOR_HOST or
 * Google's emulator (and Java) installed where the Google Cloud CLI puts it.
 */
export const firestoreEmulatorUnavailable = (): string | undefined =>
  process.env.FIRESTORE_EMULATOR_HOST || existsSync(googleFirestoreEmulatorPath)
    ? undefined
    : `no Firestore emulator: set FIRESTORE_EMULATOR_HOST, or install google-cloud-cli-firestore-emulator (${googleFirestoreEmulatorPath})`;

/** Uses the emulator at FIRESTORE_EMULATOR_HOST when set, otherwise starts one on a free loopback port. */
export const startFirestoreEmulator = async (): Promise<FirestoreEmulator> => {
  const external = process.env.FIRESTORE_EMULATOR_HOST;
  const { host, stop } = external ? { host: external, stop: async () => {} } : await launch();
  try {
    await warmUp(host);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, connect: () => connectTo(host), stop };
};
