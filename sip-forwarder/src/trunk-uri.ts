import { isIP } from 'node:net';
import type { TrunkConfig } from './config.ts';
import { ForwarderError } from './forwarder-error.ts';

const hostPort = (trunk: TrunkConfig): string => {
  const host = isIP(trunk.host) === 6 ? `[${trunk.host}]` : trunk.host;
  return trunk.port === undefined ? host : `${host}:${trunk.port}`;
};

// Not a phone number parser (routing-core's table schema has already checked each target with
// libphonenumber): a guard that nothing but "+digits" can ever reach a Request-URI or Contact.
const e164Shape = /^\+[1-9][0-9]{1,14}$/;

/**
 * The SIP URI for a phone number at the configured trunk: the only kind of destination the forwarder
 * ever sends to, so it can never be used as an open relay.
 */
export const trunkUri = (phone: string, trunk: TrunkConfig): string => {
  if (!e164Shape.test(phone)) throw new ForwarderError('INTERNAL', 'a routing target is not an E.164 number');
  const transport = trunk.transport === undefined ? '' : `;transport=${trunk.transport}`;
  return `sip:${phone}@${hostPort(trunk)};user=phone${transport}`;
};

/**
 * RFC 5806 Diversion header naming the dialled number as the diverting party. "unconditional": the
 * forwarder diverts every call; the calendar only decides where to.
 */
export const diversionHeader = (did: string, trunk: TrunkConfig): string => {
  if (!e164Shape.test(did)) throw new ForwarderError('INTERNAL', 'a dialled number is not an E.164 number');
  return `<sip:${did}@${hostPort(trunk)};user=phone>;reason=unconditional;counter=1;privacy=off`;
};
