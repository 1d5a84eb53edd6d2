/** The import history: every import that wrote (the `imports` rows) and every upload job, joined by job id. */
import type { Queryable } from '../db.ts';
import { keysetPage, type KeysetList } from '../http/list-keyset.ts';
import type { ListRequest, Page } from '../http/list.ts';

export interface ImportHistoryRow {
  import_id: number | null;
  job_id: number | null;
  kind: string;
  status: string;
  actor: string;
  file_name: string | null;
  sha256: string | null;
  as_of: string | null;
  created_at: string;
  finished_at: string | null;
  counts: Record<string, unknown> | null;
  result: Record<string, unknown> | null;
  /** The rows the upload read from its file (null for an import from the CLI or the demo). */
  records: number | null;
}

export interface ImportHistoryFilter {
  actor: string;
  /** Every actor's imports (national, admin, auditor); otherwise only the caller's own. */
  everyone: boolean;
  kind?: string | null | undefined;
  status?: string | null | undefined;
  /** Who imported (for those who see everyone's). */
  by?: string | null | undefined;
  /** Started on or after / on or before (Peru dates). */
  from?: string | null | undefined;
  to?: string | null | undefined;
  /** Part of the file name. */
  q?: string | null | undefined;
  /** Older clients' paging: started before this instant. */
  before?: string | null | undefined;
  jobId?: number | null | undefined;
}

const HISTORY_SORTS: KeysetList['sorts'] = {
  created: { sql: 'b.at', type: 'timestamptz' },
  kind: { sql: 'b.kind', type: 'text' },
  actor: { sql: 'b.actor', type: 'text' },
  file: { sql: 'b.file_name', type: 'text' },
  status: { sql: 'b.status', type: 'text' },
  id: { sql: 'coalesce(b.import_id, 0)', type: 'numeric' },
};

/**
 * One page of the history (newest first by default), with the total of the filters. Runs
 * inside the caller's `withActor` transaction (imports has row-level security).
 */
export async function importHistoryPage(tx: Queryable, f: ImportHistoryFilter, req: ListRequest): Promise<Page<ImportHistoryRow>> {
  const list: KeysetList = {
    base: `SELECT * FROM (
       WITH j AS (
         SELECT id, substr(kind, 8) AS kind, status, actor, file_name, sha256, created_at, finished_at, result, total
         FROM jobs WHERE kind LIKE 'import.%')
       SELECT i.id::int AS import_id, j.id::int AS job_id, coalesce(i.kind, j.kind) AS kind,
              coalesce(j.status, 'done') AS status, coalesce(i.actor, j.actor) AS actor,
              coalesce(i.file_name, j.file_name) AS file_name, coalesce(i.sha256, j.sha256) AS sha256, i.as_of::text AS as_of,
              coalesce(j.created_at, i.created_at) AS at,
              to_char(coalesce(j.created_at, i.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
              to_char(coalesce(j.finished_at, i.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at,
              i.counts, j.result, j.total::int AS records,
              coalesce('i' || lpad(i.id::text, 19, '0'), 'j' || lpad(j.id::text, 19, '0')) AS uid
       FROM imports i FULL JOIN j ON j.id = i.job_id) h
     WHERE ($1::boolean OR h.actor = $2)
       AND ($3::text IS NULL OR h.kind = $3) AND ($4::text IS NULL OR h.status = $4) AND ($5::text IS NULL OR h.actor = $5)
       AND ($6::date IS NULL OR (h.at AT TIME ZONE 'America/Lima')::date >= $6::date)
       AND ($7::date IS NULL OR (h.at AT TIME ZONE 'America/Lima')::date <= $7::date)
       AND ($8::text IS NULL OR upper(h.file_name) LIKE '%' || upper($8) || '%')
       AND ($9::timestamptz IS NULL OR h.at < $9::timestamptz)
       AND ($10::bigint IS NULL OR h.job_id = $10)`,
    params: [
      f.everyone,
      f.actor,
      f.kind ?? null,
      f.status ?? null,
      f.by ?? null,
      f.from ?? null,
      f.to ?? null,
      f.q?.trim() ? f.q.trim() : null,
      f.before ?? null,
      f.jobId ?? null,
    ],
    id: { sql: 'b.uid', type: 'text' },
    sorts: HISTORY_SORTS,
  };
  const page = await keysetPage<ImportHistoryRow & { at: unknown; uid: string } & Record<string, unknown>>(tx, list, req);
  return { ...page, items: page.items.map(({ at: _at, uid: _uid, ...r }) => r) };
}

/** Newest first, at most `limit` (the detail of one job: `jobId`). */
export async function listImportHistory(tx: Queryable, filter: ImportHistoryFilter & { limit: number }): Promise<ImportHistoryRow[]> {
  return (await importHistoryPage(tx, filter, { sort: 'created', dir: 'desc', limit: filter.limit, after: null })).items;
}
