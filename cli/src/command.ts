import type { CliIo } from './cli-io.ts';

/** One `wygc <name>` subcommand. It writes its output only once it is complete, then returns. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** One line, printed after a usage error. */
  readonly usage: string;
  /** Printed for `wygc <name> --help`. */
  readonly help: string;
  readonly run: (argv: readonly string[], io: CliIo) => Promise<void>;
}
