import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.ts';
import { linkFixesSsoFailure, linkTeamsAccount } from './link-teams-account.ts';

describe('linkFixesSsoFailure', () => {
  it('is true for the API refusing a Teams account it has no account for', () => {
    expect(linkFixesSsoFailure(new ApiError(403, 'FORBIDDEN', 'No account is linked'))).toBe(true);
  });

  it('is false when Teams gave no token, or the API could not judge it', () => {
    // TeamsJS rejects with bare strings.
    expect(linkFixesSsoFailure('resourceRequiresConsent')).toBe(false);
    expect(linkFixesSsoFailure(new ApiError(401, 'UNAUTHENTICATED', 'invalid token'))).toBe(false);
    expect(linkFixesSsoFailure(new ApiError(429, 'TOO_MANY_REQUESTS', 'wait'))).toBe(false);
    expect(linkFixesSsoFailure(new ApiError(0, 'NETWORK', 'down'))).toBe(false);
  });
});

describe('linkTeamsAccount', () => {
  it('asks Teams for a fresh token and sends it to the API', async () => {
    const getAuthToken = vi.fn(async () => 'fresh-sso-token');
    const linkTeams = vi.fn(async () => undefined);
    await linkTeamsAccount({ getAuthToken }, { linkTeams });
    expect(getAuthToken).toHaveBeenCalledOnce();
    expect(linkTeams).toHaveBeenCalledWith('fresh-sso-token');
  });

  it('passes a refusal of Teams or of the API on', async () => {
    const linkTeams = vi.fn(async () => undefined);
    await expect(
      linkTeamsAccount({ getAuthToken: () => Promise.reject('CancelledByUser') }, { linkTeams }),
    ).rejects.toBe('CancelledByUser');
    expect(linkTeams).not.toHaveBeenCalled();
    const conflict = new ApiError(409, 'CONFLICT', 'already linked');
    await expect(
      linkTeamsAccount({ getAuthToken: async () => 't' }, { linkTeams: () => Promise.reject(conflict) }),
    ).rejects.toBe(conflict);
  });
});
