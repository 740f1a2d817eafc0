import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-error.ts';
import { createSecondFactorTickets } from './second-factor-tickets.ts';
import { createSessionTokens } from './session-tokens.ts';

const start = Date.UTC(2027, 2, 22, 9, 0, 0);
const key = randomBytes(32);
const account = { tenantId: 'tenant-1', adminId: 'admin-1' };

const setup = () => {
  let now = start;
  const tickets = createSecondFactorTickets({ key, clock: () => now });
  return { tickets, advance: (ms: number) => (now += ms) };
};

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('createSecondFactorTickets', () => {
  it('binds a ticket to the tenant and account for five minutes', async () => {
    const { tickets, advance } = setup();
    const ticket = await tickets.issue(account);
    expect(await tickets.open(ticket)).toMatchObject({ ...account, expiresAt: start + 300_000 });
    advance(300_000);
    const error = await failure(tickets.open(ticket));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('cannot be used again once consumed', async () => {
    const { tickets } = setup();
    const ticket = await tickets.issue(account);
    tickets.consume(await tickets.open(ticket));
    expect(await failure(tickets.open(ticket))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('is used up after three wrong codes', async () => {
    const { tickets } = setup();
    const ticket = await tickets.issue(account);
    for (let attempt = 0; attempt < 2; attempt++) tickets.recordFailure(await tickets.open(ticket));
    const opened = await tickets.open(ticket);
    tickets.recordFailure(opened);
    expect(await failure(tickets.open(ticket))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses tickets signed with another key, and session tokens posing as tickets', async () => {
    const { tickets } = setup();
    const foreign = createSecondFactorTickets({ key: randomBytes(32), clock: () => start });
    expect(await failure(tickets.open(await foreign.issue(account)))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const sessions = createSessionTokens({ key, clock: () => start });
    const session = await sessions.issue({ ...account, role: 'owner', amr: ['pwd'] });
    expect(await failure(tickets.open(session.token))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await failure(sessions.verify(await tickets.issue(account)))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
