import { z } from 'zod';
import type { ContactDirectory } from './contact-directory.ts';
import { toE164 } from './phone-number.ts';
import { RoutingError } from './routing-error.ts';
import { overlapPolicies, type RoutingTarget, ringStrategies } from './routing-table.ts';

/** How one routed number rings: settings a tenant administrator chooses. */
export const numberSettingsSchema = z.object({
  did: z.string().optional(),
  /** A contact key or a phone number; rings last, and alone when nobody is on duty. */
  fallback: z.string().trim().min(1).nullable().optional(),
  ringSeconds: z.number().int().min(5).max(300).default(20),
  strategy: z.enum(ringStrategies).default('sequential'),
  overlapPolicy: z.enum(overlapPolicies).default('layered'),
});

export type NumberSettingsInput = z.input<typeof numberSettingsSchema>;
export type NumberSettings = z.output<typeof numberSettingsSchema>;

/** Settings from outside (an admin, a store document) to their defaults-applied form, or INVALID_ARGUMENT. */
export const parseNumberSettings = (input: unknown): NumberSettings => {
  const result = numberSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new RoutingError('INVALID_ARGUMENT', `number settings: ${issue?.message ?? 'invalid'}`, {
    field: issue?.path.join('.') || undefined,
    cause: result.error,
  });
};

/** A contact key wins over a phone number, so a digits-only key like "112" still means the contact. */
export const resolveFallback = (
  fallback: string | null | undefined,
  directory: ContactDirectory,
): RoutingTarget | null => {
  if (fallback === undefined || fallback === null) return null;
  const contact = directory.find(fallback);
  if (contact) return { key: contact.key, phone: contact.phone };
  try {
    return { phone: toE164(fallback) };
  } catch (cause) {
    throw new RoutingError(
      'INVALID_FALLBACK',
      'the fallback is neither a contact key nor a valid phone number',
      {
        field: 'fallback',
        cause,
      },
    );
  }
};
