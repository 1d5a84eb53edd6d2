/**
 * `GET /api/imports`: who imported what and when — file, kind, counts, errors — for every
 * import, from the CLI, the demo or an upload. The number of an import is its `importId`
 * (the `imports` row its writes reference, the audit entry's entity id); an upload that
 * wrote nothing (rejected, unchanged, interrupted) has its `jobId` only. The rejected rows
 * of a finished upload are cut again from its file by POST /api/imports/rejected-rows?job=.
 */
import { z } from 'zod';
import { withActor } from '../context.ts';
import type { RouteModule } from '../http/app.ts';
import { notFound } from '../http/problem.ts';
import { allPages, sendListFile, type ExportColumn } from '../http/list-export.ts';
import { listPage, listQuery, listRequest, LIST_FORMATS } from '../http/list.ts';
import { importHistoryPage, listImportHistory, type ImportHistoryFilter, type ImportHistoryRow } from './history.queries.ts';

const counts = z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() });
const rowError = z.object({
  row: z.number(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
  code: z.string().optional(),
  /** What the code's message interpolates (src/kernel/messages/). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const importHistoryEntry = z.object({
  importId: z.number().nullable(),
  jobId: z.number().nullable(),
  kind: z.string(),
  status: z.enum(['running', 'done', 'failed', 'interrupted', 'queued']),
  /** True when the import's rows are in the database. */
  committed: z.boolean(),
  actor: z.string(),
  fileName: z.string().nullable(),
  sha256: z.string().nullable(),
  asOf: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  counts,
  /** The rows the upload read from its file (null for an import from the CLI or the demo): the counts are of these. */
  records: z.number().nullable(),
  errorCount: z.number(),
});
const importHistoryDetail = importHistoryEntry.extend({ errors: z.array(rowError) });

const EVERYONE = new Set(['national', 'admin', 'auditor']);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function errorsOf(result: Record<string, unknown> | null): z.infer<typeof rowError>[] {
  const list = Array.isArray(result?.['errors']) ? (result['errors'] as Record<string, unknown>[]) : [];
  return list.map((e) => ({
    row: num(e['row']),
    column: String(e['column'] ?? e['field'] ?? ''),
    value: String(e['value'] ?? e['id'] ?? ''),
    message: String(e['message'] ?? ''),
    ...(typeof e['code'] === 'string' ? { code: e['code'] } : {}),
    ...(e['params'] && typeof e['params'] === 'object' ? { params: e['params'] as Record<string, string | number> } : {}),
  }));
}

function entry(r: ImportHistoryRow): z.infer<typeof importHistoryDetail> {
  // the committed counts are the import row's; a job that wrote nothing has its result's
  const c = r.counts && Object.keys(r.counts).length > 0 ? r.counts : (r.result ?? {});
  const errors = errorsOf(r.result);
  const status = (['running', 'done', 'failed', 'interrupted', 'queued'] as const).find((s) => s === r.status) ?? 'failed';
  return {
    importId: r.import_id,
    jobId: r.job_id,
    kind: r.kind,
    status,
    committed: r.import_id !== null,
    actor: r.actor,
    fileName: r.file_name,
    sha256: r.sha256,
    asOf: r.as_of,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    counts: { inserted: num(c['inserted']), updated: num(c['updated']), unchanged: num(c['unchanged']), rejected: num(c['rejected']) },
    // an upload counts the rows it read; an import from the CLI or the demo, the rows its counts add up to
    records: r.records ?? (r.import_id !== null ? num(c['inserted']) + num(c['updated']) + num(c['unchanged']) + num(c['rejected']) : null),
    errorCount: errors.length,
    errors,
  };
}

type Entry = z.infer<typeof importHistoryEntry>;
const summaryOf = (r: ImportHistoryRow): Entry => {
  const { errors: _errors, ...summary } = entry(r);
  return summary;
};

const kind = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/)
  .optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** The history as a list: filters, sort (newest first), keyset pages, export. */
export const importHistoryQuery = listQuery({
  sorts: ['created', 'kind', 'actor', 'file', 'status', 'id'] as const,
  sort: 'created',
  dir: 'desc',
  filters: {
    kind,
    status: z.enum(['running', 'done', 'failed', 'interrupted', 'queued']).optional(),
    actor: z.string().min(1).max(120).optional().describe('who imported (national, admin, auditor)'),
    from: isoDate.optional().describe('started on or after (Peru date)'),
    to: isoDate.optional().describe('started on or before (Peru date)'),
    q: z.string().trim().min(1).max(200).optional().describe('part of the file name'),
    before: z.iso.datetime().optional().describe('started before this instant (older clients; prefer `after`)'),
  },
});

