import { z } from 'zod';
import { ForwarderError } from './forwarder-error.ts';
import type { SipRequest } from './srf-port.ts';

// The headers the forwarder reads, checked before use: everything in a SIP request is caller-controlled.

const callIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x7e]+$/, 'Call-ID must be visible ASCII without spaces');

const uriSchema = z.string().min(1).max(2048);

/** What drachtio-srf's getParsedHeader('to'/'from') returns: the name-addr split up. */
const nameAddrSchema = z.object({ uri: uriSchema }).loose();

/**
 * A telephone-subscriber user part (RFC 3966 phonedigits, visual separators allowed). Anything else
 * ("alice", "*31#") cannot be one of our numbers.
 */
const phoneUserSchema = z
  .string()
  .max(64)
  .regex(/^\+?[0-9().\- ]{1,40}$/);

const malformed = (message: string, cause?: unknown) =>
  new ForwarderError('MALFORMED_REQUEST', message, cause === undefined ? {} : { cause });

export const readCallId = (req: SipRequest): string => {
  let value: unknown;
  try {
    value = req.get('Call-ID');
  } catch (cause) {
    throw malformed('unreadable Call-ID', cause);
  }
  const result = callIdSchema.safeParse(value);
  if (!result.success) throw malformed('missing or invalid Call-ID', result.error);
  return result.data;
};

/** The user part of a sip:, sips: or tel: URI, percent-decoded; undefined when it has none. */
export const userPartOf = (uri: string): string | undefined => {
  const sip = /^sips?:([^@]*)@/i.exec(uri);
  const tel = sip ? undefined : /^tel:([^;?]+)/i.exec(uri);
  const raw = (sip ?? tel)?.[1]?.split(';')[0];
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
};

const parsedUri = (req: SipRequest, header: 'to' | 'from' | 'p-asserted-identity'): string | undefined => {
  let value: unknown;
  try {
    if (!req.has(header)) return undefined;
    value = req.getParsedHeader(header);
  } catch (cause) {
    throw malformed(`unparseable ${header} header`, cause);
  }
  const result = nameAddrSchema.safeParse(value);
  if (!result.success) throw malformed(`invalid ${header} header`, result.error);
  return result.data.uri;
};

/**
 * Who was dialled, as written: the Request-URI's user part, else the To header's (DESIGN.md §6).
 * Undefined when it is not a telephone number at all; MALFORMED_REQUEST when there is no user part
 * anywhere or the headers cannot be read.
 */
export const readCalledUser = (req: SipRequest): { user: string; phone: boolean } => {
  const requestUri = uriSchema.safeParse(req.uri);
  if (!requestUri.success) throw malformed('missing or invalid Request-URI', requestUri.error);
  const user = userPartOf(requestUri.data) ?? userPartOfHeader(req, 'to');
  if (user === undefined || user === '') throw malformed('no user part in the Request-URI or To header');
  return { user, phone: phoneUserSchema.safeParse(user).success };
};

const userPartOfHeader = (req: SipRequest, header: 'to' | 'from' | 'p-asserted-identity') => {
  const uri = parsedUri(req, header);
  return uri === undefined ? undefined : userPartOf(uri);
};

/**
 * The caller's number as presented (P-Asserted-Identity first, else From), or undefined when it is
 * withheld, absent or not a telephone number. Never throws: a call is not refused over its caller id.
 */
export const readCallerUser = (req: SipRequest): string | undefined => {
  for (const header of ['p-asserted-identity', 'from'] as const) {
    try {
      const user = userPartOfHeader(req, header);
      if (user !== undefined && phoneUserSchema.safeParse(user).success) return user;
    } catch {
      // An unreadable identity header is as good as none.
    }
  }
  return undefined;
};
