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
import { listImportHistory, type ImportHistoryRow } from './history.queries.ts';

const counts = z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() });
const rowError = z.object({ row: z.number(), column: z.string(), value: z.string(), message: z.string(), code: z.string().optional() });

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
    errorCount: errors.length,
    errors,
  };
}

export const importHistoryRoutes: RouteModule = (app, { db }) => {
  app.get('/api/imports', {
    config: { access: ['regional', 'national', 'auditor', 'admin'] },
    schema: {
      tags: ['imports'],
      summary: 'Import history, newest first: who, when, file, kind, counts (regional officials: their own imports)',
      querystring: z.object({
        kind: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,39}$/)
          .optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        before: z.iso.datetime().optional(),
      }),
      response: { 200: z.object({ imports: z.array(importHistoryEntry) }) },
    },
    handler: async (req) => {
      const actor = req.actor;
      const rows = await withActor(db, actor, (tx) =>
        listImportHistory(tx, {
          actor: actor.username,
          everyone: EVERYONE.has(actor.role),
          kind: req.query.kind ?? null,
          limit: req.query.limit,
          before: req.query.before ?? null,
        }),
      );
      return {
        imports: rows.map((r) => {
          const { errors: _errors, ...summary } = entry(r);
          return summary;
        }),
      };
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
    handler: async (req) => {
      const actor = req.actor;
      const rows = await withActor(db, actor, (tx) =>
        listImportHistory(tx, { actor: actor.username, everyone: EVERYONE.has(actor.role), kind: null, limit: 1, before: null, jobId: req.params.jobId }),
      );
      if (!rows[0]) throw notFound(`Import job ${req.params.jobId}`);
      return entry(rows[0]);
    },
  });
};
