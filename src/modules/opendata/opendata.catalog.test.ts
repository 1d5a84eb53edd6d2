/**
 * Publication and dated snapshots, the DCAT-AP 3 catalog (expanded as JSON-LD by the
 * `jsonld` library) and the CKAN action API, through HTTP on the real database.
 */
import jsonld from 'jsonld';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { actor, buildReinfoRow } from '../../../test/factories.ts';
import type { Database } from '../../platform/db.ts';
import type { VetaServer } from '../../platform/http/app.ts';
import { peruToday } from '../../platform/time.ts';
import { importInscriptions } from '../formalization/formalization-db.fixtures.ts';
import { oneBatch, t } from '../../platform/datasets.ts';
import { withDefaults } from './opendata.catalog.ts';
import { runPublish } from './opendata.cli.ts';
import { ckanPackage, datasetEntry, dcatCatalog } from './opendata.entries.ts';
import { seedOpendata } from './opendata.fixtures.ts';
import type { PublishResult } from './opendata.service.ts';

let app: VetaServer;
let db: Database;
let first: PublishResult;

beforeAll(async () => {
  db = await testDb();
  app = await testServer();
  await seedOpendata(db);
  const res = await app.inject({ method: 'POST', url: '/api/opendata/publish', headers: await authHeaders('national') });
  expect(res.statusCode, res.body).toBe(200);
  first = res.json<PublishResult>();
}, 300_000); // a fresh worker database and the fixture's imports: slow on a loaded machine

const get = (url: string) => app.inject({ method: 'GET', url });
const csvRows = (body: string) => parse(body, { bom: true, columns: true }) as Record<string, string>[];

describe('publication and dated snapshots', () => {
  test('a publication keeps every dataset; a later change does not alter the snapshot', async () => {
    expect(first.snapshotDate).toBe(peruToday());
    const catalog = (await get('/api/public/datasets')).json<{ id: string }[]>();
    expect(first.datasets.map((d) => d.id).sort()).toEqual(catalog.map((d) => d.id).sort());
    const reinfo = first.datasets.find((d) => d.id === 'reinfo-inscripciones')!;
    const live = csvRows((await get('/api/public/datasets/reinfo-inscripciones.csv')).body);
    expect(reinfo.rows).toBe(live.length);

    const added = buildReinfoRow({ NOMBRE: 'INSCRITO DESPUES DE PUBLICAR' });
    await importInscriptions(db, [added]);
    const after = (await get('/api/public/datasets/reinfo-inscripciones.csv')).body;
    expect(after).toContain('INSCRITO DESPUES DE PUBLICAR');
    const snap = await get(`/api/public/datasets/reinfo-inscripciones.csv?date=${first.snapshotDate}`);
    expect(snap.statusCode).toBe(200);
    expect(snap.body).not.toContain('INSCRITO DESPUES DE PUBLICAR');
    expect(csvRows(snap.body)).toEqual(live);
    expect(snap.headers['content-disposition']).toContain(first.snapshotDate);
    // filters apply to snapshots too
    const snapRegion = csvRows((await get(`/api/public/datasets/reinfo-inscripciones.csv?date=${first.snapshotDate}&region=04`)).body);
    expect(snapRegion).toEqual(live.filter((r) => r['department_code'] === '04'));
    expect((await get('/api/public/datasets/reinfo-inscripciones.csv?date=1999-12-31')).statusCode).toBe(404);
  });

  test('publishing again stores unchanged datasets by reference, and is audited', async () => {
    const io = { stdout: '', stderr: '', write: undefined };
    const out = { write: (s: string) => void (io.stdout += s) };
    const err = { write: (s: string) => void (io.stderr += s) };
    const second = await runPublish(db, actor('admin'), { json: true }, { stdout: out, stderr: err });
    expect(JSON.parse(io.stdout)).toEqual(second);
    expect(second.publicationId).toBeGreaterThan(first.publicationId);
    // the inscription added after the first publication changed the REINFO list
    expect(second.datasets.find((d) => d.id === 'reinfo-inscripciones')!.changed).toBe(true);
    expect(second.datasets.find((d) => d.id === 'politica-indicadores')!.changed).toBe(false);
    const third = await runPublish(db, actor('admin'), {}, { stdout: out, stderr: err });
    const unchanged = third.datasets.find((d) => d.id === 'politica-indicadores')!;
    expect(unchanged.changed).toBe(false);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM opendata_snapshots WHERE dataset_id = 'politica-indicadores' AND publication_id = $1 AND content IS NULL",
      [third.publicationId],
    );
    expect(rows[0]!.n).toBe(1);
    const policy = await get(`/api/public/datasets/politica-indicadores.json?date=${third.snapshotDate}`);
    expect(policy.json()).toEqual((await get('/api/public/datasets/politica-indicadores.json')).json());
    const audit = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'opendata.publish' AND entity_id = $1", [
      String(third.publicationId),
    ]);
    expect(audit.rows[0]!.n).toBe(1);
    const list = (await get('/api/public/datasets/politica-indicadores/snapshots')).json<{ date: string; rows: number }[]>();
    expect(list.length).toBeGreaterThanOrEqual(3);
    await expect(runPublish(db, actor('auditor'), {}, { stdout: out, stderr: err })).rejects.toThrow(/may not publish/);
    expect((await app.inject({ method: 'POST', url: '/api/opendata/publish', headers: await authHeaders('regional', { region: '21' }) })).statusCode).toBe(403);
  });
});

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
type Node = Record<string, unknown[]> & { '@id'?: string; '@type'?: string[] };

