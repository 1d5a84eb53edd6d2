/**
 * Fronts and rights inside protected, buffer, exclusion and indigenous-reserve areas are
 * warnings, never refusals: in the REINFO import's result (`--json` gains `warnings`, the
 * rest of the contract unchanged) and on the registry's inscription page.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { ExitCode } from '../../platform/exit-codes.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { importAction } from '../../platform/imports/index.ts';
import { importReinfo, reinfoImport } from '../registry/reinfo.import.ts';
import { areasImport } from './areas.import.ts';
import { cadastreImport } from './cadastre.import.ts';
import { geoImportAction } from './territory.cli.ts';
import { cadastreCode, capture, feature, square, tmp, writeGeoJson } from './territory.fixtures.ts';

const db = await testDb();
const app = await testServer();

/** A protected area of this run's own in Puno (Melgar), a cadastre right half inside it, and its name. */
async function place() {
  const x = -70.75 + Math.random() * 0.2;
  const y = -14.75 - Math.random() * 0.2;
  const dir = tmp();
  const name = `Santuario de Prueba ${cadastreCode()}`;
  const areas = writeGeoJson(dir, 'a.geojson', [
    { type: 'Feature', properties: { anp_nomb: name, anp_codi: `SP${cadastreCode()}`, anp_cate: 'Santuario Nacional' }, geometry: square(x, y, 0.01) },
  ]);
  expect(await geoImportAction(db, (w) => areasImport({ kind: 'protected' }, w), areas, {}, capture())).toBe(ExitCode.ok);
  const right = cadastreCode();
  const cadastre = writeGeoJson(dir, 'c.geojson', [feature({ CODIGOU: right, HASDATUM: 119, DEPA: 'PUNO' }, square(x + 0.005, y, 0.01))]);
  expect(await geoImportAction(db, (w) => cadastreImport(w), cadastre, {}, capture())).toBe(ExitCode.ok);
  return { x, y, name, right: `0${right}`, dir };
}

