import {
  compileRoutingTable,
  createContactDirectory,
  type EventInstance,
  parseContact,
} from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { createDecisionView } from './decision-view.ts';

const hour = 3_600_000;
const contacts = createContactDirectory([
  parseContact({ key: 'JD', phone: '0641238765' }),
  parseContact({ key: 'MK', phone: '0503112233' }),
]);

const instance = (id: string, subject: string, start: number, end: number): EventInstance => ({
  id,
  uid: id,
  subject,
  start: start * hour,
  end: end * hour,
  allDay: false,
});

const viewAt = (at: number, instances: readonly EventInstance[], fallback: string | null = null) => {
  const horizon = { start: 0, end: 24 * hour };
  const { table, unmatched } = compileRoutingTable({
    instances,
    contacts,
    settings: { fallback },
    horizon,
    timeZone: 'UTC',
    version: 1,
    compiledAt: 0,
  });
  return createDecisionView({ at: at * hour, zone: 'UTC', table, instances, unmatched, contacts });
};

describe('createDecisionView', () => {
  // Both events ring JD, so the table merges them into one slice that lists both events.
  const shiftWithNote = [
    instance('shift', 'Weekend JD', 0, 10),
    instance('note', 'Storing JD (mobiel)', 4, 6),
  ];

  it('lists only the events covering the instant, even inside a merged slice', () => {
    expect(viewAt(1, shiftWithNote).events.map((event) => event.id)).toEqual(['shift']);
  });

  it('lists covering events in priority order: the later-starting one first', () => {
    expect(viewAt(5, shiftWithNote).events.map((event) => event.id)).toEqual(['note', 'shift']);
  });

  it('knows which attempt is the fallback, and until when the decision holds', () => {
    const view = viewAt(5, shiftWithNote, 'MK');
    expect(view.onDuty).toEqual([[{ key: 'JD', phone: '+31641238765' }]]);
    expect(view.fallbackAttempt).toBe(true);
    expect(view.until).toBe(10 * hour);
  });

  it('does not count a fallback that is already on duty as an extra attempt', () => {
    const view = viewAt(5, [instance('office', 'Kantoor MK', 0, 10)], 'MK');
    expect(view.decision.attempts).toHaveLength(1);
    expect(view.fallbackAttempt).toBe(false);
  });

  it('has no end when nothing changes before the horizon ends', () => {
    expect(viewAt(12, shiftWithNote).until).toBeUndefined();
  });

  it('names the unmatched events covering the instant', () => {
    const view = viewAt(3, [...shiftWithNote, instance('typo', 'Storing JDD', 2, 4)]);
    expect(view.unmatched.map((event) => event.id)).toEqual(['typo']);
  });
});
