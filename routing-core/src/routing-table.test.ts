import { describe, expect, it } from 'vitest';
import { parseRoutingTable, type RoutingTable } from './routing-table.ts';
import { compile, hour, instance, local, routingErrorOf } from './test-support.ts';

const start = local('2027-03-26T17:00');

const validTable = (): RoutingTable =>
  compile(
    [
      instance('a', 'JD', start, start + 2 * hour),
      instance('b', 'PK+ÉB', start + 3 * hour, start + 5 * hour),
    ],
    { fallback: 'FB', did: '050 123 4500' },
  ).table;

/** A JSON copy of a valid table with one change, as a corrupted snapshot on disk would look. */
const tampered = (
  change: (json: Record<string, unknown> & { slices: Record<string, unknown>[] }) => void,
): unknown => {
  const json = JSON.parse(JSON.stringify(validTable()));
  change(json);
  return json;
};

describe('parseRoutingTable', () => {
  it('accepts a compiled table read back from JSON', () => {
    const table = validTable();
    expect(parseRoutingTable(JSON.parse(JSON.stringify(table)))).toEqual(table);
  });

  it('accepts a table without slices', () => {
    const empty = compile([]).table;
    expect(parseRoutingTable(JSON.parse(JSON.stringify(empty))).slices).toEqual([]);
  });

  it('rejects unsorted slices', () => {
    const value = tampered((json) => json.slices.reverse());
    expect(routingErrorOf(() => parseRoutingTable(value), 'INVALID_ROUTING_TABLE').message).toContain(
      'slices',
    );
  });

  it('rejects overlapping slices', () => {
    const value = tampered((json) => {
      const [first] = json.slices;
      if (first) first.end = start + 4 * hour;
    });
    routingErrorOf(() => parseRoutingTable(value), 'INVALID_ROUTING_TABLE');
  });

  it('rejects empty slices and slices outside the horizon', () => {
    const empty = tampered((json) => {
      const [first] = json.slices;
      if (first) first.end = first.start;
    });
    routingErrorOf(() => parseRoutingTable(empty), 'INVALID_ROUTING_TABLE');
    const outside = tampered((json) => {
      const last = json.slices.at(-1);
      if (last) last.end = (json.horizon as { end: number }).end + 1;
    });
    routingErrorOf(() => parseRoutingTable(outside), 'INVALID_ROUTING_TABLE');
    const before = tampered((json) => {
      const [first] = json.slices;
      if (first) first.start = (json.horizon as { start: number }).start - 1;
    });
    routingErrorOf(() => parseRoutingTable(before), 'INVALID_ROUTING_TABLE');
  });

  it('rejects a slice without groups or with an empty group', () => {
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json.slices[0] ?? {}, { groups: [] }))),
      'INVALID_ROUTING_TABLE',
    );
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json.slices[0] ?? {}, { groups: [[]] }))),
      'INVALID_ROUTING_TABLE',
    );
  });

  it.each(['0501234567', '+31 50 123 4567', '+3150123', '+0501234567', 'JD', ''])(
    'rejects the target phone %j',
    (phone) => {
      const value = tampered((json) =>
        Object.assign(json.slices[0] ?? {}, { groups: [[{ key: 'JD', phone }]] }),
      );
      const error = routingErrorOf(() => parseRoutingTable(value), 'INVALID_ROUTING_TABLE');
      if (phone !== '') expect(error.message).not.toContain(phone);
    },
  );

  it('rejects a bad fallback or DID number', () => {
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json, { fallback: { phone: '112' } }))),
      'INVALID_ROUTING_TABLE',
    );
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json, { did: '+3150' }))),
      'INVALID_ROUTING_TABLE',
    );
  });

  it('rejects unknown fields, formats and settings', () => {
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json, { extra: true }))),
      'INVALID_ROUTING_TABLE',
    );
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json, { format: 2 }))),
      'INVALID_ROUTING_TABLE',
    );
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json, { strategy: 'random' }))),
      'INVALID_ROUTING_TABLE',
    );
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json, { overlapPolicy: 'x' }))),
      'INVALID_ROUTING_TABLE',
    );
    routingErrorOf(
      () => parseRoutingTable(tampered((json) => Object.assign(json, { version: -1 }))),
      'INVALID_ROUTING_TABLE',
    );
  });

  it('rejects values that are not tables', () => {
    routingErrorOf(() => parseRoutingTable(null), 'INVALID_ROUTING_TABLE');
    routingErrorOf(() => parseRoutingTable('{}'), 'INVALID_ROUTING_TABLE');
  });
});
