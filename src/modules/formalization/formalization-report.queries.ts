/**
 * Set-based SQL of the formalization report, over the analysis functions of migration
 * 0004 at a cut-off instant. Each result has a region scope (department code) and the
 * national aggregate ('national'); row-level security limits both to what the caller sees.
 * The pure functions of formalization-analysis/-funnel compute the same figures (tests).
 */
import type { Queryable } from '../../platform/db.ts';
import type { Milestone } from './formalization-funnel.domain.ts';
import type { RequirementCode } from './formalization.schema.ts';
import type { RequirementStatus, Stage } from './formalization-state.schema.ts';
import type { Step } from './formalization-analysis.domain.ts';
import { model, sources, type ReportWindow, type Sources } from './formalization-report-model.queries.ts';

export { prepareReportModel, type PrepareOptions, type ReportWindow } from './formalization-report-model.queries.ts';

const scope = (col: string) => `CASE WHEN GROUPING(${col}) = 1 THEN 'national' ELSE ${col} END`;

export interface FunnelSqlRow {
  scope: string;
  milestone: Milestone;
  month: string;
  count: number;
  cumulative: number;
}

/**
 * Expedientes reaching each milestone per month; cumulative from the first month on record.
 * Counted by region first (one hash per milestone), then rolled up to the nation.
 */
export async function funnelRows(tx: Queryable, w: ReportWindow): Promise<FunnelSqlRow[]> {
  const { m } = sources(tx, w);
  const { rows } = await tx.query<FunnelSqlRow>(
    `WITH m AS ${m},
     g AS (SELECT department_code, milestone, month, count(*)::int AS count FROM m GROUP BY department_code, milestone, month),
     c AS (
       SELECT ${scope('department_code')} AS scope, milestone, month, sum(count)::int AS count
       FROM g GROUP BY GROUPING SETS ((department_code, milestone, month), (milestone, month))),
     s AS (
       SELECT scope, milestone, month, count, (sum(count) OVER (PARTITION BY scope, milestone ORDER BY month))::int AS cumulative FROM c)
     SELECT * FROM s WHERE ($3::text IS NULL OR month >= $3) AND ($4::text IS NULL OR month <= $4)
     ORDER BY scope, milestone, month`,
    [w.at, w.region, w.from?.slice(0, 7) ?? null, w.to?.slice(0, 7) ?? null],
  );
  return rows;
}

export interface StepStatRow {
  scope: string;
  requirement: RequirementCode;
  step: Step;
  count: number;
  median: number;
  p90: number;
}

/**
 * percentile_cont of PostgreSQL on sorted values: the linear interpolation between the
 * values at floor and ceil of p·(n − 1), computed as PostgreSQL computes it (the same
 * float8 result).
 */
export function percentileCont(sorted: Float64Array, p: number): number {
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const first = sorted[lo]!;
  return hi > lo ? first + (at - lo) * (sorted[hi]! - first) : first;
}

/**
 * Rearranges `a` so that `a[k]` is the value sorted order puts there, with none greater
 * before it and none smaller after it, and answers it (quickselect: linear on average).
 */
function select(a: Float64Array, k: number): number {
  const swap = (i: number, j: number): void => {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  };
  let l = 0;
  let ir = a.length - 1;
  for (;;) {
    if (ir <= l + 1) {
      if (ir === l + 1 && a[ir]! < a[l]!) swap(l, ir);
      return a[k]!;
    }
    // the median of the first, middle and last as the pivot, at l + 1
    swap((l + ir) >>> 1, l + 1);
    if (a[l]! > a[ir]!) swap(l, ir);
    if (a[l + 1]! > a[ir]!) swap(l + 1, ir);
    if (a[l]! > a[l + 1]!) swap(l, l + 1);
    const pivot = a[l + 1]!;
    let i = l + 1;
    let j = ir;
    for (;;) {
      do i++;
      while (a[i]! < pivot);
      do j--;
      while (a[j]! > pivot);
      if (j < i) break;
      swap(i, j);
    }
    a[l + 1] = a[j]!;
    a[j] = pivot;
    if (j >= k) ir = j - 1;
    if (j <= k) l = i;
  }
}

/**
 * percentileCont of `values` in any order, without sorting them: the two values it
 * interpolates between found by selection (`values` is reordered). The same float8 as
 * percentileCont of the sorted values.
 */
