import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.ts';
import {
  createInvitationTokens,
  invitationAudience,
  invitationIssuer,
  invitationLifetimeSeconds,
} from './invitation-tokens.ts';

const start = Date.UTC(2027, 2, 22, 9, 0, 0);
const account = { tenantId: 'tenant-1', adminId: 'admin-1' };

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('invitation tokens', () => {
  it('opens what it issued, until it is redeemed', async () => {
    let now = start;
    const tokens = createInvitationTokens({ key: randomBytes(32), clock: () => now });
    const { token, expiresAt } = await tokens.issue(account);
    expect(expiresAt).toBe(start + invitationLifetimeSeconds * 1000);
    const invitation = await tokens.open(token);
    expect(invitation).toMatchObject(account);
    now += 60_000;
    tokens.consume(invitation);
    expect(await refusal(tokens.open(token))).toBe('UNAUTHENTICATED');
  });

  it('refuses expired, forged and other tokens', async () => {
    let now = start;
    const key = randomBytes(32);
    const tokens = createInvitationTokens({ key, clock: () => now });
    const { token } = await tokens.issue(account);
    const forger = createInvitationTokens({ key: randomBytes(32), clock: () => now });
    expect(await refusal(tokens.open((await forger.issue(account)).token))).toBe('UNAUTHENTICATED');
    const notAnInvitation = await new SignJWT({ tid: 'tenant-1', purpose: 'session' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(invitationIssuer)
      .setAudience(invitationAudience)
      .setSubject('admin-1')
      .setJti('x')
      .setExpirationTime(Math.floor(now / 1000) + 60)
      .sign(key);
    expect(await refusal(tokens.open(notAnInvitation))).toBe('UNAUTHENTICATED');
    now += (invitationLifetimeSeconds + 1) * 1000;
    expect(await refusal(tokens.open(token))).toBe('UNAUTHENTICATED');
  });
});
