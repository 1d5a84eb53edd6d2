import { describe, expect, it } from 'vitest';
import { frontAreaKey } from '../flags/flag-territory-rules.domain.ts';
import { frontAreasOf, mercuryCandidates } from './registry-facts.domain.ts';

describe('facts of other modules for the flags', () => {
  it('groups the areas of each producer’s front per right, trimming fixed-width RUCs and codes', () => {
    const areas = frontAreasOf([
      { actor: '20100000001', site: '010000001', areaKind: 'protected', areaName: 'Tambopata', category: 'Reserva Nacional' },
      { actor: '20100000001 ', site: '010000001', areaKind: 'buffer', areaName: 'ZA Tambopata', category: null },
      { actor: '20100000002', site: '010000001 ', areaKind: 'protected', areaName: 'Bahuaja-Sonene', category: 'Parque Nacional' },
    ]);
    expect(areas.get(frontAreaKey('010000001', '20100000001'))?.map((a) => a.areaName)).toEqual(['Tambopata', 'ZA Tambopata']);
    expect(areas.get(frontAreaKey('010000001', '20100000002'))?.map((a) => a.actor)).toEqual(['20100000002']);
    expect(areas.size).toBe(2);
  });

  it('asks for the mercury use of the actors and of every site’s holder and declarants, once each', () => {
    const sites = [
      { code: 'A', holder: 'H1', department: '21', inscriptions: [{ actor: 'M1', activity: 'explotacion' as const, frontDepartment: null }] },
      { code: 'B', holder: null, department: '21', inscriptions: [{ actor: 'T1', activity: 'explotacion' as const, frontDepartment: null }] },
    ];
    expect(mercuryCandidates(['T1', 'M2'], sites)).toEqual(['H1', 'M1', 'M2', 'T1']);
    expect(mercuryCandidates([], [])).toEqual([]);
  });
});
