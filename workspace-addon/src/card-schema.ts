import { z } from 'zod';

/**
 * The subset of the Card v2 format (google.apps.card.v1) and of the add-on action responses that this
 * add-on emits. Strict objects: a misspelt field is an error here instead of a silently blank widget in
 * Calendar. Tests validate every response against these schemas.
 */

/** Card v2 knownIcon values (google.apps.card.v1.Icon). */
export const knownIcons = [
  'AIRPLANE',
  'BOOKMARK',
  'BUS',
  'CAR',
  'CLOCK',
  'CONFIRMATION_NUMBER_ICON',
  'DESCRIPTION',
  'DOLLAR',
  'EMAIL',
  'EVENT_PERFORMER',
  'EVENT_SEAT',
  'FLIGHT_ARRIVAL',
  'FLIGHT_DEPARTURE',
  'HOTEL',
  'HOTEL_ROOM_TYPE',
  'INVITE',
  'MAP_PIN',
  'MEMBERSHIP',
  'MULTIPLE_PEOPLE',
  'OFFER',
  'PERSON',
  'PHONE',
  'RESTAURANT_ICON',
  'SHOPPING_CART',
  'STAR',
  'STORE',
  'TICKET',
  'TRAIN',
  'VIDEO_CAMERA',
  'VIDEO_PLAY',
] as const;

export const iconSchema = z
  .object({
    knownIcon: z.enum(knownIcons).optional(),
    iconUrl: z.url().optional(),
    altText: z.string().optional(),
  })
  .strict()
  .refine((icon) => (icon.knownIcon === undefined) !== (icon.iconUrl === undefined), {
    message: 'an icon has exactly one of knownIcon and iconUrl',
  });

/** Parameters travel as key/value strings and come back in commonEventObject.parameters. */
export const actionParameterSchema = z.object({ key: z.string().min(1), value: z.string() }).strict();

/** On the HTTP runtime `function` is the URL of the endpoint to call. */
export const actionSchema = z
  .object({
    function: z.url(),
    parameters: z.array(actionParameterSchema).optional(),
    loadIndicator: z.enum(['SPINNER', 'NONE']).optional(),
    persistValues: z.boolean().optional(),
  })
  .strict();

export const openLinkSchema = z
  .object({
    url: z.url(),
    openAs: z.enum(['FULL_SIZE', 'OVERLAY']).optional(),
    onClose: z.enum(['NOTHING', 'RELOAD']).optional(),
  })
  .strict();

export const onClickSchema = z.union([
  z.object({ action: actionSchema }).strict(),
  z.object({ openLink: openLinkSchema }).strict(),
]);

const colorChannel = z.number().min(0).max(1);

export const buttonSchema = z
  .object({
    text: z.string().min(1).optional(),
    icon: iconSchema.optional(),
    color: z
      .object({ red: colorChannel, green: colorChannel, blue: colorChannel, alpha: colorChannel.optional() })
      .strict()
      .optional(),
    onClick: onClickSchema,
    disabled: z.boolean().optional(),
    altText: z.string().optional(),
    type: z.enum(['OUTLINED', 'FILLED', 'FILLED_TONAL', 'BORDERLESS']).optional(),
  })
  .strict()
  .refine((button) => button.text !== undefined || button.icon !== undefined, {
    message: 'a button needs text or an icon',
  });

export const textParagraphSchema = z
  .object({ text: z.string().min(1), maxLines: z.number().int().positive().optional() })
  .strict();

export const decoratedTextSchema = z
  .object({
    startIcon: iconSchema.optional(),
    topLabel: z.string().optional(),
    text: z.string().min(1),
    wrapText: z.boolean().optional(),
    bottomLabel: z.string().optional(),
    onClick: onClickSchema.optional(),
    button: buttonSchema.optional(),
    endIcon: iconSchema.optional(),
  })
  .strict()
  .refine((text) => text.button === undefined || text.endIcon === undefined, {
    message: 'a decorated text has at most one of button and endIcon',
  });

export const buttonListSchema = z.object({ buttons: z.array(buttonSchema).min(1) }).strict();

export const textInputSchema = z
  .object({
    // The name is the key of the value in commonEventObject.formInputs.
    name: z.string().regex(/^[A-Za-z0-9_-]+$/),
    label: z.string().optional(),
    hintText: z.string().optional(),
    value: z.string().optional(),
    type: z.enum(['SINGLE_LINE', 'MULTIPLE_LINE']).optional(),
  })
  .strict()
  .refine((input) => input.label !== undefined || input.hintText !== undefined, {
    message: 'a text input needs a label or a hint text',
  });

export const widgetSchema = z.union([
  z.object({ textParagraph: textParagraphSchema }).strict(),
  z.object({ decoratedText: decoratedTextSchema }).strict(),
  z.object({ buttonList: buttonListSchema }).strict(),
  z.object({ textInput: textInputSchema }).strict(),
  z.object({ divider: z.object({}).strict() }).strict(),
]);

export const sectionSchema = z
  .object({
    header: z.string().min(1).optional(),
    collapsible: z.boolean().optional(),
    uncollapsibleWidgetsCount: z.number().int().nonnegative().optional(),
    widgets: z.array(widgetSchema).min(1),
  })
  .strict();

export const cardHeaderSchema = z
  .object({
    title: z.string().min(1),
    subtitle: z.string().optional(),
    imageUrl: z.url().optional(),
    imageType: z.enum(['SQUARE', 'CIRCLE']).optional(),
    imageAltText: z.string().optional(),
  })
  .strict();

export const cardSchema = z
  .object({
    name: z.string().min(1).optional(),
    header: cardHeaderSchema.optional(),
    sections: z.array(sectionSchema).min(1),
  })
  .strict();

export const navigationSchema = z.union([
  z.object({ pushCard: cardSchema }).strict(),
  z.object({ updateCard: cardSchema }).strict(),
  z.object({ popCard: z.literal(true) }).strict(),
  z.object({ popToRoot: z.literal(true) }).strict(),
  z.object({ popToCard: z.string().min(1) }).strict(),
]);

/** What a trigger (homepage, event open) answers: the card to show. */
export const triggerResponseSchema = z
  .object({
    action: z.object({ navigations: z.array(z.object({ pushCard: cardSchema }).strict()).min(1) }).strict(),
  })
  .strict();

/** What an action callback answers: navigations and an optional notification. */
export const actionResponseSchema = z
  .object({
    renderActions: z
      .object({
        action: z
          .object({
            navigations: z.array(navigationSchema).min(1).optional(),
            notification: z
              .object({ text: z.string().min(1) })
              .strict()
              .optional(),
          })
          .strict()
          .refine((action) => action.navigations !== undefined || action.notification !== undefined, {
            message: 'an action response navigates or notifies',
          }),
      })
      .strict(),
  })
  .strict();

export const addonResponseSchema = z.union([triggerResponseSchema, actionResponseSchema]);

export type Icon = z.input<typeof iconSchema>;
export type Button = z.input<typeof buttonSchema>;
export type Widget = z.input<typeof widgetSchema>;
export type Section = z.input<typeof sectionSchema>;
export type Card = z.input<typeof cardSchema>;
export type Navigation = z.input<typeof navigationSchema>;
export type TriggerResponse = z.input<typeof triggerResponseSchema>;
export type ActionResponse = z.input<typeof actionResponseSchema>;
export type AddonResponse = z.input<typeof addonResponseSchema>;
