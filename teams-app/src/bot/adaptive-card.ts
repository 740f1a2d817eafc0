import { z } from 'zod';

// The subset of Adaptive Cards 1.5 the bot sends, checked before sending: a card Teams cannot render
// is dropped silently on the client, so a mistake must fail here instead.

const spacing = z.enum(['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding']);

const textBlockSchema = z
  .object({
    type: z.literal('TextBlock'),
    text: z.string().min(1),
    wrap: z.boolean().optional(),
    weight: z.enum(['Default', 'Lighter', 'Bolder']).optional(),
    size: z.enum(['Small', 'Default', 'Medium', 'Large', 'ExtraLarge']).optional(),
    color: z.enum(['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention']).optional(),
    isSubtle: z.boolean().optional(),
    spacing: spacing.optional(),
    separator: z.boolean().optional(),
  })
  .strict();

const factSetSchema = z
  .object({
    type: z.literal('FactSet'),
    facts: z.array(z.object({ title: z.string().min(1), value: z.string().min(1) }).strict()).min(1),
    spacing: spacing.optional(),
    separator: z.boolean().optional(),
  })
  .strict();

const containerSchema = z
  .object({
    type: z.literal('Container'),
    items: z.array(z.discriminatedUnion('type', [textBlockSchema, factSetSchema])).min(1),
    style: z.enum(['default', 'emphasis', 'good', 'attention', 'warning', 'accent']).optional(),
    spacing: spacing.optional(),
    separator: z.boolean().optional(),
  })
  .strict();

const submitActionSchema = z
  .object({
    type: z.literal('Action.Submit'),
    title: z.string().min(1),
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const adaptiveCardSchema = z
  .object({
    type: z.literal('AdaptiveCard'),
    $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json'),
    version: z.literal('1.5'),
    body: z.array(z.discriminatedUnion('type', [textBlockSchema, factSetSchema, containerSchema])).min(1),
    actions: z.array(submitActionSchema).max(6).optional(),
    /** Teams-specific: use the full width of the conversation. */
    msteams: z
      .object({ width: z.literal('Full') })
      .strict()
      .optional(),
  })
  .strict();

export type AdaptiveCard = z.infer<typeof adaptiveCardSchema>;
export type AdaptiveCardElement = AdaptiveCard['body'][number];
export type TextBlock = z.infer<typeof textBlockSchema>;
export type FactSet = z.infer<typeof factSetSchema>;
export type ContainerItem = TextBlock | FactSet;
export type SubmitAction = z.infer<typeof submitActionSchema>;

/** Checks a card against the subset; throws with the path of the first problem. */
export const parseAdaptiveCard = (card: unknown): AdaptiveCard => {
  const result = adaptiveCardSchema.safeParse(card);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`adaptive card: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return result.data;
};
