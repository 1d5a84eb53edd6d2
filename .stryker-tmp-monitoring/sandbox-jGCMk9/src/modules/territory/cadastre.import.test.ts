// @ts-nocheck
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { ExitCode } from '../../platform/exit-codes.ts';
import { utmToLonLat } from '../registry/registry.domain.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { cadastreImport } from './cadastre.import.ts';
import { geoImportAction } from './territory.cli.ts';
import { cadastreCode, capture, feature, square, tmp, writeGeoJson, writeZippedShapefile } from './territory.fixtures.ts';

const db = await testDb();
const run = (file: string, o: Parameters<typeof geoImportAction>[3] = {}) => {
  const io = capture();
  return geoImportAction(db, (w) => cadastreImport(w), file, { json: true, asOf: '2024-01-31', ...o }, io).then((code) => ({ code, io, out: io.json() }));
};
const right = async (code: string) =>
  (
    await db.query<{
      id: string;
      name: string;
      legal_state: string;
      right_kind: string;
      verification: string;
      hectares: string;
      department_code: string;
      lon: number;
      lat: number;
      valid: boolean;
    }>(
      `SELECT id, name, legal_state, right_kind, verification, hectares::text, department_code, ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat, ST_IsValid(geom) AS valid
       FROM mining_rights WHERE code = $1`,
      [code],
    )
  ).rows[0];
const states = async (code: string) =>
  (
    await db.query<{ legal_state: string; effective_date: string }>(
      `SELECT s.legal_state, s.effective_date::text FROM mining_right_states s JOIN mining_rights r ON r.id = s.mining_right_id WHERE r.code = $1 ORDER BY s.id`,
      [code],
    )
  ).rows;

