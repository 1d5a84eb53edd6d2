/**
 * Background jobs run in the server process; their state lives in the `jobs` table so
 * progress can be polled (and survives as a record after the job ends). A job's
 * bookkeeping never throws out of the process: what it stores is made storable (no NUL
 * in jsonb), a failed write is retried with a plain message, and anything left is logged.
 * Each job names the process running it (`runner`), so a restarted server can mark the
 * jobs of a dead process as interrupted (recover.ts).
 */
import os from 'node:os';
import type { Actor } from '../context.ts';
import type { Database } from '../db.ts';
import { storableText } from '../imports/decode.ts';

/** This process, as recorded in `jobs.runner`: host, pid and start time (a reused pid is another process). */
export const THIS_RUNNER = `${os.hostname()}:${process.pid}:${Math.round(Date.now() - process.uptime() * 1000)}`;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

export interface JobOptions {
  fileName?: string;
  sha256?: string;
  /** Where a bookkeeping failure is reported (default: stderr). */
  log?: (message: string, err: unknown) => void;
}

const defaultLog = (message: string, err: unknown): void => {
  process.stderr.write(`${message}: ${storableText(err instanceof Error ? err.message : String(err))}\n`);
};

/** JSON that PostgreSQL's jsonb accepts: strings without NUL or lone surrogates. */
export function storableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
}

export async function startJob(
  db: Database,
  actor: Actor,
  kind: string,
  run: (progress: (processed: number, total: number) => void, jobId: number) => Promise<unknown>,
  opts: JobOptions = {},
): Promise<number> {
  const log = opts.log ?? defaultLog;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, status, actor, region_code, runner, file_name, sha256) VALUES ($1, 'running', $2, $3, $4, $5, $6) RETURNING id`,
    [kind, actor.username, actor.region, THIS_RUNNER, opts.fileName === undefined ? null : storableText(opts.fileName), opts.sha256 ?? null],
  );
  const id = Number(rows[0]!.id);
  let last = 0;
  const progress = (processed: number, total: number): void => {
    const now = Date.now();
    if (now - last < 250 && processed < total) return;
    last = now;
    db.query('UPDATE jobs SET processed = $2, total = $3 WHERE id = $1', [id, processed, total]).catch((err: unknown) =>
      log(`job ${id}: progress not recorded`, err),
    );
  };
  const finish = async (status: 'done' | 'failed', result: unknown): Promise<void> => {
    try {
      await db.query(`UPDATE jobs SET status = $2, result = $3::jsonb, finished_at = now() WHERE id = $1`, [id, status, storableJson(result)]);
    } catch (err) {
      log(`job ${id}: result not recorded`, err);
      await db
        .query(`UPDATE jobs SET status = 'failed', result = $2::jsonb, finished_at = now() WHERE id = $1`, [
          id,
          JSON.stringify({ message: 'The job ended but its result could not be stored.' }),
        ])
        .catch((again: unknown) => log(`job ${id}: status not recorded`, again));
    }
  };
  void Promise.resolve()
    .then(() => run(progress, id))
    .then(
      (result) => finish('done', result),
      (err: unknown) => finish('failed', (err as { result?: unknown } | null)?.result ?? { message: err instanceof Error ? err.message : String(err) }),
    )
    .catch((err: unknown) => log(`job ${id}`, err));
  return id;
}

export interface JobView {
  id: number;
  kind: string;
  status: JobStatus;
  processed: number;
  total: number | null;
  result: unknown;
}

export async function getJob(db: Database, id: number, actor: Actor): Promise<JobView | null> {
  const { rows } = await db.query<{ id: number; kind: string; status: JobStatus; processed: number; total: number | null; result: unknown; actor: string }>(
    'SELECT id, kind, status, processed, total, result, actor FROM jobs WHERE id = $1',
    [id],
  );
  const job = rows[0];
  // Jobs are visible to whoever started them and to national officials and admins.
  if (!job || (job.actor !== actor.username && !['national', 'admin', 'auditor'].includes(actor.role))) return null;
  return { id: Number(job.id), kind: job.kind, status: job.status, processed: job.processed, total: job.total, result: job.result ?? null };
}
