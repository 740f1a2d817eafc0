import { z } from 'zod';

/**
 * The event object Google posts to every endpoint (Google Workspace add-ons, "Event objects"): the
 * host-independent commonEventObject, the tokens in authorizationEventObject, and, when an event is open
 * in Calendar, the calendar event object. Google adds fields over time, so unknown fields are kept, not
 * refused; the fields used here are checked.
 */
const stringInputsSchema = z.looseObject({
  stringInputs: z.looseObject({ value: z.array(z.string()) }).optional(),
});

export const commonEventObjectSchema = z.looseObject({
  hostApp: z.string().optional(),
  platform: z.string().optional(),
  /** "en", "nl", "nl-NL", ...: present when the deployment sets useLocaleFromApp. */
  userLocale: z.string().optional(),
  timeZone: z.looseObject({ id: z.string(), offset: z.number().optional() }).optional(),
  /** Parameters of the action that was invoked: state our cards carry, never trusted without re-checking. */
  parameters: z.record(z.string(), z.string()).optional(),
  formInputs: z.record(z.string(), stringInputsSchema).optional(),
  invokedFunction: z.string().optional(),
});

export const authorizationEventObjectSchema = z.looseObject({
  /** Access token for the scopes the user granted: reads the open event's title. */
  userOAuthToken: z.string().optional(),
  /** ID token of the user, audience = the add-on's OAuth client id. */
  userIdToken: z.string().optional(),
  systemIdToken: z.string().optional(),
});

export const calendarEventObjectSchema = z.looseObject({
  /** The open event's id (an instance id for an instance of a recurring event). */
  id: z.string().min(1).optional(),
  calendarId: z.string().min(1).optional(),
  recurringEventId: z.string().optional(),
  organizer: z.looseObject({ email: z.string().optional() }).optional(),
  capabilities: z
    .looseObject({
      canAddAttendees: z.boolean().optional(),
      canSeeAttendees: z.boolean().optional(),
      canSeeConferenceData: z.boolean().optional(),
      canSetConferenceData: z.boolean().optional(),
    })
    .optional(),
});

export const addonEventSchema = z.looseObject({
  commonEventObject: commonEventObjectSchema.default({}),
  authorizationEventObject: authorizationEventObjectSchema.default({}),
  calendar: calendarEventObjectSchema.optional(),
});

export type AddonEvent = z.output<typeof addonEventSchema>;

/** The first value of a text input in the submitted form, or undefined when the field was not sent. */
export const formValue = (event: AddonEvent, name: string): string | undefined =>
  event.commonEventObject.formInputs?.[name]?.stringInputs?.value[0];

export const parameter = (event: AddonEvent, name: string): string | undefined => {
  const value = event.commonEventObject.parameters?.[name];
  return value === undefined || value === '' ? undefined : value;
};
