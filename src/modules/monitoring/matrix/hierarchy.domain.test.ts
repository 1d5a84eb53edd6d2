import { describe, expect, it } from 'vitest';
import { seedMatrix } from '../../../../test/fixtures/monitoring/seed-matrix.ts';
import { isElementRow, isIndicatorRow, levelOfCode, missingParents, objectiveCodeOf, parentCode, rowName } from './hierarchy.domain.ts';

describe('CEPLAN codes: the level a code is written for', () => {
  it('each level has its own number of segments', () => {
    expect(levelOfCode('OP.01')).toBe('OP');
    expect(levelOfCode('IOP.01.02')).toBe('IOP');
    expect(levelOfCode('LN.01.02')).toBe('LN');
    expect(levelOfCode('SS.01.02.03')).toBe('SS');
    expect(levelOfCode('ISS.01.02.03.04')).toBe('ISS');
  });
  it('one segment too many or too few, a foreign prefix, or text around the code: no level', () => {
    for (const bad of [
      'OP.01.01',
      'OP',
      'IOP.01',
      'LN.01.02.03',
      'SS.01.02',
      'ISS.01.02.03',
      'XX.01',
      'op.01',
      ' OP.01',
      'OP.01 ',
      'OP.01.',
      'OP.a1',
      'OP..01',
      'AOP.01',
    ]) {
      expect(levelOfCode(bad)).toBeNull();
    }
  });
});

describe('the parent of each element follows from its code', () => {
  it('walks ISS → SS → LN → OP and IOP → OP', () => {
    expect(parentCode('ISS.01.02.03.04')).toBe('SS.01.02.03');
    expect(parentCode('SS.01.02.03')).toBe('LN.01.02');
    expect(parentCode('LN.01.02')).toBe('OP.01');
    expect(parentCode('IOP.03.02')).toBe('OP.03');
    expect(parentCode('OP.01')).toBeNull();
    expect(parentCode('SS.01.02')).toBeNull();
  });
  it('the objective is the first number, for any well-formed code', () => {
    expect(objectiveCodeOf('ISS.04.02.03.01')).toBe('OP.04');
    expect(objectiveCodeOf('OP.02')).toBe('OP.02');
    expect(objectiveCodeOf('IOP.05.01')).toBe('OP.05');
    expect(objectiveCodeOf('ISS.04.02')).toBeNull();
  });
  it('lists every code whose parent is missing, with that parent, in order', () => {
    expect(missingParents(['OP.01', 'LN.01.01', 'SS.01.01.01', 'ISS.01.01.01.01', 'IOP.01.01'])).toEqual([]);
    expect(missingParents(['OP.01', 'SS.01.02.01', 'ISS.01.02.01.01', 'IOP.02.01', 'bad'])).toEqual([
      { code: 'SS.01.02.01', parent: 'LN.01.02' },
      { code: 'IOP.02.01', parent: 'OP.02' },
    ]);
  });
});

describe('rows of the seed matrix', () => {
  it('indicators are the IOP and ISS rows, named by their sheet; elements by their name', () => {
    const rows = seedMatrix().rows;
    const indicators = rows.filter(isIndicatorRow);
    const elements = rows.filter(isElementRow);
    expect(indicators.length).toBeGreaterThan(0);
    expect(elements.length).toBeGreaterThan(0);
    expect(indicators.length + elements.length).toBe(rows.length);
    expect(new Set(indicators.map((r) => r.level))).toEqual(new Set(['IOP', 'ISS']));
    expect(new Set(elements.map((r) => r.level))).toEqual(new Set(['OP', 'LN', 'SS']));
    for (const r of indicators) expect(rowName(r)).toBe(r.sheet.name);
    for (const r of elements) expect(rowName(r)).toBe(r.name);
    expect(missingParents(rows.map((r) => r.code))).toEqual([]);
  });
});
