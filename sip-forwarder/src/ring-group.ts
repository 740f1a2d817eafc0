import type { CallAttempt } from '@wygc/routing-core';
import type { Logger } from 'pino';
import type { PlannedAttempt, PlannedTarget } from './forward-plan.ts';
import type { B2buaOptions, SentRequest, SipDialog, SipRequest, SipResponse, SrfPort } from './srf-port.ts';

export interface RingGroupOptions {
  readonly srf: SrfPort;
  readonly req: SipRequest;
  readonly res: SipResponse;
  readonly attempt: PlannedAttempt;
  readonly legOptions: Omit<B2buaOptions, 'headers'> & { readonly headers: Readonly<Record<string, string>> };
  readonly log: Logger;
  readonly clock: () => number;
  /** Called once, as soon as a leg is connected end to end: the caller is talking to `target`. */
  readonly onAnswered: (target: PlannedTarget, dialogs: { uas: SipDialog; uac: SipDialog }) => void;
  /** Hands over a function that stops the legs that are not yet sent, for the caller's CANCEL. */
  readonly onCallerCancel: (stop: () => void) => void;
}

export interface RingGroupResult {
  readonly answered: boolean;
  readonly attempts: CallAttempt[];
}

type StopReason = 'ring-timeout' | 'answered-elsewhere' | 'caller-cancel';

interface Leg {
  readonly target: PlannedTarget;
  readonly startedAt: number;
  sent?: SentRequest;
  stopped?: StopReason;
  /** The target answered (cbFinalizedUac), whether or not this leg ended up connected. */
  answered: boolean;
}

/** A ring time that ran out: the CANCEL was ours, so the 487 it brings back says nothing about the target. */
export const ringTimeoutStatus = 408;

const statusOf = (error: unknown): number =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
    ? error.status
    : 500;

// createB2BUA leaves these handlers on the caller's request; those of failed legs must go, or a later
// CANCEL would cancel finished transactions again.
const legEvents = ['cancel', 'update'] as const;

const snapshotListeners = (req: SipRequest) => new Set(legEvents.flatMap((event) => req.listeners(event)));

const removeLegListeners = (req: SipRequest, keep: ReadonlySet<unknown>) => {
  for (const event of legEvents) {
    for (const listener of req.listeners(event)) {
      if (!keep.has(listener)) req.removeListener(event, listener);
    }
  }
};

/**
 * Rings one attempt: a B2BUA leg per target, all at once (a `+` group), for the attempt's ring time.
 * The first leg to answer wins and the others are cancelled; when the ring time runs out every leg
 * still ringing is cancelled.
 */
export const ringGroup = async (options: RingGroupOptions): Promise<RingGroupResult> => {
  const { srf, req, res, attempt, log, clock } = options;
  const keep = snapshotListeners(req);
  let winner: Leg | undefined;
  let connected = false;
  const legs: Leg[] = attempt.targets.map((target) => ({ target, startedAt: clock(), answered: false }));

  const cancelLeg = (leg: Leg, reason: StopReason) => {
    leg.stopped ??= reason;
    if (!leg.sent) return;
    try {
      leg.sent.cancel();
    } catch (error) {
      log.debug({ err: error }, 'CANCEL of a leg failed; it has already ended');
    }
  };
  const cancelOthers = (reason: StopReason, except?: Leg) => {
    for (const leg of legs) if (leg !== except && !leg.answered && !leg.stopped) cancelLeg(leg, reason);
  };

  const timer = setTimeout(() => {
    log.debug({ targets: legs.length }, 'ring time over; cancelling the legs still ringing');
    cancelOthers('ring-timeout');
  }, attempt.ringSeconds * 1000);
  // The caller's CANCEL reaches every sent leg through createB2BUA's own handler; only legs whose INVITE
  // is not out yet need stopping here.
  options.onCallerCancel(() => {
    for (const leg of legs) if (!leg.sent) leg.stopped ??= 'caller-cancel';
  });

  const ring = async (leg: Leg): Promise<CallAttempt> => {
    let sipStatus: number;
    try {
      const dialogs = await srf.createB2BUA(
        req,
        res,
        leg.target.uri,
        { ...options.legOptions, headers: { ...options.legOptions.headers } },
        {
          cbRequest: (error, request) => {
            if (error) return;
            leg.sent = request;
            if (leg.stopped) cancelLeg(leg, leg.stopped);
          },
          cbFinalizedUac: () => {
            leg.answered = true;
            if (winner) return;
            winner = leg;
            clearTimeout(timer);
            cancelOthers('answered-elsewhere', leg);
          },
        },
      );
      sipStatus = 200;
      connected = true;
      options.onAnswered(leg.target, dialogs);
    } catch (error) {
      const status = statusOf(error);
      // A leg that answered just after another won was hung up by createB2BUA; it did answer, though.
      if (leg.answered) sipStatus = 200;
      else if (leg.stopped === 'ring-timeout' && status === 487) sipStatus = ringTimeoutStatus;
      else sipStatus = status;
    }
    return {
      ...(leg.target.key === undefined ? {} : { key: leg.target.key }),
      phone: leg.target.phone,
      sipStatus,
      ms: clock() - leg.startedAt,
    };
  };

  const attempts = await Promise.all(legs.map(ring));
  clearTimeout(timer);
  if (!connected) removeLegListeners(req, keep);
  return { answered: connected, attempts };
};
