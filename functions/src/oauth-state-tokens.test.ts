import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.ts';
import { createOAuthStateTokens } from './oauth-state-tokens.ts';

const start = Date.parse('2027-03-25T12:00:00Z');

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
};

describe('createOAuthStateTokens', () => {
  const setup = () => {
    const clock = { now: start };
    const tokens = createOAuthStateTokens({ key: randomBytes(32), clock: () => clock.now });
    return { clock, tokens };
  };

  it('carries who started the flow, once', async () => {
    const { tokens } = setup();
    const state = await tokens.issue({
      provider: 'google',
      tenantId: 't-1',
      adminId: 'a-1',
      calendarId: 'primary',
    });
    expect(await tokens.consume(state, 'google')).toEqual({
      provider: 'google',
      tenantId: 't-1',
      adminId: 'a-1',
      calendarId: 'primary',
    });
    expect((await failure(tokens.consume(state, 'google'))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a state of the other provider, another key, or after ten minutes', async () => {
    const { clock, tokens } = setup();
    const microsoft = await tokens.issue({ provider: 'microsoft', tenantId: 't-1', adminId: 'a-1' });
    expect((await failure(tokens.consume(microsoft, 'google'))).code).toBe('UNAUTHENTICATED');
    const other = createOAuthStateTokens({ key: randomBytes(32), clock: () => clock.now });
    const foreign = await other.issue({ provider: 'google', tenantId: 't-1', adminId: 'a-1' });
    expect((await failure(tokens.consume(foreign, 'google'))).code).toBe('UNAUTHENTICATED');
    const late = await tokens.issue({ provider: 'google', tenantId: 't-1', adminId: 'a-1' });
    clock.now += 10 * 60_000 + 1000;
    const error = await failure(tokens.consume(late, 'google'));
    expect(error.message).toBe('The connection request is invalid or has expired; please start again.');
    expect(await tokens.consume(microsoft, 'microsoft').catch(() => 'expired')).toBe('expired');
  });

  it('refuses a short signing key', () => {
    expect(() => createOAuthStateTokens({ key: randomBytes(16), clock: Date.now })).toThrow(HttpError);
  });
});
