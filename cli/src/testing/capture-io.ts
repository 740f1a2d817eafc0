import { readFile } from 'node:fs/promises';
import type { CliIo } from '../cli-io.ts';

/** A CliIo that records what a command prints and serves some files from memory. */
export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/**
 * Files not in `files` are read from disk, so tests can mix the bundled example with broken copies.
 * `env` is all the environment the command sees.
 */
export const captureIo = (
  files: Readonly<Record<string, string>> = {},
  env: Readonly<Record<string, string | undefined>> = {},
): CapturedIo => {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    readFile: async (path) => files[path] ?? (await readFile(path, 'utf8')),
    env,
    out: () => out,
    err: () => err,
  };
};
