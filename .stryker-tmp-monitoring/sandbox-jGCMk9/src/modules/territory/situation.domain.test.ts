// @ts-nocheck
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditPublished,
  classifyFront,
  compareWithRecords,
  DAC_SITUATIONS,
  dacSituationOf,
  percentOf,
  SITUATIONS,
  situationOfLabel,
  tabulate,
  type ContainingRight,
} from './situation.domain.ts';

const titled = (situation: (typeof DAC_SITUATIONS)[number] | null, status: 'presented' | 'not_presented' = 'presented'): ContainingRight => ({
  kind: 'titled',
  dac: { status, situation },
});

describe('classifyFront: one situation per front', () => {
  it('LIBRE when the front lies in no right', () => expect(classifyFront([])).toBe('LIBRE'));
  for (const s of DAC_SITUATIONS) it(`${s} when its one titled concession declared ${s}`, () => expect(classifyFront([titled(s)])).toBe(s));
  it('SIN_DAC when the concession has no DAC row for the year', () => expect(classifyFront([{ kind: 'titled', dac: null }])).toBe('SIN_DAC'));
  it('SIN_DAC when the DAC was not presented', () => expect(classifyFront([titled(null, 'not_presented')])).toBe('SIN_DAC'));
  it('SIN_DAC when the DAC was presented but declared no situation', () => expect(classifyFront([titled(null)])).toBe('SIN_DAC'));
  it('ATIPICA when the front lies in two concessions, whatever they declared', () =>
    expect(classifyFront([titled('EXPLOTACION'), titled('EXPLOTACION')])).toBe('ATIPICA'));
  for (const kind of ['in_process', 'extinguished', 'quarry', 'plant', 'other'] as const) {
    it(`ATIPICA when its one right is ${kind}, even with a DAC`, () =>
      expect(classifyFront([{ kind, dac: { status: 'presented', situation: 'EXPLOTACION' } }])).toBe('ATIPICA'));
  }
  it('a right the cadastre never described counts as the concession the miner declared', () =>
    expect(classifyFront([{ kind: null, dac: { status: 'presented', situation: 'PARALIZADA' } }])).toBe('PARALIZADA'));
  it('always exactly one of the eight', () => {
    const right = fc.record({
      kind: fc.constantFrom('titled', 'in_process', 'extinguished', 'quarry', 'plant', 'other', null),
      dac: fc.option(fc.record({ status: fc.constantFrom('presented', 'not_presented'), situation: fc.option(fc.constantFrom(...DAC_SITUATIONS)) })),
    }) as fc.Arbitrary<ContainingRight>;
    fc.assert(fc.property(fc.array(right, { maxLength: 4 }), (rights) => (SITUATIONS as readonly string[]).includes(classifyFront(rights))));
  });
});

describe('tabulate and percent', () => {
  it('gives the eight rows in order with percents rounded to 0.1', () => {
    const cases = { LIBRE: 43, CONSTRUCCION: 46, EXPLORACION: 60, EXPLOTACION: 308, PARALIZADA: 53, SIN_ACTIVIDAD: 248, SIN_DAC: 92, ATIPICA: 8 } as const;
    const list = Object.entries(cases).flatMap(([s, n]) => Array<keyof typeof cases>(n).fill(s as keyof typeof cases));
    const t = tabulate(list);
    expect(t.total).toBe(858);
    expect(t.rows.map((r) => r.situation)).toEqual([...SITUATIONS]);
    expect(t.rows.map((r) => r.percent)).toEqual([5.0, 5.4, 7.0, 35.9, 6.2, 28.9, 10.7, 0.9]);
  });
  it('keeps zero rows and gives 0 % on an empty table', () => {
    const t = tabulate([]);
    expect(t.rows).toHaveLength(8);
    expect(t.rows.every((r) => r.cases === 0 && r.percent === 0)).toBe(true);
  });
  it('percentOf rounds half up at one decimal', () => {
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
  });
  it('reads the DAC situations and the table labels', () => {
    expect(dacSituationOf('Sin actividad')).toBe('SIN_ACTIVIDAD');
    expect(dacSituationOf('EXPLOTACIÓN')).toBe('EXPLOTACION');
    expect(dacSituationOf('cerrada')).toBeNull();
    expect(situationOfLabel('Sin DAC 2006')).toBe('SIN_DAC');
    expect(situationOfLabel('Conc. Atípica')).toBe('ATIPICA');
    expect(situationOfLabel('TOTAL')).toBeNull();
  });
});

describe('auditPublished: seed 004 as printed', () => {
  const seed = [
    { situation: 'Libre', percent: 5.0, cases: 43 },
    { situation: 'Construcción', percent: 5.4, cases: 46 },
    { situation: 'Exploración', percent: 7.0, cases: 60 },
    { situation: 'Explotación', percent: 35.9, cases: 308 },
    { situation: 'Paralizada', percent: 6.2, cases: 53 },
    { situation: 'Sin actividad', percent: 28.9, cases: 248 },
    { situation: 'Sin DAC 2006', percent: 10.7, cases: 92 },
    { situation: 'Conc. Atípica', percent: 0.1, cases: 8 },
    { situation: 'TOTAL', percent: 100.0, cases: 858 },
  ];
  it('names the 0.1 % row (8 of 858 are 0.9 %) and nothing else', () => {
    const d = auditPublished(seed);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ situation: 'Conc. Atípica', field: 'percent', published: 0.1, recomputed: 0.9 });
  });
  it('lists a total its cases do not add up to', () => {
    const d = auditPublished(seed.map((r) => (r.situation === 'TOTAL' ? { ...r, cases: 860 } : r)));
    expect(d.find((x) => x.field === 'total')).toMatchObject({ published: 860, recomputed: 858 });
  });
  it('compares published cases with the records', () => {
    const records = tabulate([...Array<'LIBRE'>(44).fill('LIBRE')]).rows;
    const d = compareWithRecords(seed, records);
    expect(d.find((x) => x.situation === 'Libre')).toMatchObject({ published: 43, recomputed: 44 });
  });
});
