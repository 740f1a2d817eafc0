export const forwarderErrorCodes = [
  'UNTRUSTED_SOURCE',
  'MALFORMED_REQUEST',
  'UNKNOWN_NUMBER',
  'NO_TARGET',
  'INVALID_CONFIG',
  'INVALID_SNAPSHOT',
  'INTERNAL',
] as const;

export type ForwarderErrorCode = (typeof forwarderErrorCodes)[number];

/** What a caller hears for each code; the only place a forwarder error becomes a SIP status. */
const sipStatusOfCode: Readonly<Record<ForwarderErrorCode, { status: number; reason: string }>> = {
  UNTRUSTED_SOURCE: { status: 403, reason: 'Forbidden' },
  MALFORMED_REQUEST: { status: 400, reason: 'Bad Request' },
  UNKNOWN_NUMBER: { status: 404, reason: 'Not Found' },
  NO_TARGET: { status: 480, reason: 'Temporarily Unavailable' },
  INVALID_CONFIG: { status: 500, reason: 'Server Internal Error' },
  INVALID_SNAPSHOT: { status: 500, reason: 'Server Internal Error' },
  INTERNAL: { status: 500, reason: 'Server Internal Error' },
};

/**
 * The one error type of the SIP forwarder: a fixed code, a message for operators (never a phone number:
 * it ends up in logs) and an optional cause.
 */
export class ForwarderError extends Error {
  override readonly name = 'ForwarderError';
  readonly code: ForwarderErrorCode;

  constructor(code: ForwarderErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

export const isForwarderError = (error: unknown, code?: ForwarderErrorCode): error is ForwarderError =>
  error instanceof ForwarderError && (code === undefined || error.code === code);

/** The SIP final response for any error a call handler threw; anything unexpected is a 500. */
export const sipStatusOf = (error: unknown): { status: number; reason: string } =>
  sipStatusOfCode[isForwarderError(error) ? error.code : 'INTERNAL'];
