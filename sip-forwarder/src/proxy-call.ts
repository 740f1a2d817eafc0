import type { CallAttempt } from '@wygc/routing-core';
import type { Logger } from 'pino';
import { type CallResult, outcomeOfStatus } from './call-result.ts';
import type { ForwardPlan } from './forward-plan.ts';
import type { ProxyOptions, ProxyResult, SipHeaders, SipRequest, SipResponse, SrfPort } from './srf-port.ts';
import { parseStackTime, stackTimeDifference } from './stack-time.ts';

export interface ProxyCallOptions {
  readonly srf: SrfPort;
  readonly req: SipRequest;
  readonly res: SipResponse;
  readonly plan: ForwardPlan;
  readonly headers: SipHeaders;
  readonly provisionalTimeoutMs?: number;
  readonly log: Logger;
  readonly clock: () => number;
}

/**
 * drachtio-server forks a proxied INVITE one way only, all in sequence or all at once. A decision that
 * is one `+` group rings it at once; any other rings target after target in the written order (a `+`
 * group followed by more attempts is rung one by one: b2bua mode rings such groups together).
 */
export const forkingOf = (plan: ForwardPlan): ProxyOptions['forking'] =>
  plan.attempts.length === 1 && plan.targets.length > 1 ? 'simultaneous' : 'sequential';

/** Final responses in arrival order, each with its drachtio stack time. */
const finalResponses = (result: ProxyResult) =>
  result.responses.flatMap((fork) => fork.msgs).filter((msg) => msg.status >= 200);

/**
 * Attributes the final responses to targets. In sequence the n-th final response is the n-th target's,
 * and its ring time runs from the previous one. Forks rung at once cannot be told apart in the proxy's
 * report, so each target gets the fork's final status and the time to it.
 */
export const proxyAttempts = (
  plan: ForwardPlan,
  forking: ProxyOptions['forking'],
  result: ProxyResult,
  startedAt: number | undefined,
): CallAttempt[] => {
  const responses = finalResponses(result);
  const attempt = (index: number, sipStatus: number, ms: number): CallAttempt => {
    const target = plan.targets[index];
    return {
      ...(target?.key === undefined ? {} : { key: target.key }),
      phone: target?.phone ?? '',
      sipStatus,
      ms: Math.max(0, Math.round(ms)),
    };
  };
  const elapsed = (from: number | undefined, time: string | undefined) => {
    const to = parseStackTime(time);
    return from === undefined || to === undefined ? 0 : stackTimeDifference(from, to);
  };
  if (forking === 'simultaneous') {
    const last = responses.at(-1);
    const status = result.finalStatus ?? last?.status ?? 408;
    const ms = elapsed(startedAt, last?.time);
    return plan.targets.map((_, index) => attempt(index, status, ms));
  }
  let previous = startedAt;
  return responses.slice(0, plan.targets.length).map((response, index) => {
    const ms = elapsed(previous, response.time);
    previous = parseStackTime(response.time) ?? previous;
    return attempt(index, response.status, ms);
  });
};

/**
 * proxy mode: drachtio-server forwards the INVITE to the targets at the trunk and relays the answer;
 * the forwarder is out of the call once it is set up (no Record-Route).
 */
export const proxyCall = async (options: ProxyCallOptions): Promise<CallResult> => {
  const { srf, req, plan, clock, log } = options;
  const forking = forkingOf(plan);
  const ringSeconds = Math.max(...plan.attempts.map((attempt) => attempt.ringSeconds));
  const proxyOptions: ProxyOptions = {
    forking,
    remainInDialog: false,
    // drachtio-server accepts finalTimeout but (up to 0.9.x) never arms a timer for it: a target that
    // rings without answering is given up on only at its timer C. b2bua mode keeps ring times exactly.
    finalTimeout: `${ringSeconds}s`,
    ...(options.provisionalTimeoutMs === undefined
      ? {}
      : { provisionalTimeout: `${options.provisionalTimeoutMs}ms` }),
    followRedirects: false,
    headers: options.headers,
  };
  if (plan.attempts.length > 1 && plan.attempts.some((attempt) => attempt.targets.length > 1)) {
    log.debug(
      { attempts: plan.attempts.length },
      'proxy mode rings a group followed by more attempts in sequence',
    );
  }
  let result: ProxyResult;
  try {
    result = await srf.proxyRequest(
      req,
      plan.targets.map((target) => target.uri),
      proxyOptions,
    );
  } catch (error) {
    log.error({ err: error }, 'drachtio-server could not proxy the call');
    if (!options.res.finalResponseSent) options.res.send(503, 'Service Unavailable', {});
    return { outcome: 'failed', attempts: [], endedAt: clock() };
  }
  const status = result.finalStatus ?? 408;
  return {
    outcome: outcomeOfStatus(status, false),
    attempts: proxyAttempts(plan, forking, result, parseStackTime(req.stackTime)),
    endedAt: clock(),
  };
};
