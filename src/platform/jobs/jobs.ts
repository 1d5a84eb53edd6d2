import type { Actor } from '../context.ts';
import type { Database } from '../db.ts';

/**
 * Background jobs run in the server process; their state lives in the `jobs` table
 * so progress can be polled (and survives as a record after the job ends).
 */
export async function startJob(
  db: Database,
  actor: Actor,
  kind: string,
  run: (progress: (processed: number, total: number) => void) => Promise<unknown>,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, status, actor, region_code) VALUES ($1, 'running', $2, $3) RETURNING id`,
    [kind, actor.username, actor.region],
  );
  const id = Number(rows[0]!.id);
  let last = 0;
  const progress = (processed: number, total: number): void => {
    const now = Date.now();
    if (now - last < 250 && processed < total) return;
    last = now;
    void db.query('UPDATE jobs SET processed = $2, total = $3 WHERE id = $1', [id, processed, total]).catch(() => undefined);
  };
  void run(progress).then(
    (result) => db.query(`UPDATE jobs SET status = 'done', result = $2::jsonb, finished_at = now() WHERE id = $1`, [id, JSON.stringify(result ?? null)]),
    (err: unknown) => {
      const result = (err as { result?: unknown }).result ?? { message: (err as Error).message };
      return db.query(`UPDATE jobs SET status = 'failed', result = $2::jsonb, finished_at = now() WHERE id = $1`, [id, JSON.stringify(result)]);
    },
  );
  return id;
}

export async function getJob(db: Database, id: number, actor: Actor) {
  const { rows } = await db.query<{ id: number; kind: string; status: 'queued' | 'running' | 'done' | 'failed'; processed: number; total: number | null; result: unknown; actor: string }>(
    'SELECT id, kind, status, processed, total, result, actor FROM jobs WHERE id = $1',
    [id],
  );
  const job = rows[0];
  // Jobs are visible to whoever started them and to national officials and admins.
  if (!job || (job.actor !== actor.username && !['national', 'admin', 'auditor'].includes(actor.role))) return null;
  return { id: Number(job.id), kind: job.kind, status: job.status, processed: job.processed, total: job.total, result: job.result ?? null };
}