const HISTORY_COLUMNS: ExportColumn<Entry>[] = [
  { header: 'importId', value: (r) => r.importId },
  { header: 'jobId', value: (r) => r.jobId },
  { header: 'kind', value: (r) => r.kind },
  { header: 'status', value: (r) => r.status },
  { header: 'committed', value: (r) => r.committed },
  { header: 'actor', value: (r) => r.actor },
  { header: 'fileName', value: (r) => r.fileName },
  { header: 'asOf', value: (r) => r.asOf },
  { header: 'createdAt', value: (r) => r.createdAt },
  { header: 'finishedAt', value: (r) => r.finishedAt },
  { header: 'records', value: (r) => r.records },
  { header: 'inserted', value: (r) => r.counts.inserted },
  { header: 'updated', value: (r) => r.counts.updated },
  { header: 'unchanged', value: (r) => r.counts.unchanged },
  { header: 'rejected', value: (r) => r.counts.rejected },
  { header: 'errorCount', value: (r) => r.errorCount },
];
const ERROR_COLUMNS: ExportColumn<z.infer<typeof rowError>>[] = [
  { header: 'row', value: (e) => e.row },
  { header: 'column', value: (e) => e.column },
  { header: 'value', value: (e) => e.value },
  { header: 'code', value: (e) => e.code },
  { header: 'message', value: (e) => e.message },
];

export const importHistoryRoutes: RouteModule = (app, { db }) => {
  app.get('/api/imports', {
    config: { access: ['regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['imports'],
      summary:
        'Import history, newest first: who, when, file, kind, rows read and counts (regional officials: their own imports); total, keyset pages, sort, filters, `format=csv|xlsx`',
      querystring: importHistoryQuery,
      response: { 200: listPage(importHistoryEntry).extend({ imports: z.array(importHistoryEntry).describe('the same rows as `items` (older clients)') }) },
    },
    handler: async (req, reply) => {
      const actor = req.actor;
      const { limit, sort, dir, after, format, actor: by, ...rest } = req.query;
      const filter: ImportHistoryFilter = { ...rest, actor: actor.username, everyone: EVERYONE.has(actor.role), by: by ?? null };
      const page = async (cursor: string | undefined, size: number) => {
        const req = listRequest({ limit: size, sort, dir, after: cursor });
        const p = await withActor(db, actor, (tx) => importHistoryPage(tx, filter, req));
        return { total: p.total, items: p.items.map(summaryOf), next: p.next };
      };
      if (format)
        return sendListFile(
          reply,
          format,
          'importaciones',
          HISTORY_COLUMNS,
          allPages((c) => page(c ?? undefined, 1000)),
        );
      const p = await page(after, limit);
      return { ...p, imports: p.items };
    },
  });

  app.get('/api/imports/jobs/:jobId', {
    config: { access: ['regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['imports'],
      summary: 'One upload of the import history, with its row errors',
      params: z.object({ jobId: z.coerce.number().int().positive() }),
      response: { 200: importHistoryDetail },
    },
    handler: async (req) => entry(await historyEntry(req.actor, req.params.jobId)),
  });

  app.get('/api/imports/jobs/:jobId/errors', {
    config: { access: ['regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['imports'],
      summary: "An upload's row errors as a file again (row, column, value, code, why), CSV or XLSX",
      params: z.object({ jobId: z.coerce.number().int().positive() }),
      querystring: z.object({ format: z.enum(LIST_FORMATS).default('csv') }),
    },
    handler: async (req, reply) => {
      const detail = entry(await historyEntry(req.actor, req.params.jobId));
      const name = `${(detail.fileName ?? 'importacion').replace(/\.[^.]+$/, '')}.errores`;
      return sendListFile(
        reply,
        req.query.format,
        name,
        ERROR_COLUMNS,
        allPages(async () => ({ items: detail.errors, next: null })),
      );
    },
  });

  async function historyEntry(actor: Parameters<typeof withActor>[1], jobId: number): Promise<ImportHistoryRow> {
    const rows = await withActor(db, actor, (tx) => listImportHistory(tx, { actor: actor.username, everyone: EVERYONE.has(actor.role), limit: 1, jobId }));
    if (!rows[0]) throw notFound(`Import job ${jobId}`);
    return rows[0];
  }
};
