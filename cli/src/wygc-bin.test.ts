import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { examplePath } from './testing/example-path.ts';

const bin = fileURLToPath(new URL('../bin/wygc.js', import.meta.url));
const example = ['--ics', examplePath('storingsdienst.ics'), '--contacts', examplePath('contacts.csv')];

/** Runs the real bin in a child process; resolves with the exit code instead of rejecting. */
const wygc = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

// A child process starts Node.js and loads every dependency: slow on a busy machine, so a generous limit.
describe('bin/wygc.js', { timeout: 30_000 }, () => {
  it('prints the example report, as npm start runs it', async () => {
    const { code, stdout, stderr } = await wygc(
      'preview',
      ...example,
      '--from',
      '2027-03-22T00:00:00+01:00',
      '--days',
      '14',
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(
      /^Storingsdienst: on duty from Mon 22 Mar 2027 00:00 to Mon 5 Apr 2027 00:00 \(Europe\/Amsterdam\)\n/,
    );
    expect(stdout).toContain('UNMATCHED: events that ring nobody');
  });

  it('prints the decision as JSON', async () => {
    const { code, stdout } = await wygc('preview', ...example, '--at', '2027-03-27T10:30:00+01:00', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      reason: 'duty',
      fallbackUsed: false,
      attempts: [[{ key: 'PK', phone: '+31628741190' }], [{ key: 'JD', phone: '+31641238765' }]],
    });
  });

  it('exits 1 with one line on stderr and nothing on stdout for a missing file', async () => {
    const { code, stdout, stderr } = await wygc(
      'preview',
      '--ics',
      'nowhere.ics',
      '--contacts',
      'x.csv',
      '--at',
      '2027-03-27',
    );
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: 'nowhere.ics: cannot read the file: no such file\n',
    });
  });

  it('exits 2 for a usage error', async () => {
    const { code, stdout, stderr } = await wygc('preview', ...example);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^wygc preview: say when: .*\nusage: wygc preview .*\n$/);
  });
});
