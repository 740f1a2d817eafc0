/**
 * Where an invitee sets their password. The token travels in the fragment, which browsers never send
 * to a server, so it stays out of access logs and Referer headers.
 */
export const invitationUrl = (publicUrl: string, token: string): string =>
  `${publicUrl}/accept-invitation#token=${encodeURIComponent(token)}`;
