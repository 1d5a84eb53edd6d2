import { describe, expect, test } from 'vitest';
import { deriveProducerStratum, deriveStratum, type HeldRight, type StratumRule } from './strata.domain.ts';

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

describe('stratum of one holding: dated rules and the sentence that explains it', () => {
  const dated = [
    { ...rule('PMA', 'metallic', 1000, 25), validFrom: '2002-01-24', validTo: '2020-12-31', legalSource: 'old' },
    { ...rule('PMA', 'metallic', 1000, 50), validFrom: '2021-01-01', validTo: null, legalSource: 'new' },
    rule('PPM', 'metallic', 2000, 350),
  ];
  test('validFrom and validTo are inclusive: the rule in force that day applies', () => {
    expect(deriveStratum(dated, { hectares: 10, capacity: 40, substance: 'metallic', date: '2020-12-31' })).toMatchObject({ stratum: 'PPM' });
    expect(deriveStratum(dated, { hectares: 10, capacity: 20, substance: 'metallic', date: '2020-12-31' })).toMatchObject({
      stratum: 'PMA',
      legalSource: 'old',
    });
    expect(deriveStratum(dated, { hectares: 10, capacity: 20, substance: 'metallic', date: '2021-06-01' })).toMatchObject({
      stratum: 'PMA',
      legalSource: 'new',
    });
    expect(deriveStratum(dated, { hectares: 10, capacity: 40, substance: 'metallic', date: '2021-01-01' })).toMatchObject({
      stratum: 'PMA',
      legalSource: 'new',
    });
    expect(deriveStratum(dated, { hectares: 10, capacity: 20, substance: 'metallic', date: '2002-01-24' })).toMatchObject({
      stratum: 'PMA',
      legalSource: 'old',
    });
    expect(deriveStratum(dated, { hectares: 10, capacity: 20, substance: 'metallic', date: '2002-01-23' })).toMatchObject({
      stratum: 'UNDETERMINED',
      legalSource: null,
      explanation: ['No hay reglas de estrato vigentes al 2002-01-23.'],
    });
  });
  test('rules of another substance never apply', () => {
    expect(deriveStratum(RULES, { hectares: 10, capacity: 1, substance: 'non_metallic', date: '2025-01-01' }).stratum).toBe('UNDETERMINED');
  });
  test('the smallest stratum is tried first whatever the order of the rules', () => {
    const shuffled = [rule('PMA', 'metallic', 1000, 25), rule('PPM', 'metallic', 2000, 350)];
    expect(deriveStratum(shuffled, { hectares: 10, capacity: 1, substance: 'metallic', date: '2025-01-01' }).stratum).toBe('PMA');
    expect(deriveStratum([...shuffled].reverse(), { hectares: 10, capacity: 1, substance: 'metallic', date: '2025-01-01' }).stratum).toBe('PMA');
  });
  test('each criterion that fails is named, and a missing figure says which', () => {
    const cap = deriveStratum(RULES, { hectares: 500, capacity: 30, substance: 'metallic', date: '2025-01-01' });
    expect(cap).toMatchObject({ stratum: 'PPM', legalSource: 'Ley 27651' });
    expect(cap.explanation[0]).toBe('30 t/day > 25 t/day: no es PMA.');
    const area = deriveStratum(RULES, { hectares: 3000, capacity: 1, substance: 'metallic', date: '2025-01-01' });
    expect(area).toMatchObject({ stratum: 'NOT_SMALL_SCALE', legalSource: 'Ley 27651' });
    expect(area.explanation).toHaveLength(2);
    expect(area.explanation[1]).toContain('no es PPM.');
    expect(deriveStratum(RULES, { hectares: null, capacity: 1, substance: 'metallic', date: '2025-01-01' }).explanation).toEqual([
      'Falta el área (ha) para decidir si es PMA.',
    ]);
    expect(deriveStratum(RULES, { hectares: 1, capacity: null, substance: 'metallic', date: '2025-01-01' }).explanation).toEqual([
      'Falta la capacidad productiva para decidir si es PMA.',
    ]);
    expect(deriveStratum(RULES, { hectares: 1, capacity: null, substance: 'metallic', date: '2025-01-01' }).legalSource).toBe('Ley 27651');
  });
  test('a producer: the head lists each right, unknown areas as "?", and the capacity given or summed', () => {
    const r = deriveProducerStratum(RULES, [right('A', 100, 2), right('B', null, 3)], '2025-01-01');
    expect(r.explanation[0]).toBe('2 derecho(s) por cualquier título — A: 100 ha; B: ? ha; total desconocido.');
    expect(r).toMatchObject({ capacity: 5, rights: 2, legalSource: 'Ley 27651' });
    const one = deriveProducerStratum(RULES, [right('A', 100, 2)], '2025-01-01', null);
    expect(one).toMatchObject({ stratum: 'UNDETERMINED', capacity: null });
    expect(one.explanation[0]).toBe('1 derecho(s) por cualquier título — A: 100 ha; total 100 ha.');
    expect(deriveProducerStratum(RULES, [right('A', 100, null)], '2025-01-01').capacity).toBeNull();
    expect(deriveProducerStratum(RULES, [], '2025-01-01')).toMatchObject({
      explanation: ['No tiene derechos mineros registrados.'],
      legalSource: null,
      rights: 0,
    });
  });
  test('mixed substances: capacities are summed per substance, and the first of equal strata is kept', () => {
    // metallic 20 t/day and placer 150 m3/day: both PMA; a sum across substances (170) would wrongly exceed 25
    const r = deriveProducerStratum(RULES, [right('A', 300, 20), right('P', 300, 150, { substance: 'placer' })], '2025-01-01');
    expect(r.stratum).toBe('PMA');
    expect(r.explanation[1]).toContain('t/day');
    expect(r.capacity).toBe(170);
  });
  test('a figure exactly at a limit meets it: the other criterion decides, and the sentence names that one', () => {
    const explain = (hectares: number | null, capacity: number | null) =>
      deriveStratum(RULES, { hectares, capacity, substance: 'metallic', date: '2025-01-01' });
    expect(explain(1000, 30).explanation[0]).toBe('30 t/day > 25 t/day: no es PMA.');
    expect(explain(null, 25)).toMatchObject({ stratum: 'UNDETERMINED', explanation: ['Falta el área (ha) para decidir si es PMA.'] });
    expect(explain(1000, null)).toMatchObject({ stratum: 'UNDETERMINED', explanation: ['Falta la capacidad productiva para decidir si es PMA.'] });
    expect(explain(10.257, 30).explanation[0]).toBe('30 t/day > 25 t/day: no es PMA.');
    expect(explain(10.257, 1).explanation[0]).toBe(`${(10.26).toLocaleString('es-PE')} ha ≤ ${(1000).toLocaleString('es-PE')} ha y 1 t/day ≤ 25 t/day: PMA.`);
  });
});
