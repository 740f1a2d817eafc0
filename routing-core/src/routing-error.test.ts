import { describe, expect, it } from 'vitest';
import { isRoutingError, RoutingError, routingErrorCodes } from './routing-error.ts';

describe('RoutingError', () => {
  it('carries a fixed code, the line and field it points at, and its cause', () => {
    const cause = new Error('inner');
    const error = new RoutingError('INVALID_ICS', 'RRULE cannot be read', {
      line: 12,
      field: 'RRULE',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'RoutingError',
      code: 'INVALID_ICS',
      line: 12,
      field: 'RRULE',
      message: 'RRULE cannot be read',
    });
    expect(error.cause).toBe(cause);
    expect(routingErrorCodes).toContain(error.code);
  });

  it('leaves line, field and cause out when not given', () => {
    const error = new RoutingError('INVALID_ARGUMENT', 'bad');
    expect([error.line, error.field, 'cause' in error]).toEqual([undefined, undefined, false]);
  });

  it('is recognised by isRoutingError, other errors are not', () => {
    expect(isRoutingError(new RoutingError('INVALID_EVENT', 'x'))).toBe(true);
    expect(isRoutingError(new Error('x'))).toBe(false);
    expect(isRoutingError({ code: 'INVALID_EVENT' })).toBe(false);
  });
});
