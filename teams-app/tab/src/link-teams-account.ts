import type { ApiClient } from './api-client.ts';
import { isApiError } from './api-error.ts';
import type { TeamsHost } from './teams-host.ts';

/**
 * Whether a Teams SSO failure is one that linking can end: the API knew the token but refused it
 * (403), typically because no account is linked to that Microsoft account yet. When the organisation is
 * not allowed instead, linking is refused with that same reason, which is then worth showing again.
 */
export const linkFixesSsoFailure = (error: unknown): boolean => isApiError(error) && error.status === 403;

/** Links the Teams user's Microsoft account to the signed-in account, with a fresh SSO token. */
export const linkTeamsAccount = async (
  host: Pick<TeamsHost, 'getAuthToken'>,
  auth: Pick<ApiClient['auth'], 'linkTeams'>,
): Promise<void> => auth.linkTeams(await host.getAuthToken());
