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

export interface ReportWindow {
  /** Cut-off instant: only actions up to it count; waiting times are measured to it. */
  at: string;
  region: string | null;
  /** First and last month ('YYYY-MM') of the funnel; first and last day of the steps' ends. */
  from: string | null;
  to: string | null;
}

const scope = (col: string) => `CASE WHEN GROUPING(${col}) = 1 THEN 'national' ELSE ${col} END`;

export interface FunnelSqlRow {
  scope: string;
  milestone: Milestone;
  month: string;
  count: number;
  cumulative: number;
}

/** Expedientes reaching each milestone per month; cumulative from the first month on record. */
export async function funnelRows(tx: Queryable, w: ReportWindow): Promise<FunnelSqlRow[]> {
  const { rows } = await tx.query<FunnelSqlRow>(
    `WITH m AS (
       SELECT x.department_code, v.milestone, to_char(v.d, 'YYYY-MM') AS month
       FROM formalization_expedientes($1, $2) x
       CROSS JOIN LATERAL (VALUES
         ('inscribed', x.inscribed_on),
         ('igafom_approved', veta_peru_date(x.igafom_approved_at)),
         ('mining_right_access_approved', veta_peru_date(x.mining_right_access_approved_at)),
         ('surface_land_approved', veta_peru_date(x.surface_land_approved_at)),
         ('technical_file_approved', veta_peru_date(x.technical_file_approved_at)),
         ('start_authorization_approved', veta_peru_date(x.start_authorization_approved_at)),
         ('formalized', veta_peru_date(x.start_authorization_approved_at))) v(milestone, d)
       WHERE v.d IS NOT NULL),
     c AS (
       SELECT ${scope('department_code')} AS scope, milestone, month, count(*)::int AS count
       FROM m GROUP BY GROUPING SETS ((department_code, milestone, month), (milestone, month))),
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

/** Median and p90 (percentile_cont) of the days spent in each finished step that ended in the window. */
export async function stepStats(tx: Queryable, w: ReportWindow): Promise<StepStatRow[]> {
  const { rows } = await tx.query<StepStatRow>(
    `SELECT ${scope('department_code')} AS scope, requirement, step, count(*)::int AS count,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY days) AS p90
     FROM formalization_steps($1, $2)
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
  const { rows } = await tx.query<PipelineRow>(
    `WITH p AS (
       SELECT department_code, requirement,
              CASE WHEN status <> 'not_started' THEN status
                   WHEN available_since IS NOT NULL THEN 'awaiting_filing' ELSE 'not_available' END AS position
       FROM formalization_requirements($1, $2) WHERE stage <> 'excluded')
     SELECT ${scope('department_code')} AS scope, requirement, position, count(*)::int AS count
     FROM p GROUP BY GROUPING SETS ((department_code, requirement, position), (requirement, position))`,
    [w.at, w.region],
  );
  return rows;
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

/** Requirements waiting (or available and never filed) longer than `thresholdDays`, longest first. */
export async function stalledRows(tx: Queryable, w: ReportWindow, thresholdDays: number): Promise<StalledSqlRow[]> {
  const { rows } = await tx.query<StalledSqlRow>(
    `SELECT * FROM (
       SELECT r.expediente_id, r.inscription_id, r.department_code, r.requirement, r.status,
              coalesce(r.since, r.available_since) AS since, r.reviewer,
              extract(epoch FROM $1::timestamptz - coalesce(r.since, r.available_since))::float8 / 86400 AS days
       FROM formalization_requirements($1, $2) r
       WHERE r.stage NOT IN ('formalized', 'excluded')
         AND (r.status IN ('filed', 'under_review', 'observed', 'corrected')
              OR (r.status = 'not_started' AND r.available_since IS NOT NULL))) s
     WHERE s.days > $3
     ORDER BY s.days DESC, s.expediente_id, s.requirement`,
    [w.at, w.region, thresholdDays],
  );
  return rows.map((r) => ({ ...r, expediente_id: Number(r.expediente_id), inscription_id: Number(r.inscription_id) }));
}

export interface BacklogSqlRow {
  scope: string;
  reviewer: string | null;
  pending: number;
  oldest_since: Date;
}

/** Requirements under review per reviewer, and the queue nobody took up (filed or corrected). */
export async function backlogRows(tx: Queryable, w: ReportWindow): Promise<BacklogSqlRow[]> {
  const { rows } = await tx.query<BacklogSqlRow>(
    `WITH b AS (
       SELECT department_code, CASE WHEN status = 'under_review' THEN reviewer END AS reviewer, since
       FROM formalization_requirements($1, $2)
       WHERE stage <> 'excluded' AND status IN ('filed', 'under_review', 'corrected'))
     SELECT ${scope('department_code')} AS scope, reviewer, count(*)::int AS pending, min(since) AS oldest_since
     FROM b GROUP BY GROUPING SETS ((department_code, reviewer), (reviewer))`,
    [w.at, w.region],
  );
  return rows;
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

/** One row per expediente opened by the cut-off, with what its typology is derived from. */
export async function typologyRows(tx: Queryable, w: ReportWindow): Promise<TypologySqlRow[]> {
  const { rows } = await tx.query<TypologySqlRow>(
    `SELECT x.expediente_id, x.department_code, x.stage, i.activity,
            CASE WHEN i.person_id IS NOT NULL THEN 'natural_person' ELSE coalesce(o.type, 'unknown') END AS organization_type,
            CASE WHEN i.person_id IS NULL THEN 'not_applicable' ELSE coalesce(p.sex, 'unknown') END AS sex,
            r.hectares, r.capacity, r.substance
     FROM formalization_expedientes($1, $2) x
     JOIN reinfo_inscriptions i ON i.id = x.inscription_id
     JOIN mining_rights r ON r.id = i.mining_right_id
     LEFT JOIN persons p ON p.id = i.person_id
     LEFT JOIN organizations o ON o.id = i.organization_id
`,
    [w.at, w.region],
  );
  return rows;
}

export async function departmentNames(tx: Queryable): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ code: string; name: string }>('SELECT code::text AS code, name FROM departments');
  return new Map(rows.map((r) => [r.code, r.name]));
}
