export const storeErrorCodes = [
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_INPUT',
  'DECRYPTION_FAILED',
  'KEY_UNAVAILABLE',
  'TENANT_TERMINATED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type StoreErrorCode = (typeof storeErrorCodes)[number];

/**
 * The one error type of the store package. Messages are written for operators and may end up in logs,
 * so they never contain key material, plaintext or personal data.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

export const isStoreError = (error: unknown, code?: StoreErrorCode): error is StoreError =>
  error instanceof StoreError && (code === undefined || error.code === code);
