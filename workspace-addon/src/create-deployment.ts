import { z } from 'zod';
import { type AddonEndpoint, endpointUrl } from './addon-paths.ts';

/**
 * The smallest set of scopes the add-on works with: run in Calendar, read the open event's ids, read
 * events (the event object has no title; events.get with the user's token reads it), the user's email
 * (in the user ID token, to find their admin account) and locale (cards in Dutch or English).
 */
export const addonOauthScopes = [
  'https://www.googleapis.com/auth/calendar.addons.execute',
  'https://www.googleapis.com/auth/calendar.addons.current.event.read',
  'https://www.googleapis.com/auth/calendar.events.readonly',
  'https://www.googleapis.com/auth/userinfo.email',
  'https://www.googleapis.com/auth/script.locale',
] as const;

/** A Material icon on Google's static host, until the operator supplies a logo of their own. */
export const defaultLogoUrl =
  'https://www.gstatic.com/images/icons/material/system/2x/phone_forwarded_black_48dp.png';

const withoutTrailingSlash = (value: string): string => value.replace(/\/+$/, '');

export const deploymentOptionsSchema = z
  .object({
    /** Where the add-on endpoints are served, e.g. https://wygc.example.com/addon. */
    baseUrl: z.url({ protocol: /^https$/ }).transform(withoutTrailingSlash),
    /** The web admin the cards link to; its URL prefix must be allow-listed for openLink. */
    webAdminUrl: z.url({ protocol: /^https$/ }).transform(withoutTrailingSlash),
    name: z.string().trim().min(1).max(40).default('WhoYouGonnaCall'),
    logoUrl: z.url({ protocol: /^https$/ }).default(defaultLogoUrl),
  })
  .strict();

export type DeploymentOptions = z.input<typeof deploymentOptionsSchema>;

/**
 * The deployment resource for `gcloud workspace-add-ons deployments create|replace` (add-ons API,
 * projects.deployments): Calendar homepage and event-open triggers on our HTTP endpoints, Google's
 * ID token of the add-on's service account on every request, and the locale passed from Calendar.
 */
export const createDeployment = (options: DeploymentOptions) => {
  const { baseUrl, webAdminUrl, name, logoUrl } = deploymentOptionsSchema.parse(options);
  const url = (endpoint: AddonEndpoint) => endpointUrl(baseUrl, endpoint);
  return {
    oauthScopes: [...addonOauthScopes],
    addOns: {
      common: {
        name,
        logoUrl,
        useLocaleFromApp: true,
        homepageTrigger: { runFunction: url('homepage') },
        openLinkUrlPrefixes: [`${webAdminUrl}/`],
      },
      calendar: {
        homepageTrigger: { runFunction: url('homepage') },
        eventOpenTrigger: { runFunction: url('eventOpen') },
        currentEventAccess: 'READ',
      },
      httpOptions: { authorizationHeader: 'SYSTEM_ID_TOKEN' },
    },
  };
};
