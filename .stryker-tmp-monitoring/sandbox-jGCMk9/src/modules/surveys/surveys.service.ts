/**
 * Forms and submissions: each call opens its transaction as the actor (row-level
 * security scopes submissions by department) and audits what it writes in it.
 */
// @ts-nocheck

import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { peruToday } from '../../platform/time.ts';
import { analyse, errorText, type AnswerError } from './submission.domain.ts';
import * as q from './surveys.queries.ts';
import type { XlsFormError } from './xlsform.domain.ts';
import { nodeIndex, stableJson, type Answers, type FormDefinition } from './xlsform.model.ts';
import { readXlsForm } from './xlsform.read.ts';

/** The workbook is not an XLSForm Veta accepts: every problem with its sheet, row and column. */
export class FormRejectedError extends ValidationError {
  constructor(readonly formErrors: XlsFormError[]) {
    super(
      'survey.form_rejected',
      `The XLSForm is refused: ${formErrors.length} problem(s)`,
      { count: formErrors.length },
      formErrors.map((e) => ({ ...e, path: `${e.sheet}!${e.column}${e.row}` })),
    );
  }
}

/** A submission breaks the form's rules: the field, the rule and its message for each. */
export class SubmissionRefusedError extends ValidationError {
  constructor(readonly answerErrors: (AnswerError & { message: string })[]) {
    super(
      'survey.submission_refused',
      `The submission breaks ${answerErrors.length} rule(s) of the form`,
      { count: answerErrors.length },
      answerErrors.map((e): FieldError => ({ ...e, path: e.path })),
    );
  }
}

export const countFields = (form: FormDefinition): number => [...nodeIndex(form).values()].filter((x) => x.node.kind === 'field').length;

/** `veta survey import-form` and the upload: a new version, or `unchanged` when that version is already stored as it is. */
export async function importForm(
  db: Database,
  actor: Actor,
  buf: Buffer,
  fileName: string,
): Promise<{ formId: string; version: string; fields: number; status: 'inserted' | 'unchanged' }> {
  const parsed = await readXlsForm(buf, fileName);
  if (!parsed.ok) throw new FormRejectedError(parsed.errors);
  const form = parsed.form;
  if (!['national', 'admin'].includes(actor.role))
    throw new ForbiddenError('survey.form_forbidden', `The role ${actor.role} may not publish forms.`, { role: actor.role });
  return withActor(db, actor, async (tx) => {
    const existing = await q.formVersion(tx, form.formId, form.version);
    const result = { formId: form.formId, version: form.version, fields: countFields(form) };
    if (existing) {
      if (stableJson(existing.definition) === stableJson(form)) return { ...result, status: 'unchanged' as const };
      throw new FormRejectedError([
        {
          sheet: 'settings',
          row: 2,
          column: 'version',
          message: `version ${form.version} of ${form.formId} is already stored with other content: raise settings.version`,
        },
      ]);
    }
    const pk = await q.insertForm(tx, { definition: form, sourceName: fileName.replace(/^.*[\\/]/, ''), source: buf, importedBy: actor.username });
    await appendAudit(tx, actor, { action: 'survey.form.import', entity: 'survey_form', entityId: pk, after: { ...result, sha256: parsed.sha256 } });
    return { ...result, status: 'inserted' as const };
  });
}

export const listForms = (db: Database, actor: Actor) => withActor(db, actor, (tx) => q.listForms(tx));

export async function getForm(db: Database, actor: Actor, formId: string, version?: string): Promise<q.StoredForm> {
  const f = await withActor(db, actor, (tx) => q.findForm(tx, formId, version));
  if (!f) throw NotFoundError.of(`Form ${formId}${version ? ` version ${version}` : ''}`, 'survey.form_not_found', { formId, version: version ?? null });
  return f;
}

export async function formWorkbook(db: Database, actor: Actor, formId: string, version?: string): Promise<{ name: string; content: Buffer }> {
  const f = await getForm(db, actor, formId, version);
  const src = await withActor(db, actor, (tx) => q.formSource(tx, formId, f.version));
  return src!;
}

export interface SubmissionIn {
  formId: string;
  version: string;
  instanceId: string;
  answers: Answers;
  completedAt?: string | undefined;
}

/** The date `today()` means for a submission: the day it was completed (Peru), never after today. */
export function submissionToday(completedAt: string | null | undefined, now = new Date()): string {
  const today = peruToday(now);
  if (!completedAt) return today;
  const d = peruToday(new Date(completedAt));
  return d < today ? d : today;
}

