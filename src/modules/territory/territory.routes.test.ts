// One declaration of the tile reader's types for the web app and these tests.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../web/src/map/vector-tile.d.ts" />
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { ExitCode } from '../../platform/exit-codes.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { areasImport } from './areas.import.ts';
import { cadastreImport } from './cadastre.import.ts';
import { situationAction, geoImportAction } from './territory.cli.ts';
import { cadastreCode, capture, feature, square, tmp, writeGeoJson } from './territory.fixtures.ts';
import { tilesCovering } from './tiles.domain.ts';
import { renderTile, tileEncoder } from './tiles.service.ts';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const db = await testDb();
const app = await testServer();
const YEAR = 2031; // a DAC year no other test writes

/** Arequipa (Castilla): a titled concession with a DAC, one without, one in process, one free front; and a protected area. */
async function fixture() {
  const [x, y] = [-72.49, -16.09];
  const [dac, nodac, trámite] = [cadastreCode(), cadastreCode(), cadastreCode()];
  const dir = tmp();
  const file = writeGeoJson(dir, 'c.geojson', [
    feature({ CODIGOU: dac, HASDATUM: 119, DEPA: 'AREQUIPA' }, square(x, y, 0.01)),
    feature({ CODIGOU: nodac, HASDATUM: 119, DEPA: 'AREQUIPA' }, square(x + 0.012, y, 0.01)),
    feature({ CODIGOU: trámite, HASDATUM: 119, DEPA: 'AREQUIPA', D_ESTADO: 'D.M. en Trámite D.L. 708' }, square(x + 0.024, y, 0.01)),
  ]);
  expect(await geoImportAction(db, (w) => cadastreImport(w), file, {}, capture())).toBe(ExitCode.ok);
  const areaCode = `T${cadastreCode()}`;
  const areaFile = writeGeoJson(dir, 'a.geojson', [
    {
      type: 'Feature',
      properties: { anp_nomb: 'Área de prueba', anp_codi: areaCode, anp_cate: 'Reserva Nacional' },
      geometry: square(x - 0.005, y - 0.005, 0.05),
    },
  ]);
  expect(await geoImportAction(db, (w) => areasImport({ kind: 'protected' }, w), areaFile, {}, capture())).toBe(ExitCode.ok);
  await db.query(
    `INSERT INTO dac_statuses (mining_right_id, year, status, situation) SELECT id, $2, 'presented', 'EXPLORACION' FROM mining_rights WHERE code = $1`,
    [`0${dac}`, YEAR],
  );
  const front = (dx: number, code: string) => buildReinfoRow({ 'CODIGO UNICO': code, LATITUD: String(y + 0.005), LONGITUD: String(x + dx) }, 'arequipa');
  const rows = [front(0.005, dac), front(0.017, nodac), front(0.029, trámite), front(0.04, cadastreCode())];
  const result = await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(rows))), {
    fileName: 'r.csv',
    sha256: 't'.repeat(64),
    asOf: '2024-01-01',
  });
  expect(result.rejected).toBe(0);
  const ids = (await db.query<{ id: string }>('SELECT id FROM reinfo_inscriptions WHERE import_id = $1 ORDER BY id', [result.importId])).rows.map((r) =>
    Number(r.id),
  );
  return { x, y, dac, ids, areaCode };
}
const fx = await fixture();

const decode = (buf: Uint8Array) => new VectorTile(new Pbf(buf));
const props = (buf: Uint8Array, layer: string) => {
  const l = decode(buf).layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i).properties) : [];
};

