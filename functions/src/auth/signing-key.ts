import { HttpError } from '../http-error.ts';

/** HS256 is only as strong as its key: refuse short keys at startup rather than sign with them. */
export const minSigningKeyBytes = 32;

export const assertSigningKey = (key: Uint8Array, purpose: string): void => {
  if (key.byteLength < minSigningKeyBytes) {
    throw new HttpError(
      'INTERNAL',
      `The ${purpose} signing key must be at least ${minSigningKeyBytes} bytes.`,
    );
  }
};
