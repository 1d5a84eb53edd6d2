/** The audit of a published situation table and its comparison with the records, rule by rule. */
import { describe, expect, it } from 'vitest';
import { auditPublished, classifyFront, compareWithRecords, situationOfLabel, tabulate } from './situation.domain.ts';

describe('classifyFront edge cases', () => {
  it('a DAC not presented is SIN_DAC even when it carries a situation', () => {
    expect(classifyFront([{ kind: 'titled', dac: { status: 'not_presented', situation: 'EXPLOTACION' } }])).toBe('SIN_DAC');
  });
  it('a right the cadastre never described counts as the declared concession', () => {
    expect(classifyFront([{ kind: null, dac: { status: 'presented', situation: 'PARALIZADA' } }])).toBe('PARALIZADA');
    expect(classifyFront([{ kind: null, dac: null }])).toBe('SIN_DAC');
  });
});

describe('auditPublished', () => {
  it('a percent off its cases over the TOTAL row: the recomputed value and why, in Spanish', () => {
    const out = auditPublished([
      { situation: 'Libre', percent: 50, cases: 1 },
      { situation: 'Sin DAC', percent: 80, cases: 4 },
      { situation: 'TOTAL', percent: 100, cases: 5 },
    ]);
    expect(out).toEqual([{ situation: 'Libre', field: 'percent', published: 50, recomputed: 20, reason: '1 de 5 casos son 20.0 %, no 50.0 %.' }]);
  });

  it('an empty percent is a discrepancy, said as "vacío"', () => {
    const out = auditPublished([
      { situation: 'Libre', percent: null, cases: 1 },
      { situation: 'Sin DAC', percent: 75, cases: 3 },
    ]);
    expect(out).toEqual([{ situation: 'Libre', field: 'percent', published: null, recomputed: 25, reason: '1 de 4 casos son 25.0 %, no vacío.' }]);
  });

  it('within the display rounding (0.05) a percent stands; beyond it, not', () => {
    const rows = (p: number) => [
      { situation: 'Libre', percent: p, cases: 1 },
      { situation: 'Sin DAC', percent: 80, cases: 4 },
    ];
    expect(auditPublished(rows(20.05))).toEqual([]);
    expect(auditPublished(rows(19.95))).toEqual([]);
    expect(auditPublished(rows(20.07)).map((d) => d.recomputed)).toEqual([20]);
    expect(auditPublished(rows(19.93)).map((d) => d.recomputed)).toEqual([20]);
  });

  it('rows without cases are not audited; a TOTAL without cases is the sum', () => {
    expect(
      auditPublished([
        { situation: 'Libre', percent: 99, cases: null },
        { situation: 'Sin DAC', percent: 100, cases: 4 },
        { situation: 'Total', percent: 100, cases: null },
      ]),
    ).toEqual([]);
  });

  it('a TOTAL its cases do not add up to', () => {
    const out = auditPublished([
      { situation: 'Libre', percent: 25, cases: 1 },
      { situation: 'Sin DAC', percent: 75, cases: 3 },
      { situation: 'Total', percent: 100, cases: 5 },
    ]);
    expect(out.map((d) => d.field)).toEqual(['percent', 'percent', 'total']);
    expect(out[2]).toEqual({ situation: 'Total', field: 'total', published: 5, recomputed: 4, reason: 'Los casos suman 4, no 5.' });
    expect(out[0]!.reason).toBe('1 de 5 casos son 20.0 %, no 25.0 %.');
  });

  it('a table that adds up has no discrepancy', () => {
    const { rows, total } = tabulate(['LIBRE', 'SIN_DAC', 'SIN_DAC', 'ATIPICA']);
    expect(auditPublished([...rows, { situation: 'TOTAL', percent: 100, cases: total }])).toEqual([]);
  });
});

describe('situationOfLabel', () => {
  it.each([
    ['Libre', 'LIBRE'],
    ['En construcción', 'CONSTRUCCION'],
    ['Exploración', 'EXPLORACION'],
    ['Explotación', 'EXPLOTACION'],
    ['Paralizada', 'PARALIZADA'],
    ['Sin actividad', 'SIN_ACTIVIDAD'],
    ['Sin DAC 2006', 'SIN_DAC'],
    ['Conc. Atípica', 'ATIPICA'],
    ['TOTAL', null],
    ['Otra', null],
  ] as const)('%s → %s', (label, situation) => expect(situationOfLabel(label)).toBe(situation));
});

describe('compareWithRecords', () => {
  const computed = tabulate(['LIBRE', 'EXPLOTACION', 'EXPLOTACION', 'SIN_DAC']).rows;

  it('only the rows whose cases differ from the records, each with the records’ count', () => {
    expect(
      compareWithRecords(
        [
          { situation: 'Libre', percent: 25, cases: 1 },
          { situation: 'Explotación', percent: 60, cases: 3 },
          { situation: 'Sin DAC', percent: 25, cases: null },
          { situation: 'TOTAL', percent: 100, cases: 4 },
        ],
        computed,
      ),
    ).toEqual([{ situation: 'Explotación', field: 'cases', published: 3, recomputed: 2, reason: 'Los registros dan 2 casos, no 3.' }]);
  });

  it('agreeing rows give nothing, whatever their place in the table', () => {
    expect(
      compareWithRecords(
        [
          { situation: 'Explotación', percent: 50, cases: 2 },
          { situation: 'Sin DAC', percent: 25, cases: 1 },
        ],
        computed,
      ),
    ).toEqual([]);
  });
});
