import type { Decision } from '@wygc/routing-core';
import type { Logger } from 'pino';
import type { CallResult } from './call-result.ts';
import type { SipRequest, SipResponse } from './srf-port.ts';
import type { TableEntry } from './table-registry.ts';

/** What every log line about a call carries: the Call-ID, and the tenant and number once known. */
export interface CallLogFields {
  readonly callId: string;
  readonly tenantId?: string;
  readonly numberId?: string;
}

/** One INVITE on its way through the middleware list; each step fills in what it found. */
export interface InboundCall {
  readonly req: SipRequest;
  readonly res: SipResponse;
  readonly callId: string;
  /** A child logger carrying the call's log fields; made on first use, as most calls never need one. */
  readonly log: Logger;
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
  /** Returns a promise only when it has to wait: a synchronous step keeps the call in one turn. */
  handle(call: InboundCall): void | Promise<void>;
}

export const callLogFields = (call: Pick<InboundCall, 'callId' | 'entry'>): CallLogFields =>
  call.entry
    ? { callId: call.callId, tenantId: call.entry.tenantId, numberId: call.entry.numberId }
    : { callId: call.callId };

interface CallInit {
  readonly req: SipRequest;
  readonly res: SipResponse;
  readonly callId: string;
  readonly receivedAt: number;
  /** The parent of the call's child logger. */
  readonly logger: Logger;
}

/**
 * pino serialises a child logger's bindings when it is made, which costs about as much as the one line
 * a redirected call writes (and that line does without it); so the child is made only when asked for,
 * and again once the routing table, and with it the tenant, is known.
 */
class Call implements InboundCall {
  readonly req: SipRequest;
  readonly res: SipResponse;
  readonly callId: string;
  readonly receivedAt: number;
  decisionStartedAt?: number;
  did?: string;
  entry?: TableEntry;
  decision?: Decision;
  result?: CallResult;
  readonly #logger: Logger;
  #log: Logger | undefined;
  #loggedEntry: TableEntry | undefined;

  constructor(init: CallInit) {
    this.req = init.req;
    this.res = init.res;
    this.callId = init.callId;
    this.receivedAt = init.receivedAt;
    this.#logger = init.logger;
  }

  get log(): Logger {
    if (!this.#log || this.#loggedEntry !== this.entry) {
      this.#log = this.#logger.child(callLogFields(this));
      this.#loggedEntry = this.entry;
    }
    return this.#log;
  }
}

export const createInboundCall = (init: CallInit): InboundCall => new Call(init);
