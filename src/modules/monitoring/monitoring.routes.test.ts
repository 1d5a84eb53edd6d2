/** The monitoring routes through HTTP, on the worker's database (own policy code, own department: Tumbes, 24). */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { seedMatrix } from '../../../test/fixtures/monitoring/seed-matrix.ts';
import { testDb } from '../../../test/db.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { withActor } from '../../platform/context.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { MAPE_BINDINGS } from './bindings/indicator-bindings.mape.ts';
import { evaluateMatrix, toEvaluationJson } from './monitoring.domain.ts';
import { importPolicyMatrix } from './monitoring.service.ts';
import { DEFAULT_POLICY_CODE } from './policy.catalog.ts';

const app = await testServer();
const db = await testDb();
const code = `R-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
const file = { fileName: 'routes.csv', sha256: 'a'.repeat(64), asOf: '2025-01-15' };
await importPolicyMatrix(db, actor('national'), code, seedMatrix(), file);
await importPolicyMatrix(db, actor('national'), DEFAULT_POLICY_CODE, seedMatrix(), file);

const TUMBES = { DEPARTAMENTO: 'TUMBES', PROVINCIA: 'TUMBES', DISTRITO: 'TUMBES', LATITUD: '-3.5711', LONGITUD: '-80.4592' };
const tumbes = [
  buildReinfoRow({ ...TUMBES, NOMBRE: 'TUMBES PROPIO UNO' }),
  buildReinfoRow({ ...TUMBES, NOMBRE: 'TUMBES PROPIO DOS' }),
  buildReinfoRow({ ...TUMBES, NOMBRE: 'TUMBES AJENO TRES' }),
];
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(tumbes))), { fileName: 'tumbes.csv', sha256: 't'.repeat(64), asOf: '2024-01-01' });
for (const row of tumbes.slice(0, 2)) {
  await db.query(`UPDATE mining_rights SET verification = 'verified', holder_ruc = $2 WHERE code = $1`, [row['CODIGO UNICO'], row.RUC]);
}

const get = async (url: string, role: Parameters<typeof authHeaders>[0] = 'public', opts: { region?: string } = {}) =>
  app.inject({ method: 'GET', url, headers: await authHeaders(role, opts) });

describe('public policy data', () => {
  test('GET /api/public/policies lists the policy with its years', async () => {
    const res = await get('/api/public/policies');
    expect(res.statusCode).toBe(200);
    const mine = res.json<{ code: string; indicators: number; valueYears: number[]; targetYears: number[] }[]>().find((p) => p.code === code);
    expect(mine).toMatchObject({ indicators: 27, valueYears: [2023, 2024], targetYears: [2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030] });
    const mape = res.json<{ code: string; name?: string }[]>().find((p) => p.code === DEFAULT_POLICY_CODE);
    expect(mape?.name).toContain('Pequeña Minería y Minería Artesanal');
  });

  test('GET …/evaluation is the evaluate --json document of the same matrix', async () => {
    const res = await get(`/api/public/policies/${code}/evaluation?year=2024&targetYear=2023`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(toEvaluationJson(evaluateMatrix(seedMatrix(), { year: 2024, targetYear: 2023 })))));
    expect(res.json<{ managementIndex: number }>().managementIndex).toBeCloseTo(72.43, 2);
    expect((await get(`/api/public/policies/${code}/evaluation`)).statusCode).toBe(400);
    expect((await get('/api/public/policies/NO-SUCH/evaluation?year=2024')).statusCode).toBe(404);
  });

  test('report downloads render, with the numbers of the CLI', async () => {
    const html = await get(`/api/public/policies/${code}/report.html?year=2024&targetYear=2023`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<td class="num">72.4</td>');
    const pdf = await get(`/api/public/policies/${code}/report.pdf?year=2024&targetYear=2023`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${code}-seguimiento-2024.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsx = await get(`/api/public/policies/${code}/report.xlsx?year=2024&targetYear=2023`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toContain('Resumen');
    expect((await get(`/api/public/policies/${code}/report.docx?year=2024`)).statusCode).toBe(400);
  });
});

describe('values recorded by national officials', () => {
  const body = { indicator: 'IOP.02.01', year: 2025, value: 9.5, source: 'Informe DGFM', date: '2026-02-10' };
  const post = async (role: Parameters<typeof authHeaders>[0], payload: object) =>
    app.inject({ method: 'POST', url: `/api/policies/${code}/values`, headers: await authHeaders(role), payload });

  test('a national official records a value: a new entry of the history, audited', async () => {
    const res = await post('national', body);
    expect(res.statusCode).toBe(201);
    const stored = res.json<{ id: number; enteredBy: string; status: string }>();
    expect(stored).toMatchObject({ status: 'measured', value: 9.5, date: '2026-02-10', source: 'Informe DGFM' });
    expect(stored.enteredBy).toMatch(/^t-national-/);
    const correction = await post('admin', { ...body, value: 9.7 });
    expect(correction.statusCode).toBe(201);
    const history = await get(`/api/policies/${code}/indicators/IOP.02.01/values`, 'auditor');
    expect(
      history
        .json<{ year: number; value: number }[]>()
        .filter((v) => v.year === 2025)
        .map((v) => v.value),
    ).toEqual([9.5, 9.7]);
    const evaluation = await get(`/api/public/policies/${code}/evaluation?year=2025`);
    expect(evaluation.json<{ indicators: { code: string; avance1: number }[] }>().indicators.find((i) => i.code === 'IOP.02.01')?.avance1).toBeCloseTo(
      (9.7 / 14) * 100, // the 2025 target is 14%
      10,
    );
    const { rows } = await db.query(`SELECT 1 FROM audit_log WHERE action = 'policy.value' AND entity_id = $1`, [String(stored.id)]);
    expect(rows).toHaveLength(1);
  });

  test('others are refused; bad bodies and unknown indicators are not recorded', async () => {
    expect((await post('regional', body)).statusCode).toBe(403);
    expect((await post('auditor', body)).statusCode).toBe(403);
    expect((await post('public', body)).statusCode).toBe(401);
    expect((await post('national', { ...body, value: 'mucho' })).statusCode).toBe(400);
    expect((await post('national', { ...body, indicator: 'IOP.09.09' })).statusCode).toBe(404);
  });
});

describe('indicators measured from the records', () => {
  type Measurement = {
    value: number | null;
    numerator: number;
    denominator: number;
    stored: { value: number } | null;
    scope: { scoped: boolean; regionCode: string | null; numerator: number; denominator: number };
    records: { id: number; label: string; departmentCode: string }[];
  };
  const url = `/api/policies/${DEFAULT_POLICY_CODE}/indicators/IOP.03.02/measure?year=2024`;

  test('a national official gets the national value and every record behind it, next to the stored value', async () => {
    const res = await get(url, 'national');
    expect(res.statusCode).toBe(200);
    const m = res.json<Measurement>();
    const expected = await withActor(db, actor('auditor'), (tx) => MAPE_BINDINGS['IOP.03.02']!.compute(tx, 2024));
    expect(m).toMatchObject({ value: expected.value, numerator: expected.numerator, denominator: expected.denominator });
    expect(m.scope).toMatchObject({ scoped: false, regionCode: null });
    expect(m.records).toHaveLength(m.numerator);
    expect(m.stored?.value).toBe(12); // as published for 2024
    expect(
      m.records
        .filter((r) => r.departmentCode === '24')
        .map((r) => r.label.split(' · ')[0])
        .sort(),
    ).toEqual(['TUMBES PROPIO DOS', 'TUMBES PROPIO UNO']);
  });

  test("a regional official's drill-down is their region's only, and says so", async () => {
    const m = (await get(url, 'regional', { region: '24' })).json<Measurement>();
    const national = (await get(url, 'auditor')).json<Measurement>();
    expect(m.scope).toMatchObject({ scoped: true, regionCode: '24', numerator: 2, denominator: 3 });
    expect(m.records.map((r) => r.departmentCode)).toEqual(['24', '24']);
    expect(m).toMatchObject({ value: national.value, numerator: national.numerator, denominator: national.denominator });
    for (const row of tumbes) expect(JSON.stringify(m)).not.toContain(row.RUC!.slice(2, 10));
  });

  test('unbound or unknown indicators are 404; miners and the public may not measure', async () => {
    expect((await get(`/api/policies/${DEFAULT_POLICY_CODE}/indicators/IOP.02.02/measure?year=2024`, 'national')).statusCode).toBe(404); // IOP.02.02 is unbound (UNBOUND_REASONS)
    expect((await get(`/api/policies/NO-SUCH/indicators/IOP.03.02/measure?year=2024`, 'national')).statusCode).toBe(404);
    expect((await get(url, 'miner')).statusCode).toBe(403);
    expect((await get(url)).statusCode).toBe(401);
  });

  test('every measurement carries its unit and the national figures per department; the public report can be built from records', async () => {
    const m = (await get(url, 'national')).json<Measurement & { unit: string; regions: { code: string; numerator: number; denominator: number }[] }>();
    expect(m.unit).toBe('percent');
    expect(m.regions.reduce((a, r) => a + r.numerator, 0)).toBe(m.numerator);
    expect(m.regions.reduce((a, r) => a + r.denominator, 0)).toBe(m.denominator);
    expect(m.regions.find((r) => r.code === '24')).toMatchObject({ numerator: 2, denominator: 3 });
    const index = (await get(`/api/policies/${DEFAULT_POLICY_CODE}/indicators/IOP.01.02/measure?year=2024`, 'national')).json<{ unit: string }>();
    expect(index.unit).toBe('index');
    const report = await get(`/api/public/policies/${DEFAULT_POLICY_CODE}/report.html?year=2024&targetYear=2023&values=measured`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('medidos desde los registros de Veta');
    expect(report.body).toContain('<td>IOP.03.02</td>');
    const typed = await get(`/api/public/policies/${DEFAULT_POLICY_CODE}/report.html?year=2024&targetYear=2023`);
    expect(typed.body).not.toContain('class="comparisons"');
  });
});
