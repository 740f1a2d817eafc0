import type { OAuthProvider } from './oauth-state-tokens.ts';

export const googleAuthorizationEndpoint = 'https://accounts.google.com/o/oauth2/v2/auth';
export const googleCalendarReadonlyScope = 'https://www.googleapis.com/auth/calendar.readonly';
/** "organizations": any work or school tenant's admin may consent; personal accounts cannot. */
export const microsoftAdminConsentEndpoint =
  'https://login.microsoftonline.com/organizations/v2.0/adminconsent';
export const microsoftGraphDefaultScope = 'https://graph.microsoft.com/.default';

/** Where a provider sends the browser back; the code exchange must repeat it exactly. */
export const oauthRedirectUri = (publicUrl: string, provider: OAuthProvider): string =>
  `${publicUrl}/oauth/${provider}/callback`;

/** Google's consent page for read access to calendars, with an offline (refresh) grant. */
export const googleConsentUrl = (input: { clientId: string; publicUrl: string; state: string }): string => {
  const url = new URL(googleAuthorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: input.clientId,
    redirect_uri: oauthRedirectUri(input.publicUrl, 'google'),
    response_type: 'code',
    scope: googleCalendarReadonlyScope,
    access_type: 'offline',
    // Without it Google omits the refresh token when the user consented before.
    prompt: 'consent',
    state: input.state,
  }).toString();
  return url.toString();
};

/** The Entra admin consent page that grants our app Calendars.Read in the customer's tenant. */
export const microsoftAdminConsentUrl = (input: {
  clientId: string;
  publicUrl: string;
  state: string;
}): string => {
  const url = new URL(microsoftAdminConsentEndpoint);
  url.search = new URLSearchParams({
    client_id: input.clientId,
    scope: microsoftGraphDefaultScope,
    redirect_uri: oauthRedirectUri(input.publicUrl, 'microsoft'),
    state: input.state,
  }).toString();
  return url.toString();
};
