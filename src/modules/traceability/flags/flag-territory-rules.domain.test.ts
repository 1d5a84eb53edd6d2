import { describe, expect, it } from 'vitest';
import { produce } from '../ledger/ledger.factories.ts';
import { frontAreaKey, protectedAreaOrigin, type FrontArea } from './flag-territory-rules.domain.ts';
import type { LedgerEntry } from '../ledger/ledger.state.ts';

const entry = (e = produce()) => ({ type: 'produce', event: e, fineMg: 1000n }) as unknown as Extract<LedgerEntry, { type: 'produce' }>;
const area = (over: Partial<FrontArea> = {}): FrontArea => ({
  actor: produce().actor,
  site: produce().site,
  areaKind: 'protected',
  areaName: 'Tambopata',
  category: 'Reserva Nacional',
  ...over,
});

describe('PROTECTED_AREA_ORIGIN', () => {
  it('flags production from a front inside a protected area, naming it', () => {
    const e = produce();
    const flags = protectedAreaOrigin(new Map([[frontAreaKey(e.site, e.actor), [area()]]]), entry(e));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ code: 'PROTECTED_AREA_ORIGIN', severity: 'high', actor: e.actor, date: e.date, eventIds: [e.id], lot: e.lot });
    expect(flags[0]!.message).toContain('Tambopata (Reserva Nacional)');
  });
  it('does not flag another producer’s front on the same right, nor a buffer zone', () => {
    const e = produce();
    expect(protectedAreaOrigin(new Map([[frontAreaKey(e.site, 'OTHER'), [area({ actor: 'OTHER' })]]]), entry(e))).toEqual([]);
    expect(protectedAreaOrigin(new Map([[frontAreaKey(e.site, e.actor), [area({ areaKind: 'buffer' })]]]), entry(e))).toEqual([]);
    expect(protectedAreaOrigin(new Map(), entry(e))).toEqual([]);
  });
});
