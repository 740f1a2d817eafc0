import { b2buaCall } from './b2bua-call.ts';
import type { ForwardMode, PresentedCaller, TrunkConfig } from './config.ts';
import type { ForwardPlan, ForwardPlanner } from './forward-plan.ts';
import { ForwarderError } from './forwarder-error.ts';
import type { CallMiddleware, InboundCall } from './inbound-call.ts';
import { proxyCall } from './proxy-call.ts';
import { redirectCall } from './redirect-call.ts';
import type { SipHeaders, SrfPort } from './srf-port.ts';
import { diversionHeader } from './trunk-uri.ts';

export interface ForwardCallDependencies {
  readonly mode: ForwardMode;
  readonly srf: SrfPort;
  readonly trunk: TrunkConfig;
  readonly planner: ForwardPlanner;
  readonly presentedCaller: PresentedCaller;
  readonly proxyProvisionalTimeoutMs?: number;
  readonly clock: () => number;
}

/** proxy and b2bua modes wait for the targets' answers. */
const stayInCall = async (
  deps: ForwardCallDependencies,
  call: InboundCall,
  plan: ForwardPlan,
  headers: SipHeaders,
  did: string,
): Promise<void> => {
  const { req, res, log } = call;
  call.result =
    deps.mode === 'proxy'
      ? await proxyCall({
          srf: deps.srf,
          req,
          res,
          plan,
          headers,
          ...(deps.proxyProvisionalTimeoutMs === undefined
            ? {}
            : { provisionalTimeoutMs: deps.proxyProvisionalTimeoutMs }),
          log,
          clock: deps.clock,
        })
      : await b2buaCall({
          srf: deps.srf,
          req,
          res,
          plan,
          headers,
          ...(deps.presentedCaller === 'dialled' ? { presentNumber: did } : {}),
          log,
          clock: deps.clock,
        });
};

/** Step 4: sends the call on to the targets in the configured mode, marked with a Diversion header. */
export const createForwardCall = (deps: ForwardCallDependencies): CallMiddleware => ({
  name: 'forward',
  handle(call) {
    const { decision, did } = call;
    if (!decision || did === undefined) {
      throw new ForwarderError('INTERNAL', 'forward step reached without a decision');
    }
    const plan = deps.planner(decision);
    const headers = { Diversion: diversionHeader(did, deps.trunk) };
    // A 302 needs no answer from anyone: the call is done in the turn its INVITE arrived in.
    if (deps.mode === 'redirect') {
      call.result = redirectCall(call.res, plan, headers, deps.clock);
      return;
    }
    return stayInCall(deps, call, plan, headers, did);
  },
});
