/** 1: the input files or data are wrong; 2: the command line is wrong. */
export type CliExitCode = 1 | 2;

/**
 * A problem the user can fix. Its message is complete and fits on one line (`file:line: what`), so
 * main prints it as it is, without a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: CliExitCode;

  constructor(message: string, exitCode: CliExitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

export const inputError = (message: string): CliError => new CliError(message, 1);

export const usageError = (message: string): CliError => new CliError(message, 2);

export const isCliError = (error: unknown): error is CliError => error instanceof CliError;
