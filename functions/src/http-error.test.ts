import { RoutingError } from '@wygc/routing-core';
import { StoreError } from '@wygc/store';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError, httpErrorStatus, toHttpError } from './http-error.ts';

describe('HttpError', () => {
  it('takes its status from the code table and renders the JSON body', () => {
    const error = new HttpError('TOO_MANY_REQUESTS', 'Slow down.', { retryAfterSeconds: 20 });
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(20);
    expect(error.toBody()).toEqual({ error: { code: 'TOO_MANY_REQUESTS', message: 'Slow down.' } });
  });

  it('keeps the cause for operators', () => {
    const cause = new Error('low-level');
    expect(new HttpError('INTERNAL', 'Oops.', { cause }).cause).toBe(cause);
  });

  it('maps every code to a status', () => {
    expect(httpErrorStatus).toMatchObject({
      BAD_REQUEST: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      GONE: 410,
      INTERNAL: 500,
    });
  });
});

describe('toHttpError', () => {
  it('passes an HttpError through unchanged', () => {
    const error = new HttpError('FORBIDDEN', 'No.');
    expect(toHttpError(error)).toBe(error);
  });

  it('maps store errors by code, exposing only messages about the request', () => {
    const cases = [
      ['NOT_FOUND', 404, 'no such contact'],
      ['CONFLICT', 409, 'key taken'],
      ['INVALID_INPUT', 400, 'contact: phone: invalid'],
      ['TENANT_TERMINATED', 410, 'the tenant has been terminated'],
    ] as const;
    for (const [code, status, message] of cases) {
      const converted = toHttpError(new StoreError(code, message));
      expect(converted.status).toBe(status);
      expect(converted.message).toBe(message);
      expect(converted.cause).toBeInstanceOf(StoreError);
    }
  });

  it('hides operator details of internal store failures', () => {
    for (const code of ['INTERNAL', 'DECRYPTION_FAILED'] as const) {
      const converted = toHttpError(new StoreError(code, 'tenant key abc failed to unwrap'));
      expect(converted.status).toBe(500);
      expect(converted.message).not.toContain('abc');
    }
    for (const code of ['UNAVAILABLE', 'KEY_UNAVAILABLE'] as const) {
      const converted = toHttpError(new StoreError(code, 'KMS projects/x/keyRings/y unreachable'));
      expect(converted.status).toBe(503);
      expect(converted.message).not.toContain('KMS');
    }
  });

  it('turns routing errors into bad requests', () => {
    const converted = toHttpError(new RoutingError('INVALID_PHONE_NUMBER', 'not a phone number'));
    expect(converted.toBody()).toEqual({ error: { code: 'BAD_REQUEST', message: 'not a phone number' } });
  });

  it('turns zod errors into bad requests naming the fields, not the values', () => {
    const result = z
      .object({ email: z.email(), age: z.number() })
      .safeParse({ email: 'secret-value', age: 'x' });
    const converted = toHttpError(result.error);
    expect(converted.code).toBe('BAD_REQUEST');
    expect(converted.message).toMatch(/^email: .+; age: .+$/);
    expect(converted.message).not.toContain('secret-value');
  });

  it('turns anything else into a generic internal error', () => {
    for (const thrown of [new Error('password=hunter2 in SQL'), 'a string', undefined]) {
      const converted = toHttpError(thrown);
      expect(converted.status).toBe(500);
      expect(converted.message).toBe('Something went wrong on our side; please try again later.');
    }
  });
});
