/** The import history: every import that wrote (the `imports` rows) and every upload job, joined by job id. */
// @ts-nocheck

import type { Queryable } from '../db.ts';

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
}

/**
 * Newest first. `everyone` lists every actor's imports (national, admin, auditor); otherwise
 * only the caller's own. Runs inside the caller's `withActor` transaction (imports has RLS).
 */
export async function listImportHistory(
  tx: Queryable,
  filter: { actor: string; everyone: boolean; kind: string | null; limit: number; before: string | null; jobId?: number | null },
): Promise<ImportHistoryRow[]> {
  const { rows } = await tx.query<ImportHistoryRow>(
    `WITH j AS (
       SELECT id, substr(kind, 8) AS kind, status, actor, file_name, sha256, created_at, finished_at, result
       FROM jobs WHERE kind LIKE 'import.%')
     SELECT i.id::int AS import_id, j.id::int AS job_id, coalesce(i.kind, j.kind) AS kind,
            coalesce(j.status, 'done') AS status, coalesce(i.actor, j.actor) AS actor,
            coalesce(i.file_name, j.file_name) AS file_name, coalesce(i.sha256, j.sha256) AS sha256, i.as_of::text AS as_of,
            to_char(coalesce(j.created_at, i.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
            to_char(coalesce(j.finished_at, i.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS finished_at,
            i.counts, j.result
     FROM imports i FULL JOIN j ON j.id = i.job_id
     WHERE ($1::boolean OR coalesce(i.actor, j.actor) = $2)
       AND ($3::text IS NULL OR coalesce(i.kind, j.kind) = $3)
       AND ($5::timestamptz IS NULL OR coalesce(j.created_at, i.created_at) < $5::timestamptz)
       AND ($6::bigint IS NULL OR j.id = $6)
     ORDER BY coalesce(j.created_at, i.created_at) DESC, coalesce(i.id, 0) DESC
     LIMIT $4`,
    [filter.everyone, filter.actor, filter.kind, filter.limit, filter.before, filter.jobId ?? null],
  );
  return rows;
}
