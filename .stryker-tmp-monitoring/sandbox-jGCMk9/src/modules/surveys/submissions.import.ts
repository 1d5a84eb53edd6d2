/**
 * `veta survey import-submissions FORM FILE`: the CSV (or XLSX) export of ODK Central or
 * KoboToolbox on the shared import pipeline. Columns are the form's fields by name or by
 * group path (`work/tasks`, `work-tasks`); `meta/instanceID` (or Kobo's `_uuid`)
 * identifies a submission; `select_multiple` answers are space-separated; repeats come
 * as their own tables (Central's `FORM-REPEAT.csv`, Kobo's extra sheets) joined by
 * `PARENT_KEY` → `KEY` (or `_submission__uuid`). Each row is checked as a web submission
 * is (non-relevant values dropped, as ODK does); a re-imported instanceID with the same
 * answers is `unchanged`, with other answers refused.
 */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';
import { defineImport, type RowError, type SourceRecord } from '../../platform/imports/index.ts';
import type { Table } from '../../platform/files/tabular.ts';
import { tableSpecs } from './submission-table.domain.ts';
import { existingAnswers, insertSubmissions, type StoredForm } from './surveys.queries.ts';
import { checkSubmission } from './surveys.service.ts';
import { nodeIndex, stableJson, type Answers } from './xlsform.model.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A cell the CSV writer neutralised against formula injection (`'-15.8 -70.0`) comes back as written. */
const unquote = (v: string): string => (/^'[=+\-@]/.test(v) ? v.slice(1) : v);
const bare = (id: string): string =>
  id
    .replace(/^uuid:/i, '')
    .trim()
    .toLowerCase();

interface SubmissionRow {
  row: number;
  instanceId: string;
  answers: Answers;
  departmentCode: string;
  completedAt: string | null;
}

/** The repeat instances of each parent KEY (submission or enclosing repeat instance), from the repeat tables. */
export function repeatInstances(form: StoredForm['definition'], tables: ReadonlyMap<string, Table>): Map<string, Map<string, Answers[]>> {
  const byParent = new Map<string, Map<string, Answers[]>>();
  const specs = tableSpecs(form).filter((s) => s.repeat !== '');
  const norm = (h: string) => h.trim().toLowerCase().replace(/[-.]/g, '/');
  // inner repeats first, so that an instance holds its own repeats when its parent takes it
  const byKey = new Map<string, Answers>();
  for (const spec of specs.reverse()) {
    const table = tables.get(spec.repeat);
    if (!table) continue;
    const col = (names: string[]) => table.headers.findIndex((h) => names.includes(norm(h)));
    const parentAt = col(['parent_key', '_submission__uuid']);
    const keyAt = col(['key']);
    const at = spec.columns.map((c) => ({ field: c.field, i: col([norm(c.header), c.field.toLowerCase()]) }));
    for (const r of table.rows) {
      const inst: Answers = {};
      for (const { field, i } of at) if (i >= 0 && (r.cells[i] ?? '') !== '') inst[field] = unquote(r.cells[i]!);
      const key = keyAt >= 0 ? (r.cells[keyAt] ?? '') : '';
      if (key) {
        const own = byParent.get(key.toLowerCase());
        if (own) for (const [name, list] of own) inst[name] = list;
        byKey.set(key.toLowerCase(), inst);
      }
      const parentRaw = parentAt >= 0 ? (r.cells[parentAt] ?? '') : '';
      const parent = parentRaw.includes('/') ? parentRaw.toLowerCase() : `uuid:${bare(parentRaw)}`;
      const lists = byParent.get(parent) ?? new Map<string, Answers[]>();
      lists.set(spec.repeat, [...(lists.get(spec.repeat) ?? []), inst]);
      byParent.set(parent, lists);
    }
  }
  return byParent;
}

/** The declaration for one form version; `repeats` are the repeat tables by repeat name. */
export function submissionsImport(form: StoredForm, repeats: ReadonlyMap<string, Table> = new Map()) {
  const def = form.definition;
  const index = nodeIndex(def);
  const [main] = tableSpecs(def);
  const columns: Record<string, { aliases: string[]; required?: boolean }> = {
    instanceID: { aliases: ['meta/instanceID', 'meta-instanceID', '_uuid'], required: true },
    KEY: { aliases: [] },
    SubmissionDate: { aliases: ['_submission_time'] },
  };
  for (const c of main!.columns) columns[c.field] = { aliases: [c.header, c.header.replace(/\//g, '-')] };
  const children = repeatInstances(def, repeats);
  const headerOf = (field: string) => main!.columns.find((c) => c.field === field)?.header ?? field;

  return defineImport<string, SubmissionRow, undefined>({
    kind: 'survey-submissions',
    title: `submissions of ${def.formId} version ${def.version} (ODK Central or KoboToolbox export)`,
    formats: ['csv', 'xlsx'],
    columns,
    access: ['surveyor', 'regional', 'national', 'admin'],
    options: { asOf: false },
    validate(record: SourceRecord<string>, ctx) {
      const v = record.values;
      const id = bare(v['instanceID'] ?? '');
      if (!UUID.test(id))
        return [
          {
            row: record.row,
            column: 'instanceID',
            value: v['instanceID'] ?? '',
            code: 'survey.instance_id',
            message: 'meta/instanceID must be a uuid (uuid:…)',
          },
        ];
      const answers: Answers = {};
      for (const c of main!.columns) {
        const cell = v[c.field];
        if (cell !== undefined && cell !== '') answers[c.field] = unquote(cell);
      }
      const own = children.get((v['KEY'] || `uuid:${id}`).toLowerCase()) ?? children.get(`uuid:${id}`);
      if (own) for (const [name, list] of own) answers[name] = list;
      const end = typeof answers['end'] === 'string' ? answers['end'] : '';
      const when = !Number.isNaN(Date.parse(end)) ? end : !Number.isNaN(Date.parse(v['SubmissionDate'] ?? '')) ? v['SubmissionDate']! : null;
      const checked = checkSubmission(def, ctx.actor, { answers, completedAt: when ? new Date(when).toISOString() : undefined });
      if (!checked.ok) {
        return checked.errors.map((e): RowError => ({
          row: record.row,
          column: e.path.includes('/') || index.get(e.field)?.repeats.length ? e.path : headerOf(e.field),
          value: lookupValue(answers, e.path),
          code: e.code,
          params: { ...e.params, rule: e.rule, field: e.field },
          message: `${e.field}: ${e.message} (${e.rule})`,
        }));
      }
      return {
        row: record.row,
        instanceId: id,
        answers: checked.answers,
        departmentCode: checked.departmentCode,
        completedAt: when ? new Date(when).toISOString() : null,
      };
    },
    checkRows(rows) {
      const seen = new Map<string, number>();
      const errors: RowError[] = [];
      for (const r of rows) {
        const first = seen.get(r.instanceId);
        if (first !== undefined)
          errors.push({
            row: r.row,
            column: 'instanceID',
            value: r.instanceId,
            code: 'survey.instance_twice',
            message: `the instanceID is also on row ${first}`,
          });
        else seen.set(r.instanceId, r.row);
      }
      return errors;
    },
    async write(tx: Queryable, rows, ctx) {
      const stored = await existingAnswers(
        tx,
        rows.map((r) => r.instanceId),
      );
      const errors: RowError[] = [];
      const fresh: SubmissionRow[] = [];
      let unchanged = 0;
      for (const r of rows) {
        const s = stored.get(r.instanceId);
        if (!s) fresh.push(r);
        else if (s.formPk === form.pk && stableJson(s.answers) === stableJson(r.answers)) unchanged++;
        else
          errors.push({
            row: r.row,
            column: 'instanceID',
            value: r.instanceId,
            code: 'survey.instance_conflict',
            message: 'this instanceID is stored already with other answers or another form version',
          });
      }
      if (ctx.checkOnly) return { inserted: 0, updated: 0, unchanged, errors };
      const inserted = await insertSubmissions(
        tx,
        ctx.actor.username,
        fresh.map((r) => ({
          formPk: form.pk,
          instanceId: r.instanceId,
          departmentCode: r.departmentCode,
          answers: r.answers,
          completedAt: r.completedAt,
          source: 'odk_csv' as const,
        })),
      );
      return { inserted: inserted.length, updated: 0, unchanged: unchanged + fresh.length - inserted.length, errors };
    },
  });
}

function lookupValue(answers: Answers, path: string): string {
  let scope: Answers | undefined = answers;
  const parts = path.split('/');
  for (const p of parts.slice(0, -1)) {
    const m = /^(.+)\[(\d+)\]$/.exec(p);
    const list: string | Answers[] | undefined = m ? scope?.[m[1]!] : undefined;
    scope = Array.isArray(list) ? list[Number(m![2]) - 1] : undefined;
  }
  const v = scope?.[parts.at(-1)!];
  return typeof v === 'string' ? v : '';
}
