import { describe, expect, it } from 'vitest';
import { FakeRequest } from './fake-drachtio.ts';
import { readCalledUser, readCallerUser, readCallId, userPartOf } from './sip-headers.ts';

const malformed = expect.objectContaining({ code: 'MALFORMED_REQUEST' });

describe('userPartOf', () => {
  it('reads sip, sips and tel URIs, without parameters, percent-decoded', () => {
    expect(userPartOf('sip:+31501234567@host;user=phone')).toBe('+31501234567');
    expect(userPartOf('sips:0501234567@host:5061')).toBe('0501234567');
    expect(userPartOf('sip:%2B31501234567;npdi@host')).toBe('+31501234567');
    expect(userPartOf('tel:+31501234567;phone-context=nl')).toBe('+31501234567');
    expect(userPartOf('sip:host.example.net')).toBeUndefined();
    expect(userPartOf('http://x@y')).toBeUndefined();
    expect(userPartOf('sip:%E0%A4%A@host')).toBeUndefined();
  });
});

describe('readCalledUser', () => {
  it('takes the Request-URI user part first', () => {
    const req = new FakeRequest({ uri: 'sip:0501234567@fwd', to: '<sip:+31999@fwd>' });
    expect(readCalledUser(req)).toEqual({ user: '0501234567', phone: true });
  });

  it('falls back to the To header when the Request-URI has no user part', () => {
    const req = new FakeRequest({ uri: 'sip:fwd.example.net', to: '"Storing" <sip:050-123 4567@fwd>;tag=x' });
    expect(readCalledUser(req)).toEqual({ user: '050-123 4567', phone: true });
  });

  it('says when the user part is not a telephone number', () => {
    expect(readCalledUser(new FakeRequest({ uri: 'sip:alice@fwd' }))).toEqual({
      user: 'alice',
      phone: false,
    });
  });

  it('refuses a request with no user part anywhere, or no usable Request-URI', () => {
    expect(() => readCalledUser(new FakeRequest({ uri: 'sip:fwd', to: null }))).toThrow(malformed);
    expect(() => readCalledUser(new FakeRequest({ uri: 'sip:fwd', to: '<sip:fwd>' }))).toThrow(malformed);
    expect(() => readCalledUser(new FakeRequest({ uri: '' }))).toThrow(malformed);
  });

  it('turns a header that cannot be parsed into MALFORMED_REQUEST', () => {
    const req = new FakeRequest({ uri: 'sip:fwd' });
    req.getParsedHeader = () => {
      throw new TypeError('parser blew up');
    };
    expect(() => readCalledUser(req)).toThrow(malformed);
  });
});

describe('readCallId', () => {
  it('reads a valid Call-ID and refuses a missing or odd one', () => {
    expect(readCallId(new FakeRequest({ callId: 'abc@host' }))).toBe('abc@host');
    expect(() => readCallId(new FakeRequest({ callId: null }))).toThrow(malformed);
    expect(() => readCallId(new FakeRequest({ callId: 'has space' }))).toThrow(malformed);
    expect(() => readCallId(new FakeRequest({ callId: 'x'.repeat(300) }))).toThrow(malformed);
  });
});

describe('readCallerUser', () => {
  it('prefers P-Asserted-Identity, then From, and ignores anything that is not a number', () => {
    expect(
      readCallerUser(new FakeRequest({ headers: { 'P-Asserted-Identity': '<sip:+31201234567@sbc>' } })),
    ).toBe('+31201234567');
    expect(readCallerUser(new FakeRequest())).toBe('+31612345678');
    expect(
      readCallerUser(new FakeRequest({ from: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1' })),
    ).toBeUndefined();
    expect(readCallerUser(new FakeRequest({ from: null }))).toBeUndefined();
  });
});
