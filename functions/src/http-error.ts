import { isRoutingError } from '@wygc/routing-core';
import { isStoreError, type StoreErrorCode } from '@wygc/store';
import { ZodError } from 'zod';

/** Every error code the HTTP API can answer with, and its status: the one table both are read from. */
export const httpErrorStatus = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  /** The session is valid but too old for this operation: sign in again (e.g. before termination). */
  REAUTHENTICATION_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type HttpErrorCode = keyof typeof httpErrorStatus;
export type HttpErrorStatus = (typeof httpErrorStatus)[HttpErrorCode];

export interface HttpErrorBody {
  readonly error: { readonly code: HttpErrorCode; readonly message: string };
}

/**
 * The one error type of the functions package. The message is sent to the client as is, so it never
 * contains secrets, tokens or personal data; details for operators go into `cause`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly code: HttpErrorCode;
  readonly status: HttpErrorStatus;
  /** For TOO_MANY_REQUESTS: the Retry-After header value in whole seconds. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: HttpErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = httpErrorStatus[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  toBody(): HttpErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

const internalMessage = 'Something went wrong on our side; please try again later.';

/** Store codes whose messages describe the client's request; the others stay with the operator. */
const storeCodes: Readonly<Record<StoreErrorCode, { code: HttpErrorCode; exposeMessage: boolean }>> = {
  NOT_FOUND: { code: 'NOT_FOUND', exposeMessage: true },
  CONFLICT: { code: 'CONFLICT', exposeMessage: true },
  INVALID_INPUT: { code: 'BAD_REQUEST', exposeMessage: true },
  TENANT_TERMINATED: { code: 'GONE', exposeMessage: true },
  UNAVAILABLE: { code: 'UNAVAILABLE', exposeMessage: false },
  KEY_UNAVAILABLE: { code: 'UNAVAILABLE', exposeMessage: false },
  DECRYPTION_FAILED: { code: 'INTERNAL', exposeMessage: false },
  INTERNAL: { code: 'INTERNAL', exposeMessage: false },
};

const genericMessages: Readonly<Partial<Record<HttpErrorCode, string>>> = {
  UNAVAILABLE: 'The service is temporarily unavailable; please try again later.',
  INTERNAL: internalMessage,
};

/** Zod messages name the field and the rule, never the rejected value, so they are safe to return. */
const describeZodError = (error: ZodError): string =>
  error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');

/** Converts anything thrown below the HTTP layer into the HttpError it answers with, exactly once. */
export const toHttpError = (error: unknown): HttpError => {
  if (error instanceof HttpError) return error;
  if (error instanceof ZodError)
    return new HttpError('BAD_REQUEST', describeZodError(error), { cause: error });
  if (isRoutingError(error)) return new HttpError('BAD_REQUEST', error.message, { cause: error });
  if (isStoreError(error)) {
    const mapped = storeCodes[error.code];
    const message = mapped.exposeMessage ? error.message : (genericMessages[mapped.code] ?? internalMessage);
    return new HttpError(mapped.code, message, { cause: error });
  }
  return new HttpError('INTERNAL', internalMessage, { cause: error });
};
