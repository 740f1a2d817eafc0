import { z } from 'zod';

const withoutTrailingSlash = (value: string): string => value.replace(/\/+$/, '');

/** Google's public keys for the ID tokens it signs (system and user tokens alike). */
export const defaultGoogleJwksUrl = 'https://www.googleapis.com/oauth2/v3/certs';
export const defaultCalendarApiRootUrl = 'https://www.googleapis.com/';

/**
 * How the add-on is reached and whom it trusts. `baseUrl` is the public URL the endpoints are mounted
 * under (e.g. https://wygc.example.com/addon): Google signs each request for the exact URL it calls, so
 * the audience is built from this value, never from the request's Host header.
 */
export const addonConfigSchema = z
  .object({
    baseUrl: z.url().transform(withoutTrailingSlash),
    /** The add-on's service account (gcloud workspace-add-ons get-authorization): it signs the bearer token. */
    serviceAccountEmail: z.email(),
    /** The add-on's OAuth client id (same command): the audience of the user's ID token. */
    oauthClientId: z.string().min(1),
    /** The web admin, for links to the roster and for getting access. */
    webAdminUrl: z.url().transform(withoutTrailingSlash),
    calendarApiRootUrl: z
      .url()
      .default(defaultCalendarApiRootUrl)
      .transform((url) => `${withoutTrailingSlash(url)}/`),
    jwksUrl: z.url().default(defaultGoogleJwksUrl),
  })
  .strict();

export type AddonConfigInput = z.input<typeof addonConfigSchema>;
export type AddonConfig = z.output<typeof addonConfigSchema>;

/** Checks the configuration once, at start-up, so a typo fails loudly instead of rejecting every request. */
export const parseAddonConfig = (input: AddonConfigInput): AddonConfig => {
  const result = addonConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(
    `add-on configuration: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(),
  );
};