/** Checks one answer set against its form; returns what to store or the errors. */
export function checkSubmission(
  form: FormDefinition,
  actor: Actor,
  s: Pick<SubmissionIn, 'answers' | 'completedAt'>,
  now = new Date(),
): { ok: true; answers: Answers; departmentCode: string } | { ok: false; errors: (AnswerError & { message: string })[] } {
  const a = analyse(form, s.answers, submissionToday(s.completedAt, now));
  const errors = a.errors.map((e) => ({ ...e, message: errorText(e, form.defaultLanguage) }));
  const fromForm = form.regionField ? a.clean[form.regionField] : undefined;
  const departmentCode = typeof fromForm === 'string' ? fromForm : actor.region;
  const field = form.regionField ?? 'region';
  if (!departmentCode)
    errors.push({
      field,
      path: field,
      rule: 'required',
      code: 'survey.region_missing',
      params: {},
      message: 'the submission names no department (and the user has none)',
    });
  else if (!/^\d{2}$/.test(departmentCode))
    errors.push({
      field,
      path: field,
      rule: 'type',
      code: 'survey.region_invalid',
      params: { value: departmentCode },
      message: `${departmentCode} is not a department code`,
    });
  else if (actor.region && (actor.role === 'surveyor' || actor.role === 'regional') && departmentCode !== actor.region) {
    errors.push({
      field,
      path: field,
      rule: 'constraint',
      code: 'survey.out_of_region',
      params: { value: departmentCode, region: actor.region },
      message: `a user of department ${actor.region} may not submit for department ${departmentCode}`,
    });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, answers: a.clean, departmentCode: departmentCode! };
}

/**
 * Stores a submission once: a re-sent instanceID answers the stored receipt (`duplicate`)
 * without checking again; a new one is checked against the form version it was made with.
 */
export async function submit(db: Database, actor: Actor, s: SubmissionIn, source: 'web' | 'api' = 'web'): Promise<q.Receipt & { duplicate: boolean }> {
  return withActor(db, actor, async (tx) => {
    const stored = await storedReceipt(tx, s.instanceId);
    if (stored) return stored;
    const form = await q.formVersion(tx, s.formId, s.version);
    if (!form) throw NotFoundError.of(`Form ${s.formId} version ${s.version}`, 'survey.form_not_found', { formId: s.formId, version: s.version });
    const checked = checkSubmission(form.definition, actor, s);
    if (!checked.ok) throw new SubmissionRefusedError(checked.errors);
    const inserted = await q.insertSubmissions(tx, actor.username, [
      {
        formPk: form.pk,
        instanceId: s.instanceId,
        departmentCode: checked.departmentCode,
        answers: checked.answers,
        completedAt: s.completedAt ?? null,
        source,
      },
    ]);
    // another request with the same instanceID committed first: its receipt stands
    if (!inserted.length) {
      const again = await storedReceipt(tx, s.instanceId);
      if (again) return again;
      throw new ConflictError('survey.instance_elsewhere', 'This instanceID is stored already, outside what you may see.', { instanceId: s.instanceId });
    }
    const r = (await storedReceipt(tx, s.instanceId))!;
    await appendAudit(tx, actor, {
      action: 'survey.submit',
      entity: 'survey_submission',
      entityId: r.submissionId,
      regionCode: r.departmentCode,
      after: { instanceId: s.instanceId, formId: s.formId, version: s.version, source },
    });
    return { ...r, duplicate: false };
  });
}

async function storedReceipt(tx: Queryable, instanceId: string): Promise<(q.Receipt & { duplicate: boolean }) | undefined> {
  const r = await q.receiptOf(tx, instanceId);
  if (!r) return undefined;
  const { answers: _a, formPk: _f, ...receipt } = r;
  return { ...receipt, duplicate: true };
}

export async function listSubmissions(
  db: Database,
  actor: Actor,
  formId: string,
  o: { version?: string | undefined; region?: string | undefined; limit: number; offset: number },
) {
  await getForm(db, actor, formId, o.version);
  return withActor(db, actor, (tx) =>
    q.listSubmissions(tx, formId, {
      limit: o.limit,
      offset: o.offset,
      ...(o.version ? { version: o.version } : {}),
      ...(o.region ? { region: o.region } : {}),
    }),
  );
}
