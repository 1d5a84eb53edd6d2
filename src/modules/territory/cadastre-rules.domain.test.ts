/** Each rule of one cadastre feature on its own: the field it names, its code and the row kept. */
import { describe, expect, it } from 'vitest';
import type { RowError, SourceRecord } from '../../platform/imports/types.ts';
import {
  departmentsOf,
  duplicateCodes,
  hectareDifference,
  substanceOf,
  validateCadastreFeature,
  type CadastreColumn,
  type CadastreRow,
} from './cadastre.domain.ts';

const DEPS = new Map([
  ['MOQUEGUA', '18'],
  ['PUNO', '21'],
  ['LA LIBERTAD', '13'],
]);
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [-70, -15],
      [-69.9, -15],
      [-69.9, -14.9],
      [-70, -15],
    ],
  ],
};
const record = (values: Partial<Record<CadastreColumn, string>>, geometry: unknown = SQUARE): SourceRecord<CadastreColumn> => ({
  row: 4,
  values: {
    CODIGOU: '010004319',
    CONCESION: 'ANA MARIA',
    TIT_CONCES: '',
    D_ESTADO: 'D.M. Titulado D.L. 708',
    LEYENDA: '',
    FEC_DENU: '',
    ZONA: '',
    HASDATUM: '',
    SUSTANCIA: 'M',
    DEPA: 'PUNO',
    PROVI: '',
    DISTRI: '',
    ...values,
  },
  cells: [],
  geometry,
});
const errorsOf = (values: Partial<Record<CadastreColumn, string>>, geometry?: unknown): RowError[] => {
  const out = validateCadastreFeature(record(values, geometry), DEPS);
  return Array.isArray(out) ? out : [];
};
const rowOf = (values: Partial<Record<CadastreColumn, string>>, geometry?: unknown): CadastreRow => {
  const out = validateCadastreFeature(record(values, geometry), DEPS);
  if (Array.isArray(out)) throw new Error(JSON.stringify(out));
  return out;
};

describe('one rule at a time', () => {
  it('a valid feature: every field as read, empty optional fields as null', () => {
    expect(rowOf({})).toEqual({
      row: 4,
      code: '010004319',
      name: 'ANA MARIA',
      holderName: null,
      legalState: 'D.M. Titulado D.L. 708',
      kind: 'titled',
      legend: null,
      filedOn: null,
      zone: null,
      declaredHectares: null,
      substance: 'metallic',
      departmentCodes: ['21'],
      declaredDepartments: 'PUNO',
      geometry: JSON.stringify(SQUARE),
    });
  });

  it('the optional fields when given', () => {
    expect(
      rowOf({ TIT_CONCES: 'MINERA SOL S.A.C.', LEYENDA: 'TITULADO', FEC_DENU: '05/03/2001', ZONA: '19', HASDATUM: '100,5', SUSTANCIA: 'N' }),
    ).toMatchObject({
      holderName: 'MINERA SOL S.A.C.',
      legend: 'TITULADO',
      filedOn: '2001-03-05',
      zone: 19,
      declaredHectares: 100.5,
      substance: 'non_metallic',
    });
    expect(rowOf({ ZONA: '17' }).zone).toBe(17);
    expect(rowOf({ ZONA: '18' }).zone).toBe(18);
  });

  it.each([
    [{ CODIGOU: '12345AB' }, 'CODIGOU', 'cadastre.code.invalid'],
    [{ CODIGOU: 'A10004319' }, 'CODIGOU', 'cadastre.code.invalid'],
    [{ CODIGOU: '010004319.X' }, 'CODIGOU', 'cadastre.code.invalid'],
    [{ CONCESION: '' }, 'CONCESION', 'cadastre.name.missing'],
    [{ D_ESTADO: '' }, 'D_ESTADO', 'cadastre.state.missing'],
    [{ DEPA: 'NARNIA' }, 'DEPA', 'cadastre.department.unknown'],
    [{ DEPA: '' }, 'DEPA', 'cadastre.department.unknown'],
    [{ HASDATUM: '0' }, 'HASDATUM', 'cadastre.hectares.invalid'],
    [{ HASDATUM: '-1' }, 'HASDATUM', 'cadastre.hectares.invalid'],
    [{ HASDATUM: 'mucho' }, 'HASDATUM', 'cadastre.hectares.invalid'],
    [{ ZONA: '20' }, 'ZONA', 'cadastre.zone.invalid'],
    [{ ZONA: 'x' }, 'ZONA', 'cadastre.zone.invalid'],
    [{ SUSTANCIA: 'Q' }, 'SUSTANCIA', 'cadastre.substance.unknown'],
    [{ FEC_DENU: '2001-13-01' }, 'FEC_DENU', 'cadastre.date.invalid'],
  ] as const)('%o → %s %s, alone', (values, column, code) => {
    const errors = errorsOf(values);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 4, column, code, value: (values as Record<string, string>)[column] });
    expect(errors[0]!.message.length).toBeGreaterThan(10);
  });

  it('an unknown department carries its value as a parameter', () => {
    expect(errorsOf({ DEPA: 'NARNIA' })[0]).toMatchObject({ params: { value: 'NARNIA' } });
    expect(errorsOf({ CONCESION: '' })[0]).not.toHaveProperty('params');
  });

  it.each([
    [{ type: 'Point', coordinates: [0, 0] }, 'Point'],
    [{ type: 'Polygon', coordinates: [] }, 'Polygon'],
    [{ type: 'MultiPolygon' }, 'MultiPolygon'],
    [null, ''],
  ])('geometry %o is refused', (geometry, value) => {
    const errors = errorsOf({}, geometry);
    expect(errors).toEqual([expect.objectContaining({ column: 'geometry', code: 'cadastre.geometry.type', value })]);
  });

  it('a multipolygon is a geometry', () => {
    const multi = { type: 'MultiPolygon', coordinates: [SQUARE.coordinates] };
    expect(rowOf({}, multi).geometry).toBe(JSON.stringify(multi));
  });
});

