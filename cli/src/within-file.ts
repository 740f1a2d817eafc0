import { isRoutingError } from '@wygc/routing-core';
import { inputError } from './cli-error.ts';

/**
 * Runs a step that reads one input file and turns routing-core's errors into `file:line: message`
 * (or `file: message` when the error has no line), the form editors and terminals link to.
 */
export const withinFile = <T>(fileName: string, step: () => T): T => {
  try {
    return step();
  } catch (error) {
    if (!isRoutingError(error)) throw error;
    const where = error.line === undefined ? fileName : `${fileName}:${error.line}`;
    throw inputError(`${where}: ${error.message}`);
  }
};
