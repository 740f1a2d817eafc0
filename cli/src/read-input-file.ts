import { inputError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

const reasonOf = (error: unknown): string => {
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return (code && reasons[code]) ?? code ?? 'unknown error';
};

/** Reads an input file named on the command line; failure is an input error naming the file. */
export const readInputFile = async (io: CliIo, path: string): Promise<string> => {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw inputError(`${path}: cannot read the file: ${reasonOf(error)}`);
  }
};
