// @ts-nocheck
import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../platform/imports/types.ts';
import {
  departmentsOf,
  duplicateCodes,
  hectareDifference,
  rightKindOfState,
  substanceOf,
  validateCadastreFeature,
  type CadastreColumn,
} from './cadastre.domain.ts';
import { geometryToWgs84, sridFromGeoJsonCrs, sridFromPrj } from './crs.domain.ts';
import { utmToLonLat } from '../registry/registry.domain.ts';

const DEPS = new Map([
  ['MOQUEGUA', '18'],
  ['PUNO', '21'],
  ['LA LIBERTAD', '13'],
]);

const record = (
  values: Partial<Record<CadastreColumn, string>>,
  geometry: unknown = {
    type: 'Polygon',
    coordinates: [
      [
        [-70, -15],
        [-69.9, -15],
        [-69.9, -14.9],
        [-70, -15],
      ],
    ],
  },
): SourceRecord<CadastreColumn> => ({
  row: 7,
  values: {
    CODIGOU: '10004319',
    CONCESION: 'ANA MARIA',
    TIT_CONCES: '',
    D_ESTADO: 'D.M. Titulado D.L. 708',
    LEYENDA: '',
    FEC_DENU: '',
    ZONA: '19',
    HASDATUM: '100',
    SUSTANCIA: 'M',
    DEPA: 'PUNO',
    PROVI: '',
    DISTRI: '',
    ...values,
  },
  cells: [],
  geometry,
});

describe('legal states', () => {
  it.each([
    ['D.M. Titulado D.L. 708', 'titled'],
    ['D.M. Titulado D.L. 109', 'titled'],
    ['D.M. en Trámite D.L. 708', 'in_process'],
    ['D.M. Exting. a publicar de L.D.', 'extinguished'],
    ['Cantera D.S. 037-96-EM', 'quarry'],
    ['Planta de Beneficio', 'plant'],
    ['Otro', 'other'],
  ] as const)('%s → %s', (state, kind) => expect(rightKindOfState(state)).toBe(kind));
});

describe('attributes', () => {
  it('substances M and N', () => {
    expect(substanceOf('M')).toBe('metallic');
    expect(substanceOf('n')).toBe('non_metallic');
    expect(substanceOf('X')).toBeNull();
  });
  it('a right named in two departments', () => {
    expect(departmentsOf('MOQUEGUA / PUNO', DEPS)).toEqual({ codes: ['18', '21'], unknown: [] });
    expect(departmentsOf('Narnia', DEPS)).toEqual({ codes: [], unknown: ['Narnia'] });
  });
  it('hectare difference is relative to the declared area', () => {
    expect(hectareDifference(106, 100)).toBeCloseTo(0.06);
    expect(hectareDifference(100, null)).toBeNull();
  });
});

describe('validateCadastreFeature', () => {
  it('pads digits-only codes to 9 and keeps letters', () => {
    expect(validateCadastreFeature(record({}), DEPS)).toMatchObject({ code: '010004319', kind: 'titled', substance: 'metallic', departmentCodes: ['21'] });
    expect(validateCadastreFeature(record({ CODIGOU: '010004319AF' }), DEPS)).toMatchObject({ code: '010004319AF' });
  });
  it('lists every problem of a feature with its column', () => {
    const errors = validateCadastreFeature(
      record({ CODIGOU: 'X', HASDATUM: '-3', SUSTANCIA: 'Q', DEPA: 'Narnia', FEC_DENU: '31/02/2001', ZONA: '16' }, { type: 'Point', coordinates: [0, 0] }),
      DEPS,
    );
    expect(Array.isArray(errors)).toBe(true);
    expect((errors as { column: string }[]).map((e) => e.column).sort()).toEqual(
      ['CODIGOU', 'DEPA', 'FEC_DENU', 'HASDATUM', 'SUSTANCIA', 'ZONA', 'geometry'].sort(),
    );
    expect((errors as { row: number }[]).every((e) => e.row === 7)).toBe(true);
  });
  it('refuses a second feature with the same code', () => {
    const a = validateCadastreFeature(record({}), DEPS);
    const b = { ...(a as object), row: 9 } as typeof a;
    expect(duplicateCodes([a, b] as never)).toMatchObject([{ row: 9, code: 'cadastre.code.duplicate', params: { first: 7 } }]);
  });
});

describe('CRS', () => {
  it('reads ESRI .prj files of GEOCATMIN', () => {
    expect(sridFromPrj('PROJCS["PSAD_1956_UTM_Zone_18S",GEOGCS["GCS_Provisional_S_American_1956",DATUM["D_Provisional_S_American_1956"]]]')).toBe(24878);
    expect(sridFromPrj('PROJCS["WGS_1984_UTM_Zone_19S",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]]')).toBe(32719);
    expect(sridFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]]]')).toBe(4326);
    expect(sridFromPrj('PROJCS["x",GEOGCS["y"],AUTHORITY["EPSG","24877"]]')).toBe(24877);
    expect(sridFromPrj('PROJCS["NAD83 / UTM zone 18N",GEOGCS["NAD83",DATUM["North_American_Datum_1983"]]]')).toBeNull();
  });
  it('reads GeoJSON crs members', () => {
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32718' } })).toBe(32718);
    expect(sridFromGeoJsonCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } })).toBe(4326);
    expect(sridFromGeoJsonCrs(undefined)).toBeNull();
  });
  it('transforms PSAD56 UTM with the registry’s pinned datum shift', () => {
    const g = geometryToWgs84({ type: 'Point', coordinates: [500000, 8400000, 12] }, 24878);
    const [lon, lat] = utmToLonLat(18, 'PSAD56', 500000, 8400000);
    expect(g.coordinates[0]).toBeCloseTo(lon, 9);
    expect(g.coordinates[1]).toBeCloseTo(lat, 9);
    expect(g.coordinates).toHaveLength(2);
    // PSAD56 lies a few hundred metres from WGS84 in Peru
    const w = geometryToWgs84({ type: 'Point', coordinates: [500000, 8400000] }, 32718).coordinates as number[];
    expect(Math.hypot((w[0]! - lon) * 111_000, (w[1]! - lat) * 111_000)).toBeGreaterThan(100);
  });
});
