/** SQL of the surveys module: forms (versioned) and submissions (once per instanceID). */
import type { Queryable } from '../../platform/db.ts';
import type { Row } from '../../platform/db/schema.generated.ts';
import type { Answers, FormDefinition } from './xlsform.model.ts';

export interface StoredForm {
  pk: number;
  formId: string;
  version: string;
  title: string;
  definition: FormDefinition;
  importedAt: string;
}

const FORM_COLUMNS = `id::int AS pk, form_id AS "formId", version, title, definition, imported_at AS "importedAt"`;
const asForm = (r: StoredForm): StoredForm => ({ ...r, importedAt: new Date(r.importedAt).toISOString() });

export async function formVersion(tx: Queryable, formId: string, version: string): Promise<(StoredForm & { sha256: string }) | undefined> {
  const { rows } = await tx.query<StoredForm & { sha256: string }>(
    `SELECT ${FORM_COLUMNS}, source_sha256 AS sha256 FROM survey_forms WHERE form_id = $1 AND version = $2`,
    [formId, version],
  );
  return rows[0] ? { ...asForm(rows[0]), sha256: rows[0].sha256 } : undefined;
}

/** The version asked for, or the latest imported. */
export async function findForm(tx: Queryable, formId: string, version?: string): Promise<StoredForm | undefined> {
  const { rows } = await tx.query<StoredForm>(
    `SELECT ${FORM_COLUMNS} FROM survey_forms WHERE form_id = $1 AND ($2::text IS NULL OR version = $2) ORDER BY id DESC LIMIT 1`,
    [formId, version ?? null],
  );
  return rows[0] ? asForm(rows[0]) : undefined;
}

export async function formByPk(tx: Queryable, pk: number): Promise<StoredForm | undefined> {
  const { rows } = await tx.query<StoredForm>(`SELECT ${FORM_COLUMNS} FROM survey_forms WHERE id = $1`, [pk]);
  return rows[0] ? asForm(rows[0]) : undefined;
}

export async function insertForm(tx: Queryable, f: { definition: FormDefinition; sourceName: string; source: Buffer; importedBy: string }): Promise<number> {
  const { rows } = await tx.query<{ pk: number }>(
    `INSERT INTO survey_forms (form_id, version, title, definition, source_name, source, source_sha256, imported_by)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, encode(sha256($6), 'hex'), $7) RETURNING id::int AS pk`,
    [f.definition.formId, f.definition.version, f.definition.title, JSON.stringify(f.definition), f.sourceName, f.source, f.importedBy],
  );
  return rows[0]!.pk;
}

export interface FormSummary {
  formId: string;
  version: string;
  title: string;
  versions: number;
  importedAt: string;
  submissions: number;
}

/** The latest version of every form, with the submissions the caller may see (all versions). */
export async function listForms(tx: Queryable): Promise<FormSummary[]> {
  const { rows } = await tx.query<FormSummary>(
    `SELECT DISTINCT ON (f.form_id) f.form_id AS "formId", f.version, f.title, f.imported_at AS "importedAt",
            (SELECT count(*)::int FROM survey_forms v WHERE v.form_id = f.form_id) AS versions,
            (SELECT count(*)::int FROM survey_submissions s JOIN survey_forms v ON v.id = s.form_pk WHERE v.form_id = f.form_id) AS submissions
     FROM survey_forms f ORDER BY f.form_id, f.id DESC`,
  );
  return rows.map((r) => ({ ...r, importedAt: new Date(r.importedAt).toISOString() }));
}

export async function formSource(tx: Queryable, formId: string, version: string): Promise<{ name: string; content: Buffer } | undefined> {
  const { rows } = await tx.query<{ name: Row<'survey_forms'>['source_name']; content: Row<'survey_forms'>['source'] }>(
    `SELECT source_name AS name, source AS content FROM survey_forms WHERE form_id = $1 AND version = $2`,
    [formId, version],
  );
  // bytea is a Uint8Array on PGlite and a Buffer on pg: the same bytes as a Buffer on both.
  const r = rows[0];
  return r && { name: r.name, content: Buffer.from(r.content.buffer, r.content.byteOffset, r.content.byteLength) };
}

export interface Receipt {
  submissionId: number;
  instanceId: string;
  formId: string;
  version: string;
  departmentCode: string;
  receivedAt: string;
}

const RECEIPT = `s.id::int AS "submissionId", s.instance_id::text AS "instanceId", f.form_id AS "formId", f.version,
                 s.department_code::text AS "departmentCode", s.received_at AS "receivedAt"`;
const asReceipt = (r: Receipt): Receipt => ({ ...r, receivedAt: new Date(r.receivedAt).toISOString() });

