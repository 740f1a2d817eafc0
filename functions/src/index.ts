export { type FunctionsConfig, loadConfig } from './config.ts';
export { createInvitationTokens, type Invitation, type InvitationTokens } from './invitation-tokens.ts';
export { invitationUrl } from './invitation-url.ts';
export { purgeExpiredData, type RetentionPurgeReport } from './retention-purge.ts';
export { createRosterRecompiler, type RosterRecompiler } from './roster-recompiler.ts';
export {
  createRuntime,
  type KeyRotationResult,
  type ProviderOverrides,
  type Runtime,
  type RuntimeOverrides,
  rotateKeys,
} from './runtime.ts';
export { createServerApp, type ServerAppDeps, type ServerPart, serverParts } from './server-app.ts';
export { createServerAuth, type ServerAuth, type ServerAuthOptions } from './server-auth.ts';
export { deriveSigningKeys, type SigningKeys } from './signing-keys.ts';
export { type RunningServer, type StartServerOptions, startServer } from './start-server.ts';
