/** Submissions export: CSV (the submissions, or one repeat with ?repeat) or XLSX (a sheet per table). */
// @ts-nocheck

import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { toCsv } from '../../platform/files/csv.ts';
import { submissionTables, type OutTable } from './submission-table.domain.ts';
import * as q from './surveys.queries.ts';
import { getForm } from './surveys.service.ts';

export interface ExportFile {
  name: string;
  mediaType: string;
  content: Buffer;
}

export async function submissionTablesOf(
  db: Database,
  actor: Actor,
  formId: string,
  o: { version?: string | undefined; labels: 'codes' | 'labels'; lang?: string | undefined },
): Promise<OutTable[]> {
  const form = await getForm(db, actor, formId, o.version);
  const rows = await withActor(db, actor, async (tx) => {
    const all: q.SubmissionRow[] = [];
    for (let offset = 0; ; offset += 5000) {
      const page = await q.listSubmissions(tx, formId, { version: form.version, limit: 5000, offset });
      all.push(...page.rows);
      if (page.rows.length < 5000) return all;
    }
  });
  return submissionTables(form.definition, rows, { labels: o.labels === 'labels', lang: o.lang ?? form.definition.defaultLanguage });
}

export async function exportSubmissions(
  db: Database,
  actor: Actor,
  formId: string,
  o: { version?: string | undefined; format: 'csv' | 'xlsx'; labels: 'codes' | 'labels'; lang?: string | undefined; repeat?: string | undefined },
): Promise<ExportFile> {
  const tables = await submissionTablesOf(db, actor, formId, o);
  if (o.format === 'csv') {
    const t = (o.repeat ? tables.find((x) => x.name === `${tables[0]!.name}-${o.repeat}`) : undefined) ?? tables[0]!;
    return { name: `${t.name}.csv`, mediaType: 'text/csv; charset=utf-8', content: Buffer.from(toCsv(t.header, t.rows)) };
  }
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  for (const t of tables) {
    // sheet names: at most 31 characters (Excel)
    const ws = wb.addWorksheet(t.name.slice(-31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.header.map((h) => ({ header: h, width: Math.min(Math.max(h.length + 2, 10), 40), style: { numFmt: '@' } }));
    ws.getRow(1).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
  }
  return {
    name: `${tables[0]!.name}.xlsx`,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
