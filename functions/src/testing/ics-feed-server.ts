import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** For tests: an ICS feed on 127.0.0.1 that can demand credentials or fail on request. */
export interface IcsFeedServer {
  /** The feed's URL, e.g. http://127.0.0.1:1234/storingsdienst.ics. */
  readonly url: string;
  readonly requests: readonly { readonly path: string; readonly headers: IncomingHttpHeaders }[];
  /** Answers every request with this status (and no calendar) until set back to undefined. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

/** A one-event calendar: "JD" on duty on Friday 26 March 2027, Amsterdam time. */
export const storingsdienstIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//WhoYouGonnaCall//Test//NL',
  'X-WR-CALNAME:Storingsdienst',
  'X-WR-TIMEZONE:Europe/Amsterdam',
  'BEGIN:VEVENT',
  'UID:shift-1@test.example',
  'DTSTAMP:20270301T090000Z',
  'SUMMARY:JD',
  'DTSTART;TZID=Europe/Amsterdam:20270326T170000',
  'DTEND;TZID=Europe/Amsterdam:20270327T080000',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

export const startIcsFeedServer = async (
  options: { authorization?: string; calendar?: string } = {},
): Promise<IcsFeedServer> => {
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  let failure: number | undefined;
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', headers: request.headers });
    request.resume();
    if (failure !== undefined) return void response.writeHead(failure).end();
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) {
      return void response.writeHead(401, { 'www-authenticate': 'Basic realm="calendar"' }).end();
    }
    response
      .writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' })
      .end(options.calendar ?? storingsdienstIcs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/storingsdienst.ics`,
    requests,
    failWith: (status) => {
      failure = status;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
};
