export { type CliIo, createProcessIo } from './cli-io.ts';
export { run } from './main.ts';
