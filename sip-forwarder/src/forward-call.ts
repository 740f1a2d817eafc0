import { b2buaCall } from './b2bua-call.ts';
import type { CallResult } from './call-result.ts';
import type { ForwardMode, PresentedCaller, TrunkConfig } from './config.ts';
import type { ForwardPlanner } from './forward-plan.ts';
import { ForwarderError } from './forwarder-error.ts';
import type { CallMiddleware } from './inbound-call.ts';
import { proxyCall } from './proxy-call.ts';
import { redirectCall } from './redirect-call.ts';
import type { SrfPort } from './srf-port.ts';
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

/** Step 4: sends the call on to the targets in the configured mode, marked with a Diversion header. */
export const createForwardCall = (deps: ForwardCallDependencies): CallMiddleware => ({
  name: 'forward',
  async handle(call) {
    const { decision, did } = call;
    if (!decision || did === undefined) {
      throw new ForwarderError('INTERNAL', 'forward step reached without a decision');
    }
    const plan = deps.planner(decision);
    const headers = { Diversion: diversionHeader(did, deps.trunk) };
    const { req, res, log } = call;
    let result: CallResult;
    switch (deps.mode) {
      case 'redirect':
        result = redirectCall(res, plan, headers, deps.clock);
        break;
      case 'proxy':
        result = await proxyCall({
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
        });
        break;
      case 'b2bua':
        result = await b2buaCall({
          srf: deps.srf,
          req,
          res,
          plan,
          headers,
          ...(deps.presentedCaller === 'dialled' ? { presentNumber: did } : {}),
          log,
          clock: deps.clock,
        });
        break;
    }
    call.result = result;
  },
});
