import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

describe('base64url', () => {
  it('round-trips bytes, including views into a larger buffer', () => {
    const backing = Uint8Array.from({ length: 40 }, (_, index) => index * 7);
    const view = backing.subarray(3, 20);
    expect(decodeBase64Url(encodeBase64Url(view))).toEqual(Buffer.from(view));
  });

  it('rejects characters outside the url-safe alphabet and padding', () => {
    expect(decodeBase64Url('ab+/')).toBeUndefined();
    expect(decodeBase64Url('YQ==')).toBeUndefined();
    expect(decodeBase64Url('a b')).toBeUndefined();
  });

  it('rejects non-canonical spellings of the same bytes', () => {
    expect(decodeBase64Url('YQ')).toEqual(Buffer.from('a'));
    expect(decodeBase64Url('YR')).toBeUndefined();
  });
});