describe('attributes', () => {
  it('substances: empty and metallic spellings are metallic, non-metallic spellings are not', () => {
    expect(substanceOf('')).toBe('metallic');
    expect(substanceOf('Metálica')).toBe('metallic');
    expect(substanceOf('NO METALICA')).toBe('non_metallic');
    expect(substanceOf('N')).toBe('non_metallic');
    expect(substanceOf('SEMI METAL')).toBeNull();
    expect(substanceOf('ANO METAL')).toBeNull();
  });

  it('departments split on / , ; and a spaced dash, each once, unknown ones trimmed', () => {
    expect(departmentsOf('PUNO, MOQUEGUA; PUNO', DEPS)).toEqual({ codes: ['21', '18'], unknown: [] });
    expect(departmentsOf('LA LIBERTAD - PUNO', DEPS)).toEqual({ codes: ['13', '21'], unknown: [] });
    expect(departmentsOf('PUNO-MOQUEGUA', DEPS)).toEqual({ codes: [], unknown: ['PUNO-MOQUEGUA'] });
    expect(departmentsOf('PUNO -MOQUEGUA', DEPS)).toEqual({ codes: [], unknown: ['PUNO -MOQUEGUA'] });
    expect(departmentsOf(' Narnia  / PUNO', DEPS)).toEqual({ codes: ['21'], unknown: ['Narnia'] });
    expect(departmentsOf(' / ;', DEPS)).toEqual({ codes: [], unknown: [] });
  });

  it('hectare difference: none without a positive declared area', () => {
    expect(hectareDifference(90, 100)).toBeCloseTo(0.1, 12);
    expect(hectareDifference(100, 0)).toBeNull();
    expect(hectareDifference(100, -5)).toBeNull();
    expect(hectareDifference(0.5, 0.25)).toBe(1);
  });

  it('duplicates name the first feature, in the message too; distinct codes pass', () => {
    const a = rowOf({});
    const b = { ...a, row: 9 };
    const c = { ...rowOf({ CODIGOU: '010004320' }), row: 11 };
    const out = duplicateCodes([a, b, c, { ...a, row: 12 }]);
    expect(out.map((e) => [e.row, e.column, e.value, e.params])).toEqual([
      [9, 'CODIGOU', '010004319', { first: 4 }],
      [12, 'CODIGOU', '010004319', { first: 4 }],
    ]);
    expect(out[0]!.message).toContain('feature 4');
  });
});