export function percentileOf(values: Float64Array, p: number): number {
  const at = p * (values.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const first = select(values, lo);
  if (hi === lo) return first;
  // after the selection every value after `lo` is at least `first`: the next in order is their least
  let next = values[lo + 1]!;
  for (let k = lo + 2; k < values.length; k++) if (values[k]! < next) next = values[k]!;
  return first + (at - lo) * (next - first);
}

/** The float8 values of a concatenation of float8send outputs (big-endian IEEE 754). */
function float8s(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let k = 0; k < out.length; k++) out[k] = view.getFloat64(k * 8);
  return out;
}

/**
 * Time in step over the read model: the finished steps' durations of each region,
 * requirement and step read once (their float8 bits, exact: float8send of each, joined
 * into one bytea per group and sent as base64, cheaper to read than their text or a
 * bytea's hex), and the median and p90 of every region and of the nation computed here,
 * as percentile_cont computes them (by selection, not sorting: percentileOf); a GROUPING
 * SETS percentile in SQL sorts every duration twice, at national size the report's
 * largest cost.
 */
async function modelStepStats(tx: Queryable, w: ReportWindow, m: Sources): Promise<StepStatRow[]> {
  const { rows } = await tx.query<{ department_code: string; requirement: RequirementCode; step: Step; days: string }>(
    `SELECT department_code, requirement, step, encode(string_agg(float8send(days), ''::bytea), 'base64') AS days
     FROM ${m.s} s
     WHERE ($1::date IS NULL OR ended_on >= $1) AND ($2::date IS NULL OR ended_on <= $2)
     GROUP BY department_code, requirement, step`,
    [w.from, w.to, w.at, w.region],
  );
  const stat = (scope: string, requirement: RequirementCode, step: Step, days: Float64Array): StepStatRow => {
    return { scope, requirement, step, count: days.length, median: percentileOf(days, 0.5), p90: percentileOf(days, 0.9) };
  };
  const out: StepStatRow[] = [];
  const national = new Map<string, { requirement: RequirementCode; step: Step; parts: Float64Array[] }>();
  for (const r of rows) {
    const days = float8s(Buffer.from(r.days, 'base64'));
    const key = `${r.requirement}/${r.step}`;
    const n = national.get(key) ?? { requirement: r.requirement, step: r.step, parts: [] };
    // reordered in place by stat; the nation's values are joined from them
    n.parts.push(days);
    national.set(key, n);
    out.push(stat(r.department_code, r.requirement, r.step, days));
  }
  for (const { requirement, step, parts } of national.values()) {
    const all = new Float64Array(parts.reduce((k, p) => k + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      all.set(p, offset);
      offset += p.length;
    }
    out.push(stat('national', requirement, step, all));
  }
  return out;
}

/** Median and p90 (percentile_cont) of the days spent in each finished step that ended in the window. */
export async function stepStats(tx: Queryable, w: ReportWindow): Promise<StepStatRow[]> {
  const m = model(tx, w, '$3', '$4');
  if (m) return modelStepStats(tx, w, m);
  const { rows } = await tx.query<StepStatRow>(
    `SELECT ${scope('department_code')} AS scope, requirement, step, count(*)::int AS count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
     FROM formalization_steps($1, $2) s
     WHERE ($3::date IS NULL OR veta_peru_date(ended_at) >= $3) AND ($4::date IS NULL OR veta_peru_date(ended_at) <= $4)
     GROUP BY GROUPING SETS ((department_code, requirement, step), (requirement, step))`,
    [w.at, w.region, w.from, w.to],
  );
  return rows.map((r) => ({ ...r, median: Number(r.median), p90: Number(r.p90) }));
}

export type Position = Step | 'approved' | 'not_available';
export interface PipelineRow {
  scope: string;
  requirement: RequirementCode;
  position: Position;
  count: number;
}

/** Where each requirement of the files not excluded stands at the cut-off. */
export async function pipelineRows(tx: Queryable, w: ReportWindow): Promise<PipelineRow[]> {
  return (await pipelineAndBacklog(tx, w)).pipeline;
}

/**
 * pipelineRows and backlogRows in one pass over the requirements: counted first by region,
 * requirement, position and reviewer (a few hundred groups), then rolled up to both.
 */
export async function pipelineAndBacklog(tx: Queryable, w: ReportWindow): Promise<{ pipeline: PipelineRow[]; backlog: BacklogSqlRow[] }> {
  const { r } = sources(tx, w);
  const { rows } = await tx.query<PipelineRow & BacklogSqlRow & { queued: boolean }>(
    `WITH g AS (
       SELECT department_code, requirement,
              CASE WHEN status <> 'not_started' THEN status
                   WHEN available_since IS NOT NULL THEN 'awaiting_filing' ELSE 'not_available' END AS position,
              CASE WHEN status = 'under_review' THEN reviewer END AS reviewer, count(*)::int AS count, min(since) AS since
       FROM ${r} r WHERE stage <> 'excluded'
       GROUP BY 1, 2, 3, 4)
     SELECT ${scope('department_code')} AS scope, false AS queued, requirement, position, NULL AS reviewer, sum(count)::int AS count,
            NULL::timestamptz AS oldest_since
     FROM g GROUP BY GROUPING SETS ((department_code, requirement, position), (requirement, position))
     UNION ALL
     SELECT ${scope('department_code')}, true, NULL, NULL, reviewer, sum(count)::int, min(since)
     FROM g WHERE position IN ('filed', 'under_review', 'corrected')
     GROUP BY GROUPING SETS ((department_code, reviewer), (reviewer))`,
    [w.at, w.region],
  );
  const out = { pipeline: [] as PipelineRow[], backlog: [] as BacklogSqlRow[] };
  for (const { scope, queued, requirement, position, reviewer, count, oldest_since } of rows) {
    if (queued) out.backlog.push({ scope, reviewer, pending: count, oldest_since });
    else out.pipeline.push({ scope, requirement, position, count });
  }
  return out;
}

export interface StalledSqlRow {
  expediente_id: number;
  inscription_id: number;
  department_code: string;
  requirement: RequirementCode;
  status: RequirementStatus;
  since: Date;
  days: number;
  reviewer: string | null;
}

/**
 * The requirements `r` waiting (or available and never filed) longer than $3 days at the
 * cut-off $1: stalledRows' rows, in no order.
 */
const stalled = (r: string): string => `(
  SELECT * FROM (
    SELECT r.expediente_id, r.inscription_id, r.department_code, r.requirement, r.status,
           coalesce(r.since, r.available_since) AS since, r.reviewer,
           extract(epoch FROM $1::timestamptz - coalesce(r.since, r.available_since))::float8 / 86400 AS days
    FROM ${r} r
    WHERE r.stage NOT IN ('formalized', 'excluded')
      AND (r.status IN ('filed', 'under_review', 'observed', 'corrected')
           OR (r.status = 'not_started' AND r.available_since IS NOT NULL))) s
  WHERE s.days > $3)`;

/** Requirements waiting (or available and never filed) longer than `thresholdDays`, longest first. */
export async function stalledRows(tx: Queryable, w: ReportWindow, thresholdDays: number): Promise<StalledSqlRow[]> {
  const { r: requirements } = sources(tx, w);
  const { rows } = await tx.query<StalledSqlRow>(
    `SELECT * FROM ${stalled(requirements)} s
     ORDER BY s.days DESC, s.expediente_id, s.requirement`,
    [w.at, w.region, thresholdDays],
  );
  return rows.map((r) => ({ ...r, expediente_id: Number(r.expediente_id), inscription_id: Number(r.inscription_id) }));
}

export interface StalledSummary {
  /** The rows of stalledRows among the first `perScope` of their region or of the nation, in its order. */
  items: StalledSqlRow[];
  /** How many rows of stalledRows there are per region, requirement and status. */
  counts: { department_code: string; requirement: RequirementCode; status: RequirementStatus; count: number }[];
}

/**
 * What the report shows of stalledRows, in one pass: the longest-waiting `perScope` of
 * each region and of the nation, and the counts; not tens of thousands of rows. The
 * nation's first `perScope` are among their regions' first `perScope`, and those wait at
 * least as long as the region's `perScope`-th longest wait: the rows that do (ties beyond
 * `perScope` included) are read in stalledRows' order and each region's first kept.
 * (A ranking by region sorts every stalled row on its text region code first: at national
 * size the cost of this query.)
 */
export async function stalledSummary(tx: Queryable, w: ReportWindow, thresholdDays: number, perScope: number): Promise<StalledSummary> {
  const { r: requirements } = sources(tx, w);
  const { rows } = await tx.query<StalledSqlRow & { kind: 'count' | 'item'; count: number }>(
    `WITH s AS ${stalled(requirements)},
     k AS (SELECT department_code, (array_agg(days ORDER BY days DESC))[$4] AS cut FROM s GROUP BY department_code)
     SELECT 'item' AS kind, s.expediente_id, s.inscription_id, s.department_code, s.requirement, s.status, s.since, s.reviewer, s.days,
            NULL::int AS count
     FROM s JOIN k ON k.department_code = s.department_code
     WHERE k.cut IS NULL OR s.days >= k.cut
     UNION ALL
     SELECT 'count', NULL, NULL, department_code, requirement, status, NULL, NULL, NULL, count(*)::int
     FROM s GROUP BY department_code, requirement, status
     ORDER BY kind DESC, days DESC, expediente_id, requirement`,
    [w.at, w.region, thresholdDays, perScope],
  );
  const out: StalledSummary = { items: [], counts: [] };
  const taken = new Map<string, number>();
  for (const { kind, count, ...r } of rows) {
    if (kind === 'count') {
      out.counts.push({ department_code: r.department_code, requirement: r.requirement, status: r.status, count });
      continue;
    }
    const n = taken.get(r.department_code) ?? 0;
    if (n >= perScope) continue;
    taken.set(r.department_code, n + 1);
    out.items.push({ ...r, expediente_id: Number(r.expediente_id), inscription_id: Number(r.inscription_id) });
  }
  return out;
}

export interface BacklogSqlRow {
  scope: string;
  reviewer: string | null;
  pending: number;
  oldest_since: Date;
}

/** Requirements under review per reviewer, and the queue nobody took up (filed or corrected). */
export async function backlogRows(tx: Queryable, w: ReportWindow): Promise<BacklogSqlRow[]> {
  return (await pipelineAndBacklog(tx, w)).backlog;
}

interface TypologySqlRow {
  expediente_id: number;
  department_code: string;
  stage: Stage;
  activity: string;
  organization_type: string;
  sex: string;
  hectares: string | null;
  capacity: string | null;
  substance: 'metallic' | 'non_metallic' | 'placer';
}

/** The expedientes `x` with what their typology is derived from (SELECT list: `columns`). */
const typology = (x: string, columns: string): string => `
  SELECT ${columns}
  FROM (SELECT x.expediente_id, x.department_code, x.stage, i.activity,
               CASE WHEN i.person_id IS NOT NULL THEN 'natural_person' ELSE coalesce(o.type, 'unknown') END AS organization_type,
               CASE WHEN i.person_id IS NULL THEN 'not_applicable' ELSE coalesce(p.sex, 'unknown') END AS sex,
               r.hectares, r.capacity, r.substance
        FROM ${x} x
        JOIN reinfo_inscriptions i ON i.id = x.inscription_id
        JOIN mining_rights r ON r.id = i.mining_right_id
        LEFT JOIN persons p ON p.id = i.person_id
        LEFT JOIN organizations o ON o.id = i.organization_id) t`;

/** One row per expediente opened by the cut-off, with what its typology is derived from. */
export async function typologyRows(tx: Queryable, w: ReportWindow): Promise<TypologySqlRow[]> {
  const { x } = sources(tx, w);
  const { rows } = await tx.query<TypologySqlRow>(typology(x, '*'), [w.at, w.region]);
  return rows;
}

export type TypologyCountRow = Omit<TypologySqlRow, 'expediente_id'> & { count: number };

/**
 * typologyRows counted: one row per distinct typology (region, stage, activity,
 * organization type, sex and the right's hectares, capacity and substance) and how many
 * expedientes have it; a few hundred rows instead of one per expediente. Rights whose
 * NUMERIC hectares or capacity differ only in scale (1.0, 1.00) count together, under
 * one of their spellings: the same number to the stratum rules.
 */
export async function typologyCounts(tx: Queryable, w: ReportWindow): Promise<TypologyCountRow[]> {
  const { x } = sources(tx, w);
  const columns = 'department_code, stage, activity, organization_type, sex, hectares, capacity, substance';
  // Row-level security makes the planner expect a row or two of each table: it sorts the
  // joined rows to group them and merges inscriptions with rights along an index, for
  // 58,000 expedientes at national size; hashing is what it would choose if it knew.
  const { rows: was } = await tx.query<{ merge: string; sort: string }>(
    `SELECT current_setting('enable_mergejoin') AS merge, current_setting('enable_sort') AS sort`,
  );
  await tx.exec('SET LOCAL enable_mergejoin = off; SET LOCAL enable_sort = off');
  const { rows } = await tx.query<TypologyCountRow>(`${typology(x, `${columns}, count(*)::int AS count`)} GROUP BY ${columns}`, [w.at, w.region]);
  await tx.query(`SELECT set_config('enable_mergejoin', $1, true), set_config('enable_sort', $2, true)`, [was[0]!.merge, was[0]!.sort]);
  return rows;
}

export async function departmentNames(tx: Queryable): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ code: string; name: string }>('SELECT code::text AS code, name FROM departments');
  return new Map(rows.map((r) => [r.code, r.name]));
}
