import { domainNameSchema, isIanaTimeZone } from '@wygc/routing-core';
import { z } from 'zod';
import { inputError, usageError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from './command.ts';
import { withOperatorRuntime } from './operator-runtime.ts';
import { parseOptions } from './parse-options.ts';
import { formatTable } from './text-table.ts';

const usage =
  'wygc tenants create --name <name> --owner <email> [--tz <zone>] | wygc tenants list | wygc tenants domains <id> [--add <domain>] [--remove <domain>]';

const help = `Creates and lists organisations (tenants) in the store the server uses.

Usage: wygc tenants create --name <name> --owner <email> [--tz <zone>]
       wygc tenants list
       wygc tenants domains <id> [--add <domain>]... [--remove <domain>]...

  create    a new organisation and its owner account, without a password; prints the owner's
            invitation link (single use, valid 7 days) to set one
    --name <name>     the organisation's name
    --owner <email>   the owner's email address
    --tz <zone>       IANA time zone (default Europe/Amsterdam)
  list      every organisation: id, name, status, time zone, created
  domains   the Google Workspace domains whose calendars the organisation may connect by domain-wide
            delegation; link one after its Workspace administrator delegated to our service account.
            A domain belongs to one organisation only. Prints the domains linked afterwards
    --add <domain>     link a domain (repeatable)
    --remove <domain>  unlink a domain (repeatable)

The store and keys are found as the server finds them: WYGC_DATA_DIR (default ./data), WYGC_STORE,
WYGC_KEYRING, ... (see the README's Configuration).

Exit codes: 0 done, 1 the store refused or failed, 2 bad command line.
`;

const createOptionsSchema = z.object({
  name: z
    .string({ error: '--name <name> is required' })
    .trim()
    .min(1, '--name needs a name')
    .max(120, '--name is too long'),
  owner: z.email({ error: '--owner must be an email address' }).max(254),
  tz: z
    .string()
    .refine(isIanaTimeZone, '--tz must be an IANA time zone such as Europe/Amsterdam')
    .default('Europe/Amsterdam'),
});

const operator = { actor: 'system:cli' };

const createTenant = async (argv: readonly string[], io: CliIo): Promise<void> => {
  const { values } = parseOptions(argv, {
    name: { type: 'string' },
    owner: { type: 'string' },
    tz: { type: 'string' },
  });
  const parsed = createOptionsSchema.safeParse(values);
  if (!parsed.success) throw usageError(parsed.error.issues[0]?.message ?? 'invalid arguments');
  const { name, owner, tz } = parsed.data;
  const lines = await withOperatorRuntime(io, async (runtime, functions) => {
    const tenant = await runtime.store.tenants.create({ name, timeZone: tz }, operator);
    const account = await runtime.store
      .forTenant(tenant.id, operator)
      .admins.create({ email: owner, role: 'owner' });
    const invitations = functions.createInvitationTokens({
      key: functions.deriveSigningKeys(runtime.secrets.sessionKey).invitation,
      clock: Date.now,
    });
    const invitation = await invitations.issue({ tenantId: tenant.id, adminId: account.id });
    return [
      `Created organisation "${tenant.name}" (${tenant.id}, ${tenant.timeZone}).`,
      `The owner sets a password with this link (single use, valid until ${new Date(invitation.expiresAt).toISOString()}):`,
      `  ${functions.invitationUrl(runtime.config.publicUrl, invitation.token)}`,
      'or with the invitation token, sent to POST /api/v1/auth/accept-invitation as {"token", "password"}:',
      `  ${invitation.token}`,
    ];
  });
  io.stdout(`${lines.join('\n')}\n`);
};

const listTenants = async (argv: readonly string[], io: CliIo): Promise<void> => {
  parseOptions(argv, {});
  const tenants = await withOperatorRuntime(io, (runtime) => runtime.store.tenants.list());
  if (tenants.length === 0) {
    io.stdout('No organisations yet: create one with wygc tenants create, or open the server once.\n');
    return;
  }
  const rows = [
    ['ID', 'NAME', 'STATUS', 'TIME ZONE', 'CREATED'],
    ...tenants.map((tenant) => [
      tenant.id,
      tenant.name,
      tenant.status,
      tenant.timeZone,
      new Date(tenant.createdAt).toISOString(),
    ]),
  ];
  io.stdout(`${formatTable(rows, '').join('\n')}\n`);
};

const domainsOf = (values: readonly string[] | undefined, option: string): string[] =>
  (values ?? []).map((value) => {
    const parsed = domainNameSchema.safeParse(value);
    if (!parsed.success) throw usageError(`${option} ${value}: must be a domain name such as example.nl`);
    return parsed.data;
  });

const tenantDomains = async (argv: readonly string[], io: CliIo): Promise<void> => {
  const { values, positionals } = parseOptions(
    argv,
    { add: { type: 'string', multiple: true }, remove: { type: 'string', multiple: true } },
    true,
  );
  const [tenantId, ...extra] = positionals;
  if (tenantId === undefined) throw usageError('say which organisation: wygc tenants domains <id>');
  if (extra.length > 0) throw usageError(`unexpected argument ${extra[0]}`);
  const add = domainsOf(values.add, '--add');
  const remove = domainsOf(values.remove, '--remove');
  const domains = await withOperatorRuntime(io, async (runtime) => {
    const { store } = runtime;
    const tenant = await store.tenants.get(tenantId);
    if (!tenant) throw inputError(`no organisation ${tenantId}; wygc tenants list shows them`);
    if (add.length === 0 && remove.length === 0) return tenant.settings.googleWorkspaceDomains;
    if (tenant.status !== 'active') throw inputError(`organisation ${tenantId} is terminated`);
    for (const other of await store.tenants.list()) {
      const taken =
        other.id === tenantId
          ? undefined
          : add.find((domain) => other.settings.googleWorkspaceDomains.includes(domain));
      if (taken)
        throw inputError(`${taken} is linked to another organisation (${other.id}); unlink it there first`);
    }
    const next = [...new Set([...tenant.settings.googleWorkspaceDomains, ...add])].filter(
      (domain) => !remove.includes(domain),
    );
    const updated = await store.forTenant(tenantId, operator).updateTenant({
      settings: { googleWorkspaceDomains: next },
    });
    return updated.settings.googleWorkspaceDomains;
  });
  io.stdout(
    domains.length === 0
      ? 'No Google Workspace domains are linked.\n'
      : `Google Workspace domains linked: ${domains.join(', ')}\n`,
  );
};

export const tenantsCommand: Command = {
  name: 'tenants',
  summary: 'create an organisation with its owner, list them, or link Google Workspace domains',
  usage,
  help,
  run: async (argv, io) => {
    const [action, ...rest] = argv;
    if (action === 'create') return createTenant(rest, io);
    if (action === 'list') return listTenants(rest, io);
    if (action === 'domains') return tenantDomains(rest, io);
    const actions = 'say create, list or domains';
    throw usageError(action === undefined ? actions : `unknown action ${action}: ${actions}`);
  },
};
