import { ForwarderError } from './forwarder-error.ts';
import type { CallMiddleware } from './inbound-call.ts';
import type { TrustedSources } from './trusted-sources.ts';

/** Step 1: only the configured SBC / trunk may send calls (403 for anyone else). */
export const createCheckSource = (trusted: TrustedSources): CallMiddleware => ({
  name: 'source-check',
  handle(call) {
    if (!trusted.has(call.req.source_address)) {
      throw new ForwarderError('UNTRUSTED_SOURCE', 'INVITE from an address that is not a trusted source');
    }
  },
});
