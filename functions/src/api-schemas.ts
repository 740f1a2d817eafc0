import { z } from '@hono/zod-openapi';

/** Shapes shared by several route groups, registered once in the OpenAPI document. */
export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

export const idParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const errorResponses = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: errorSchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: errorSchema } } },
  403: { description: 'Not allowed for this role', content: { 'application/json': { schema: errorSchema } } },
  404: {
    description: 'Not found in your organisation',
    content: { 'application/json': { schema: errorSchema } },
  },
} as const;

export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/**
 * An instant with an explicit offset ("2027-03-27T00:00:00+01:00" or "…Z"), read as epoch milliseconds.
 * An unencoded "+" in a query string arrives as a space, so a trailing " HH:MM" is read as "+HH:MM".
 */
export const instantSchema = z
  .string()
  .max(40)
  .transform((value) => value.replace(/ (\d{2}:\d{2})$/, '+$1'))
  .pipe(z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant with seconds and an offset' }))
  .transform((value) => Date.parse(value))
  .openapi({ type: 'string', format: 'date-time', example: '2027-03-27T00:00:00+01:00' });

/** A time-ordered listing (newest first): a period and a page of it. */
export const periodPageQuerySchema = z
  .object({
    from: instantSchema
      .optional()
      .openapi({ param: { name: 'from', in: 'query' }, description: 'Inclusive' }),
    to: instantSchema.optional().openapi({ param: { name: 'to', in: 'query' }, description: 'Exclusive' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .optional()
      .openapi({ param: { name: 'limit', in: 'query' }, example: 50 }),
    cursor: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .openapi({ param: { name: 'cursor', in: 'query' }, description: "The previous page's nextCursor" }),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    message: 'must not be before from',
    path: ['to'],
  });
