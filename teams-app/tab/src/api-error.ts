/**
 * A failed API call: the server's error code and message (written for people, never containing
 * secrets), or BAD_RESPONSE / NETWORK when no usable answer came back.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
