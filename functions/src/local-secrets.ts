import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const secretsSchema = z
  .object({ lookupKey: z.string(), sessionKey: z.string(), jobsSecret: z.string().min(32) })
  .strict();

export interface LocalSecrets {
  readonly lookupKey: Uint8Array;
  readonly sessionKey: Uint8Array;
  readonly jobsSecret: string;
}

/**
 * The secrets a local installation needs, created on first start in the data folder with mode 0600
 * beside the key file. Production passes them in through configuration instead.
 */
export const loadLocalSecrets = async (dataDir: string): Promise<LocalSecrets> => {
  const path = join(dataDir, 'secrets.json');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let raw: string;
  try {
    if (((await stat(path)).mode & 0o077) !== 0)
      throw new Error(`${path} must be readable by its owner only (chmod 600)`);
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const fresh = {
      lookupKey: randomBytes(32).toString('base64'),
      sessionKey: randomBytes(32).toString('base64'),
      jobsSecret: randomBytes(32).toString('base64url'),
    };
    await writeFile(path, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600);
    raw = JSON.stringify(fresh);
  }
  const secrets = secretsSchema.parse(JSON.parse(raw));
  return {
    lookupKey: new Uint8Array(Buffer.from(secrets.lookupKey, 'base64')),
    sessionKey: new Uint8Array(Buffer.from(secrets.sessionKey, 'base64')),
    jobsSecret: secrets.jobsSecret,
  };
};
