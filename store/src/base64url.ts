const base64UrlAlphabet = /^[A-Za-z0-9_-]*$/;

export const encodeBase64Url = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');

/**
 * Strict decoding: Buffer.from(text, 'base64url') silently skips characters it does not know and
 * accepts several spellings of the same bytes, so a tampered value could decode to something.
 * Only the canonical, unpadded spelling is accepted here; anything else is undefined.
 */
export const decodeBase64Url = (text: string): Buffer | undefined => {
  if (!base64UrlAlphabet.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
};