describe('overlap warnings', () => {
  test('the REINFO import accepts a front inside a protected area and warns of it and of its right, with row, inscription, area, category and hectares', async () => {
    const { x, y, name, right } = await place();
    const inside = buildReinfoRow({ 'CODIGO UNICO': right, LATITUD: String(y + 0.005), LONGITUD: String(x + 0.002) });
    const outside = buildReinfoRow({ LATITUD: String(y + 0.005), LONGITUD: String(x + 0.05) });
    const result = await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([outside, inside]))), {
      fileName: 'w.csv',
      sha256: `w${Date.now()}`,
      asOf: '2024-01-01',
    });
    expect(result).toMatchObject({ inserted: 2, rejected: 0, errors: [] });
    const { rows } = await db.query<{ id: string }>('SELECT id FROM reinfo_inscriptions WHERE import_id = $1 AND mining_right_code = $2', [
      result.importId,
      right,
    ]);
    const inscription = Number(rows[0]!.id);
    const ours = result.warnings.filter((w) => w.areaName === name);
    expect(ours.map((w) => [w.row, w.inscription, w.entity, w.code, w.areaKind, w.category])).toEqual([
      [3, inscription, 'front', 'reinfo.front.in_area', 'protected', 'Santuario Nacional'],
      [3, inscription, 'right', 'reinfo.right.overlaps_area', 'protected', 'Santuario Nacional'],
    ]);
    expect(ours[0]!.hectares).toBeNull();
    // half of the ~119 ha square lies inside
    expect(ours[1]!.hectares).toBeGreaterThan(50);
    expect(ours[1]!.hectares).toBeLessThan(65);
    expect(ours[1]!.params).toMatchObject({ inscription, area: name, kind: 'protected', category: 'Santuario Nacional' });
    expect(result.warnings.filter((w) => w.row === 2)).toEqual([]);
  });

  test('`--json` keeps its keys and adds `warnings`; a re-run that writes nothing warns of nothing', async () => {
    const { x, y, name, right, dir } = await place();
    const file = path.join(dir, 'r.csv');
    writeFileSync(file, toCsv([buildReinfoRow({ 'CODIGO UNICO': right, LATITUD: String(y + 0.005), LONGITUD: String(x + 0.002) })]));
    const io = capture();
    expect(await importAction(db, reinfoImport, file, { json: true }, io)).toBe(ExitCode.ok);
    const out = io.json();
    expect(Object.keys(out).sort()).toEqual(['errors', 'inserted', 'rejected', 'unchanged', 'updated', 'warnings']);
    expect((out['warnings'] as { row: number; areaName: string }[]).filter((w) => w.areaName === name).map((w) => w.row)).toEqual([2, 2]);
    const again = capture();
    expect(await importAction(db, reinfoImport, file, { json: true }, again)).toBe(ExitCode.ok);
    expect(again.json()).toMatchObject({ inserted: 0, unchanged: 1, warnings: [] });
  });

  test('the inscription detail lists the areas of its front and of its right; one outside every area lists none', async () => {
    const { x, y, name, right } = await place();
    const inside = buildReinfoRow({ 'CODIGO UNICO': right, LATITUD: String(y + 0.005), LONGITUD: String(x + 0.002) });
    const outside = buildReinfoRow({ LATITUD: String(y + 0.005), LONGITUD: String(x + 0.05) });
    const result = await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([inside, outside]))), {
      fileName: 'd.csv',
      sha256: `d${Date.now()}`,
      asOf: '2024-01-01',
    });
    const { rows } = await db.query<{ id: string; mining_right_code: string }>(
      'SELECT id, mining_right_code FROM reinfo_inscriptions WHERE import_id = $1 ORDER BY id',
      [result.importId],
    );
    const [a, b] = [rows.find((r) => r.mining_right_code === right)!, rows.find((r) => r.mining_right_code !== right)!];
    const headers = await authHeaders('national');
    const detail = await app.inject({ method: 'GET', url: `/api/registry/inscriptions/${a.id}`, headers });
    expect(detail.statusCode, detail.body).toBe(200);
    const overlaps = (detail.json() as { overlaps: { entity: string; areaName: string; areaKind: string; category: string; hectares: number | null }[] })
      .overlaps;
    const ours = overlaps.filter((o) => o.areaName === name);
    expect(ours.map((o) => [o.entity, o.areaKind, o.category])).toEqual([
      ['front', 'protected', 'Santuario Nacional'],
      ['right', 'protected', 'Santuario Nacional'],
    ]);
    expect(ours[1]!.hectares).toBeGreaterThan(50);
    // the regional official of Puno sees the same warnings
    const regional = await app.inject({ method: 'GET', url: `/api/registry/inscriptions/${a.id}`, headers: await authHeaders('regional', { region: '21' }) });
    expect((regional.json() as { overlaps: unknown[] }).overlaps).toEqual(overlaps);
    const other = await app.inject({ method: 'GET', url: `/api/registry/inscriptions/${b.id}`, headers });
    expect((other.json() as { overlaps: { areaName: string }[] }).overlaps.filter((o) => o.areaName === name)).toEqual([]);
  });

  test('the fronts, rights and areas the spatial joins read each have a GiST index', async () => {
    const { rows } = await db.query<{ tablename: string; indexdef: string }>(
      `SELECT tablename, indexdef FROM pg_indexes
       WHERE schemaname = 'public' AND tablename IN ('reinfo_inscriptions', 'mining_rights', 'territory_areas', 'departments') AND indexdef ILIKE '%USING gist%'`,
    );
    const gist = (table: string, column: string) => rows.some((r) => r.tablename === table && r.indexdef.includes(`(${column})`));
    expect(gist('reinfo_inscriptions', 'front')).toBe(true);
    expect(gist('mining_rights', 'geom')).toBe(true);
    expect(gist('territory_areas', 'geom')).toBe(true);
    expect(gist('departments', 'geom')).toBe(true);
  });
});
