import { describe, expect, test } from 'vitest';
import { deriveProducerStratum, type HeldRight, type StratumRule } from './strata.domain.ts';

const rule = (stratum: 'PMA' | 'PPM', substance: StratumRule['substance'], maxHectares: number, maxCapacity: number): StratumRule => ({
  stratum,
  substance,
  maxHectares,
  maxCapacity,
  capacityUnit: substance === 'placer' ? 'm3/day' : 't/day',
  validFrom: '2002-01-24',
  validTo: null,
  legalSource: 'Ley 27651',
});
const RULES = [rule('PPM', 'metallic', 2000, 350), rule('PMA', 'metallic', 1000, 25), rule('PPM', 'placer', 2000, 3000), rule('PMA', 'placer', 1000, 200)];
const right = (code: string, hectares: number | null, capacity: number | null, o: Partial<HeldRight> = {}): HeldRight => ({
  code,
  hectares,
  capacity,
  substance: 'metallic',
  title: 'holder',
  ...o,
});

describe('stratum per producer (Law 27651: all rights "por cualquier título")', () => {
  test('three rights of 400 ha each are 1,200 ha together: PPM, though each alone would be PMA', () => {
    const r = deriveProducerStratum(RULES, [right('A', 400, 5), right('B', 400, 5), right('C', 400, 5, { title: 'contract' })], '2025-01-01');
    expect(r).toMatchObject({ stratum: 'PPM', hectares: 1200, capacity: 15, rights: 3 });
    expect(r.explanation[0]).toContain('C (contrato)');
    expect(r.explanation.join(' ')).toContain(
      '1200 ha > 1000 ha: no es PMA'.replace('1200', (1200).toLocaleString('es-PE')).replace('1000', (1000).toLocaleString('es-PE')),
    );
  });
  test('capacities add up too; a declared producer capacity replaces the sum', () => {
    expect(deriveProducerStratum(RULES, [right('A', 100, 20), right('B', 100, 20)], '2025-01-01').stratum).toBe('PPM');
    expect(deriveProducerStratum(RULES, [right('A', 100, 20), right('B', 100, 20)], '2025-01-01', 24).stratum).toBe('PMA');
  });
  test('over 2,000 ha in total is not small-scale', () => {
    expect(deriveProducerStratum(RULES, [right('A', 1500, 1), right('B', 600, 1)], '2025-01-01').stratum).toBe('NOT_SMALL_SCALE');
  });
  test('an unknown area on any right leaves the total undetermined', () => {
    expect(deriveProducerStratum(RULES, [right('A', 100, 1), right('B', null, 1)], '2025-01-01')).toMatchObject({ stratum: 'UNDETERMINED', hectares: null });
  });
  test('mixed substances: the largest stratum any of them gives', () => {
    const r = deriveProducerStratum(RULES, [right('A', 300, 10), right('P', 300, 250, { substance: 'placer' })], '2025-01-01');
    expect(r.stratum).toBe('PPM'); // placer 250 m3/day > 200: PPM; metallic 10 t/day: PMA
  });
  test('no rights: undetermined', () => expect(deriveProducerStratum(RULES, [], '2025-01-01').stratum).toBe('UNDETERMINED'));
});
