/**
 * The part of drachtio-srf the forwarder uses, as plain interfaces: the real Srf satisfies them, and
 * tests pass request/response objects shaped like drachtio-srf's without a drachtio-server.
 */

export type SipHeaders = Readonly<Record<string, string>>;

/** An incoming request (drachtio-srf `Request`). Header getters may throw on a malformed message. */
export interface SipRequest {
  readonly method: string;
  readonly uri: string;
  readonly source_address: string;
  /** drachtio-server's receive time, "HH:MM:SS.uuuuuu" UTC. */
  readonly stackTime?: string;
  get(name: string): string | undefined;
  has(name: string): boolean;
  getParsedHeader(name: string): unknown;
  on(event: 'cancel', listener: (cancel: unknown) => void): unknown;
  listeners(event: 'cancel' | 'update'): readonly unknown[];
  removeListener(event: 'cancel' | 'update', listener: unknown): unknown;
}

export interface SipResponse {
  readonly finalResponseSent: boolean;
  send(status: number, reason: string, options: { readonly headers?: SipHeaders }): void;
}

/** A final response as drachtio-srf's proxyRequest reports it. */
export interface ProxiedResponse {
  readonly time?: string;
  readonly status: number;
}

/** What srf.proxyRequest resolves with: the final responses of the forks, in arrival order. */
export interface ProxyResult {
  readonly connected: boolean;
  readonly finalStatus?: number;
  readonly responses: readonly { readonly msgs: readonly ProxiedResponse[] }[];
}

export interface ProxyOptions {
  readonly forking: 'sequential' | 'simultaneous';
  readonly remainInDialog: boolean;
  /** drachtio-srf form: "20s". */
  readonly finalTimeout: string;
  readonly provisionalTimeout?: string;
  readonly followRedirects: boolean;
  /** Added to every forked request; drachtio-srf passes them on to drachtio-server's proxy. */
  readonly headers: SipHeaders;
}

export interface SipDialog {
  on(event: 'destroy', listener: () => void): unknown;
  destroy(): unknown;
}

/** The outgoing INVITE of a B2BUA leg, handed over by cbRequest; cancel() sends CANCEL. */
export interface SentRequest {
  cancel(): void;
}

export interface B2buaOptions {
  readonly headers: SipHeaders;
  readonly proxyRequestHeaders: readonly string[];
  readonly passFailure: boolean;
  readonly passProvisionalResponses: boolean;
  readonly callingNumber?: string;
}

export interface B2buaCallbacks {
  readonly cbRequest: (error: unknown, request: SentRequest) => void;
  readonly cbFinalizedUac: (uac: SipDialog) => void;
}

/** A SIP failure from drachtio-srf (SipError): the status the far end answered with. */
export interface SipFailure {
  readonly status: number;
}

export type InviteHandler = (req: SipRequest, res: SipResponse) => void;

export interface SrfConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly secret: string;
  readonly reconnect: { readonly retryMaxDelay: number };
}

export interface SrfPort {
  invite(handler: InviteHandler): unknown;
  options(handler: InviteHandler): unknown;
  proxyRequest(req: SipRequest, destinations: string[], options: ProxyOptions): Promise<ProxyResult>;
  createB2BUA(
    req: SipRequest,
    res: SipResponse,
    uri: string,
    options: B2buaOptions,
    callbacks: B2buaCallbacks,
  ): Promise<{ uas: SipDialog; uac: SipDialog }>;
  connect(options: SrfConnectOptions): unknown;
  disconnect(): unknown;
  on(event: 'connect', listener: (error: unknown, hostport?: string) => void): unknown;
  on(event: 'reconnecting', listener: (info: { delay: number; attempt: number }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}
