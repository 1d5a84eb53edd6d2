/**
 * Jobs left `running` by a process that died (kill -9, a crash, a power cut) would stay
 * running forever. At start the server calls `recoverInterruptedJobs(db)`: every running
 * job whose process is gone is marked `interrupted`, and its result says whether its
 * transaction committed — an import writes its `imports` row (with the job's id) in the
 * same transaction as its rows, so the row's presence is the proof.
 */
// @ts-nocheck

import os from 'node:os';
import type { Database } from '../db.ts';
import { THIS_RUNNER } from './jobs.ts';

export interface InterruptedJob {
  id: number;
  kind: string;
  committed: boolean;
  importId: number | null;
}

/** Whether the process named by a `runner` (host:pid:start) may still be running. */
export function runnerAlive(runner: string | null): boolean {
  if (runner === null) return false; // a job from before runners were recorded: its process is long gone
  if (runner === THIS_RUNNER) return true;
  const [host, pid] = runner.split(':');
  if (host !== os.hostname()) return true; // another machine's process: not ours to judge
  if (Number(pid) === process.pid) return false; // this pid, another start: the old process died
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function recoverInterruptedJobs(db: Database, alive: (runner: string | null) => boolean = runnerAlive): Promise<InterruptedJob[]> {
  const { rows } = await db.query<{ id: number; kind: string; runner: string | null }>(
    `SELECT id, kind, runner FROM jobs WHERE status = 'running' ORDER BY id`,
  );
  const dead = rows.filter((r) => !alive(r.runner)).map((r) => Number(r.id));
  if (dead.length === 0) return [];
  const { rows: marked } = await db.query<{ id: number; kind: string; import_id: number | null }>(
    `UPDATE jobs j SET status = 'interrupted', finished_at = now(),
       result = jsonb_build_object('interrupted', true, 'committed', i.id IS NOT NULL, 'importId', i.id,
         'message', CASE WHEN i.id IS NOT NULL THEN 'The server stopped after the import was committed: its rows are in the database.'
                         ELSE 'The server stopped during the job: nothing it did was committed. Run it again.' END)
     FROM jobs j0 LEFT JOIN imports i ON i.job_id = j0.id
     WHERE j.id = j0.id AND j.id = ANY($1::bigint[]) AND j.status = 'running'
     RETURNING j.id, j.kind, i.id AS import_id`,
    [dead],
  );
  return marked.map((r) => ({ id: Number(r.id), kind: r.kind, committed: r.import_id !== null, importId: r.import_id === null ? null : Number(r.import_id) }));
}
