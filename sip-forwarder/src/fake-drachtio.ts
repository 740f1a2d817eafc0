import { EventEmitter } from 'node:events';
import type {
  B2buaCallbacks,
  B2buaOptions,
  InviteHandler,
  ProxyOptions,
  ProxyResult,
  SipDialog,
  SipRequest,
  SipResponse,
  SrfConnectOptions,
  SrfPort,
} from './srf-port.ts';

// Test doubles shaped like drachtio-srf's Request, Response and Srf (lib/request.js, lib/response.js,
// lib/srf.js of drachtio-srf 5): no drachtio-server needed. Only for tests.

export interface FakeRequestInit {
  readonly uri?: string;
  readonly source?: string;
  readonly callId?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  readonly stackTime?: string;
  readonly body?: string;
}

/** drachtio-srf's parser turns `"Name" <uri>;tag=x` into { name, uri, params }. */
const parseNameAddr = (value: string) => {
  const bracketed = /^\s*(?:"([^"]*)"\s*)?<([^>]*)>(.*)$/.exec(value);
  const [uri, rest] = bracketed ? [bracketed[2] ?? '', bracketed[3] ?? ''] : value.split(/;(.*)/s);
  const params: Record<string, string | null> = {};
  for (const part of (rest ?? '').split(';')) {
    const [name, paramValue] = part.split('=');
    if (name?.trim()) params[name.trim()] = paramValue ?? null;
  }
  return { name: bracketed?.[1], uri: (uri ?? '').trim(), params };
};

export class FakeRequest extends EventEmitter implements SipRequest {
  readonly method = 'INVITE';
  readonly uri: string;
  readonly source_address: string;
  readonly stackTime: string | undefined;
  readonly body: string;
  readonly headers: Record<string, string>;

  constructor(init: FakeRequestInit = {}) {
    super();
    this.uri = init.uri ?? 'sip:+31501234567@forwarder.example.net';
    this.source_address = init.source ?? '192.0.2.10';
    this.stackTime = init.stackTime;
    this.body = init.body ?? 'v=0\r\n';
    const headers: Record<string, string> = {};
    const callId = init.callId === undefined ? 'call-1@sbc' : init.callId;
    if (callId !== null) headers['Call-ID'] = callId;
    const from = init.from === undefined ? '"Caller" <sip:+31612345678@sbc.example.net>;tag=a1' : init.from;
    if (from !== null) headers.From = from;
    const to = init.to === undefined ? '<sip:+31501234567@forwarder.example.net>' : init.to;
    if (to !== null) headers.To = to;
    this.headers = { ...headers, ...init.headers };
  }

  private headerName(name: string) {
    return Object.keys(this.headers).find((key) => key.toLowerCase() === name.toLowerCase());
  }

  get(name: string): string | undefined {
    const key = this.headerName(name);
    return key === undefined ? undefined : this.headers[key];
  }

  has(name: string): boolean {
    return this.headerName(name) !== undefined;
  }

  /** Like drachtio-srf: throws when the header is missing. */
  getParsedHeader(name: string): unknown {
    const value = this.get(name);
    if (value === undefined) throw new Error(`header '${name}' not available in SIP message`);
    return parseNameAddr(value);
  }

  get callingNumber(): string {
    const header = this.get('p-asserted-identity') ?? this.get('from') ?? '';
    return /sips?:(.*?)@/.exec(header)?.[1]?.split(';')[0] ?? '';
  }

  /** The caller hangs up before an answer: drachtio-srf emits 'cancel' on the INVITE. */
  cancelByCaller() {
    this.emit('cancel', { method: 'CANCEL' });
  }
}

export interface SentResponse {
  readonly status: number;
  readonly reason: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

export class FakeResponse implements SipResponse {
  readonly sent: SentResponse[] = [];
  finished = false;

  get finalResponseSent() {
    return this.finished;
  }

