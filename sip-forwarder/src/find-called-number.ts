import { toE164 } from '@wygc/routing-core';
import type { CountryCode } from 'libphonenumber-js';
import { ForwarderError } from './forwarder-error.ts';
import type { CallMiddleware } from './inbound-call.ts';
import { readCalledUser } from './sip-headers.ts';
import type { TableRegistry } from './table-registry.ts';

const unknownNumber = () => new ForwarderError('UNKNOWN_NUMBER', 'the dialled number has no routing table');

/**
 * Step 2: the dialled number, normalised to E.164, and its routing table from memory (404 when there
 * is none). A user part already in E.164 form is looked up as is: libphonenumber would return it
 * unchanged, and skipping it keeps call setup in microseconds.
 */
export const createFindCalledNumber = (tables: TableRegistry, region: CountryCode): CallMiddleware => ({
  name: 'called-number',
  handle(call) {
    const { user, phone } = readCalledUser(call.req);
    if (!phone) throw unknownNumber();
    // The decision is the lookup plus resolve; reading the headers before it is SIP handling.
    call.decisionStartedAt = performance.now();
    let entry = tables.lookup(user);
    if (!entry) {
      let did: string;
      try {
        did = toE164(user, region);
      } catch {
        throw unknownNumber();
      }
      entry = tables.lookup(did);
      if (!entry) throw unknownNumber();
    }
    call.did = entry.did;
    call.entry = entry;
  },
});
