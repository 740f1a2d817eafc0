import type { TableChange } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { createTableRegistry } from './table-registry.ts';
import { did, entryOf, tableOf } from './test-fixtures.ts';

const published = (version: number, tableDid: string = did): TableChange => ({
  type: 'published',
  ...entryOf(tableOf({ version, did: tableDid })),
  unmatched: [],
});

describe('createTableRegistry', () => {
  it('finds a table by DID and counts what it holds', () => {
    const registry = createTableRegistry();
    registry.replaceAll([entryOf(tableOf())]);
    expect(registry.lookup(did)?.numberId).toBe('n1');
    expect(registry.lookup('+31209999999')).toBeUndefined();
    expect(registry.size).toBe(1);
  });

  it('only ever moves a number forward, whatever order versions arrive in', () => {
    const registry = createTableRegistry();
    expect(registry.apply(published(2))).toBe(true);
    expect(registry.apply(published(1))).toBe(false);
    expect(registry.apply(published(2))).toBe(false);
    expect(registry.lookup(did)?.version).toBe(2);
    registry.replaceAll([entryOf(tableOf({ version: 1 }))]);
    expect(registry.lookup(did)?.version).toBe(2);
  });

  it('follows a number to a new DID and forgets removed numbers', () => {
    const registry = createTableRegistry();
    registry.apply(published(1));
    registry.apply(published(2, '+31201234567'));
    expect(registry.lookup(did)).toBeUndefined();
    expect(registry.lookup('+31201234567')?.version).toBe(2);
    expect(registry.apply({ type: 'removed', tenantId: 't1', numberId: 'n1' })).toBe(true);
    expect(registry.size).toBe(0);
    expect(registry.apply({ type: 'removed', tenantId: 't1', numberId: 'n1' })).toBe(false);
  });

  it('drops numbers a full load no longer has, and tells its listeners', () => {
    const registry = createTableRegistry();
    let changes = 0;
    registry.onChange(() => {
      changes += 1;
    });
    registry.replaceAll([entryOf(tableOf()), entryOf(tableOf({ did: '+31201234567' }), 't2', 'n2')]);
    registry.replaceAll([entryOf(tableOf({ did: '+31201234567' }), 't2', 'n2')]);
    expect(registry.entries().map((entry) => entry.numberId)).toEqual(['n2']);
    expect(changes).toBe(2);
  });

  it('keeps a DID taken over by another number when the old number is removed later', () => {
    const registry = createTableRegistry();
    registry.replaceAll([entryOf(tableOf(), 't1', 'old')]);
    registry.apply({ type: 'published', ...entryOf(tableOf(), 't1', 'new'), unmatched: [] });
    registry.apply({ type: 'removed', tenantId: 't1', numberId: 'old' });
    expect(registry.lookup(did)?.numberId).toBe('new');
  });
});