describe('DCAT-AP 3 catalog', () => {
  test('expands as JSON-LD with the classes and properties harvesters read', async () => {
    const res = await get('/api/public/catalog.jsonld');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const expanded = (await jsonld.expand(res.json())) as unknown as Node[];
    expect(expanded).toHaveLength(1);
    const catalog = expanded[0]!;
    expect(catalog['@type']).toEqual([`${DCAT}Catalog`]);
    for (const p of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCT}modified`]) expect(catalog[p], p).toBeDefined();
    const datasets = catalog[`${DCAT}dataset`] as Node[];
    const ids = (await get('/api/public/datasets')).json<{ id: string; spatial: boolean }[]>();
    expect(datasets).toHaveLength(ids.length);
    for (const d of datasets) {
      expect(d['@type']).toEqual([`${DCAT}Dataset`]);
      for (const p of ['title', 'description', 'identifier', 'license', 'modified', 'spatial', 'publisher', 'accrualPeriodicity'])
        expect(d[`${DCT}${p}`], `${String(d['@id'])} dct:${p}`).toBeDefined();
      for (const p of ['keyword', 'contactPoint', 'theme', 'distribution']) expect(d[`${DCAT}${p}`], `${String(d['@id'])} dcat:${p}`).toBeDefined();
      const titles = d[`${DCT}title`] as { '@language': string }[];
      expect(titles.map((x) => x['@language']).sort()).toEqual(['en', 'es']);
      for (const dist of d[`${DCAT}distribution`] as Node[]) {
        expect(dist['@type']).toEqual([`${DCAT}Distribution`]);
        for (const p of [`${DCAT}accessURL`, `${DCAT}downloadURL`, `${DCAT}mediaType`, `${DCT}license`, `${DCT}format`]) expect(dist[p], p).toBeDefined();
      }
    }
    // published datasets carry the temporal coverage of their snapshot
    const reinfo = datasets.find((d) => String(d['@id']).endsWith('/reinfo-inscripciones'))!;
    const temporal = (reinfo[`${DCT}temporal`] as Node[])[0]!;
    expect(temporal['@type']).toEqual([`${DCT}PeriodOfTime`]);
    expect((temporal[`${DCAT}startDate`] as { '@value': string }[])[0]!['@value']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const rights = datasets.find((d) => String(d['@id']).endsWith('/derechos-mineros'))!;
    const formats = (rights[`${DCAT}distribution`] as Node[]).map((x) =>
      (x[`${DCAT}downloadURL`] as { '@id': string }[])[0]!['@id'].split('.').slice(1).join('.'),
    );
    expect(formats.sort()).toEqual(['csv', 'geojson', 'json', 'shp.zip', 'xlsx']);
    // every downloadURL answers
    const url = (rights[`${DCAT}distribution`] as Node[])[0]![`${DCAT}downloadURL`] as { '@id': string }[];
    expect((await get(new URL(url[0]!['@id']).pathname)).statusCode).toBe(200);
  });
});

describe('CKAN action API', () => {
  test('package_list, package_show and package_search answer in CKAN envelopes', async () => {
    const list = (await get('/api/3/action/package_list')).json<{ success: boolean; result: string[]; help: string }>();
    expect(list.success).toBe(true);
    expect(list.result).toContain('reinfo-inscripciones');
    const show = await get('/api/3/action/package_show?id=derechos-mineros');
    expect(show.statusCode).toBe(200);
    const pkg = show.json<{
      success: boolean;
      result: { name: string; license_id: string; resources: { url: string; format: string }[]; num_resources: number };
    }>();
    expect(pkg.success).toBe(true);
    expect(pkg.result).toMatchObject({ name: 'derechos-mineros', license_id: 'CC-BY-4.0', num_resources: 5 });
    expect(pkg.result.resources.map((r) => r.format).sort()).toEqual(['CSV', 'GEOJSON', 'JSON', 'SHP', 'XLSX']);
    for (const r of pkg.result.resources) expect(r.url).toMatch(/^http:\/\/[^/]+\/api\/public\/datasets\/derechos-mineros\./);
    const missing = await get('/api/3/action/package_show?id=nada');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
    const noId = await get('/api/3/action/package_show');
    expect(noId.statusCode).toBe(409);
    expect(noId.json()).toMatchObject({ success: false, error: { __type: 'Validation Error', id: ['Missing value'] } });
    const search = (await get('/api/3/action/package_search?q=oro')).json<{ success: boolean; result: { count: number; results: { name: string }[] } }>();
    expect(search.success).toBe(true);
    expect(search.result.results.map((r) => r.name)).toEqual(['oro-produccion-comercio']);
    expect(search.result.count).toBe(1);
    const accents = (await get('/api/3/action/package_search?q=FORMALIZACIÓN%20region')).json<{ result: { results: { name: string }[] } }>();
    expect(accents.result.results.map((r) => r.name)).toEqual(['formalizacion-embudo', 'formalizacion-tiempo-por-paso']);
    const all = (await get('/api/3/action/package_search?q=*:*&rows=2&start=1')).json<{ result: { count: number; results: unknown[] } }>();
    expect(all.result.count).toBe(list.result.length);
    expect(all.result.results).toHaveLength(2);
    expect((await get('/api/3/action/package_search?rows=abc')).json()).toMatchObject({ success: false, error: { __type: 'Validation Error' } });
  });
});

describe('a dataset with another representation (the projects as IATI)', () => {
  const entry = datasetEntry(
    withDefaults('cooperation', {
      id: 'proyectos-prueba',
      theme: 'cooperation',
      title: t('Proyectos', 'Projects'),
      description: t('Proyectos de prueba', 'Test projects'),
      keywords: { es: ['cooperación'], en: ['cooperation'] },
      frequency: 'continuous',
      filters: [],
      fields: [{ name: 'identifier', type: 'string', description: t('Identificador', 'Identifier') }],
      alternates: [
        {
          format: 'IATI',
          mediaType: 'application/xml',
          path: '/api/cooperation/iati.xml',
          title: t('Archivo de actividades IATI 2.03', 'IATI 2.03 activity file'),
          conformsTo: 'http://reference.iatistandard.org/203/activity-standard/',
        },
      ],
      rows: () => oneBatch(() => Promise.resolve([])),
    }),
    'https://veta.example',
    '2026-01-02T03:04:05.000Z',
    null,
  );

  test('is a DCAT distribution conforming to its standard, and a CKAN resource', async () => {
    expect(entry.alternates).toEqual([
      {
        format: 'IATI',
        mediaType: 'application/xml',
        url: 'https://veta.example/api/cooperation/iati.xml',
        title: { es: 'Archivo de actividades IATI 2.03', en: 'IATI 2.03 activity file' },
        conformsTo: 'http://reference.iatistandard.org/203/activity-standard/',
      },
    ]);
    const [catalog] = (await jsonld.expand(dcatCatalog([entry], 'https://veta.example', null) as never)) as unknown as Node[];
    const dists = ((catalog![`${DCAT}dataset`] as Node[])[0]![`${DCAT}distribution`] as Node[]).filter((d) => d['@id'] === entry.alternates[0]!.url);
    expect(dists).toHaveLength(1);
    expect(dists[0]![`${DCT}conformsTo`]).toEqual([{ '@id': 'http://reference.iatistandard.org/203/activity-standard/' }]);
    expect(dists[0]![`${DCAT}downloadURL`]).toEqual([{ '@id': 'https://veta.example/api/cooperation/iati.xml' }]);
    const pkg = ckanPackage(entry, null) as { resources: { url: string; format: string; position: number }[]; num_resources: number };
    expect(pkg.num_resources).toBe(4);
    expect(pkg.resources.map((r) => [r.format, r.position])).toEqual([
      ['CSV', 0],
      ['XLSX', 1],
      ['JSON', 2],
      ['IATI', 3],
    ]);
  });
});
