/** Forms and submissions through HTTP on the real database: the surveyor, other regions, re-sends, refusals. */
// @ts-nocheck

import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { authHeaders } from '../../../test/http.ts';
import { createApiToken, createUser } from '../../platform/auth/auth.ts';
import { buildApp } from '../../platform/http/app.ts';
import { surveysRoutes } from './surveys.routes.ts';
import { goodAnswers, newInstanceId, SURVEY_ROWS, testFormXlsx } from './surveys.fixtures.ts';

const db = await testDb();
// the module's routes alone (the whole server is assembled from the manifest elsewhere)
const app = await buildApp({ db }, [surveysRoutes]);
const suffix = Math.random().toString(36).slice(2, 8);
const FORM = `hh_${suffix}`;

async function surveyorOf(region: string): Promise<Record<string, string>> {
  const u = await createUser(db, {
    username: `enc-${region}-${suffix}`,
    displayName: 'Encuestador',
    password: 'test-password',
    role: 'surveyor',
    regionCode: region,
    ruc: null,
  });
  return { authorization: `Bearer ${await createApiToken(db, u.userId!, 'test')}` };
}
const surveyor = await surveyorOf('21');
const surveyorAqp = await surveyorOf('04');
const admin = await authHeaders('admin');
const puno = await authHeaders('regional', { region: '21' });
const arequipa = await authHeaders('regional', { region: '04' });

const boundary = 'vetaBoundary';
const multipart = (name: string, file: Buffer) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
const uploadForm = async (headers: Record<string, string>, xlsx: Buffer) =>
  app.inject({
    method: 'POST',
    url: '/api/surveys/forms',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: multipart('hogar.xlsx', xlsx),
  });
const post = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/api/surveys/submissions', headers, payload });
const stored = async (instanceId: string) =>
  (
    await db.query<{ n: number; answers: Record<string, unknown> | null }>(
      `SELECT count(*)::int AS n, max(answers::text)::jsonb AS answers FROM survey_submissions WHERE instance_id = $1`,
      [instanceId],
    )
  ).rows[0]!;

const imported = await uploadForm(admin, await testFormXlsx({ formId: FORM, version: '1' }));

describe('forms', () => {
  test('an XLSForm upload becomes a form version; the same again is unchanged; a broken one is refused with sheet, row, column', async () => {
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toEqual({ formId: FORM, version: '1', fields: 14, status: 'inserted' });
    const again = await uploadForm(admin, await testFormXlsx({ formId: FORM, version: '1' }));
    expect([again.statusCode, again.json().status]).toEqual([200, 'unchanged']);
    const changed = await uploadForm(admin, await testFormXlsx({ formId: FORM, version: '1', survey: SURVEY_ROWS.slice(0, 5) }));
    expect(changed.statusCode).toBe(400);
    expect(changed.json().errors).toEqual([expect.objectContaining({ sheet: 'settings', row: 2, column: 'version' })]);
    const broken = await uploadForm(
      admin,
      await testFormXlsx({ formId: FORM, version: '2', survey: [...SURVEY_ROWS, ['integer', 'bad', 'Mal', 'Bad', '', '', '. >']] }),
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors).toEqual([expect.objectContaining({ sheet: 'survey', row: SURVEY_ROWS.length + 2, column: 'constraint' })]);
    expect((await uploadForm(puno, await testFormXlsx({ formId: FORM, version: '3' }))).statusCode).toBe(403);
  });

  test('the form and its XForm are served to the surveyor', async () => {
    const f = await app.inject({ method: 'GET', url: `/api/surveys/forms/${FORM}`, headers: surveyor });
    expect(f.statusCode).toBe(200);
    expect(f.json()).toMatchObject({ formId: FORM, version: '1', definition: { regionField: 'region', defaultLanguage: 'Español (es)' } });
    const x = await app.inject({ method: 'GET', url: `/api/surveys/forms/${FORM}/xform`, headers: surveyor });
    expect(x.headers['content-type']).toMatch(/application\/xml/);
    expect(x.body).toContain(`<data id="${FORM}" version="1">`);
    expect(x.body).toContain('<bind nodeset="/data/age" type="int" required="true()" constraint=". &gt;= 14 and . &lt;= 99"');
    const list = await app.inject({ method: 'GET', url: '/api/surveys/forms', headers: surveyor });
    expect(list.json().find((x: { formId: string }) => x.formId === FORM)).toMatchObject({ version: '1', versions: 1 });
  });
});

