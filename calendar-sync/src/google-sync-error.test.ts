import { Common } from 'googleapis';
import { describe, expect, it } from 'vitest';
import { googleSyncError } from './google-sync-error.ts';
import { SyncError } from './sync-error.ts';

/** Like gaxios after reading an error response; its constructor drops the data of an unread body. */
const gaxiosError = (status: number, data: unknown, headers: Record<string, string> = {}) => {
  const config = {
    url: new URL('https://www.googleapis.com/calendar/v3/calendars/x/events'),
    headers: new Headers(),
  };
  const response = Object.assign(new Response(null, { status, headers }), { config, data });
  const error = new Common.GaxiosError('request failed', config, response);
  response.data = data;
  return error;
};

const apiError = (status: number, reason: string, domain = 'global') => ({
  error: { errors: [{ domain, reason, message: reason }], code: status, message: reason },
});

describe('googleSyncError', () => {
  it('tells throttling 403s from refusals by their reason', () => {
    expect(
      googleSyncError(gaxiosError(403, apiError(403, 'userRateLimitExceeded', 'usageLimits')), 'list'),
    ).toMatchObject({
      code: 'RATE_LIMITED',
      status: 403,
    });
    expect(
      googleSyncError(gaxiosError(403, apiError(403, 'quotaExceeded', 'usageLimits')), 'list').code,
    ).toBe('RATE_LIMITED');
    expect(
      googleSyncError(gaxiosError(403, apiError(403, 'forbiddenForNonOrganizer', 'calendar')), 'list').code,
    ).toBe('AUTH_FAILED');
  });

  it('keeps Retry-After as an HTTP date', () => {
    const later = new Date(Date.now() + 60_000).toUTCString();
    const error = googleSyncError(
      gaxiosError(429, apiError(429, 'rateLimitExceeded', 'usageLimits'), { 'retry-after': later }),
      'list',
    );
    expect(error.retryAfterMs).toBeGreaterThan(50_000);
  });

  it("names Google's reason but not its message", () => {
    const error = googleSyncError(
      gaxiosError(404, {
        error: { errors: [{ domain: 'global', reason: 'notFound', message: 'team@example.com' }], code: 404 },
      }),
      'Google calendars.get',
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('notFound');
    expect(error.message).not.toContain('@');
  });

  it('maps token endpoint errors to AUTH_FAILED, and a token endpoint outage to PROVIDER_UNAVAILABLE', () => {
    const refused = googleSyncError(
      gaxiosError(400, { error: 'invalid_grant', error_description: 'Bad Request' }),
      'list',
    );
    expect(refused).toMatchObject({ code: 'AUTH_FAILED', status: 400 });
    expect(googleSyncError(gaxiosError(503, 'Service Unavailable'), 'list').code).toBe(
      'PROVIDER_UNAVAILABLE',
    );
  });

  it('does not keep the gaxios error, whose options hold the access token', () => {
    expect(googleSyncError(gaxiosError(500, apiError(500, 'backendError')), 'list').cause).toBeUndefined();
  });

  it('passes SyncErrors through and maps other errors to INTERNAL', () => {
    const syncError = new SyncError('INVALID_CONFIG', 'bad');
    expect(googleSyncError(syncError, 'list')).toBe(syncError);
    expect(googleSyncError(new TypeError('boom'), 'list').code).toBe('INTERNAL');
  });
});
