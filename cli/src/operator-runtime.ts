import type { FunctionsConfig, Runtime } from '@wygc/functions';
import { pino } from 'pino';
import { inputError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';

/** The functions package, loaded only by the operator commands: it brings every provider SDK along. */
export type Functions = typeof import('@wygc/functions');

const loadFunctions = (): Promise<Functions> => import('@wygc/functions');

/** A store or sync error says what is wrong in one line: shown as is, never as an internal error. */
export const asInputError = (error: unknown): unknown => {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof Error && typeof code === 'string' && /^[A-Z_]+$/.test(code))
    return inputError(error.message);
  return error;
};

/** The server's configuration, from the same environment variables (WYGC_DATA_DIR, WYGC_STORE, ...). */
export const operatorConfig = async (
  io: CliIo,
): Promise<{ functions: Functions; config: FunctionsConfig }> => {
  const functions = await loadFunctions();
  try {
    return { functions, config: functions.loadConfig(io.env) };
  } catch (error) {
    throw inputError(error instanceof Error ? error.message : String(error));
  }
};

/**
 * Runs `work` with the runtime the server builds from the same configuration, and closes it after.
 * Logs go to stderr, and only when WYGC_LOG_LEVEL asks for them: the command prints its own summary.
 */
export const withOperatorRuntime = async <T>(
  io: CliIo,
  work: (runtime: Runtime, functions: Functions) => Promise<T>,
): Promise<T> => {
  const { functions, config } = await operatorConfig(io);
  const logger = pino(
    { level: io.env.WYGC_LOG_LEVEL ? config.logLevel : 'silent' },
    { write: (line: string) => io.stderr(line) },
  );
  let runtime: Runtime;
  try {
    runtime = await functions.createRuntime(config, { logger });
  } catch (error) {
    throw asInputError(error);
  }
  try {
    return await work(runtime, functions);
  } catch (error) {
    throw asInputError(error);
  } finally {
    await runtime.close();
  }
};
