/**
 * Submissions as tables, in the layout ODK Central and KoboToolbox export (and Veta
 * imports back): one table of submissions, one per repeat; columns are the field paths
 * with their groups (`work/tasks`), `meta/instanceID` is `uuid:…`, a repeat's rows carry
 * `PARENT_KEY` (the submission's `KEY`) and their own `KEY` (`uuid:…/children[1]`).
 * Pure.
 */
// @ts-nocheck

import { textIn, walkForm, type Answers, type FormDefinition } from './xlsform.model.ts';

export interface TableSpec {
  /** '' for the submissions table, else the repeat's name. */
  repeat: string;
  /** Column header → field name. */
  columns: { header: string; field: string }[];
}

/** The tables of a form: the submissions' columns and each repeat's. */
export function tableSpecs(form: FormDefinition): TableSpec[] {
  const specs = new Map<string, TableSpec>([['', { repeat: '', columns: [] }]]);
  walkForm(form.children, (node, repeats, groups) => {
    if (node.kind === 'group') return;
    if (node.kind === 'repeat') {
      specs.set(node.name, { repeat: node.name, columns: [] });
      return;
    }
    if (node.kind === 'field' && node.type === 'note') return;
    specs.get(repeats.at(-1) ?? '')!.columns.push({ header: [...groups, node.name].join('/'), field: node.name });
  });
  return [...specs.values()];
}

export interface StoredSubmission {
  instanceId: string;
  version: string;
  departmentCode: string;
  receivedAt: string;
  answers: Answers;
}

export interface OutTable {
  name: string;
  header: string[];
  rows: string[][];
}

/** The submissions as ODK-style tables; `labels` writes choice labels (in `lang`) instead of codes. */
export function submissionTables(form: FormDefinition, subs: readonly StoredSubmission[], o: { labels: boolean; lang: string }): OutTable[] {
  const specs = tableSpecs(form);
  const fields = new Map<string, { type: string; listName?: string | undefined }>();
  walkForm(form.children, (n) => {
    if (n.kind === 'field') fields.set(n.name, { type: n.type, listName: n.listName });
  });
  const show = (field: string, v: string | Answers[] | undefined): string => {
    if (typeof v !== 'string') return '';
    const f = fields.get(field);
    if (!o.labels || !f?.listName) return v;
    const label = (code: string) => textIn(form.choices[f.listName!]?.find((c) => c.name === code)?.label, o.lang, form.defaultLanguage) || code;
    return f.type === 'select_multiple' ? v.split(/\s+/).filter(Boolean).map(label).join('; ') : label(v);
  };
  const [main, ...repeats] = specs;
  const out: OutTable[] = [
    {
      name: form.formId,
      header: ['SubmissionDate', ...main!.columns.map((c) => c.header), 'meta/instanceID', 'KEY', 'FormVersion', 'department'],
      rows: subs.map((s) => [
        s.receivedAt,
        ...main!.columns.map((c) => show(c.field, s.answers[c.field])),
        `uuid:${s.instanceId}`,
        `uuid:${s.instanceId}`,
        s.version,
        s.departmentCode,
      ]),
    },
  ];
  for (const spec of repeats) {
    const rows: string[][] = [];
    // a repeat inside a repeat is written under its own parent instance's KEY
    const emit = (answers: Answers, parentKey: string): void => {
      for (const [k, v] of Object.entries(answers)) {
        if (!Array.isArray(v)) continue;
        v.forEach((inst, i) => {
          const key = `${parentKey}/${k}[${i + 1}]`;
          if (k === spec.repeat) rows.push([...spec.columns.map((c) => show(c.field, inst[c.field])), parentKey, key]);
          emit(inst, key);
        });
      }
    };
    for (const s of subs) emit(s.answers, `uuid:${s.instanceId}`);
    out.push({ name: `${form.formId}-${spec.repeat}`, header: [...spec.columns.map((c) => c.header), 'PARENT_KEY', 'KEY'], rows });
  }
  return out;
}
