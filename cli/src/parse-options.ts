import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { usageError } from './cli-error.ts';

/** node:util's messages go on to explain positional arguments; their first sentence says it all. */
const firstSentence = (message: string): string => message.split(/\.\s/)[0] ?? message;

/** Strict `parseArgs` whose every problem is a usage error (exit 2) with one line saying what is wrong. */
export const parseOptions = <O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
  allowPositionals = false,
) => {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (error) {
    throw usageError(firstSentence(error instanceof Error ? error.message : String(error)));
  }
};
