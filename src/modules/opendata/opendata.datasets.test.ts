/**
 * Every dataset × every format it should have, through HTTP on the real database: the
 * file parses with the format's own reader (csv-parse, ExcelJS, JSON, shapefile + JSZip,
 * and GDAL's ogrinfo for GeoJSON and Shapefile), its columns are its dictionary's, and
 * no personal data appears (the seeded DNI, birth date, phone, address, holder, or any
 * unmasked natural-person RUC).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as shapefile from 'shapefile';
import { beforeAll, describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { testServer } from '../../../test/http.ts';
import { seedMatrix } from '../../../test/fixtures/monitoring/seed-matrix.ts';
import type { Database } from '../../platform/db.ts';
import type { VetaServer } from '../../platform/http/app.ts';
import { PUBLIC_ACTOR } from '../../platform/context.ts';
import { buildReinfoRow } from '../../../test/factories.ts';
import { importInscriptions } from '../formalization/formalization-db.fixtures.ts';
import { ledgerNational } from '../traceability/ledger/ledger.service.ts';
import { MIN_CELL } from '../surveys/aggregates.domain.ts';
import { publicAggregates } from '../surveys/surveys-aggregates.service.ts';
import { situationReport } from '../territory/situation.service.ts';
import { seedOpendata, type OpendataSeed } from './opendata.fixtures.ts';
import { formatsOf, shapefileFieldNames } from './opendata.formats.ts';
import type { DatasetEntry } from './opendata.schema.ts';

let app: VetaServer;
let db: Database;
let seed: OpendataSeed;
let catalog: DatasetEntry[];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'veta-opendata-'));
const UNMASKED_PERSON_RUC = /(?<!\d)10\d{9}(?!\d)/;

beforeAll(async () => {
  db = await testDb();
  app = await testServer();
  seed = await seedOpendata(db);
  catalog = (await app.inject({ method: 'GET', url: '/api/public/datasets' })).json<DatasetEntry[]>();
}, 300_000); // a fresh worker database and the fixture's imports: slow on a loaded machine

const get = (url: string) => app.inject({ method: 'GET', url });

function assertPublic(text: string, where: string): void {
  for (const s of seed.secrets) expect(text, `${where} leaks ${s}`).not.toContain(s);
  expect(text.match(UNMASKED_PERSON_RUC)?.[0], `${where} has an unmasked natural-person RUC`).toBeUndefined();
}

/** Checks a value against its dictionary field's type and allowed values. */
function checkValue(field: DatasetEntry['fields'][number], v: unknown, where: string): void {
  if (v === null || v === undefined || v === '') {
    expect(field.nullable, `${where}.${field.name} is empty but not nullable`).toBe(true);
    return;
  }
  if (field.type === 'integer') expect(Number.isInteger(Number(v)), `${where}.${field.name}=${String(v)}`).toBe(true);
  if (field.type === 'number') expect(Number.isFinite(Number(v)), `${where}.${field.name}=${String(v)}`).toBe(true);
  if (field.type === 'date') expect(String(v), `${where}.${field.name}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  if (field.allowedValues) expect(field.allowedValues, `${where}.${field.name}`).toContain(String(v));
}

describe('the catalog', () => {
  test('has the datasets of the modules that exist, each with a full dictionary', () => {
    const ids = catalog.map((d) => d.id);
    for (const id of [
      'reinfo-inscripciones',
      'reinfo-inscripciones-por-distrito',
      'frentes-mineros',
      'derechos-mineros',
      'formalizacion-embudo',
      'formalizacion-tiempo-por-paso',
      'oro-produccion-comercio',
      'politica-indicadores',
      'cooperacion-proyectos',
      'mineros-informales-situacion',
      'frentes-en-areas-protegidas',
      'derechos-en-areas-protegidas',
      'areas-naturales-protegidas',
      'servicios-entregados',
      'linea-base-agregados',
    ])
      expect(ids).toContain(id);
    for (const d of catalog) {
      // CC BY 4.0 unless a third-party layer keeps its own (SERNANP's areas)
      expect(d.license.id, d.id).toBe(d.id === 'areas-naturales-protegidas' ? 'MIT' : 'CC-BY-4.0');
      expect(d.title.es && d.title.en && d.description.es && d.description.en, d.id).toBeTruthy();
      expect(d.keywords.es.length > 0 && d.keywords.en.length > 0, d.id).toBe(true);
      expect(d.publisher.name && d.contact.email, d.id).toBeTruthy();
      expect(d.fields.length).toBeGreaterThan(2);
      for (const f of d.fields) expect(f.description.es && f.description.en, `${d.id}.${f.name}`).toBeTruthy();
      expect(d.distributions.map((x) => x.format)).toEqual(formatsOf({ geometry: d.spatial ? 'Point' : undefined }));
    }
  });
});

describe('the cooperation projects as IATI', () => {
  test('the catalog lists the IATI activity file beside the downloads, and it answers', async () => {
    const projects = catalog.find((d) => d.id === 'cooperacion-proyectos')!;
    const iati = projects.alternates.find((a) => a.format === 'IATI')!;
    expect(iati).toMatchObject({ mediaType: 'application/xml', conformsTo: 'http://reference.iatistandard.org/203/activity-standard/' });
    const res = await get(new URL(iati.url).pathname);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<iati-activities[^>]*version="2\.03"/);
    const ckan = (await get('/api/3/action/package_show?id=cooperacion-proyectos')).json<{ result: { resources: { format: string; url: string }[] } }>();
    expect(ckan.result.resources.find((r) => r.format === 'IATI')?.url).toBe(iati.url);
  });
});

describe('every dataset in every format', () => {
  test('parses, matches its dictionary, and carries no personal data', async () => {
    // The fixture seeds these; others (finished formalization steps, other modules' datasets) may be empty here.
    const seeded = new Set([
      'reinfo-inscripciones',
      'reinfo-inscripciones-por-distrito',
      'frentes-mineros',
      'derechos-mineros',
      'formalizacion-embudo',
      'oro-produccion-comercio',
      'politica-indicadores',
      'mineros-informales-situacion',
      'frentes-en-areas-protegidas',
      'derechos-en-areas-protegidas',
      'areas-naturales-protegidas',
      'servicios-entregados',
      'linea-base-agregados',
    ]);
    for (const d of catalog) {
      const names = d.fields.map((f) => f.name);
      let count: number | undefined;
      for (const { format } of d.distributions) {
        const where = `${d.id}.${format}`;
        const res = await get(`/api/public/datasets/${d.id}.${format}`);
        expect(res.statusCode, `${where}: ${res.body.slice(0, 200)}`).toBe(200);
        expect(res.headers['etag']).toBeTruthy();
        let rows: Record<string, unknown>[];
        if (format === 'csv') {
          expect(res.body.startsWith('\uFEFF'), `${where} has a BOM`).toBe(true);
          const parsed = parse(res.body, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
          expect(res.body.slice(1).split('\r\n')[0]).toBe(names.join(','));
          rows = parsed;
          assertPublic(res.body, where);
        } else if (format === 'json') {
          rows = res.json<Record<string, unknown>[]>();
          assertPublic(res.body, where);
        } else if (format === 'geojson') {
          const fc = res.json<{ type: string; features: { geometry: { type: string }; properties: Record<string, unknown> }[] }>();
          expect(fc.type).toBe('FeatureCollection');
          for (const f of fc.features) expect(['Point', 'MultiPolygon', 'Polygon']).toContain(f.geometry.type);
          rows = fc.features.map((f) => f.properties);
          assertPublic(res.body, where);
          const file = path.join(tmp, `${d.id}.geojson`);
          writeFileSync(file, res.rawPayload);
          expect(ogrCount(file), `${where} in GDAL`).toBe(rows.length);
        } else if (format === 'xlsx') {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
          const ws = wb.getWorksheet('datos')!;
          const header = (ws.getRow(1).values as unknown[]).slice(1);
          expect(header).toEqual(names);
          rows = [];
          ws.eachRow((row, i) => {
            if (i === 1) return;
            const values = (row.values as unknown[]).slice(1);
            rows.push(Object.fromEntries(names.map((n, j) => [n, values[j] ?? null])));
            d.fields.forEach((f, j) => {
              const v = values[j];
              if (v === null || v === undefined) return;
              if (f.type === 'integer' || f.type === 'number') expect(typeof v, `${where} ${f.name} is a number`).toBe('number');
              if (f.type === 'date') expect(v, `${where} ${f.name} is a date`).toBeInstanceOf(Date);
            });
          });
          rows = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v])));
          assertPublic(JSON.stringify(rows), where);
          expect(wb.getWorksheet('diccionario')!.rowCount).toBe(d.fields.length + 1);
        } else {
          const zip = await JSZip.loadAsync(res.rawPayload);
          const files = Object.keys(zip.files).sort();
          for (const ext of ['cpg', 'dbf', 'prj', 'shp', 'shx']) expect(files, where).toContain(`${d.id}.${ext}`);
          const shp = await zip.file(`${d.id}.shp`)!.async('nodebuffer');
          const dbf = await zip.file(`${d.id}.dbf`)!.async('nodebuffer');
          const source = await shapefile.open(shp, dbf, { encoding: 'iso-8859-1' });
          const short = shapefileFieldNames(d.fields);
          rows = [];
          for (let r = await source.read(); !r.done; r = await source.read()) {
            expect(Object.keys(r.value.properties ?? {})).toEqual(short);
            rows.push(Object.fromEntries(short.map((s, i) => [names[i]!, (r.value.properties as Record<string, unknown>)[s]])));
          }
          assertPublic(JSON.stringify(rows), where);
          const file = path.join(tmp, `${d.id}.shp.zip`);
          writeFileSync(file, res.rawPayload);
          expect(ogrCount(`/vsizip/${file}`), `${where} in GDAL`).toBe(rows.length);
        }
        if (format !== 'shp.zip') for (const r of rows) expect(Object.keys(r), where).toEqual(names);
        for (const r of rows)
          for (const f of d.fields) checkValue(f, format === 'shp.zip' && typeof r[f.name] === 'string' ? (r[f.name] as string).trim() : r[f.name], where);
        if (seeded.has(d.id)) expect(rows.length, `${where} has rows`).toBeGreaterThan(0);
        if (count === undefined) count = rows.length;
        else expect(rows.length, `${where} has as many rows as the other formats`).toBe(count);
      }
    }
  });
});

/** Features GDAL reads from a file: ogrinfo must open it without a warning or an error. */
function ogrCount(file: string): number {
  const out = execFileSync('ogrinfo', ['-ro', '-al', '-so', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(out).not.toMatch(/warning|error/i);
  return Number(/Feature Count: (\d+)/.exec(out)?.[1] ?? NaN);
}

describe('values and filters', () => {
  test('REINFO: a natural person masked, an organization in full, region and year filters', async () => {
    const all = (await get('/api/public/datasets/reinfo-inscripciones.json')).json<Record<string, unknown>[]>();
    const masked = `10********${seed.personRuc.slice(10)}`;
    const person = all.find((r) => r['declarant_name'] === 'DATOS ABIERTOS ÑAHUI QUISPE');
    expect(person).toMatchObject({ ruc: masked, declarant_type: 'person', department_code: '04', inscription_date: '2022-05-02', status: 'vigente' });
    expect(all.find((r) => r['ruc'] === seed.companyRuc)).toMatchObject({ declarant_type: 'organization', department_code: '21' });
    const arequipa = (await get('/api/public/datasets/reinfo-inscripciones.json?region=04')).json<Record<string, unknown>[]>();
    expect(arequipa.length).toBe(all.filter((r) => r['department_code'] === '04').length);
    expect(arequipa.every((r) => r['department_code'] === '04')).toBe(true);
    const y2023 = (await get('/api/public/datasets/reinfo-inscripciones.csv?year=2023')).body;
    expect(y2023).toContain(seed.companyRuc);
    expect(y2023).not.toContain('ÑAHUI');
    const byDistrict = (await get('/api/public/datasets/reinfo-inscripciones-por-distrito.json')).json<{ inscriptions: number }[]>();
    expect(byDistrict.reduce((a, r) => a + r.inscriptions, 0)).toBe(all.length);
    expect((await get('/api/public/datasets/derechos-mineros.json?year=2024')).statusCode).toBe(400);
    expect((await get('/api/public/datasets/politica-indicadores.geojson')).statusCode).toBe(404);
    expect((await get('/api/public/datasets/no-such-dataset.csv')).statusCode).toBe(404);
  });

  test('mining rights carry their polygon, and no holder', async () => {
    const fc = (await get('/api/public/datasets/derechos-mineros.geojson?region=21')).json<{
      features: { geometry: { type: string; coordinates: number[][][][] }; properties: Record<string, unknown> }[];
    }>();
    const right = fc.features.find((f) => f.properties['code'] === seed.rightCode)!;
    expect(right.properties).toMatchObject({ name: 'POLÍGONO DATOS ABIERTOS', department_code: '21', verification: 'verified' });
    expect(right.geometry.type).toBe('MultiPolygon');
    // 1 km × 1 km in UTM 19S: about 100 ha
    expect(Number(right.properties['hectares'])).toBeGreaterThan(99);
    expect(Number(right.properties['hectares'])).toBeLessThan(101);
    const lon = right.geometry.coordinates[0]![0]![0]![0]!;
    expect(lon).toBeGreaterThan(-71);
    expect(lon).toBeLessThan(-69);
  });

  test('gold aggregates add up to the ledger national view', async () => {
    const rows = (await get('/api/public/datasets/oro-produccion-comercio.json?year=2024&region=21')).json<
      { month: string; produced_fine_g: number; traded_fine_g: number }[]
    >();
    const national = await ledgerNational(db, { username: 't', role: 'auditor', region: null, ruc: null, userId: null }, '2024-01-01', '2024-12-31');
    const expected = national.rows.filter((r) => r.year === 2024 && r.region === '21').reduce((a, r) => a + r.producedFineGrams, 0);
    expect(rows.reduce((a, r) => a + r.produced_fine_g, 0)).toBeCloseTo(expected, 3);
    expect(rows.find((r) => r.month === '2024-03')!.produced_fine_g).toBeGreaterThanOrEqual(85);
  });

  test('policy indicators: the matrix targets by year', async () => {
    const rows = (await get('/api/public/datasets/politica-indicadores.json')).json<
      { policy_code: string; indicator_code: string; year: number; target: number | null }[]
    >();
    const mine = rows.filter((r) => r.policy_code === seed.policyCode);
    let checked = 0;
    for (const row of seedMatrix().rows) {
      if (!('targets' in row)) continue;
      for (const [year, target] of Object.entries(row.targets)) {
        expect(mine.find((r) => r.indicator_code === row.code && r.year === Number(year))?.target, `${row.code} ${year}`).toBe(target);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  test('a whole download is kept per data version: the same bytes again, fresh ones after a change', async () => {
    const url = '/api/public/datasets/reinfo-inscripciones.csv?region=04';
    const first = await get(url);
    const again = await get(url);
    expect(again.headers['etag']).toBe(first.headers['etag']);
    expect(again.body).toBe(first.body);
    // the first rows only are never stored: they match the whole file's beginning
    const head = await get(`${url}&limit=1`);
    expect(first.body.startsWith(head.body)).toBe(true);
    const added = buildReinfoRow({ NOMBRE: 'DATOS ABIERTOS CACHE NUEVO' }, 'arequipa');
    await importInscriptions(db, [added]);
    const after = await get(url);
    expect(after.headers['etag']).not.toBe(first.headers['etag']);
    expect(after.body).toContain('DATOS ABIERTOS CACHE NUEVO');
    expect(first.body).not.toContain('DATOS ABIERTOS CACHE NUEVO');
    const shp = await get('/api/public/datasets/derechos-mineros.shp.zip');
    expect((await get('/api/public/datasets/derechos-mineros.shp.zip')).rawPayload.equals(shp.rawPayload)).toBe(true);
  });

  test('an unchanged download answers 304 to its ETag', async () => {
    const first = await get('/api/public/datasets/frentes-mineros.csv');
    const again = await app.inject({
      method: 'GET',
      url: '/api/public/datasets/frentes-mineros.csv',
      headers: { 'if-none-match': String(first.headers['etag']) },
    });
    expect(again.statusCode).toBe(304);
    const other = await get('/api/public/datasets/frentes-mineros.csv?region=04');
    expect(other.headers['etag']).not.toBe(first.headers['etag']);
  });
});

describe('the datasets of territory, services and surveys', () => {
  const json = async <T = Record<string, unknown>>(url: string): Promise<T[]> => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
    return res.json<T[]>();
  };

  test("informal miners' situation: the territory module's table, per year and region", async () => {
    const year = new Date().getUTCFullYear();
    type Row = { year: number; department_code: string | null; situation: string; cases: number; percent: number; fronts: number };
    const puno = await json<Row>(`/api/public/datasets/mineros-informales-situacion.json?region=21&year=${year}`);
    const report = await situationReport(db, PUBLIC_ACTOR, year, ['21']);
    expect(puno.length).toBe(8);
    expect(puno.every((r) => r.department_code === '21' && r.year === year)).toBe(true);
    expect(puno.map((r) => [r.situation, r.cases, r.percent])).toEqual(report.byRegion[0]!.rows.map((r) => [r.situation, r.cases, r.percent]));
    expect(puno.reduce((a, r) => a + r.cases, 0)).toBe(report.total);
    expect(report.total).toBeGreaterThan(0);
    const all = await json<Row>(`/api/public/datasets/mineros-informales-situacion.json?year=${year}`);
    const national = all.filter((r) => r.department_code === null);
    expect(national.length).toBe(8);
    // the national total is the sum of the departments'
    const sumOfDepartments = all.filter((r) => r.department_code !== null && r.situation === 'LIBRE').reduce((a, r) => a + r.cases, 0);
    expect(national.find((r) => r.situation === 'LIBRE')!.cases).toBe(sumOfDepartments);
  });

  test('fronts and rights in protected areas: the area, its category, the hectares inside', async () => {
    const fronts = await json(`/api/public/datasets/frentes-en-areas-protegidas.json?region=21`);
    expect(fronts.find((r) => r['area_code'] === seed.areaCode)).toMatchObject({
      inscription_id: seed.areaInscriptionId,
      area_kind: 'protected',
      area_name: 'RESERVA DATOS ABIERTOS',
      area_category: 'Reserva Nacional',
      department_code: '21',
    });
    expect((await json(`/api/public/datasets/frentes-en-areas-protegidas.json?region=04`)).some((r) => r['area_code'] === seed.areaCode)).toBe(false);
    const rights = await json<Record<string, unknown>>(`/api/public/datasets/derechos-en-areas-protegidas.json?region=21`);
    const right = rights.find((r) => r['code'] === seed.areaRightCode && r['area_code'] === seed.areaCode)!;
    expect(right).toMatchObject({ name: 'DERECHO EN AREA PROTEGIDA', area_category: 'Reserva Nacional' });
    // the area covers the right's eastern half: 50 of its 100 ha
    expect(Number(right['overlap_hectares'])).toBeGreaterThan(49);
    expect(Number(right['overlap_hectares'])).toBeLessThan(51);
    expect(rights.some((r) => r['code'] === seed.rightCode && r['area_code'] === seed.areaCode)).toBe(false);
    const layer = (await get('/api/public/datasets/areas-naturales-protegidas.geojson')).json<{ features: { properties: Record<string, unknown> }[] }>();
    expect(layer.features.find((f) => f.properties['code'] === seed.areaCode)?.properties).toMatchObject({ category: 'Reserva Nacional', legal_hectares: 300 });
    expect((await get('/api/public/datasets/areas-naturales-protegidas.json?region=21')).statusCode).toBe(400);
  });

  test('services delivered: counts by service, region, year and sex, no beneficiary', async () => {
    type Row = { service_code: string; kind: string; department_code: string; year: number; sex: string | null; events: number | null; beneficiaries: number };
    const rows = await json<Row & Record<string, number | null>>(`/api/public/datasets/servicios-entregados.json?region=21&year=2024`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.department_code === '21' && r.year === 2024)).toBe(true);
    const { rows: expected } = await db.query<{ sex: string | null; n: number; passed: number }>(
      `SELECT p.sex::text AS sex, count(DISTINCT p.beneficiary_ruc)::int AS n, count(*) FILTER (WHERE p.passed)::int AS passed
       FROM service_events e JOIN service_participants p ON p.event_id = e.id
       WHERE e.service_code = $1 AND e.kind = 'training' AND e.department_code = '21' AND extract(year FROM e.event_date) = 2024 GROUP BY 1`,
      [seed.service.code],
    );
    for (const e of expected) {
      const r = rows.find((x) => x.service_code === seed.service.code && x.kind === 'training' && x.sex === e.sex)!;
      expect([r.beneficiaries, r['with_capacities']], String(e.sex)).toEqual([e.n, e.passed]);
    }
    expect(expected.find((e) => e.sex === 'F')!.passed).toBeGreaterThanOrEqual(1);
    const lab = rows.find((r) => r.kind === 'lab_analysis' && r.sex === 'F')!;
    expect(lab.events).toBeNull();
    expect(lab['delivered']).toBeGreaterThanOrEqual(1);
    expect((await json<Row>(`/api/public/datasets/servicios-entregados.json?year=2023`)).some((r) => r.year !== 2023)).toBe(false);
  });

  test("the baseline's aggregates: the module's figures, never a cell under five", async () => {
    type Row = {
      department_code: string | null;
      dimension: string;
      group: string;
      indicator_code: string;
      respondents: number | null;
      value: number | null;
      suppressed: boolean;
    };
    const rows = await json<Row>('/api/public/datasets/linea-base-agregados.json');
    expect(rows.length).toBeGreaterThan(20);
    const breakdowns = new Map<string, Row[]>();
    for (const r of rows) {
      if (r.suppressed) expect([r.respondents, r.value]).toEqual([null, null]);
      else expect(r.respondents!).toBeGreaterThanOrEqual(MIN_CELL);
      if (r.group === 'total') continue;
      const k = `${r.dimension}|${r.indicator_code}`;
      breakdowns.set(k, [...(breakdowns.get(k) ?? []), r]);
    }
    // complementary suppression: never exactly one suppressed cell in a breakdown
    for (const [k, cells] of breakdowns) expect(cells.filter((c) => c.suppressed).length, k).not.toBe(1);
    // one breakdown at a time, as the module publishes them: never a department crossed with another dimension
    for (const r of rows) expect(r.department_code, `${r.dimension} ${r.group}`).toBe(r.dimension === 'region' ? r.group : null);
    for (const by of ['region', 'stratum', 'sex', 'age_band'] as const) {
      const pub = await publicAggregates(db, 'mpe_linea_base', by);
      for (const ind of pub.indicators)
        expect(
          rows.filter((r) => r.dimension === by && r.indicator_code === ind.code && r.group !== 'total').map((r) => [r.group, r.respondents, r.suppressed]),
          `${by} ${ind.code}`,
        ).toEqual(ind.cells.map((c) => [c.group, c.respondents, c.suppressed]));
    }
    const puno = await json<Row>('/api/public/datasets/linea-base-agregados.json?region=21');
    expect(puno.length).toBe(5);
    expect(puno).toEqual(rows.filter((r) => r.department_code === '21'));
    expect((await get('/api/public/datasets/linea-base-agregados.json?year=2024')).statusCode).toBe(400);
  });
});
