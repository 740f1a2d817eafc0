import { describe, expect, it } from 'vitest';
import type { Organisation } from './api-schemas.ts';
import { draftOf, organisationPatch } from './organisation-patch.ts';

const organisation: Organisation = {
  id: 't1',
  name: 'Storingsdienst',
  timeZone: 'Europe/Amsterdam',
  settings: {
    ringSeconds: 20,
    overlapPolicy: 'layered',
    caseSensitiveKeys: false,
    cdrRetentionDays: 90,
    auditRetentionDays: 365,
    googleWorkspaceDomains: ['storingsdienst.example'],
  },
  createdAt: '2027-01-01T00:00:00.000Z',
};

describe('organisationPatch', () => {
  it('sends nothing when nothing changed', () => {
    expect(organisationPatch(organisation, draftOf(organisation))).toBeUndefined();
    expect(organisationPatch(organisation, { ...draftOf(organisation), name: ' Storingsdienst ' })).toBe(
      undefined,
    );
  });

  it('sends only the changed fields, numbers as numbers', () => {
    const draft = { ...draftOf(organisation), ringSeconds: '25', cdrRetentionDays: '30' };
    expect(organisationPatch(organisation, draft)).toEqual({
      settings: { ringSeconds: 25, cdrRetentionDays: 30 },
    });
    expect(
      organisationPatch(organisation, {
        ...draftOf(organisation),
        name: 'Storingsdienst Groningen ',
        timeZone: 'Europe/London',
        overlapPolicy: 'override',
        caseSensitiveKeys: true,
        auditRetentionDays: '400',
      }),
    ).toEqual({
      name: 'Storingsdienst Groningen',
      timeZone: 'Europe/London',
      settings: { overlapPolicy: 'override', caseSensitiveKeys: true, auditRetentionDays: 400 },
    });
  });

  it('leaves judging the numbers to the server, an emptied field included', () => {
    expect(organisationPatch(organisation, { ...draftOf(organisation), ringSeconds: '2' })).toEqual({
      settings: { ringSeconds: 2 },
    });
    expect(organisationPatch(organisation, { ...draftOf(organisation), cdrRetentionDays: '' })).toEqual({
      settings: { cdrRetentionDays: 0 },
    });
  });
});