describe('veta import cadastre', () => {
  test('GeoJSON: inserts, repairs a bow-tie, reports an area off by more than 5 %, then a re-run is unchanged', async () => {
    const dir = tmp();
    const [a, b, c] = [cadastreCode(), cadastreCode(), cadastreCode()];
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [-70.1, -15.1],
          [-70.09, -15.09],
          [-70.09, -15.1],
          [-70.1, -15.09],
          [-70.1, -15.1],
        ],
      ],
    };
    const file = writeGeoJson(dir, 'catastro.geojson', [
      feature({ CODIGOU: a, HASDATUM: 119 }, square(-70.05, -15.05, 0.01)),
      feature({ CODIGOU: b, HASDATUM: 59.4 }, bowTie),
      feature({ CODIGOU: `${c}AF`, HASDATUM: 300, D_ESTADO: 'D.M. en Trámite D.L. 708', DEPA: 'MOQUEGUA / PUNO' }, square(-70.03, -15.05, 0.01)),
    ]);
    const first = await run(file);
    expect(first.code).toBe(ExitCode.ok);
    expect(first.out).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    const warnings = first.out['warnings'] as { row: number; code: string }[];
    expect(warnings.map((w) => [w.row, w.code])).toEqual([
      [2, 'cadastre.geometry.repaired'],
      [3, 'cadastre.hectares.mismatch'],
    ]);
    const ra = await right(`0${a}`);
    expect(ra).toMatchObject({
      verification: 'verified',
      right_kind: 'titled',
      legal_state: 'D.M. Titulado D.L. 708',
      department_code: '21',
      hectares: '119.0000',
    });
    expect((await right(`0${b}`))!.valid).toBe(true);
    // letters kept (no padding); the polygon lies in Puno, the second department named
    expect(await right(`${c}AF`)).toMatchObject({ right_kind: 'in_process', department_code: '21' });
    expect(await states(`0${a}`)).toEqual([{ legal_state: 'D.M. Titulado D.L. 708', effective_date: '2024-01-31' }]);

    const again = await run(file);
    expect(again.out).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  test('a changed legal state is an update dated at --as-of; the earlier state stays in the history', async () => {
    const dir = tmp();
    const code = cadastreCode();
    const f = (state: string) =>
      writeGeoJson(dir, `${state.length}.geojson`, [feature({ CODIGOU: code, HASDATUM: 119, D_ESTADO: state }, square(-70.2, -15.2, 0.01))]);
    await run(f('D.M. en Trámite D.L. 708'), { asOf: '2005-06-30' });
    const second = await run(f('D.M. Titulado D.L. 708'), { asOf: '2007-02-01' });
    expect(second.out).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await states(`0${code}`)).toEqual([
      { legal_state: 'D.M. en Trámite D.L. 708', effective_date: '2005-06-30' },
      { legal_state: 'D.M. Titulado D.L. 708', effective_date: '2007-02-01' },
    ]);
    expect((await right(`0${code}`))!.right_kind).toBe('titled');
  });

  test('a right the REINFO import created from an unpadded code gets its polygon (same row)', async () => {
    const code = cadastreCode();
    const reinfo = buildReinfoRow({ 'CODIGO UNICO': code });
    await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([reinfo]))), { fileName: 'r.csv', sha256: 'r'.repeat(64), asOf: '2024-01-01' });
    const before = await right(`0${code}`);
    expect(before!.verification).toBe('declared_unverified');
    const dir = tmp();
    const out = await run(writeGeoJson(dir, 'c.geojson', [feature({ CODIGOU: code, HASDATUM: 119 }, square(-70.035, -15.845, 0.01))]));
    expect(out.out).toMatchObject({ inserted: 0, updated: 1 });
    const after = await right(`0${code}`);
    expect(after!.id).toBe(before!.id);
    expect(after!.verification).toBe('verified');
  });

  test('zipped shapefile in PSAD56 / UTM 18S (written by ogr2ogr): the .prj decides, coordinates land where the registry puts them', async () => {
    const dir = tmp();
    const code = cadastreCode();
    // a 1 km square in La Libertad (UTM 17S would be wrong: the .prj says 18S)
    const [e, n] = [180_000, 9_100_000];
    const zip = await writeZippedShapefile(
      dir,
      'catastro_psad56',
      [feature({ CODIGOU: code, HASDATUM: 100, DEPA: 'LA LIBERTAD', ZONA: 18 }, square(e, n, 1000))],
      24878,
    );
    const out = await run(zip, { srid: '32717' });
    expect(out.code).toBe(ExitCode.ok);
    expect(out.out).toMatchObject({ inserted: 1, rejected: 0 });
    const r = await right(`0${code}`);
    const [lon, lat] = utmToLonLat(18, 'PSAD56', e + 500, n + 500);
    expect(Math.abs(r!.lon - lon) * 111_000).toBeLessThan(1);
    expect(Math.abs(r!.lat - lat) * 111_000).toBeLessThan(1);
    expect(r!.department_code).toBe('13');
  });

  test('GeoJSON in UTM 19S WGS84 by --srid when the file does not say', async () => {
    const dir = tmp();
    const code = cadastreCode();
    const file = writeGeoJson(dir, 'utm.geojson', [feature({ CODIGOU: code, HASDATUM: 100 }, square(390_000, 8_340_000, 1000))]);
    expect((await run(file, { srid: '32719' })).out).toMatchObject({ inserted: 1 });
    const [lon, lat] = utmToLonLat(19, 'WGS84', 390_500, 8_340_500);
    const r = await right(`0${code}`);
    expect(Math.abs(r!.lon - lon)).toBeLessThan(1e-5);
    expect(Math.abs(r!.lat - lat)).toBeLessThan(1e-5);
  });

  test('a bad file is refused whole (exit 1, FILE.errors.csv); --skip-invalid imports the rest (exit 3, FILE.rejected.csv)', async () => {
    const dir = tmp();
    const [good, outside, dup] = [cadastreCode(), cadastreCode(), cadastreCode()];
    const file = writeGeoJson(dir, 'malo.geojson', [
      feature({ CODIGOU: good, HASDATUM: 119 }, square(-70.3, -15.3, 0.01)),
      feature({ CODIGOU: outside, HASDATUM: 119, DEPA: 'LA LIBERTAD' }, square(-70.31, -15.31, 0.01)),
      feature({ CODIGOU: dup, HASDATUM: 'mucho' }, { type: 'Point', coordinates: [-70, -15] }),
      feature({ CODIGOU: good, HASDATUM: 119 }, square(-70.3, -15.3, 0.01)),
    ]);
    const refused = await run(file);
    expect(refused.code).toBe(ExitCode.rejected);
    expect(refused.out).toMatchObject({ inserted: 0, rejected: 3 });
    const errs = refused.out['errors'] as { row: number; column: string; code: string }[];
    expect(errs.map((e) => [e.row, e.code])).toEqual([
      [2, 'cadastre.department.outside'],
      [3, 'cadastre.hectares.invalid'],
      [3, 'cadastre.geometry.type'],
      [4, 'cadastre.code.duplicate'],
    ]);
    expect(await right(`0${good}`)).toBeUndefined();
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toContain('cadastre.department.outside');

    const skipped = await run(file, { skipInvalid: true });
    expect(skipped.code).toBe(ExitCode.skipped);
    expect(skipped.out).toMatchObject({ inserted: 1, rejected: 3 });
    expect(existsSync(`${file}.rejected.csv`)).toBe(true);
    expect(
      readFileSync(`${file}.rejected.csv`, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    ).toHaveLength(4);
  });

  test('a CRS Veta does not know is refused before anything is read', async () => {
    const dir = tmp();
    const file = writeGeoJson(dir, 'merc.geojson', [feature({ CODIGOU: cadastreCode() }, square(0, 0, 1))], 'urn:ogc:def:crs:EPSG::3857');
    const out = await run(file);
    expect(out.code).toBe(ExitCode.rejected);
    expect((out.out['errors'] as { code: string }[])[0]!.code).toBe('geo.crs.unsupported');
  });
});
