import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { createTotp, totpCodeSchema } from './totp.ts';

// 2027-03-22T12:00:00Z, 10 s into its 30 s step.
const start = Date.UTC(2027, 2, 22, 12, 0, 10);
const stepOf = (ms: number) => Math.floor(ms / 30_000);

const setup = async () => {
  let now = start;
  const totp = createTotp({ clock: () => now });
  const { secret } = await totp.offer('jan@example.com');
  const codeAt = (ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) });
  return { totp, secret, codeAt, advance: (ms: number) => (now += ms) };
};

describe('createTotp', () => {
  it('offers an otpauth:// URI with the issuer, the account email and the RFC 6238 defaults', async () => {
    const totp = createTotp({ clock: () => start });
    const offer = await totp.offer('jan@example.com');
    const uri = new URL(offer.uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/WhoYouGonnaCall:jan@example.com');
    expect(uri.searchParams.get('issuer')).toBe('WhoYouGonnaCall');
    expect(uri.searchParams.get('secret')).toBe(offer.secret);
    expect(offer.secret).toMatch(/^[A-Z2-7]{32}$/);
    for (const [name, value] of [
      ['algorithm', 'SHA1'],
      ['digits', '6'],
      ['period', '30'],
    ] as const) {
      expect([null, value]).toContain(uri.searchParams.get(name));
    }
  });

  it('offers a QR code as a PNG data URL', async () => {
    const { qrCodeDataUrl } = await createTotp({ clock: () => start }).offer('jan@example.com');
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const png = Buffer.from(qrCodeDataUrl.split(',')[1] ?? '', 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('gives new secrets each time', async () => {
    const totp = createTotp({ clock: () => start });
    expect((await totp.offer('a@example.com')).secret).not.toBe((await totp.offer('a@example.com')).secret);
  });

  it('accepts the current code and returns its time step', async () => {
    const { totp, secret, codeAt } = await setup();
    expect(await totp.verify({ secret, code: await codeAt(start), lastStep: 0 })).toBe(stepOf(start));
  });

  it('accepts the code as apps display it, with a space', async () => {
    const { totp, secret, codeAt } = await setup();
    const code = await codeAt(start);
    expect(await totp.verify({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, lastStep: 0 })).toBe(
      stepOf(start),
    );
  });

  it('refuses a wrong or malformed code', async () => {
    const { totp, secret, codeAt } = await setup();
    const right = await codeAt(start);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(await totp.verify({ secret, code: wrong, lastStep: 0 })).toBeUndefined();
    expect(await totp.verify({ secret, code: 'abcdef', lastStep: 0 })).toBeUndefined();
    expect(await totp.verify({ secret, code: `${right}0`, lastStep: 0 })).toBeUndefined();
  });

  it('allows one step of drift either way', async () => {
    const { totp, secret, codeAt } = await setup();
    expect(await totp.verify({ secret, code: await codeAt(start - 30_000), lastStep: 0 })).toBe(
      stepOf(start) - 1,
    );
    expect(await totp.verify({ secret, code: await codeAt(start + 30_000), lastStep: 0 })).toBe(
      stepOf(start) + 1,
    );
  });

  it('refuses a code three steps old', async () => {
    const { totp, secret, codeAt, advance } = await setup();
    const code = await codeAt(start);
    advance(90_000);
    expect(await totp.verify({ secret, code, lastStep: 0 })).toBeUndefined();
  });

  it('refuses a replayed code: a step at or before the last accepted one', async () => {
    const { totp, secret, codeAt } = await setup();
    const code = await codeAt(start);
    const step = await totp.verify({ secret, code, lastStep: 0 });
    expect(step).toBe(stepOf(start));
    expect(await totp.verify({ secret, code, lastStep: step ?? 0 })).toBeUndefined();
    const previous = await codeAt(start - 30_000);
    expect(await totp.verify({ secret, code: previous, lastStep: step ?? 0 })).toBeUndefined();
    expect(await totp.verify({ secret, code: await codeAt(start + 30_000), lastStep: step ?? 0 })).toBe(
      stepOf(start) + 1,
    );
  });

  it('refuses every code when the last accepted step lies ahead of the clock', async () => {
    const { totp, secret, codeAt } = await setup();
    const code = await codeAt(start);
    expect(await totp.verify({ secret, code, lastStep: stepOf(start) + 5 })).toBeUndefined();
  });
});

describe('totpCodeSchema', () => {
  it('strips spaces and asks for six digits', () => {
    expect(totpCodeSchema.parse(' 123 456 ')).toBe('123456');
    expect(totpCodeSchema.safeParse('12345').error?.issues[0]?.message).toBe(
      'Enter the 6-digit code from your authenticator app.',
    );
  });
});
