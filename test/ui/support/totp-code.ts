import { generate } from 'otplib';

/** The authenticator app's code for `secret` at `atMs` (RFC 6238: SHA-1, 6 digits, 30 s steps). */
export const totpCode = (secret: string, atMs: number): Promise<string> =>
  generate({ secret, epoch: Math.floor(atMs / 1000) });
