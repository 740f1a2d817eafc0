import type { TenantStore } from '@wygc/routing-core';
import type { Logger } from 'pino';
import type { Session } from './auth/session-tokens.ts';

/** What middleware puts on every API request's context, for the handlers after it. */
export interface ApiEnv {
  Variables: {
    logger: Logger;
    sourceIp: string;
    session: Session;
    /** The caller's tenant, audited as the caller: handlers never pick a tenant themselves. */
    tenant: TenantStore;
  };
}
