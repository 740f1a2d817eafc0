import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh data folder and the environment that points the operator commands at it. */
export const createOperatorEnv = async (): Promise<{
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string>>;
  cleanup(): Promise<void>;
}> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wygc-cli-'));
  return {
    dataDir,
    env: { WYGC_DATA_DIR: dataDir, WYGC_PUBLIC_URL: 'https://wygc.example.nl' },
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
};
