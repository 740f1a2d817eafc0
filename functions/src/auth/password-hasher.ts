import { argon2, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { HttpError } from '../http-error.ts';
import { passwordPolicyProblem } from './password-policy.ts';

const argon2Async = promisify(argon2);

export interface Argon2Parameters {
  /** Memory cost in KiB. */
  readonly memoryKiB: number;
  readonly passes: number;
  readonly parallelism: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): a few hundred ms per login on one core. */
export const defaultArgon2Parameters: Argon2Parameters = { memoryKiB: 19_456, passes: 2, parallelism: 1 };

export interface PasswordHasher {
  /** Hashes a new password; BAD_REQUEST when it breaks the password policy. */
  hash(password: string): Promise<string>;
  /**
   * Hashes a password that was just verified against an outdated hash, with today's parameters. No
   * policy check: the policy applies when a password is chosen, not to one already in use.
   */
  rehash(password: string): Promise<string>;
  /** Constant-time check against an encoded hash; false for a malformed one too. */
  verify(password: string, encoded: string): Promise<boolean>;
  /** True when the hash was made with other parameters (or another scheme) than today's. */
  needsRehash(encoded: string): boolean;
  /**
   * Spends the same time as a real verify and fails: used when there is no account (or no password)
   * so that response times do not tell which emails exist.
   */
  verifyAgainstDummy(password: string): Promise<false>;
}

const saltBytes = 16;
const tagBytes = 32;
const argon2Version = 19;
/** Refuse absurd parameters in a stored hash instead of letting it exhaust memory or CPU. */
const maxMemoryKiB = 1_048_576;
const maxPasses = 16;
const maxParallelism = 16;

interface DecodedHash extends Argon2Parameters {
  readonly salt: Buffer;
  readonly tag: Buffer;
}

// PHC string format, as written by the argon2 reference implementation and its bindings.
const phcPattern =
  /^\$argon2id\$v=19\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,10})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** PHC uses standard base64 without padding. */
const toB64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

const encode = (parameters: Argon2Parameters, salt: Buffer, tag: Buffer): string =>
  `$argon2id$v=${argon2Version}$m=${parameters.memoryKiB},t=${parameters.passes},p=${parameters.parallelism}` +
  `$${toB64(salt)}$${toB64(tag)}`;

const decode = (encoded: string): DecodedHash | undefined => {
  const match = phcPattern.exec(encoded);
  if (!match) return undefined;
  const [, memory, passes, parallelism, salt, tag] = match;
  const decoded = {
    memoryKiB: Number(memory),
    passes: Number(passes),
    parallelism: Number(parallelism),
    salt: Buffer.from(salt ?? '', 'base64'),
    tag: Buffer.from(tag ?? '', 'base64'),
  };
  const sane =
    decoded.memoryKiB <= maxMemoryKiB &&
    decoded.passes <= maxPasses &&
    decoded.parallelism <= maxParallelism &&
    decoded.salt.length >= 8 &&
    decoded.tag.length >= 16;
  return sane ? decoded : undefined;
};

// NFC so that the same password typed on systems that compose accents differently still matches.
const derive = (password: string, parameters: Argon2Parameters, salt: Buffer, tagLength: number) =>
  argon2Async('argon2id', {
    message: password.normalize('NFC'),
    nonce: salt,
    memory: parameters.memoryKiB,
    passes: parameters.passes,
    parallelism: parameters.parallelism,
    tagLength,
  });

const sameParameters = (a: Argon2Parameters, b: Argon2Parameters): boolean =>
  a.memoryKiB === b.memoryKiB && a.passes === b.passes && a.parallelism === b.parallelism;

/** argon2id with Node's built-in implementation; parameters are configurable so tests can run cheap. */
export const createPasswordHasher = ({
  parameters = defaultArgon2Parameters,
}: {
  parameters?: Argon2Parameters;
} = {}): PasswordHasher => {
  const hashUnchecked = async (password: string): Promise<string> => {
    const salt = randomBytes(saltBytes);
    return encode(parameters, salt, await derive(password, parameters, salt, tagBytes));
  };

  const verify = async (password: string, encoded: string): Promise<boolean> => {
    const decoded = decode(encoded);
    if (!decoded) return false;
    const tag = await derive(password, decoded, decoded.salt, decoded.tag.length);
    return timingSafeEqual(tag, decoded.tag);
  };

  // Made once, up front, with today's parameters, so the dummy check costs what a real one costs.
  const dummyHash = hashUnchecked(randomUUID());

  return {
    hash: async (password) => {
      const problem = passwordPolicyProblem(password);
      if (problem) throw new HttpError('BAD_REQUEST', problem);
      return hashUnchecked(password);
    },
    rehash: hashUnchecked,
    verify,
    needsRehash: (encoded) => {
      const decoded = decode(encoded);
      return !decoded || decoded.tag.length !== tagBytes || !sameParameters(decoded, parameters);
    },
    verifyAgainstDummy: async (password) => {
      await verify(password, await dummyHash);
      return false;
    },
  };
};
