import type { Decision } from '@wygc/routing-core';
import type { Logger } from 'pino';
import type { CallResult } from './call-result.ts';
import type { SipRequest, SipResponse } from './srf-port.ts';
import type { TableEntry } from './table-registry.ts';

/** One INVITE on its way through the middleware list; each step fills in what it found. */
export interface InboundCall {
  readonly req: SipRequest;
  readonly res: SipResponse;
  readonly callId: string;
  /** A child logger carrying the Call-ID (and the tenant and number once known). */
  log: Logger;
  /** Epoch ms when the forwarder got the INVITE. */
  readonly receivedAt: number;
  /** performance.now() when the table lookup began: the start of the decision. */
  decisionStartedAt?: number;
  /** The dialled number, E.164. */
  did?: string;
  entry?: TableEntry;
  decision?: Decision;
  /** Set by the last step once the call has been forwarded. */
  result?: CallResult;
}

/** A named step; it throws a ForwarderError to refuse the call, and the last step answers it. */
export interface CallMiddleware {
  readonly name: string;
  handle(call: InboundCall): void | Promise<void>;
}