describe('submissions', () => {
  test('stored once: a re-sent instanceID answers the stored receipt', async () => {
    const instanceId = newInstanceId();
    const body = { formId: FORM, version: '1', instanceId, answers: goodAnswers(), completedAt: '2026-11-20T15:00:00-05:00' };
    const first = await post(surveyor, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ instanceId, formId: FORM, version: '1', departmentCode: '21', duplicate: false });
    const again = await post(surveyor, { ...body, answers: goodAnswers({ age: '40' }) });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), duplicate: true });
    const s = await stored(instanceId);
    expect(s.n).toBe(1);
    expect(s.answers).toMatchObject({ age: '34', women_share: String(3 / 8) });
    const audit = await db.query(`SELECT 1 FROM audit_log WHERE action = 'survey.submit' AND entity_id = $1`, [String(first.json().submissionId)]);
    expect(audit.rows).toHaveLength(1);
  });

  test('a bad submission is refused with the field and the rule, and nothing is stored', async () => {
    const instanceId = newInstanceId();
    const res = await post(surveyor, {
      formId: FORM,
      version: '1',
      instanceId,
      answers: goodAnswers({ age: '120', sex: undefined, children: [{ child_age: '19' }] }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('survey.submission_refused');
    expect(res.json().errors.map((e: { path: string; rule: string }) => `${e.path}:${e.rule}`)).toEqual([
      'age:constraint',
      'sex:required',
      'children[1]/child_age:constraint',
    ]);
    expect(res.json().errors[0].message).toBe('Entre 14 y 99 años');
    expect((await stored(instanceId)).n).toBe(0);
  });

  test('non-relevant answers are dropped, as ODK does', async () => {
    const instanceId = newInstanceId();
    const res = await post(surveyor, { formId: FORM, version: '1', instanceId, answers: goodAnswers({ age: '16', children_work: 'no' }) });
    expect(res.statusCode, res.body).toBe(201);
    const s = await stored(instanceId);
    for (const k of ['tasks', 'workers_women', 'workers_total', 'children']) expect(s.answers).not.toHaveProperty(k);
  });

  test('by region: a surveyor submits only in their department; officials see their region', async () => {
    const other = await post(surveyor, { formId: FORM, version: '1', instanceId: newInstanceId(), answers: goodAnswers({ region: '04' }) });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors).toEqual([expect.objectContaining({ field: 'region', code: 'survey.out_of_region' })]);
    const aqpId = newInstanceId();
    expect((await post(surveyorAqp, { formId: FORM, version: '1', instanceId: aqpId, answers: goodAnswers({ region: '04' }) })).statusCode).toBe(201);
    const seen = async (h: Record<string, string>) =>
      (await app.inject({ method: 'GET', url: `/api/surveys/forms/${FORM}/submissions`, headers: h })).json<{
        rows: { departmentCode: string; instanceId: string }[];
      }>().rows;
    expect(new Set((await seen(puno)).map((r) => r.departmentCode))).toEqual(new Set(['21']));
    expect((await seen(arequipa)).map((r) => r.instanceId)).toEqual([aqpId]);
    expect(new Set((await seen(admin)).map((r) => r.departmentCode))).toEqual(new Set(['21', '04']));
    // the Arequipa surveyor re-sending Puno's receipt learns nothing of it
    const auditor = await authHeaders('auditor');
    expect((await post(auditor, { formId: FORM, version: '1', instanceId: newInstanceId(), answers: goodAnswers() })).statusCode).toBe(403);
  });

  test('export: CSV in the ODK layout, XLSX with a sheet per repeat', async () => {
    const csv = await app.inject({ method: 'GET', url: `/api/surveys/forms/${FORM}/export?format=csv`, headers: puno });
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      'SubmissionDate,start,respondent_name,region,age,sex,work/tasks,work/workers_women,work/workers_total,work/women_share,children_work,visit_date,location,end,meta/instanceID,KEY,FormVersion,department',
    );
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const labels = await app.inject({ method: 'GET', url: `/api/surveys/forms/${FORM}/export?format=csv&labels=labels`, headers: puno });
    expect(labels.body).toContain('Pallaqueo; Chancado');
    const xlsx = await app.inject({ method: 'GET', url: `/api/surveys/forms/${FORM}/export?format=xlsx`, headers: puno });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([FORM, `${FORM}-children`]);
    expect(wb.worksheets[1]!.getRow(1).values).toEqual([undefined, 'children/child_age', 'children/child_tasks', 'PARENT_KEY', 'KEY']);
  });
});
