import { describe, expect, test } from 'vitest';
import { readCsv, readXlsx } from '../../platform/files/tabular.ts';
import { importReinfo } from './reinfo.import.ts';
import { utmProj } from './registry.domain.ts';
import { rightPolygon } from './rights.service.ts';
import { testDb } from '../../../test/db.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { actor, buildReinfoRow, rightCode, toCsv } from '../../../test/factories.ts';

const db = await testDb();
const app = await testServer();
const row = buildReinfoRow({ NOMBRE: 'ÑAUPARI CÁRDENAS JOSÉ PRUEBA' });
const other = buildReinfoRow({}, 'arequipa');
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([row, other]))), { fileName: 'r.csv', sha256: 'q'.repeat(64), asOf: '2024-01-01' });

const get = async (url: string, role: Parameters<typeof authHeaders>[0] = 'national', opts: Parameters<typeof authHeaders>[1] = {}) =>
  app.inject({ method: 'GET', url, headers: await authHeaders(role, opts) });

describe('registry search', () => {
  test('by name without accents or case, by DNI, by RUC and by right code', async () => {
    const byName = (await get('/api/registry/search?q=naupari cardenas jose')).json<{ items: { kind: string; label: string }[] }>().items;
    expect(byName.find((h) => h.kind === 'person')?.label).toBe('ÑAUPARI CÁRDENAS JOSÉ PRUEBA');
    const byDni = (await get(`/api/registry/search?q=${row.RUC!.slice(2, 10)}`)).json<{ items: { kind: string }[] }>().items;
    expect(byDni[0]?.kind).toBe('person');
    const byRuc = (await get(`/api/registry/search?q=${row.RUC}`)).json<{ items: { kind: string }[] }>().items;
    expect(byRuc.map((h) => h.kind)).toContain('inscription');
    const byCode = (await get(`/api/registry/search?q=${row['CODIGO UNICO']}`)).json<{ items: { kind: string }[] }>().items;
    expect(byCode[0]?.kind).toBe('mining_right');
  });

  test('a regional official finds only their region', async () => {
    const res = (await get(`/api/registry/search?q=${other.RUC}`, 'regional', { region: '21' })).json<{ items: unknown[] }>().items;
    expect(res).toHaveLength(0);
    const own = (await get(`/api/registry/search?q=${other.RUC}`, 'regional', { region: '04' })).json<{ items: unknown[] }>().items;
    expect(own.length).toBeGreaterThan(0);
  });
});

