export const routingErrorCodes = [
  'INVALID_PHONE_NUMBER',
  'INVALID_CONTACT',
  'DUPLICATE_CONTACT_KEY',
  'INVALID_EVENT',
  'INVALID_ICS',
  'INVALID_RECURRENCE',
  'UNKNOWN_TIME_ZONE',
  'INVALID_FALLBACK',
  'INVALID_ROUTING_TABLE',
  'INVALID_ARGUMENT',
] as const;

export type RoutingErrorCode = (typeof routingErrorCodes)[number];

export interface RoutingErrorDetails {
  /** 1-based line in the input the error points at, when there is one. */
  line?: number;
  /** The offending field or property, e.g. "DTSTART" or "phone". */
  field?: string;
}

/** The one error type of routing-core: a fixed code, a human message, optional location and cause. */
export class RoutingError extends Error {
  override readonly name = 'RoutingError';
  readonly code: RoutingErrorCode;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(
    code: RoutingErrorCode,
    message: string,
    details: RoutingErrorDetails & { cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.line = details.line;
    this.field = details.field;
  }
}

export const isRoutingError = (error: unknown): error is RoutingError => error instanceof RoutingError;
