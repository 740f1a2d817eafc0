export {
  type ForwarderConfig,
  type ForwardMode,
  forwardModes,
  type PresentedCaller,
  parseForwarderConfig,
  parseStandaloneConfig,
  presentedCallers,
  type StandaloneStoreConfig,
  type TrunkConfig,
  type TrunkTransport,
  trunkTransports,
} from './config.ts';
export { createSrf } from './create-srf.ts';
export {
  ForwarderError,
  type ForwarderErrorCode,
  forwarderErrorCodes,
  isForwarderError,
  sipStatusOf,
} from './forwarder-error.ts';
export type { CallMetricOutcome, ForwarderMetrics } from './forwarder-metrics.ts';
export type { HealthReport } from './health-server.ts';
export type { CallMiddleware, InboundCall } from './inbound-call.ts';
export type { HandleInvite } from './invite-handler.ts';
export {
  createSipForwarder,
  type SipForwarder,
  type SipForwarderDependencies,
} from './sip-forwarder.ts';
export type { SipRequest, SipResponse, SrfPort } from './srf-port.ts';
