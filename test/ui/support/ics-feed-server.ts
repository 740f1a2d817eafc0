import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An event whose subject is markup: the tab must show it as text and never run it. */
export const htmlSubject = '<img src=x onerror=alert(1)>';

const htmlEvent = [
  'BEGIN:VEVENT',
  'UID:html-subject@storingsdienst.example',
  'DTSTAMP:20270301T090000Z',
  `SUMMARY:${htmlSubject}`,
  'DTSTART;TZID=Europe/Amsterdam:20270330T100000',
  'DTEND;TZID=Europe/Amsterdam:20270330T120000',
  'END:VEVENT',
].join('\r\n');

export interface IcsFeedServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves examples/storingsdienst.ics, plus the HTML-subject event, at http://127.0.0.1:<port>/storingsdienst.ics. */
export const startIcsFeedServer = async (): Promise<IcsFeedServer> => {
  const example = await readFile(new URL('../../../examples/storingsdienst.ics', import.meta.url), 'utf8');
  const calendar = example.replace(/END:VCALENDAR\s*$/, `${htmlEvent}\r\nEND:VCALENDAR\r\n`);
  const server: Server = createServer((request, response) => {
    if (request.url !== '/storingsdienst.ics') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' }).end(calendar);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/storingsdienst.ics`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
