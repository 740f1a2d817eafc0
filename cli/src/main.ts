import { backupCommand } from './backup-command.ts';
import { isCliError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from './command.ts';
import { jobsCommand } from './jobs-command.ts';
import { keysCommand } from './keys-command.ts';
import { previewCommand } from './preview-command.ts';
import { restoreCommand } from './restore-command.ts';
import { tenantsCommand } from './tenants-command.ts';

/** Every subcommand; `wygc <name> ...` runs the one with that name. */
const commands: readonly Command[] = [
  previewCommand,
  tenantsCommand,
  jobsCommand,
  backupCommand,
  restoreCommand,
  keysCommand,
];

const overview = [
  'Usage: wygc <command> [options]',
  '',
  'Commands:',
  ...commands.map((command) => `  ${command.name.padEnd(10)}${command.summary}`),
  '',
  'Run wygc <command> --help for its options.',
  '',
].join('\n');

const isHelpFlag = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';

/** Never a stack trace: what the user can fix is said in one line, anything else as an internal error. */
const report = (error: unknown, command: Command, io: CliIo): number => {
  if (isCliError(error) && error.exitCode === 2) {
    io.stderr(`wygc ${command.name}: ${error.message}\nusage: ${command.usage}\n`);
    return 2;
  }
  if (isCliError(error)) {
    io.stderr(`${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`wygc ${command.name}: internal error: ${message.split('\n')[0]}\n`);
  return 1;
};

/**
 * Runs `wygc` with the arguments after the program name and returns the exit code: 0 done, 1 bad
 * input data, 2 bad command line. Output goes through `io` only, so tests run it in-process.
 */
export const run = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...rest] = argv;
  if (isHelpFlag(name) || name === 'help') {
    io.stdout(overview);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`wygc: ${name === undefined ? 'no command given' : `unknown command ${name}`}\n${overview}`);
    return 2;
  }
  if (rest.some(isHelpFlag)) {
    io.stdout(command.help);
    return 0;
  }
  try {
    await command.run(rest, io);
    return 0;
  } catch (error) {
    return report(error, command, io);
  }
};
