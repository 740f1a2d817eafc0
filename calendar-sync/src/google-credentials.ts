import { z } from 'zod';
import { SyncError } from './sync-error.ts';

/**
 * A Google source's credentials: a user's offline consent (the refresh token from the OAuth connect
 * flow), or, for Workspace customers, the user our service account impersonates by domain-wide delegation.
 */
export const googleCredentialsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('oauth'), refreshToken: z.string().min(1) }),
  z.object({ type: z.literal('delegation'), subject: z.email() }),
]);

export type GoogleCredentials = z.infer<typeof googleCredentialsSchema>;

/** The message never repeats the values: they are secrets or e-mail addresses. */
export const parseGoogleCredentials = (credentials: unknown): GoogleCredentials => {
  const result = googleCredentialsSchema.safeParse(credentials);
  if (!result.success) {
    throw new SyncError(
      'INVALID_CONFIG',
      'Google credentials must be { type: "oauth", refreshToken } or { type: "delegation", subject }',
    );
  }
  return result.data;
};