describe('inscriptions', () => {
  const inscriptionId = async (ruc: string) =>
    (await get(`/api/registry/search?q=${ruc}`)).json<{ items: { kind: string; id: number }[] }>().items.find((h) => h.kind === 'inscription')!.id;

  test('detail with stratum and history; status change is audited and lands in the history', async () => {
    const id = await inscriptionId(row.RUC!);
    const detail = (await get(`/api/registry/inscriptions/${id}`)).json<{ stratum: { stratum: string }; history: unknown[] }>();
    expect(detail.stratum.stratum).toBe('UNDETERMINED'); // a declared right has no area yet
    expect(detail.history).toHaveLength(1);
    const change = await app.inject({
      method: 'POST',
      url: `/api/registry/inscriptions/${id}/status`,
      headers: await authHeaders('regional', { region: '21' }),
      payload: { status: 'suspendido', effectiveDate: '2024-08-01', reason: 'No declaró producción semestral' },
    });
    expect(change.statusCode).toBe(204);
    const after = (await get(`/api/registry/inscriptions/${id}`)).json<{ status: string; history: { status: string; reason: string }[] }>();
    expect(after.status).toBe('suspendido');
    expect(after.history.at(-1)).toMatchObject({ status: 'suspendido', reason: 'No declaró producción semestral' });
    const audit = (await get(`/api/audit?entity=inscription&entityId=${id}`)).json<{ action: string; before: { status: string } }[]>();
    expect(audit[0]).toMatchObject({ action: 'inscription.status', before: { status: 'vigente' } });
  });

  test('a date that is not one (2025-13-45) is refused with 400, not taken to the database', async () => {
    const id = await inscriptionId(row.RUC!);
    const res = await app.inject({
      method: 'POST',
      url: `/api/registry/inscriptions/${id}/status`,
      headers: await authHeaders('national'),
      payload: { status: 'excluido', effectiveDate: '2025-13-45', reason: 'fecha imposible' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
      path: 'body.effectiveDate',
      message: 'must be a calendar date YYYY-MM-DD',
    });
  });

  test('an Arequipa official cannot see or change a Puno inscription', async () => {
    const id = await inscriptionId(row.RUC!);
    expect((await get(`/api/registry/inscriptions/${id}`, 'regional', { region: '04' })).statusCode).toBe(404);
    const change = await app.inject({
      method: 'POST',
      url: `/api/registry/inscriptions/${id}/status`,
      headers: await authHeaders('regional', { region: '04' }),
      payload: { status: 'excluido', effectiveDate: '2024-08-01', reason: 'intento ajeno' },
    });
    expect(change.statusCode).toBe(404);
  });
});

describe('mining rights', () => {
  test('UTM PSAD56 vertices become a polygon that PostGIS agrees with, with its area and stratum', async () => {
    const code = rightCode();
    const vertices = [
      { east: 390000, north: 8248000 },
      { east: 391000, north: 8248000 },
      { east: 391000, north: 8249000 },
      { east: 390000, north: 8249000 },
    ];
    const put = await app.inject({
      method: 'PUT',
      url: `/api/registry/rights/${code}`,
      headers: await authHeaders('regional', { region: '21' }),
      payload: { name: 'SAN JUAN PSAD', substance: 'metallic', capacity: 20, departmentCode: '21', utmZone: 19, datum: 'PSAD56', vertices },
    });
    expect(put.statusCode, put.body).toBe(200);
    const right = (await get(`/api/registry/rights/${code}`)).json<{ hectares: number; verification: string; stratum: { stratum: string } }>();
    expect(right.hectares).toBeGreaterThan(99);
    expect(right.hectares).toBeLessThan(101);
    expect(right.verification).toBe('verified');
    expect(right.stratum.stratum).toBe('PMA');
    // the same transformation done by PostGIS with the pinned parameters agrees to the millimetre
    const ours = JSON.parse(rightPolygon({ utmZone: 19, datum: 'PSAD56', vertices })) as { coordinates: number[][][][] };
    const { rows } = await db.query<{ x: number; y: number }>(
      `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM ST_Transform(ST_SetSRID(ST_MakePoint(390000, 8248000), 0), $1, 4326) p`,
      [utmProj(19, 'PSAD56')],
    );
    const [lon, lat] = ours.coordinates[0]![0]![0]!;
    expect(Math.abs(lon! - rows[0]!.x) * 108_000).toBeLessThan(0.01);
    expect(Math.abs(lat! - rows[0]!.y) * 110_600).toBeLessThan(0.01);
  });

  test("a regional official's PUT on another region's right is 404, the same as for an unknown code", async () => {
    const square = (east: number, north: number) => [
      { east, north },
      { east: east + 500, north },
      { east: east + 500, north: north + 500 },
      { east, north: north + 500 },
    ];
    const puno = { name: 'AJENO', substance: 'metallic', departmentCode: '21', utmZone: 19, datum: 'WGS84', vertices: square(390000, 8248000) };
    const existing = rightCode();
    const created = await app.inject({ method: 'PUT', url: `/api/registry/rights/${existing}`, headers: await authHeaders('national'), payload: puno });
    expect(created.statusCode, created.body).toBe(200);
    const arequipa = await authHeaders('regional', { region: '04' });
    const put = (code: string, payload: object) => app.inject({ method: 'PUT', url: `/api/registry/rights/${code}`, headers: arequipa, payload });
    const unknown = rightCode();
    const answers = [
      await put(existing, puno), // another region's right, left in its region
      await put(existing, { ...puno, departmentCode: '04', vertices: square(229000, 8185000) }), // moved into one's own region
      await put(unknown, puno), // an unknown code in another region
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404]);
    const bodies = answers.map((a) => a.json<{ title: string; detail: string; code: string }>());
    expect(bodies[0]).toMatchObject({ title: 'Not Found', code: 'mining_right_not_found', detail: `Mining right ${existing} not found` });
    expect(bodies[2]).toMatchObject({ title: 'Not Found', code: 'mining_right_not_found', detail: `Mining right ${unknown} not found` });
    expect(bodies[1]).toEqual(bodies[0]);
    // nothing changed, and an Arequipa right of one's own is still created
    expect((await get(`/api/registry/rights/${existing}`)).json<{ name: string; departmentCode: string }>()).toMatchObject({
      name: 'AJENO',
      departmentCode: '21',
    });
    expect((await put(rightCode(), { ...puno, departmentCode: '04', vertices: square(229000, 8185000) })).statusCode).toBe(200);
  });

  test('a polygon outside the named department is refused with the field', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: `/api/registry/rights/${rightCode()}`,
      headers: await authHeaders('national'),
      payload: {
        name: 'FUERA',
        substance: 'metallic',
        departmentCode: '13',
        utmZone: 19,
        datum: 'WGS84',
        vertices: [
          { east: 390000, north: 8248000 },
          { east: 391000, north: 8248000 },
          { east: 391000, north: 8249000 },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('departmentCode');
  });

  test('a right on the coast gets the REINFO import’s tolerance of the simplified boundary, no more', async () => {
    // every point of Lima's polygon lies east of its westernmost vertex: 100 m squares 500 m and 5 km west of it (UTM 18S)
    const { rows } = await db.query<{ east: number; north: number }>(
      `SELECT ST_X(u) AS east, ST_Y(u) AS north FROM (
         SELECT ST_Transform((SELECT p.geom FROM ST_DumpPoints((SELECT geom FROM departments WHERE code = '15')) p
                              ORDER BY ST_X(p.geom) LIMIT 1), 32718) AS u) x`,
    );
    const shore = rows[0]!;
    const offshore = (meters: number) => {
      const east = shore.east - meters;
      return [
        { east: east - 100, north: shore.north },
        { east, north: shore.north },
        { east, north: shore.north + 100 },
        { east: east - 100, north: shore.north + 100 },
      ];
    };
    const put = async (vertices: { east: number; north: number }[]) =>
      app.inject({
        method: 'PUT',
        url: `/api/registry/rights/${rightCode()}`,
        headers: await authHeaders('national'),
        payload: { name: 'PLAYA', substance: 'metallic', departmentCode: '15', utmZone: 18, datum: 'WGS84', vertices },
      });
    expect((await put(offshore(500))).statusCode).toBe(200);
    const far = await put(offshore(5_000));
    expect(far.statusCode).toBe(400);
    const body = far.json<{ detail: string; errors: { path: string }[] }>();
    expect(body.errors[0]!.path).toBe('departmentCode');
    expect(body.detail).toMatch(/more than 1000 m outside the named department/);
  });
});

describe('profiles lead to the formalization expediente', () => {
  test("a person's inscriptions carry their RUC and expediente, as the inscription does once one is opened", async () => {
    const miner = buildReinfoRow({ NOMBRE: 'CCAHUANA TTITO ROSA EXPEDIENTE' });
    await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([miner]))), { fileName: 'e.csv', sha256: 'e'.repeat(64), asOf: '2024-01-01' });
    type Hit = { kind: string; id: number };
    const id = (await get(`/api/registry/search?q=${miner.RUC}`)).json<{ items: Hit[] }>().items.find((h) => h.kind === 'inscription')!.id;
    const personId = (await get(`/api/registry/search?q=${miner.RUC!.slice(2, 10)}`)).json<{ items: Hit[] }>().items.find((h) => h.kind === 'person')!.id;
    type Ref = { id: number; ruc: string; expedienteId: number | null };
    expect((await get(`/api/registry/persons/${personId}`)).json<{ inscriptions: Ref[] }>().inscriptions).toEqual([
      expect.objectContaining({ id, ruc: miner.RUC, expedienteId: null }),
    ]);
    expect((await get(`/api/registry/inscriptions/${id}`)).json<{ expedienteId: number | null }>().expedienteId).toBeNull();
    const puno = await authHeaders('regional', { region: '21' });
    const opened = await app.inject({ method: 'POST', url: '/api/formalization/expedientes', headers: puno, payload: { inscriptionId: id } });
    expect(opened.statusCode, opened.body).toBe(201);
    const expedienteId = opened.json<{ id: number }>().id;
    expect((await get(`/api/registry/inscriptions/${id}`, 'regional', { region: '21' })).json<{ expedienteId: number }>().expedienteId).toBe(expedienteId);
    expect((await get(`/api/registry/persons/${personId}`, 'regional', { region: '21' })).json<{ inscriptions: Ref[] }>().inscriptions[0]?.expedienteId).toBe(
      expedienteId,
    );
  });
});

