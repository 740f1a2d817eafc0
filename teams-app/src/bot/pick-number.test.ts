import type { RoutedNumber } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { pickNumber } from './pick-number.ts';

const number = (id: string, name: string, did: string) => ({ id, name, did }) as RoutedNumber;
const storing = number('1', 'Storingsdienst', '+31501234567');
const storingNoord = number('2', 'Storingsdienst Noord', '+31507654321');
const service = number('3', 'Servicedesk', '+31201234567');

describe('pickNumber', () => {
  it('takes the only number, and needs a name when there are several', () => {
    expect(pickNumber([storing])).toEqual({ kind: 'found', number: storing });
    expect(pickNumber([storing, service])).toEqual({ kind: 'ambiguous' });
    expect(pickNumber([])).toEqual({ kind: 'none' });
  });

  it('finds a number by its whole name before its start, case-insensitively', () => {
    const all = [storing, storingNoord, service];
    expect(pickNumber(all, 'storingsdienst')).toEqual({ kind: 'found', number: storing });
    expect(pickNumber(all, 'Storingsdienst N')).toEqual({ kind: 'found', number: storingNoord });
    expect(pickNumber(all, 'Serv')).toEqual({ kind: 'found', number: service });
    expect(pickNumber(all, 'Stor')).toEqual({ kind: 'ambiguous' });
    expect(pickNumber(all, 'Helpdesk')).toEqual({ kind: 'unknown' });
  });

  it('finds a number by its digits as dialled at home or abroad', () => {
    const all = [storing, storingNoord, service];
    expect(pickNumber(all, '050 123 4567')).toEqual({ kind: 'found', number: storing });
    expect(pickNumber(all, '+31 50 765 4321')).toEqual({ kind: 'found', number: storingNoord });
    expect(pickNumber(all, '0031201234567')).toEqual({ kind: 'found', number: service });
    expect(pickNumber(all, '4567')).toEqual({ kind: 'unknown' });
  });
});
