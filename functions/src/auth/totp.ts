import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';
import { z } from 'zod';

export const totpIssuer = 'WhoYouGonnaCall';
const periodSeconds = 30;
/** ±1 step: a code from the previous or next 30 s still counts, for clock drift and typing time. */
const toleranceSeconds = periodSeconds;

/** What an authenticator app needs to enrol: the secret, as a URI and as a scannable image. */
export interface TotpEnrolmentOffer {
  readonly secret: string;
  readonly uri: string;
  /** A PNG data URL of the URI's QR code, for an <img src>. */
  readonly qrCodeDataUrl: string;
}

export interface Totp {
  /** A new random base32 secret (160 bits) with its otpauth:// URI and QR code for `email`. */
  offer(email: string): Promise<TotpEnrolmentOffer>;
  /**
   * The time step the code matches, or undefined. Steps <= `lastStep` are refused so a code, once
   * accepted, cannot be used again; store the returned step as the account's new lastStep.
   */
  verify(input: { secret: string; code: string; lastStep: number }): Promise<number | undefined>;
}

/** What people type: six digits, perhaps with spaces ("123 456") as authenticator apps show them. */
export const totpCodeSchema = z
  .string()
  .transform((code) => code.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'));

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as every authenticator app implements it, via otplib. */
export const createTotp = ({ clock }: { clock: () => number }): Totp => ({
  offer: async (email) => {
    const secret = generateSecret();
    const uri = generateURI({ issuer: totpIssuer, label: email, secret });
    return { secret, uri, qrCodeDataUrl: await toDataURL(uri, { errorCorrectionLevel: 'M' }) };
  },
  verify: async ({ secret, code, lastStep }) => {
    const parsed = totpCodeSchema.safeParse(code);
    if (!parsed.success) return undefined;
    const epoch = Math.floor(clock() / 1000);
    // otplib rejects an afterTimeStep beyond the window; such a lastStep leaves no usable step anyway.
    const newestStep = Math.floor((epoch + toleranceSeconds) / periodSeconds);
    if (lastStep >= newestStep) return undefined;
    const result = await verify({
      secret,
      token: parsed.data,
      epoch,
      epochTolerance: toleranceSeconds,
      afterTimeStep: Math.max(0, lastStep),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  },
});
