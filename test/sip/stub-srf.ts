import { EventEmitter } from 'node:events';
import type { SipRequest, SipResponse, SrfPort } from '@wygc/sip-forwarder';

// Minimal drachtio-srf stand-ins for cross-part tests that need no drachtio-server (redirect mode only).

export interface StubResponse extends SipResponse {
  readonly sent: { status: number; headers: Readonly<Record<string, string>> }[];
}

export const stubRequest = (options: { uri: string; source?: string; callId?: string }): SipRequest => {
  const headers: Record<string, string> = {
    'call-id': options.callId ?? `${Math.random().toString(36).slice(2)}@sbc`,
    from: '<sip:+31207654321@sbc.example.net>;tag=1',
    to: `<${options.uri}>`,
  };
  const events = new EventEmitter();
  return {
    method: 'INVITE',
    uri: options.uri,
    source_address: options.source ?? '127.0.0.1',
    get: (name) => headers[name.toLowerCase()],
    has: (name) => name.toLowerCase() in headers,
    getParsedHeader: (name) => {
      const value = headers[name.toLowerCase()];
      if (value === undefined) throw new Error(`no ${name} header`);
      return { uri: /<([^>]*)>/.exec(value)?.[1] ?? value, params: {} };
    },
    on: (event, listener) => events.on(event, listener),
    listeners: (event) => events.listeners(event),
    removeListener: (event, listener) => events.removeListener(event, listener as () => void),
  };
};

export const stubResponse = (): StubResponse => {
  const sent: { status: number; headers: Readonly<Record<string, string>> }[] = [];
  return {
    sent,
    get finalResponseSent() {
      return sent.some((response) => response.status >= 200);
    },
    send(status, _reason, options) {
      sent.push({ status, headers: { ...options.headers } });
    },
  };
};

/** Accepts handler registration and connect/disconnect; forwarding beyond a 302 is not supported. */
export const stubSrf = (): SrfPort & EventEmitter => {
  const srf = new EventEmitter() as SrfPort & EventEmitter;
  const unsupported = () => Promise.reject(new Error('not supported by the stub'));
  return Object.assign(srf, {
    invite: () => {},
    options: () => {},
    connect: () => {},
    disconnect: () => {},
    proxyRequest: unsupported,
    createB2BUA: unsupported,
  });
};