export async function receiptOf(tx: Queryable, instanceId: string): Promise<(Receipt & { answers: Answers; formPk: number }) | undefined> {
  const { rows } = await tx.query<Receipt & { answers: Answers; formPk: number }>(
    `SELECT ${RECEIPT}, s.answers, s.form_pk::int AS "formPk" FROM survey_submissions s JOIN survey_forms f ON f.id = s.form_pk WHERE s.instance_id = $1::uuid`,
    [instanceId],
  );
  return rows[0] ? { ...asReceipt(rows[0]), answers: rows[0].answers, formPk: rows[0].formPk } : undefined;
}

export interface NewSubmission {
  formPk: number;
  instanceId: string;
  departmentCode: string;
  answers: Answers;
  completedAt: string | null;
  source: 'web' | 'odk_csv' | 'demo' | 'api';
}

/** Inserts the submissions whose instanceID is new; returns the instanceIDs inserted. */
export async function insertSubmissions(tx: Queryable, receivedBy: string, subs: readonly NewSubmission[]): Promise<string[]> {
  if (!subs.length) return [];
  const { rows } = await tx.query<{ instanceId: string }>(
    `INSERT INTO survey_submissions (form_pk, instance_id, department_code, answers, completed_at, received_by, source)
     SELECT f, i, d, a, c, $7, s
     FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::text[]) AS t(f, i, d, a, c, s)
     ON CONFLICT (instance_id) DO NOTHING
     RETURNING instance_id::text AS "instanceId"`,
    [
      subs.map((s) => s.formPk),
      subs.map((s) => s.instanceId),
      subs.map((s) => s.departmentCode),
      subs.map((s) => JSON.stringify(s.answers)),
      subs.map((s) => s.completedAt),
      subs.map((s) => s.source),
      receivedBy,
    ],
  );
  return rows.map((r) => r.instanceId);
}

/** The stored answers of the instanceIDs that already exist (for idempotent imports). */
export async function existingAnswers(tx: Queryable, instanceIds: readonly string[]): Promise<Map<string, { answers: Answers; formPk: number }>> {
  if (!instanceIds.length) return new Map();
  const { rows } = await tx.query<{ id: string; answers: Answers; formPk: number }>(
    `SELECT instance_id::text AS id, answers, form_pk::int AS "formPk" FROM survey_submissions WHERE instance_id = ANY($1::uuid[])`,
    [instanceIds],
  );
  return new Map(rows.map((r) => [r.id, { answers: r.answers, formPk: r.formPk }]));
}

export interface SubmissionRow extends Receipt {
  answers: Answers;
  completedAt: string | null;
  source: string;
}

export async function listSubmissions(
  tx: Queryable,
  formId: string,
  o: { version?: string; region?: string; limit: number; offset: number },
): Promise<{ total: number; rows: SubmissionRow[] }> {
  const { rows } = await tx.query<SubmissionRow & { total: number }>(
    `SELECT ${RECEIPT}, s.answers, s.completed_at AS "completedAt", s.source, count(*) OVER ()::int AS total
     FROM survey_submissions s JOIN survey_forms f ON f.id = s.form_pk
     WHERE f.form_id = $1 AND ($2::text IS NULL OR f.version = $2) AND ($3::text IS NULL OR s.department_code = $3)
     ORDER BY s.id LIMIT $4 OFFSET $5`,
    [formId, o.version ?? null, o.region ?? null, o.limit, o.offset],
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map(({ total: _t, ...r }) => ({
      ...asReceipt(r),
      answers: r.answers,
      completedAt: r.completedAt ? new Date(r.completedAt).toISOString() : null,
      source: r.source,
    })),
  };
}

/** Department and the named answers of every submission of a form the caller may see. */
export async function submissionFacts(tx: Queryable, formId: string, fields: readonly string[]): Promise<{ departmentCode: string; facts: Answers }[]> {
  const { rows } = await tx.query<{ departmentCode: string; facts: Answers }>(
    `SELECT s.department_code::text AS "departmentCode",
            (SELECT coalesce(jsonb_object_agg(k, s.answers -> k), '{}'::jsonb) FROM unnest($2::text[]) AS k WHERE s.answers ? k) AS facts
     FROM survey_submissions s JOIN survey_forms f ON f.id = s.form_pk WHERE f.form_id = $1`,
    [formId, fields],
  );
  return rows;
}

/** The same for anyone (SECURITY DEFINER): only the figures' fields, for aggregates of five or more. */
export async function publicSubmissionFacts(tx: Queryable, formId: string, fields: readonly string[]): Promise<{ departmentCode: string; facts: Answers }[]> {
  const { rows } = await tx.query<{ departmentCode: string; facts: Answers }>(
    `SELECT department_code AS "departmentCode", facts FROM survey_public_facts($1, $2::text[])`,
    [formId, fields],
  );
  return rows;
}
