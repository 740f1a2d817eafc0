import { type RoutedNumber, toE164 } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { adaptiveCardSchema, parseAdaptiveCard } from './adaptive-card.ts';
import type { TenantDuty } from './read-tenant-duty.ts';
import { buildRosterCard } from './roster-card.ts';

const hour = 3_600_000;
const now = Date.parse('2027-06-07T08:00:00Z');
const number = { id: 'n', name: 'Storing *spoed*', did: '+31501234567' } as RoutedNumber;

const dutyWith = (slices: number): TenantDuty => ({
  timeZone: 'Europe/Amsterdam',
  describe: (key) => (key === 'JD' ? 'Jan_de_Vries' : undefined),
  numbers: [
    {
      number,
      published: {
        tenantId: 't',
        numberId: 'n',
        did: number.did,
        version: 3,
        unmatched: [],
        table: {
          format: 1,
          version: 3,
          compiledAt: now,
          timeZone: 'Europe/Amsterdam',
          horizon: { start: now - 24 * hour, end: now + 35 * 24 * hour },
          ringSeconds: 20,
          strategy: 'sequential',
          overlapPolicy: 'layered',
          fallback: null,
          slices: Array.from({ length: slices }, (_, i) => ({
            start: now + i * 2 * hour,
            end: now + i * 2 * hour + hour,
            groups: [[{ key: 'JD', phone: toE164('+31612345678') }]],
            events: [`e${i}`],
          })),
        },
      },
    },
  ],
});

describe('buildRosterCard', () => {
  it('keeps a busy week within what Teams renders: 30 periods, then a pointer to the tab', () => {
    const card = buildRosterCard({ duty: dutyWith(60), now, language: 'en' });
    expect(adaptiveCardSchema.safeParse(card).success).toBe(true);
    const section = card.body[1];
    if (section?.type !== 'Container') throw new Error('expected a section');
    const facts = section.items.find((item) => item.type === 'FactSet');
    expect(facts?.type === 'FactSet' && facts.facts.length).toBe(30);
    expect(section.items).toContainEqual({
      type: 'TextBlock',
      text: '… and 90 more periods; see the Roster tab.',
      isSubtle: true,
      wrap: true,
    });
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
  });

  it('shows names and descriptions as typed, not as markdown, and never a phone number', () => {
    const card = buildRosterCard({ duty: dutyWith(1), now, language: 'nl' });
    const text = JSON.stringify(card);
    expect(text).toContain('Storing \\\\*spoed\\\\* · 050 123 4567');
    expect(text).toContain('JD (Jan\\\\_de\\\\_Vries)');
    expect(text).toContain('niemand — gesprekken geweigerd');
    expect(text).not.toContain('612345678');
  });

  it('says so when a number has no roster yet or there are no numbers', () => {
    const card = buildRosterCard({
      duty: { timeZone: 'Europe/Amsterdam', describe: () => undefined, numbers: [{ number }] },
      now,
      language: 'en',
    });
    expect(JSON.stringify(card)).toContain('no roster yet');
    const empty = buildRosterCard({
      duty: { timeZone: 'Europe/Amsterdam', describe: () => undefined, numbers: [] },
      now,
      language: 'nl',
    });
    expect(empty.body[1]).toEqual({
      type: 'TextBlock',
      text: 'Je organisatie heeft nog geen nummers.',
      wrap: true,
    });
  });
});

describe('parseAdaptiveCard', () => {
  it('refuses anything outside the subset the bot sends', () => {
    const valid = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x' }],
    };
    expect(parseAdaptiveCard(valid)).toEqual(valid);
    expect(() => parseAdaptiveCard({ ...valid, version: '1.6' })).toThrow(/version/);
    expect(() => parseAdaptiveCard({ ...valid, body: [{ type: 'Image', url: 'https://x' }] })).toThrow(
      /body/,
    );
    expect(() =>
      parseAdaptiveCard({ ...valid, body: [{ type: 'TextBlock', text: 'x', colour: 'Red' }] }),
    ).toThrow();
  });
});