describe('duplicates and merge', () => {
  test('similar names under different DNIs are listed; merging moves the inscriptions and is audited', async () => {
    const a = buildReinfoRow({ NOMBRE: 'HUARCAYA QUISPE TEODORO DUPLICADO' });
    const b = buildReinfoRow({ NOMBRE: 'HUARCAYA QUISPE TEODORO DUPLICAD' });
    await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([a, b]))), { fileName: 'd.csv', sha256: 'd'.repeat(64), asOf: '2024-01-01' });
    const pairs = (await get('/api/registry/duplicates')).json<{ a: { id: number; dni: string }; b: { id: number; dni: string } }[]>();
    const dniA = a.RUC!.slice(2, 10);
    const dniB = b.RUC!.slice(2, 10);
    const pair = pairs.find((p) => [p.a.dni, p.b.dni].sort().join() === [dniA, dniB].sort().join());
    expect(pair).toBeDefined();
    const merge = await app.inject({
      method: 'POST',
      url: `/api/registry/persons/${pair!.b.id}/merge`,
      headers: await authHeaders('national'),
      payload: { into: pair!.a.id },
    });
    expect(merge.statusCode).toBe(204);
    const person = (await get(`/api/registry/persons/${pair!.a.id}`)).json<{ inscriptions: unknown[] }>();
    expect(person.inscriptions).toHaveLength(2);
    const audit = (await get(`/api/audit?entity=person&entityId=${pair!.b.id}`)).json<{ action: string }[]>();
    expect(audit[0]!.action).toBe('person.merge');
  });
});

