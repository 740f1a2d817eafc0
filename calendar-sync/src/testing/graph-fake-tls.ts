import { generate } from 'selfsigned';
import { Agent, fetch as undiciFetch } from 'undici';

export interface GraphFakeTls {
  readonly key: string;
  readonly cert: string;
  /** A fetch that trusts this certificate (and only adds that trust; everything else is undici's fetch). */
  readonly fetch: typeof fetch;
  close(): Promise<void>;
}

/**
 * msal-node only accepts https authorities, so the fake serves TLS with a throwaway certificate for
 * 127.0.0.1, made fresh for every fake and trusted only by the fetch returned here.
 */
export const createGraphFakeTls = async (): Promise<GraphFakeTls> => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const dispatcher = new Agent({ connect: { ca: pems.cert } });
  const trustingFetch = (input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    });
  return {
    key: pems.private,
    cert: pems.cert,
    fetch: trustingFetch as unknown as typeof fetch,
    close: () => dispatcher.close(),
  };
};
