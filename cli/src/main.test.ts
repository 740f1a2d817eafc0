import { describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { captureIo } from './testing/capture-io.ts';
import { examplePath } from './testing/example-path.ts';

describe('run', () => {
  it('lists the commands for --help and exits 0', async () => {
    const io = captureIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: wygc <command> \[options\]\n/);
    expect(io.out()).toMatch(/\n {2}preview +show who rings/);
    expect(io.err()).toBe('');
  });

  it("prints a command's help", async () => {
    const io = captureIo();
    expect(await run(['preview', '--help'], io)).toBe(0);
    expect(io.out()).toContain('--fallback <target>');
    expect(io.out()).toContain('Exit codes: 0 done, 1 bad input file or data, 2 bad command line.');
  });

  it('exits 2 for a missing or unknown command', async () => {
    const none = captureIo();
    expect(await run([], none)).toBe(2);
    expect(none.err()).toMatch(/^wygc: no command given\nUsage: wygc <command>/);
    const unknown = captureIo();
    expect(await run(['frobnicate'], unknown)).toBe(2);
    expect(unknown.err()).toMatch(/^wygc: unknown command frobnicate\n/);
    expect(unknown.out()).toBe('');
  });

  it('turns an unexpected error into one line without a stack trace', async () => {
    const io = captureIo();
    const failing = {
      ...io,
      stdout: () => {
        throw new Error('stdout is closed\n    at somewhere (file.ts:1:1)');
      },
    };
    const args = [
      'preview',
      '--ics',
      examplePath('storingsdienst.ics'),
      '--contacts',
      examplePath('contacts.csv'),
    ];
    expect(await run([...args, '--at', '2027-03-27T10:30'], failing)).toBe(1);
    expect(io.err()).toBe('wygc preview: internal error: stdout is closed\n');
  });
});
