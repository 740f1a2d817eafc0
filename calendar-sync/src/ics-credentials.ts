import { z } from 'zod';
import { SyncError } from './sync-error.ts';

/** A CalendarSource's credentials for an ICS feed or CalDAV server: none, basic auth, or a bearer token. */
export const icsCredentialsSchema = z.union([
  z.object({ username: z.string().min(1), password: z.string() }).strict(),
  z.object({ bearer: z.string().min(1) }).strict(),
  z.object({}).strict(),
]);

export type IcsCredentials = z.infer<typeof icsCredentialsSchema>;

/** The Authorization header for the credentials, if any; the message never repeats their values. */
export const icsAuthorization = (credentials: unknown): string | undefined => {
  const result = icsCredentialsSchema.safeParse(credentials);
  if (!result.success) {
    throw new SyncError(
      'INVALID_CONFIG',
      'calendar credentials must be { username, password } or { bearer }',
    );
  }
  const value = result.data;
  if ('bearer' in value) return `Bearer ${value.bearer}`;
  if ('username' in value)
    return `Basic ${Buffer.from(`${value.username}:${value.password}`, 'utf8').toString('base64')}`;
  return undefined;
};