describe('REINFO upload as a background job', () => {
  test('upload, poll progress, get the counts', async () => {
    const csv = toCsv([buildReinfoRow(), buildReinfoRow()]);
    const boundary = 'vetaBoundary';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="asOf"',
      '',
      '2024-02-01',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="lista.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const headers = { ...(await authHeaders('regional', { region: '21' })), 'content-type': `multipart/form-data; boundary=${boundary}` };
    const res = await app.inject({ method: 'POST', url: '/api/imports/reinfo', headers, payload: body });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: number }>();
    let job: { status: string; result: { inserted: number } | null } = { status: 'running', result: null };
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: await authHeaders('regional', { region: '21' }) })).json();
    }
    expect(job.status).toBe('done');
    expect(job.result?.inserted).toBe(2);
  });

  test('the rows an XLSX upload rejected come back as XLSX or CSV, cut out of the file sent again, to their uploader only', async () => {
    const good = buildReinfoRow();
    const bad = buildReinfoRow({ RUC: '2060-ABC', NOMBRE: 'FILA CON RUC MALO' });
    const headers = Object.keys(good);
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    const sheet = workbook.addWorksheet('REINFO');
    sheet.addRow(headers);
    sheet.addRow(headers.map((h) => good[h]));
    sheet.addRow(headers.map((h) => bad[h]));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const boundary = 'vetaBoundary';
    const multipart = (fields: Record<string, string>, file: Buffer) =>
      Buffer.concat([
        Buffer.from(
          Object.entries(fields)
            .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
            .join(''),
        ),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lista puno.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const uploader = { ...(await authHeaders('regional', { region: '21' })), 'content-type': `multipart/form-data; boundary=${boundary}` };
    const res = await app.inject({ method: 'POST', url: '/api/imports/reinfo', headers: uploader, payload: multipart({ asOf: '2024-02-01' }, xlsx) });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json<{ jobId: number }>();
    let job: { status: string; result: { errors?: { row: number; column: string }[] } | null } = { status: 'running', result: null };
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: uploader })).json();
    }
    expect(job.status).toBe('failed');
    expect(job.result?.errors?.map((e) => [e.row, e.column])).toEqual([[3, 'RUC']]);

    const rejected = await app.inject({ method: 'POST', url: `/api/imports/rejected-rows?job=${jobId}`, headers: uploader, payload: multipart({}, xlsx) });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.headers['content-type']).toContain('spreadsheetml');
    expect(rejected.headers['content-disposition']).toBe('attachment; filename="lista_puno.rechazadas.xlsx"');
    const back = await readXlsx(rejected.rawPayload);
    expect(back.headers).toEqual([...headers, 'ERRORES']);
    expect(back.rows).toEqual([{ row: 2, cells: [...headers.map((h) => bad[h]), expect.stringMatching(/^RUC: /)] }]);

    const csv = await app.inject({
      method: 'POST',
      url: `/api/imports/rejected-rows?job=${jobId}&format=csv`,
      headers: uploader,
      payload: multipart({}, xlsx),
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(readCsv(csv.rawPayload).rows.map((r) => r.cells[1])).toEqual(['FILA CON RUC MALO']);

    const other = { ...(await authHeaders('regional', { region: '04' })), 'content-type': `multipart/form-data; boundary=${boundary}` };
    expect(
      (await app.inject({ method: 'POST', url: `/api/imports/rejected-rows?job=${jobId}`, headers: other, payload: multipart({}, xlsx) })).statusCode,
    ).toBe(404);
  });
});
