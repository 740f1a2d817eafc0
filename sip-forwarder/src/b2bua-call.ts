import type { CallAttempt } from '@wygc/routing-core';
import type { Logger } from 'pino';
import type { CallResult } from './call-result.ts';
import type { ForwardPlan, PlannedTarget } from './forward-plan.ts';
import { ringGroup, ringTimeoutStatus } from './ring-group.ts';
import type { SipDialog, SipHeaders, SipRequest, SipResponse, SrfPort } from './srf-port.ts';

export interface B2buaCallOptions {
  readonly srf: SrfPort;
  readonly req: SipRequest;
  readonly res: SipResponse;
  readonly plan: ForwardPlan;
  /** Added to every leg's INVITE (the Diversion header). */
  readonly headers: SipHeaders;
  /** Present the dialled number instead of the caller's (configuration); undefined keeps the caller's. */
  readonly presentNumber?: string;
  readonly log: Logger;
  readonly clock: () => number;
}

/** The caller's identity headers, passed on unchanged unless the dialled number is presented instead. */
const identityHeaders = ['P-Asserted-Identity', 'P-Preferred-Identity', 'Privacy', 'Remote-Party-ID'];

const isBusy = (attempt: CallAttempt) => attempt.sipStatus === 486 || attempt.sipStatus === 600;

/** Joins the two legs' fates and resolves with the time the first of them hangs up. */
const hangupOf = (dialogs: { uas: SipDialog; uac: SipDialog }, clock: () => number): Promise<number> =>
  new Promise((resolve) => {
    let ended = false;
    const end = (other: SipDialog) => {
      if (ended) return;
      ended = true;
      resolve(clock());
      other.destroy();
    };
    dialogs.uas.on('destroy', () => end(dialogs.uac));
    dialogs.uac.on('destroy', () => end(dialogs.uas));
  });

/**
 * b2bua mode: the forwarder answers the caller itself once a target answers, ringing one attempt after
 * another (each for its ring time, a `+` group all at once) and hunting on to the fallback.
 */
export const b2buaCall = async (options: B2buaCallOptions): Promise<CallResult> => {
  const { req, res, plan, log, clock } = options;
  const attempts: CallAttempt[] = [];
  // Written by event handlers while the attempts run.
  const state: {
    callerCancelled: boolean;
    stopUnsent?: () => void;
    answered?: { target: PlannedTarget; hangup: Promise<number> };
  } = { callerCancelled: false };

  const onCancel = () => {
    state.callerCancelled = true;
    state.stopUnsent?.();
    // Between two attempts no leg's handler is there to answer the caller's INVITE.
    if (!res.finalResponseSent) res.send(487, 'Request Terminated', {});
  };
  req.on('cancel', onCancel);

  const legOptions = {
    headers: options.headers,
    proxyRequestHeaders: options.presentNumber === undefined ? identityHeaders : [],
    passFailure: false,
    passProvisionalResponses: true,
    ...(options.presentNumber === undefined ? {} : { callingNumber: options.presentNumber }),
  };

  try {
    for (const [index, attempt] of plan.attempts.entries()) {
      if (state.callerCancelled || res.finalResponseSent) break;
      if (index > 0) log.debug({ attempt: index + 1 }, 'hunting to the next attempt');
      const group = await ringGroup({
        srf: options.srf,
        req,
        res,
        attempt,
        legOptions,
        log,
        clock,
        onAnswered: (target, dialogs) => {
          state.answered = { target, hangup: hangupOf(dialogs, clock) };
        },
        onCallerCancel: (stop) => {
          state.stopUnsent = stop;
        },
      });
      attempts.push(...group.attempts);
      if (state.answered) break;
    }
  } finally {
    req.removeListener('cancel', onCancel);
  }

  const { answered } = state;
  if (answered) {
    return {
      outcome: 'answered',
      attempts,
      answeredBy: answered.target.key ?? answered.target.phone,
      endedAt: clock(),
      hangup: answered.hangup,
    };
  }
  if (state.callerCancelled) return { outcome: 'cancelled', attempts, endedAt: clock() };
  const busy = attempts.length > 0 && attempts.every(isBusy);
  if (!res.finalResponseSent) {
    res.send(busy ? 486 : 480, busy ? 'Busy Here' : 'Temporarily Unavailable', {});
  }
  const noAnswer = attempts.some((attempt) => attempt.sipStatus === ringTimeoutStatus);
  return { outcome: busy ? 'busy' : noAnswer ? 'no-answer' : 'failed', attempts, endedAt: clock() };
};
