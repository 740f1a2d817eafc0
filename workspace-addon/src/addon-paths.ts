/**
 * The add-on's endpoints, relative to the app (mounted at /addon by the server). Each is a separate URL
 * because Google signs every request for the exact URL it calls: one audience per endpoint.
 */
export const addonPaths = {
  /** Trigger: the add-on opened outside an event. */
  homepage: '/homepage',
  /** Trigger: an event opened in Google Calendar. */
  eventOpen: '/event-open',
  /** Action: the overview of one calendar (parameters.calendarId). */
  calendar: '/calendar',
  /** Action: the contact list. */
  contacts: '/contacts',
  /** Action: the form to add a contact or edit one (parameters.contactId, parameters.key). */
  contactForm: '/contacts/form',
  /** Action: saves the form. */
  contactSave: '/contacts/save',
} as const;

export type AddonEndpoint = keyof typeof addonPaths;

/** The absolute URL Google calls for an endpoint: the audience of its bearer token. */
export const endpointUrl = (baseUrl: string, endpoint: AddonEndpoint): string =>
  `${baseUrl}${addonPaths[endpoint]}`;
