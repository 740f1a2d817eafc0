import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IcsFakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface IcsFakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface IcsHttpFakeOptions {
  readonly calendar?: string;
  /** Default true: send ETag and Last-Modified and answer conditional requests with 304. */
  readonly validators?: boolean;
  /** Send the body in chunks without Content-Length, as streaming servers do. */
  readonly chunked?: boolean;
  /** The Authorization header a request must carry; others get 401. */
  readonly authorization?: string;
}

export interface IcsHttpFake {
  /** The feed's URL on 127.0.0.1. */
  readonly url: string;
  readonly requests: readonly IcsFakeRequest[];
  /** Publishes a new version of the feed: new ETag, Last-Modified one minute later. */
  setCalendar(text: string): void;
  /** Answers every request with this until called with undefined. */
  respondWith(reply: IcsFakeReply | undefined): void;
  stop(): Promise<void>;
}

// A fixed clock keeps Last-Modified deterministic.
const firstModified = Date.UTC(2027, 0, 4, 9, 0, 0);

/** A tiny ICS feed server (node:http) with validators and 304 handling, counting the requests it gets. */
export const startIcsHttpFake = async (options: IcsHttpFakeOptions = {}): Promise<IcsHttpFake> => {
  const requests: IcsFakeRequest[] = [];
  const validators = options.validators ?? true;
  let calendar = options.calendar ?? '';
  let version = 1;
  let override: IcsFakeReply | undefined;

  const etag = () => `"v${version}"`;
  const lastModified = () => new Date(firstModified + (version - 1) * 60_000).toUTCString();

  const send = (response: ServerResponse, reply: IcsFakeReply) => {
    const body = reply.body ?? '';
    if (options.chunked) {
      response.writeHead(reply.status, reply.headers);
      for (let i = 0; i < body.length; i += 1024) response.write(body.slice(i, i + 1024));
      response.end();
    } else {
      response.writeHead(reply.status, {
        ...reply.headers,
        'content-length': String(Buffer.byteLength(body)),
      });
      response.end(body);
    }
  };

  const notModified = (headers: IncomingHttpHeaders): boolean => {
    if (!validators) return false;
    const ifNoneMatch = headers['if-none-match'];
    if (ifNoneMatch !== undefined) return ifNoneMatch === etag();
    const since = headers['if-modified-since'];
    return since !== undefined && Date.parse(since) >= Date.parse(lastModified());
  };

  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    request.resume();
    if (override) return send(response, override);
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) {
      return send(response, { status: 401, headers: { 'www-authenticate': 'Basic realm="calendar"' } });
    }
    const cache: Record<string, string> = validators ? { etag: etag(), 'last-modified': lastModified() } : {};
    if (notModified(request.headers)) {
      response.writeHead(304, cache);
      return response.end();
    }
    send(response, {
      status: 200,
      headers: { 'content-type': 'text/calendar; charset=utf-8', ...cache },
      body: calendar,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/calendar.ics`,
    requests,
    setCalendar: (text) => {
      calendar = text;
      version++;
    },
    respondWith: (reply) => {
      override = reply;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
