import { createHash } from 'node:crypto';

/**
 * Provider event ids can be long and contain "/" (and ICS UIDs often an e-mail-like "@host"), none of
 * which belongs in a document id: the row id is a digest of source and event id instead.
 */
export const eventRowId = (sourceId: string, externalId: string): string =>
  createHash('sha256').update(`${sourceId}\u0000${externalId}`).digest('base64url');
