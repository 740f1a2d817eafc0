import type { NewCallRecord } from '@wygc/routing-core';
import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from 'pino';
import type { CallRecorder } from './call-recorder.ts';
import type { CallResult } from './call-result.ts';
import { createCallerNumber } from './caller-number.ts';
import type { ForwardMode } from './config.ts';
import { type ForwarderErrorCode, isForwarderError, sipStatusOf } from './forwarder-error.ts';
import type { CallMetricOutcome, ForwarderMetrics } from './forwarder-metrics.ts';
import { type CallMiddleware, callLogFields, createInboundCall, type InboundCall } from './inbound-call.ts';
import { readCallId } from './sip-headers.ts';
import type { SipRequest, SipResponse } from './srf-port.ts';

export interface InviteHandlerDependencies {
  /** Run in order; the last one forwards the call. */
  readonly steps: readonly CallMiddleware[];
  readonly recorder: CallRecorder;
  readonly metrics: ForwarderMetrics;
  readonly mode: ForwardMode;
  readonly region: CountryCode;
  readonly logger: Logger;
  readonly clock: () => number;
}

/** Handles one INVITE; never rejects, whatever the request holds. */
export type HandleInvite = (req: SipRequest, res: SipResponse) => Promise<void>;

export interface InviteHandler {
  readonly handle: HandleInvite;
  /** Answered b2bua calls still up, whose records wait for the hangup. */
  readonly activeCalls: number;
  /** On shutdown: writes the records of calls still up, ended now. */
  endActiveCalls(): void;
}

const refusalOutcome: Readonly<Record<ForwarderErrorCode, CallMetricOutcome>> = {
  UNTRUSTED_SOURCE: 'forbidden',
  MALFORMED_REQUEST: 'malformed',
  UNKNOWN_NUMBER: 'unknown-number',
  NO_TARGET: 'refused',
  INVALID_CONFIG: 'error',
  INVALID_SNAPSHOT: 'error',
  INTERNAL: 'error',
};

type Level = 'info' | 'warn' | 'error';

export const createInviteHandler = (deps: InviteHandlerDependencies): InviteHandler => {
  const { metrics, mode, recorder, clock, logger } = deps;
  const active = new Map<InboundCall, CallResult>();
  const callerOf = createCallerNumber(deps.region);

  const record = (call: InboundCall, result: CallResult, endedAt: number) => {
    const { entry, decision } = call;
    if (!entry || !decision || call.did === undefined) return;
    const callRecord: NewCallRecord = {
      callId: call.callId,
      did: call.did,
      caller: callerOf(call.req),
      startedAt: call.receivedAt,
      endedAt,
      tableVersion: entry.version,
      reason: decision.reason,
      attempts: result.attempts,
      outcome: result.outcome,
      ...(result.answeredBy === undefined ? {} : { answeredBy: result.answeredBy }),
    };
    recorder.record(entry.tenantId, callRecord);
  };

  /**
   * A line about a call, through the handler's logger with the call's fields: the same line a child
   * logger would write, without making one per call (see createInboundCall).
   */
  const logCall = (level: Level, call: InboundCall | undefined, details: object, message: string) => {
    if (!logger.isLevelEnabled(level)) return;
    logger[level](call ? { ...callLogFields(call), ...details } : details, message);
  };

  const finish = (call: InboundCall, result: CallResult) => {
    metrics.calls.inc({ mode, outcome: result.outcome });
    const last = result.attempts.at(-1);
    logCall(
      'info',
      call,
      {
        outcome: result.outcome,
        reason: call.decision?.reason,
        tableVersion: call.entry?.version,
        attempts: result.attempts.length,
        status: last?.sipStatus,
        setupMs: result.endedAt - call.receivedAt,
      },
      'call forwarded',
    );
    if (!result.hangup) {
      record(call, result, result.endedAt);
      return;
    }
    active.set(call, result);
    void result.hangup.then((endedAt) => {
      if (!active.delete(call)) return;
      logCall('info', call, { durationMs: endedAt - result.endedAt }, 'call ended');
      record(call, result, endedAt);
    });
  };

  const refuse = (call: InboundCall | undefined, res: SipResponse, step: string, error: unknown) => {
    const { status, reason } = sipStatusOf(error);
    try {
      if (!res.finalResponseSent) res.send(status, reason, {});
    } catch (sendError) {
      logCall('error', call, { err: sendError }, 'could not send the final response');
    }
    const code = isForwarderError(error) ? error.code : 'INTERNAL';
    const details = { step, status, code };
    if (code === 'INTERNAL') logCall('error', call, { ...details, err: error }, 'call failed');
    else if (code === 'UNTRUSTED_SOURCE')
      logCall('warn', call, { ...details, source: call?.req.source_address }, 'call refused');
    else logCall('info', call, { ...details, message: (error as Error).message }, 'call refused');
    metrics.calls.inc({ mode, outcome: refusalOutcome[code] });
    if (call?.entry && call.decision) {
      const outcome = code === 'NO_TARGET' ? 'refused' : 'failed';
      record(call, { outcome, attempts: [], endedAt: clock() }, clock());
    }
  };

  const handle: HandleInvite = async (req, res) => {
    const receivedAt = clock();
    let call: InboundCall | undefined;
    let step = 'call-id';
    try {
      const callId = readCallId(req);
      call = createInboundCall({ req, res, callId, receivedAt, logger });
      for (const middleware of deps.steps) {
        step = middleware.name;
        const pending = middleware.handle(call);
        // Synchronous steps stay synchronous: no extra turn of the event loop on the call path.
        if (pending) await pending;
      }
    } catch (error) {
      refuse(call, res, step, error);
      return;
    }
    try {
      if (call.result) finish(call, call.result);
    } catch (error) {
      logCall('error', call, { err: error }, 'could not record the call');
    }
  };

  return {
    handle,
    get activeCalls() {
      return active.size;
    },
    endActiveCalls() {
      const now = clock();
      for (const [call, result] of active) record(call, result, now);
      active.clear();
    },
  };
};
