// @ts-nocheck
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { withActor } from '../../platform/context.ts';
import { ExitCode } from '../../platform/exit-codes.ts';
import { importAction } from '../../platform/imports/index.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { areasImport } from './areas.import.ts';
import { areaOverlaps } from './areas.queries.ts';
import { cadastreImport } from './cadastre.import.ts';
import { dacImport } from './dac.import.ts';
import { geoImportAction } from './territory.cli.ts';
import { cadastreCode, capture, feature, square, tmp, writeGeoJson, writeZippedShapefile } from './territory.fixtures.ts';

const db = await testDb();

async function cadastre(codes: string[], x: number, y: number): Promise<void> {
  const dir = tmp();
  const file = writeGeoJson(
    dir,
    'c.geojson',
    codes.map((c, i) => feature({ CODIGOU: c, HASDATUM: 119 }, square(x + i * 0.02, y, 0.01))),
  );
  expect(await geoImportAction(db, (w) => cadastreImport(w), file, { asOf: '2024-01-01' }, capture())).toBe(ExitCode.ok);
}

describe('veta import dac', () => {
  test('inserts, is idempotent, updates a changed declaration, refuses unknown rights and bad situations', async () => {
    const [a, b] = [cadastreCode(), cadastreCode()];
    await cadastre([a, b], -70.6, -15.6);
    const dir = tmp();
    const file = path.join(dir, 'dac.csv');
    writeFileSync(
      file,
      `CODIGO UNICO;AÑO;SITUACION;PRODUCCION;TRABAJADORES\n${a};2006;Explotación;120,5;12\n${b};2006;SIN ACTIVIDAD;;\n${a};2007;paralizada;;3\n`,
    );
    const io = capture();
    expect(await importAction(db, dacImport, file, { json: true }, io)).toBe(ExitCode.ok);
    expect(io.json()).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const { rows } = await db.query<{ year: number; situation: string; production: string | null; workers: number | null }>(
      `SELECT d.year, d.situation, d.production::text, d.workers FROM dac_statuses d JOIN mining_rights r ON r.id = d.mining_right_id WHERE r.code = $1 ORDER BY year`,
      [`0${a}`],
    );
    expect(rows).toEqual([
      { year: 2006, situation: 'EXPLOTACION', production: '120.5000', workers: 12 },
      { year: 2007, situation: 'PARALIZADA', production: null, workers: 3 },
    ]);
    const again = capture();
    await importAction(db, dacImport, file, { json: true }, again);
    expect(again.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });

    writeFileSync(file, `CODIGO UNICO,AÑO,SITUACION\n${b},2006,EXPLORACION\n`);
    const changed = capture();
    await importAction(db, dacImport, file, { json: true }, changed);
    expect(changed.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });

    const bad = path.join(dir, 'bad.csv');
    writeFileSync(
      bad,
      `CODIGO UNICO,AÑO,SITUACION\n999999998,2006,EXPLOTACION\n${a},06,EXPLOTACION\n${a},2008,CERRADA\n${a},2006,EXPLOTACION\n${a},2006,EXPLORACION\n`,
    );
    const refused = capture();
    expect(await importAction(db, dacImport, bad, { json: true }, refused)).toBe(ExitCode.rejected);
    const errs = refused.json()['errors'] as { row: number; code: string }[];
    expect(errs.map((e) => [e.row, e.code])).toEqual([
      [2, 'dac.right.unknown'],
      [3, 'dac.year.invalid'],
      [4, 'dac.situation.unknown'],
      [6, 'dac.duplicate'],
    ]);
  });
});

describe('veta import areas and the overlaps', () => {
  test('a zipped shapefile of areas with its own field names; fronts and rights inside are listed with the overlap in hectares', async () => {
    const dir = tmp();
    const code = `ZA${cadastreCode()}`;
    const zip = await writeZippedShapefile(
      dir,
      'zonas',
      [{ type: 'Feature', properties: { NOM_ZONA: 'Zona de prueba', COD_ZONA: code }, geometry: square(-70.9, -15.9, 0.05) }],
      4326,
    );
    const run = async () => {
      const io = capture();
      const exit = await geoImportAction(
        db,
        (w) => areasImport({ kind: 'exclusion', nameField: 'NOM_ZONA', codeField: 'COD_ZONA' }, w),
        zip,
        { json: true },
        io,
      );
      return { exit, out: io.json() };
    };
    expect(await run()).toMatchObject({ exit: ExitCode.ok, out: { inserted: 1, rejected: 0 } });
    expect((await run()).out).toMatchObject({ inserted: 0, unchanged: 1 });

    // a right half inside the area, and a front inside it
    const right = cadastreCode();
    const rdir = tmp();
    await geoImportAction(
      db,
      (w) => cadastreImport(w),
      writeGeoJson(rdir, 'r.geojson', [feature({ CODIGOU: right, HASDATUM: 119 }, square(-70.855, -15.88, 0.01))]),
      {},
      capture(),
    );
    const row = buildReinfoRow({ LATITUD: '-15.87', LONGITUD: '-70.88' });
    const imported = await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([row]))), {
      fileName: 'r.csv',
      sha256: 's'.repeat(64),
      asOf: '2024-01-01',
    });
    const ins = await db.query<{ id: string }>('SELECT id FROM reinfo_inscriptions WHERE import_id = $1', [imported.importId]);
    const rid = await db.query<{ id: string }>('SELECT id FROM mining_rights WHERE code = $1', [`0${right}`]);
    const overlaps = await withActor(db, actor('national'), (tx) =>
      areaOverlaps(tx, { inscriptionIds: [Number(ins.rows[0]!.id)], rightIds: [Number(rid.rows[0]!.id)] }),
    );
    expect(overlaps.map((o) => [o.entity, o.areaName, o.areaKind])).toEqual([
      ['inscription', 'Zona de prueba', 'exclusion'],
      ['right', 'Zona de prueba', 'exclusion'],
    ]);
    // 0.005° of the 0.01° square is inside: about half of its ~119 ha
    const ha = overlaps.find((o) => o.entity === 'right')!.overlapHectares!;
    expect(ha).toBeGreaterThan(55);
    expect(ha).toBeLessThan(62);
  });
});
