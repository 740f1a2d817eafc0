import { createInvitationTokens, createRuntime, deriveSigningKeys, loadConfig } from '@wygc/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from './main.ts';
import { captureIo } from './testing/capture-io.ts';
import { createOperatorEnv } from './testing/operator-env.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const operatorEnv = async () => {
  const operator = await createOperatorEnv();
  cleanups.push(operator.cleanup);
  return operator;
};

describe('wygc tenants', { timeout: 60_000 }, () => {
  it('creates an organisation with an invited owner, and lists it', async () => {
    const { env } = await operatorEnv();
    const io = captureIo({}, env);
    const code = await run(
      ['tenants', 'create', '--name', 'Storingsdienst', '--owner', 'beheer@example.nl'],
      io,
    );
    expect({ code, err: io.err() }).toEqual({ code: 0, err: '' });
    expect(io.out()).toMatch(/^Created organisation "Storingsdienst" \([0-9a-f-]+, Europe\/Amsterdam\)\.\n/);
    const link = /https:\/\/wygc\.example\.nl\/accept-invitation#token=(\S+)/.exec(io.out());
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link?.[1] ?? '');
    expect(io.out()).toContain(`\n  ${token}\n`);

    // The server's invitation key redeems it: it names the new owner account.
    const runtime = await createRuntime(loadConfig({ ...env, WYGC_LOG_LEVEL: 'silent' }));
    try {
      const invitations = createInvitationTokens({
        key: deriveSigningKeys(runtime.secrets.sessionKey).invitation,
        clock: Date.now,
      });
      const invitation = await invitations.open(token);
      const owner = await runtime.store
        .forTenant(invitation.tenantId, { actor: 'system:test' })
        .admins.get(invitation.adminId);
      expect(owner).toMatchObject({ email: 'beheer@example.nl', role: 'owner' });
      expect(owner?.passwordHash).toBeUndefined();
    } finally {
      await runtime.close();
    }

    const list = captureIo({}, env);
    expect(await run(['tenants', 'list'], list)).toBe(0);
    expect(list.out()).toMatch(
      /^ID +NAME +STATUS +TIME ZONE +CREATED\n[0-9a-f-]+ +Storingsdienst +active +Europe\/Amsterdam +20/,
    );
  });

  it('says so when there is no organisation yet', async () => {
    const { env } = await operatorEnv();
    const io = captureIo({}, env);
    expect(await run(['tenants', 'list'], io)).toBe(0);
    expect(io.out()).toContain('No organisations yet');
  });

  it('exits 2 with one line for a bad command line', async () => {
    const { env } = await operatorEnv();
    for (const [args, message] of [
      [['tenants'], 'say create, list or domains'],
      [['tenants', 'domains'], 'say which organisation'],
      [['tenants', 'domains', 'x', '--add', 'not a domain'], '--add not a domain: must be a domain name'],
      [['tenants', 'create', '--name', 'X'], '--owner must be an email address'],
      [['tenants', 'create', '--name', 'X', '--owner', 'not-an-email'], '--owner must be an email address'],
      [
        ['tenants', 'create', '--name', 'X', '--owner', 'a@example.nl', '--tz', 'Mars/Olympus'],
        '--tz must be an IANA',
      ],
      [['tenants', 'list', '--all'], "Unknown option '--all'"],
    ] as const) {
      const io = captureIo({}, env);
      expect(await run([...args], io), args.join(' ')).toBe(2);
      expect(io.err()).toContain(message);
      expect(io.err()).toContain('usage: wygc tenants');
      expect(io.out()).toBe('');
    }
  });

  it('links Google Workspace domains to one organisation at most', async () => {
    const { env } = await operatorEnv();
    const idOf = async (name: string) => {
      const io = captureIo({}, env);
      expect(await run(['tenants', 'create', '--name', name, '--owner', 'beheer@example.nl'], io)).toBe(0);
      return /\(([0-9a-f-]+),/.exec(io.out())?.[1] ?? '';
    };
    const a = await idOf('Storingsdienst');
    const b = await idOf('Planning');
    const domains = async (...args: string[]) => {
      const io = captureIo({}, env);
      const code = await run(['tenants', 'domains', ...args], io);
      return { code, out: io.out(), err: io.err() };
    };
    expect(await domains(a)).toEqual({ code: 0, out: 'No Google Workspace domains are linked.\n', err: '' });
    expect(await domains(a, '--add', 'Contoso.Example', '--add', 'fabrikam.example')).toEqual({
      code: 0,
      out: 'Google Workspace domains linked: contoso.example, fabrikam.example\n',
      err: '',
    });
    const taken = await domains(b, '--add', 'contoso.example');
    expect(taken.code).toBe(1);
    expect(taken.err).toBe(
      `contoso.example is linked to another organisation (${a}); unlink it there first\n`,
    );
    expect((await domains(a, '--remove', 'contoso.example')).out).toBe(
      'Google Workspace domains linked: fabrikam.example\n',
    );
    expect((await domains(b, '--add', 'contoso.example')).code).toBe(0);
    const unknown = await domains('no-such-organisation', '--add', 'x.example');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no organisation no-such-organisation');

    // The other settings are untouched, and the server sees the link.
    const runtime = await createRuntime(loadConfig({ ...env, WYGC_LOG_LEVEL: 'silent' }));
    try {
      const tenant = await runtime.store.tenants.get(a);
      expect(tenant?.settings).toMatchObject({
        ringSeconds: 20,
        googleWorkspaceDomains: ['fabrikam.example'],
      });
    } finally {
      await runtime.close();
    }
  });

  it('exits 1 with the reason when the configuration is wrong', async () => {
    const { env } = await operatorEnv();
    const io = captureIo({}, { ...env, WYGC_STORE: 'postgres' });
    expect(await run(['tenants', 'list'], io)).toBe(1);
    expect(io.err()).toMatch(/^invalid configuration: WYGC_STORE: /);
    expect(io.err().split('\n').filter(Boolean)).toHaveLength(1);
  });
});
