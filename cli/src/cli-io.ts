import { readFile } from 'node:fs/promises';

/** Everything a command touches outside itself, so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a whole text file as UTF-8; rejects with the Node.js error (code ENOENT, EACCES, ...). */
  readonly readFile: (path: string) => Promise<string>;
  /** The environment the operator commands read their configuration from (WYGC_DATA_DIR, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const createProcessIo = (): CliIo => ({
  stdout: (text) => {
    process.stdout.write(text);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  readFile: (path) => readFile(path, 'utf8'),
  env: process.env,
});