  /** drachtio-srf's overloads: send(status), send(status, opts), send(status, reason, opts). */
  send(status: number, reason?: string | { headers?: Record<string, string> }, options?: object): void {
    const [text, opts] = typeof reason === 'object' ? [undefined, reason] : [reason, options];
    if (this.finished) return;
    const headers = (opts as { headers?: Record<string, string> } | undefined)?.headers ?? {};
    this.sent.push({ status, reason: text, headers: { ...headers } });
    if (status >= 200) this.finished = true;
  }

  get final(): SentResponse | undefined {
    return this.sent.find((response) => response.status >= 200);
  }
}

export class FakeDialog extends EventEmitter implements SipDialog {
  destroyed = false;
  destroy() {
    this.destroyed = true;
  }
  /** The far end hangs up. */
  hangUp() {
    this.emit('destroy');
  }
}

/** How a target behaves when a B2BUA leg calls it. */
export type TargetBehaviour =
  | { readonly answerAfterMs: number }
  | { readonly rejectAfterMs: number; readonly status: number }
  | { readonly ring: true };

export interface B2buaLeg {
  readonly uri: string;
  readonly options: B2buaOptions;
  cancelled: boolean;
  readonly dialogs?: { uas: FakeDialog; uac: FakeDialog };
}

export class FakeSrf extends EventEmitter implements SrfPort {
  inviteHandler: InviteHandler | undefined;
  optionsHandler: InviteHandler | undefined;
  readonly proxied: { destinations: string[]; options: ProxyOptions }[] = [];
  readonly legs: B2buaLeg[] = [];
  readonly connects: SrfConnectOptions[] = [];
  disconnects = 0;
  proxyResult: (destinations: string[], options: ProxyOptions) => Promise<ProxyResult> = async () => ({
    connected: true,
    finalStatus: 200,
    responses: [{ msgs: [{ status: 200 }] }],
  });
  targets: (uri: string) => TargetBehaviour = () => ({ answerAfterMs: 0 });

  invite(handler: InviteHandler) {
    this.inviteHandler = handler;
  }

  options(handler: InviteHandler) {
    this.optionsHandler = handler;
  }

  async proxyRequest(_req: SipRequest, destinations: string[], options: ProxyOptions) {
    this.proxied.push({ destinations: [...destinations], options });
    return this.proxyResult(destinations, options);
  }

  /** Follows drachtio-srf's createB2BUA: cancel handler on the A leg, passFailure, first final wins. */
  createB2BUA(
    req: SipRequest,
    res: SipResponse,
    uri: string,
    options: B2buaOptions,
    callbacks: B2buaCallbacks,
  ): Promise<{ uas: SipDialog; uac: SipDialog }> {
    const leg: { -readonly [K in keyof B2buaLeg]: B2buaLeg[K] } = { uri, options, cancelled: false };
    this.legs.push(leg);
    const behaviour = this.targets(uri);
    return new Promise((resolve, reject) => {
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const fail = (status: number) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (options.passFailure && !res.finalResponseSent) res.send(status, 'Failed', {});
        reject(Object.assign(new Error(`leg failed with ${status}`), { status }));
      };
      const sent = {
        cancel: () => {
          leg.cancelled = true;
          queueMicrotask(() => fail(487));
        },
      };
      queueMicrotask(() => {
        req.on('cancel', () => {
          res.send(487, 'Request Terminated', {});
          sent.cancel();
        });
        callbacks.cbRequest(null, sent);
        if ('answerAfterMs' in behaviour) {
          timer = setTimeout(() => {
            if (done) return;
            done = true;
            const dialogs = { uas: new FakeDialog(), uac: new FakeDialog() };
            callbacks.cbFinalizedUac(dialogs.uac);
            if (res.finalResponseSent) {
              dialogs.uac.destroy();
              reject(new Error('final response already sent'));
              return;
            }
            res.send(200, 'OK', {});
            leg.dialogs = dialogs;
            resolve(dialogs);
          }, behaviour.answerAfterMs);
        } else if ('rejectAfterMs' in behaviour) {
          timer = setTimeout(() => fail(behaviour.status), behaviour.rejectAfterMs);
        }
      });
    });
  }

  connect(options: SrfConnectOptions) {
    this.connects.push(options);
  }

  disconnect() {
    this.disconnects += 1;
  }
}
