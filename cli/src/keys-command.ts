import { usageError } from './cli-error.ts';
import type { Command } from './command.ts';
import { asInputError, operatorConfig } from './operator-runtime.ts';
import { parseOptions } from './parse-options.ts';

const usage = 'wygc keys rotate';

const help = `Rotates the key-encryption key and re-wraps every organisation's data key under it.

Usage: wygc keys rotate

With the key file (WYGC_KEYRING=local): adds a new key version to keys.json and makes it primary.
With Cloud KMS (WYGC_KEYRING=kms): rotate the CryptoKeys in KMS first (a new primary version); this
command then re-wraps under those. Either way data is not re-encrypted, older key versions keep
working, and the server can keep running. Terminated organisations are skipped: their key is gone.

Exit codes: 0 done, 1 the keys could not be rotated, 2 bad command line.
`;

export const keysCommand: Command = {
  name: 'keys',
  summary: "rotate the key-encryption key and re-wrap every organisation's data key",
  usage,
  help,
  run: async (argv, io) => {
    const { positionals } = parseOptions(argv, {}, true);
    const [action, ...extra] = positionals;
    if (action !== 'rotate')
      throw usageError(action === undefined ? 'say rotate' : `unknown action ${action}: say rotate`);
    if (extra.length > 0) throw usageError(`unexpected argument ${extra[0]}`);
    const { functions, config } = await operatorConfig(io);
    let reported = 0;
    const result = await functions
      .rotateKeys(config, {
        onProgress: (done, total) => {
          // About ten progress lines however many organisations there are.
          if (done === total || done - reported >= Math.max(1, Math.ceil(total / 10))) {
            reported = done;
            io.stderr(`re-wrapped ${done}/${total} organisation keys\n`);
          }
        },
      })
      .catch((error: unknown) => {
        throw asInputError(error);
      });
    const version = result.newVersion
      ? `Key version ${result.newVersion} is now primary in the key file`
      : 'Re-wrapped under the primary versions in Cloud KMS';
    io.stdout(
      `${version}: ${result.rewrapped} organisation ${result.rewrapped === 1 ? 'key' : 'keys'} re-wrapped, ${result.skipped} skipped (terminated).\n`,
    );
  },
};