describe('situation through HTTP', () => {
  test('officials see the inscriptions behind each cell; the public the aggregates only', async () => {
    const official = await app.inject({ url: `/api/territory/situation?year=${YEAR}&regions=04`, headers: await authHeaders('national') });
    expect(official.statusCode).toBe(200);
    const body = official.json<{ rows: { situation: string; cases: number }[]; inscriptions: Record<string, { id: number }[]> }>();
    const cell = (id: number) => Object.entries(body.inscriptions).find(([, list]) => list.some((i) => i.id === id))?.[0];
    expect(fx.ids.map(cell)).toEqual(['EXPLORACION', 'SIN_DAC', 'ATIPICA', 'LIBRE']);
    expect(body.rows.map((r) => r.situation)).toEqual([
      'LIBRE',
      'CONSTRUCCION',
      'EXPLORACION',
      'EXPLOTACION',
      'PARALIZADA',
      'SIN_ACTIVIDAD',
      'SIN_DAC',
      'ATIPICA',
    ]);

    const pub = await app.inject({ url: `/api/public/territory/situation?year=${YEAR}&regions=04` });
    expect(pub.statusCode).toBe(200);
    const p = pub.json<{ total: number; inscriptions?: unknown; rows: { cases: number }[] }>();
    expect(p.inscriptions).toBeUndefined();
    expect(p.total).toBe(body.rows.reduce((s, r) => s + r.cases, 0));

    const csv = await app.inject({ url: `/api/public/territory/situation?year=${YEAR}&regions=04&format=csv` });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('EXPLORACION');
    const xlsx = await app.inject({ url: `/api/public/territory/situation.xlsx?year=${YEAR}&regions=04` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe('LIBRE');
    expect(wb.worksheets[0]!.getRow(2).getCell(4).value).toBe(p.rows[0]!.cases);
  });

  test('the overlaps listing names the protected area', async () => {
    const res = await app.inject({ url: '/api/territory/overlaps?region=04', headers: await authHeaders('national') });
    const list = res.json<{ entity: string; id: number; code: string; areaCode: string; category: string; overlapHectares: number }[]>();
    const mine = list.filter((o) => o.areaCode === fx.areaCode);
    // other tests of the worker may put fronts at the factories' Arequipa seat, inside this area too
    expect(mine.filter((o) => o.entity === 'inscription').map((o) => o.id)).toEqual(expect.arrayContaining(fx.ids));
    const rights = mine.filter((o) => o.entity === 'right');
    expect(rights.map((o) => o.code)).toEqual(expect.arrayContaining([`0${fx.dac}`]));
    expect(rights.every((o) => o.overlapHectares > 100)).toBe(true);
    expect(mine[0]!.category).toBe('Reserva Nacional');
  });

  test('veta territory situation --published audits a table against the records', async () => {
    const dir = tmp();
    const file = path.join(dir, 'publicado.csv');
    writeFileSync(file, 'situation,percent,cases\nLibre,5.0,43\nConc. Atípica,0.1,8\nTOTAL,100,858\n');
    const io = capture();
    expect(await situationAction(db, { year: '2006', region: '13,19,18', published: file, json: true }, io)).toBe(ExitCode.ok);
    const out = io.json() as { audit: { discrepancies: { situation: string; recomputed: number }[] } };
    expect(out.audit.discrepancies.find((d) => d.situation === 'Conc. Atípica')).toMatchObject({ recomputed: 0.9 });
  });
});

describe('vector tiles', () => {
  const z = 12; // one tile holds the four fronts (0.088° wide)
  const [tx, ty] = tilesCovering(z, [fx.x + 0.005, fx.y + 0.005, fx.x + 0.005, fx.y + 0.005])[0]!;

  test('the four layers from the capability-chosen encoder, through HTTP', async () => {
    const get = (layer: string) => app.inject({ url: `/api/public/tiles/${layer}/${z}/${tx}/${ty}.pbf?year=${YEAR}` });
    const rights = await get('rights');
    expect(rights.statusCode).toBe(200);
    expect(rights.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(props(rights.rawPayload, 'rights').find((p) => p['code'] === `0${fx.dac}`)).toMatchObject({ kind: 'titled' });
    expect(props((await get('fronts')).rawPayload, 'fronts').map((p) => p['id'])).toEqual(expect.arrayContaining(fx.ids));
    expect(props((await get('areas')).rawPayload, 'areas').find((p) => p['code'] === fx.areaCode)).toMatchObject({ category: 'Reserva Nacional' });
    const situation = props((await get('situation')).rawPayload, 'situation');
    expect(fx.ids.map((id) => situation.find((p) => p['id'] === id)?.['situation'])).toEqual(['EXPLORACION', 'SIN_DAC', 'ATIPICA', 'LIBRE']);
    expect((await app.inject({ url: `/api/public/tiles/rights/3/9/9.pbf` })).statusCode).toBe(400);
  });

  test('PostGIS and the JS encoder give the same features where both run; PGlite uses the JS one', async () => {
    const encoder = await tileEncoder(db);
    if (process.env['DATABASE_URL']) expect(encoder).toBe('postgis');
    else expect(encoder).toBe('js');
    const encoders = encoder === 'postgis' ? (['postgis', 'js'] as const) : (['js'] as const);
    const results = [];
    for (const e of encoders) {
      const low = await renderTile(db, 'rights', 8, ...tilesCovering(8, [fx.x, fx.y, fx.x, fx.y])[0]!, { encoder: e });
      const high = await renderTile(db, 'rights', z, tx, ty, { encoder: e });
      results.push({
        clusters: props(low, 'rights').reduce((s, p) => s + Number(p['count'] ?? 1), 0),
        codes: props(high, 'rights')
          .map((p) => String(p['code']))
          .sort(),
      });
    }
    expect(results[0]!.codes).toContain(`0${fx.dac}`);
    if (results.length === 2) expect(results[1]).toEqual(results[0]);
  });
  // last: it changes the fixture's concession
  test('tiles are kept per data version: an import that changes a right’s state gives the rights and situation tiles new bytes and ETags', async () => {
    const url = (layer: string) => `/api/public/tiles/${layer}/${z}/${tx}/${ty}.pbf?year=${YEAR}`;
    const first = await app.inject({ url: url('rights') });
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const again = await app.inject({ url: url('rights'), headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const situation = await app.inject({ url: url('situation') });
    const situationOf = (buf: Uint8Array) => props(buf, 'situation').find((p) => p['id'] === fx.ids[0])?.['situation'];
    expect(situationOf(situation.rawPayload)).toBe('EXPLORACION');

    // the cadastre now says the concession is in process: no longer a titled one
    const file = writeGeoJson(tmp(), 'c2.geojson', [
      feature({ CODIGOU: fx.dac, HASDATUM: 119, DEPA: 'AREQUIPA', D_ESTADO: 'D.M. en Trámite D.L. 708' }, square(fx.x, fx.y, 0.01)),
    ]);
    const io = capture();
    expect(await geoImportAction(db, (w) => cadastreImport(w), file, { json: true }, io)).toBe(ExitCode.ok);
    expect(io.json()).toMatchObject({ updated: 1 });
    // the audit log's notification reaches the cache after the commit
    let next = await app.inject({ url: url('rights'), headers: { 'if-none-match': etag } });
    for (let i = 0; i < 50 && next.statusCode === 304; i++) {
      await new Promise((r) => setTimeout(r, 100));
      next = await app.inject({ url: url('rights'), headers: { 'if-none-match': etag } });
    }
    expect(next.statusCode).toBe(200);
    expect(next.headers['etag']).not.toBe(etag);
    expect(Buffer.compare(next.rawPayload, first.rawPayload)).not.toBe(0);
    expect(props(next.rawPayload, 'rights').find((p) => p['code'] === `0${fx.dac}`)?.['kind']).not.toBe('titled');
    const after = await app.inject({ url: url('situation') });
    expect(after.headers['etag']).not.toBe(situation.headers['etag']);
    expect(situationOf(after.rawPayload)).toBe('ATIPICA');
  });
});
