/** Test fixture: every row the report's queries answer for a window, comparable as a whole. */
import type { Queryable } from '../../platform/db.ts';
import * as sql from './formalization-report.queries.ts';

/** The rows of each report query (stalled: older than 30 days), each sorted as JSON: order-free. */
export async function reportRows(tx: Queryable, w: sql.ReportWindow): Promise<Record<string, unknown[]>> {
  const sorted = (rows: unknown[]): unknown[] => rows.map((r) => JSON.stringify(r)).sort();
  return {
    funnel: sorted(await sql.funnelRows(tx, w)),
    steps: sorted(await sql.stepStats(tx, w)),
    pipeline: sorted(await sql.pipelineRows(tx, w)),
    stalled: sorted(await sql.stalledRows(tx, w, 30)),
    backlog: sorted(await sql.backlogRows(tx, w)),
    typology: sorted(await sql.typologyRows(tx, w)),
    typologyCounts: sorted(await sql.typologyCounts(tx, w)),
  };
}
