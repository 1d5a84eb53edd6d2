/** Projects, the gap matrix, ODA and downloads through HTTP on the real database, as the cooperation unit and others. */
// @ts-nocheck

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { authHeaders } from '../../../test/http.ts';
import { buildApp } from '../../platform/http/app.ts';
import type { Problem } from '../../platform/http/problem.ts';
import { ensureTestPolicy, projectBody } from './cooperation-db.fixtures.ts';
import { iatiFile, uniqueId } from './iati.fixtures.ts';
import { toUsd } from './cooperation.domain.ts';
import * as q from './cooperation.queries.ts';
import { cooperationRoutes } from './cooperation.routes.ts';
import type { GapMatrix, Project, ProjectSummary } from './cooperation.schema.ts';

const db = await testDb();
await ensureTestPolicy(db);
const app = await buildApp({ db }, [cooperationRoutes]);
await app.ready();
const coop = await authHeaders('cooperation');
const rates = await q.usdRates(db);

const call = async <T>(method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string> = {}, payload?: object) => {
  const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json<T>() : null) as T, res };
};
const auditOf = async (id: number) =>
  (
    await db.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE entity = 'coop_project' AND entity_id = $1 ORDER BY seq`, [
      String(id),
    ])
  ).rows;

describe('projects', () => {
  test('the cooperation role registers a project (audited, version 1) and anyone reads it with USD at the yearly rate', async () => {
    const body = projectBody();
    const created = await call<Project>('POST', '/api/cooperation/projects', coop, body);
    expect(created.status).toBe(201);
    const p = created.body;
    expect(p).toMatchObject({ identifier: body.identifier, version: 1, source: 'veta', agencyCode: 'cosude', agencyName: 'COSUDE', regions: ['21', '210101'] });
    expect(p.flows.map((f) => f.usd)).toEqual([toUsd(rates, 100000, 'CHF', 2024), toUsd(rates, 200000, 'CHF', 2025), toUsd(rates, 80000, 'CHF', 2024)]);
    expect(p.flows[0]!.usd).toBeGreaterThan(100000); // CHF was above the dollar in 2024
    expect((await auditOf(p.id)).map((a) => a.action)).toEqual(['coop.project.create']);

    const pub = await call<Project>('GET', `/api/cooperation/projects/${p.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.titleEn).toBe('Mercury-free mining in Puno');
    const list = await call<ProjectSummary[]>('GET', `/api/cooperation/projects?q=${encodeURIComponent(body.identifier)}`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]!.budgetUsd).toBeCloseTo((toUsd(rates, 100000, 'CHF', 2024) ?? 0) + (toUsd(rates, 200000, 'CHF', 2025) ?? 0), 2);
  });

  test('an edit is a new version with history and audit; a stale version is refused with 409', async () => {
    const body = projectBody();
    const p = (await call<Project>('POST', '/api/cooperation/projects', coop, body)).body;
    const edited = await call<Project>('PUT', `/api/cooperation/projects/${p.id}`, coop, {
      version: 1,
      project: { ...body, status: 'finalisation', aspects: ['legal'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, status: 'finalisation', aspects: ['legal'] });
    const stale = await call<Problem>('PUT', `/api/cooperation/projects/${p.id}`, coop, { version: 1, project: body });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('coop.version_conflict');
    const versions = await call<{ version: number; source: string }[]>('GET', `/api/cooperation/projects/${p.id}/versions`, coop);
    expect(versions.body.map((v) => [v.version, v.source])).toEqual([
      [1, 'api'],
      [2, 'api'],
    ]);
    // the same content again changes nothing
    const same = await call<Project>('PUT', `/api/cooperation/projects/${p.id}`, coop, { project: { ...body, status: 'finalisation', aspects: ['legal'] } });
    expect(same.body.version).toBe(2);
    expect((await auditOf(p.id)).map((a) => a.action)).toEqual(['coop.project.create', 'coop.project.update']);
  });

  test('policy codes, agencies and regions must exist; the identifier is unique', async () => {
    const bad = await call<Problem>(
      'POST',
      '/api/cooperation/projects',
      coop,
      projectBody({ policyCodes: ['SS.09.09.09'], regions: ['99'], agencyCode: 'nobody' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('coop.invalid_reference');
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['agencyCode', 'policyCodes', 'regions']);
    const body = projectBody();
    expect((await call('POST', '/api/cooperation/projects', coop, body)).status).toBe(201);
    const again = await call<Problem>('POST', '/api/cooperation/projects', coop, body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('coop.identifier_taken');
    const malformed = await call<Problem>('POST', '/api/cooperation/projects', coop, projectBody({ policyCodes: ['IOP.01.01'] }));
    expect(malformed.status).toBe(400);
  });

  test('only cooperation, national and admin write: regional 403, public 401; the row-level policy agrees', async () => {
    expect((await call('POST', '/api/cooperation/projects', await authHeaders('regional', { region: '21' }), projectBody())).status).toBe(403);
    expect((await call('POST', '/api/cooperation/projects', {}, projectBody())).status).toBe(401);
    expect((await call('POST', '/api/cooperation/projects', await authHeaders('national'), projectBody())).status).toBe(201);
    const { withActor } = await import('../../platform/context.ts');
    const regional = { username: 'r', role: 'regional' as const, region: '21', ruc: null, userId: null };
    await expect(
      withActor(db, regional, (tx) =>
        tx.query(
          `INSERT INTO coop_projects (identifier, source, status, title_es, version, content_hash, updated_by) VALUES ('X-1-2', 'veta', 'pipeline', 't', 1, 'h', 'r')`,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('gap matrix, ODA and downloads', () => {
  test('cells count the active projects and their budget of the year; empty cells are gaps', async () => {
    // sela (no other test uses it) in Ayacucho: one active in 2025 (pma × legal, formalization), one closed in 2022
    const a = projectBody({
      agencyCode: 'sela',
      regions: ['05'],
      strata: ['pma', 'pallaqueras'],
      aspects: ['legal', 'formalization'],
      policyCodes: ['SS.01.03.01', 'OP.02'],
      defaultCurrency: 'EUR',
      flows: [{ kind: 'budget', year: 2025, currency: 'EUR', amount: 50000 }],
    });
    const b = projectBody({
      agencyCode: 'sela',
      regions: ['05'],
      strata: ['pma'],
      aspects: ['legal'],
      status: 'closed',
      startDate: '2021-01-01',
      endDate: '2022-12-31',
      flows: [{ kind: 'budget', year: 2022, currency: 'USD', amount: 7000 }],
    });
    for (const body of [a, b]) expect((await call('POST', '/api/cooperation/projects', coop, body)).status).toBe(201);
    const m = (await call<GapMatrix>('GET', '/api/cooperation/gap-matrix?year=2025&region=05&agency=sela')).body;
    const eur = toUsd(rates, 50000, 'EUR', 2025)!;
    expect(m.activeProjects).toBe(1);
    expect(m.cells['pma']!['legal']).toEqual({ projects: 1, budgetUsd: eur });
    expect(m.cells['pallaqueras']!['formalization']).toEqual({ projects: 1, budgetUsd: eur });
    expect(m.cells['ppm']!['legal']).toEqual({ projects: 0, budgetUsd: 0 });
    expect(m.gaps).toBe(6 * 14 - 4);
    expect(m.byObjective.map((o) => o.key).sort()).toEqual(['OP.01', 'OP.02']);
    expect(m.byRegion).toEqual([{ key: '05', name: expect.stringMatching(/AYACUCHO/i), projects: 1, budgetUsd: eur }]);
    const y2022 = (await call<GapMatrix>('GET', '/api/cooperation/gap-matrix?year=2022&region=05&agency=sela')).body;
    expect(y2022.cells['pma']!['legal']).toEqual({ projects: 1, budgetUsd: 7000 });
    expect(y2022.cells['pallaqueras']!['formalization']!.projects).toBe(0);
    const byObjective = (await call<GapMatrix>('GET', '/api/cooperation/gap-matrix?year=2025&agency=sela&objective=OP.02')).body;
    expect(byObjective.activeProjects).toBe(1);

    const csv = await call('GET', '/api/cooperation/downloads/gap-matrix.csv?year=2025&region=05&agency=sela');
    expect(csv.res.headers['content-type']).toMatch(/text\/csv/);
    const rows = parse(csv.res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6 * 14);
    expect(rows.find((r) => r['estrato'] === 'pma' && r['aspecto'] === 'legal')).toMatchObject({ proyectos_activos: '1', presupuesto_usd: String(eur) });
  });

  test('ODA by agency and year sums disbursements in USD; the XLSX download has the same rows', async () => {
    const body = projectBody({
      agencyCode: 'abc',
      flows: [
        { kind: 'disbursement', year: 2024, currency: 'PEN', amount: 370000 },
        { kind: 'disbursement', year: 2024, currency: 'USD', amount: 1000 },
      ],
    });
    expect((await call('POST', '/api/cooperation/projects', coop, body)).status).toBe(201);
    const oda = (await call<{ byAgency: { agencyCode: string; year: number; disbursedUsd: number }[] }>('GET', '/api/cooperation/oda')).body;
    const abc = oda.byAgency.filter((r) => r.agencyCode === 'abc' && r.year === 2024);
    expect(abc).toHaveLength(1);
    expect(abc[0]!.disbursedUsd).toBeCloseTo(toUsd(rates, 370000, 'PEN', 2024)! + 1000, 2);
    const xlsx = await app.inject({ method: 'GET', url: '/api/cooperation/downloads/oda.xlsx' });
    expect(xlsx.headers['content-disposition']).toContain('veta-aod.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const found = sheet.getSheetValues().filter((r) => Array.isArray(r) && r[2] === 'ABC' && r[3] === 2024);
    expect(found).toHaveLength(1);
    expect(sheet.getRow(1).getCell(1).value).toBe('fuente');
  });
});

describe('IATI upload', () => {
  const upload = async (xml: string, headers: Record<string, string>, query = '') => {
    const boundary = 'vetaIatiBoundary';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="actividades.xml"',
      'Content-Type: application/xml',
      '',
      xml,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const res = await app.inject({
      method: 'POST',
      url: `/api/cooperation/iati${query}`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    return {
      status: res.statusCode,
      body: res.json<{ activities: number; inserted: number; unchanged: number; errors: { line: number; element: string }[] }>(),
    };
  };

  test('a cooperation user uploads an IATI file: the same result as the CLI; a refused file is 422 with its lines; a regional official may not', async () => {
    const [pe, bo] = [uniqueId(), uniqueId()];
    const xml = iatiFile([{ id: pe }, { id: bo, country: 'BO' }]);
    const first = await upload(xml, coop, '?country=PE');
    expect(first).toMatchObject({ status: 200, body: { activities: 2, inserted: 1, unchanged: 0, errors: [] } });
    expect((await upload(xml, coop, '?country=PE')).body).toMatchObject({ inserted: 0, unchanged: 1 });
    const listed = await call<ProjectSummary[]>('GET', `/api/cooperation/projects?q=${pe}`);
    expect(listed.body.map((p) => p.identifier)).toEqual([pe]);
    const bad = await upload(iatiFile([{ id: uniqueId(), status: '0' }]), coop);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ element: 'activity-status' });
    expect((await upload(xml, await authHeaders('regional', { region: '21' }))).status).toBe(403);
  });
});
