import type { Store } from '@wygc/routing-core';
import { createEndedSessions, type EndedSessions } from './auth/ended-sessions.ts';
import { createEntraTokenVerifier } from './auth/entra-token-verifier.ts';
import { createGoogleIdTokenVerifier } from './auth/google-id-token-verifier.ts';
import { createLoginService, type LoginLimits, type LoginService } from './auth/login-service.ts';
import { type Argon2Parameters, createPasswordHasher, type PasswordHasher } from './auth/password-hasher.ts';
import { createSecondFactorTickets } from './auth/second-factor-tickets.ts';
import { createSessionTokens, type SessionTokens } from './auth/session-tokens.ts';
import { createTotp, type Totp } from './auth/totp.ts';
import type { FunctionsConfig } from './config.ts';
import { createInvitationTokens, type InvitationTokens } from './invitation-tokens.ts';
import type { LocalSecrets } from './local-secrets.ts';
import { createOAuthStateTokens, type OAuthStateTokens } from './oauth-state-tokens.ts';
import type { JobsCallerOptions } from './require-jobs-caller.ts';
import { deriveSigningKeys } from './signing-keys.ts';

/** Everything that proves who is calling: sessions, sign-in, invitations, OAuth state, job callers. */
export interface ServerAuth {
  readonly sessions: SessionTokens;
  readonly endedSessions: EndedSessions;
  readonly hasher: PasswordHasher;
  readonly totp: Totp;
  readonly loginService: LoginService;
  readonly invitations: InvitationTokens;
  /** HS256 key of invitation tokens, for the admin routes that issue them. */
  readonly invitationKey: Uint8Array;
  readonly oauthState: OAuthStateTokens;
  readonly jobs: JobsCallerOptions;
}

export interface ServerAuthOptions {
  readonly config: Pick<FunctionsConfig, 'publicUrl' | 'sso' | 'jobs'>;
  readonly secrets: LocalSecrets;
  readonly store: Store;
  readonly clock: () => number;
  /** Tests use cheap parameters; production the OWASP baseline. */
  readonly hasherParameters?: Argon2Parameters;
  readonly loginLimits?: LoginLimits;
  /** Tests serve their own key sets. */
  readonly entraJwksUrl?: string;
  readonly googleJwksUrl?: string;
}

/** Builds the authentication parts from configuration and the secrets; nothing is fetched until used. */
export const createServerAuth = (options: ServerAuthOptions): ServerAuth => {
  const { config, secrets, store, clock } = options;
  const keys = deriveSigningKeys(secrets.sessionKey);
  const sessions = createSessionTokens({ key: keys.session, clock });
  const hasher = createPasswordHasher(
    options.hasherParameters ? { parameters: options.hasherParameters } : {},
  );
  const totp = createTotp({ clock });
  const teamsClientId = config.sso.teamsClientId;
  const entra = createEntraTokenVerifier({
    clientId: teamsClientId ?? '',
    applicationIdUri: `api://${new URL(config.publicUrl).host}/${teamsClientId ?? ''}`,
    // Without the Teams app's client id no token can be checked for its audience: SSO stays off.
    allowedTenantIds: teamsClientId ? config.sso.entraTenants : [],
    ...(options.entraJwksUrl ? { jwksUrl: options.entraJwksUrl } : {}),
    clock,
  });
  const loginService = createLoginService({
    store,
    clock,
    hasher,
    totp,
    sessions,
    tickets: createSecondFactorTickets({ key: keys.secondFactor, clock }),
    entra,
    ...(options.loginLimits ? { limits: options.loginLimits } : {}),
  });
  const { serviceAccount, audience } = config.jobs;
  return {
    sessions,
    endedSessions: createEndedSessions({ clock }),
    hasher,
    totp,
    loginService,
    invitations: createInvitationTokens({ key: keys.invitation, clock }),
    invitationKey: keys.invitation,
    oauthState: createOAuthStateTokens({ key: keys.oauthState, clock }),
    jobs: {
      jobsSecret: secrets.jobsSecret,
      ...(serviceAccount
        ? {
            oidc: {
              verifier: createGoogleIdTokenVerifier({
                clock,
                ...(options.googleJwksUrl ? { jwksUrl: options.googleJwksUrl } : {}),
              }),
              // Scheduler and Tasks are told this audience; without one configured, the public URL.
              audience: audience ?? config.publicUrl,
              serviceAccount,
            },
          }
        : {}),
    },
  };
};
