import { z } from 'zod';
import { type E164, toE164 } from './phone-number.ts';
import { RoutingError } from './routing-error.ts';

/** A contact key is one subject token: a run of Unicode letters and digits, e.g. "JD". */
export const contactKeyPattern = /^[\p{L}\p{N}]{1,16}$/u;

export const contactInputSchema = z.object({
  // NFC first: a key typed with a decomposed accent ("E" + U+0301) is still the letters "ÉB".
  key: z
    .string()
    .trim()
    .normalize('NFC')
    .regex(contactKeyPattern, 'a key is 1 to 16 letters or digits, e.g. "JD"'),
  phone: z.string().trim().min(1, 'phone is required'),
  description: z.string().trim().max(80, 'description is at most 80 characters').optional(),
});

export type ContactInput = z.input<typeof contactInputSchema>;

export interface Contact {
  readonly key: string;
  readonly phone: E164;
  readonly description?: string;
}

/** Validates one contact from outside: key shape, E.164 phone (default region NL), description length. */
export const parseContact = (input: unknown): Contact => {
  const result = contactInputSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    throw new RoutingError('INVALID_CONTACT', issue?.message ?? 'invalid contact', { field });
  }
  const { key, phone, description } = result.data;
  let e164: E164;
  try {
    e164 = toE164(phone);
  } catch (cause) {
    throw new RoutingError('INVALID_CONTACT', `contact ${key}: phone is not a valid phone number`, {
      field: 'phone',
      cause,
    });
  }
  return description ? { key, phone: e164, description } : { key, phone: e164 };
};
