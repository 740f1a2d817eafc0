/** An answer of the Graph fake: a JSON body, a text body, or none. */
export interface GraphFakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
}

/** A Graph error body as Graph writes it: `{ error: { code, message, innerError } }`. */
export const graphFakeError = (
  status: number,
  code: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): GraphFakeResponse => ({
  status,
  ...(headers ? { headers } : {}),
  json: {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': crypto.randomUUID(),
        'client-request-id': crypto.randomUUID(),
      },
    },
  },
});
