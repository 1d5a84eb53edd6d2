/**
 * The formalization report: per region (UBIGEO code and name) and nationally, the funnel
 * by month, where requirements stand, time in each step (median, p90), stalled files,
 * backlog per reviewer and typology cross-tabs. Figures come from the set-based SQL of
 * formalization-report.queries.ts, read as the actor (row-level security applies); the
 * stratum is derived with the registry's dated rules at the cut-off date.
 */
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { peruToday } from '../../platform/time.ts';
import { stratumRules } from '../registry/registry.queries.ts';
import { deriveStratum } from '../registry/strata.domain.ts';
import { crossTab, MILESTONES, NATIONAL_SCOPE } from './formalization-funnel.domain.ts';
import * as sql from './formalization-report.queries.ts';
import { POSITIONS, STALLED_ITEMS_LIMIT, STEPS, TYPOLOGY_DIMENSIONS, type FormalizationReport, type ScopeReport } from './formalization-report.schema.ts';
import { REQUIREMENT_CODES } from './formalization.schema.ts';
import { STAGES, type Stage } from './formalization-state.schema.ts';
import { peruDayEnd } from '../../kernel/peru-date.ts';

interface ReportOptions {
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  stalledDays: number;
  /** The clock: the cut-off when `to` is not given. */
  now?: Date;
}

const iso = (v: Date | string): string => new Date(v).toISOString();
const rank =
  <T>(order: readonly T[]) =>
  (v: T): number =>
    order.indexOf(v);
const byReq = rank<string>(REQUIREMENT_CODES);
const byStep = rank<string>(STEPS);
const byPosition = rank<string>(POSITIONS);
const byMilestone = rank<string>(MILESTONES);
const byStage = rank<string>(STAGES);
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A distinct typology and how many expedientes have it. */
type TypologyItem = Record<(typeof TYPOLOGY_DIMENSIONS)[number], string> & { stage: Stage; count: number };

/** The rows of each scope (region code or 'national'), in their order. */
type ByScope<T> = Map<string, T[]>;

function byScope<T>(rows: readonly T[], scopeOf: (row: T) => string): ByScope<T> {
  const out: ByScope<T> = new Map();
  for (const row of rows) {
    const scope = scopeOf(row);
    let mine = out.get(scope);
    if (!mine) out.set(scope, (mine = []));
    mine.push(row);
  }
  return out;
}

interface Data {
  funnel: ByScope<sql.FunnelSqlRow>;
  steps: ByScope<sql.StepStatRow>;
  pipeline: ByScope<sql.PipelineRow>;
  /** The stalled summary's items and counts, all (the nation's) and by region. */
  stalled: sql.StalledSummary & { regionItems: ByScope<sql.StalledSqlRow>; regionCounts: ByScope<sql.StalledSummary['counts'][number]> };
  backlog: ByScope<sql.BacklogSqlRow>;
  /** The typology cube of each region: its cells by key. */
  cubes: Map<string, Map<string, CubeCell>>;
}

type CubeCell = ScopeReport['typology']['cube'][number];

/** The typology cube of the items of each region (a cell per distinct item, counted). */
function cubesOf(items: readonly TypologyItem[]): Map<string, Map<string, CubeCell>> {
  const cubes = new Map<string, Map<string, CubeCell>>();
  for (const i of items) {
    let cube = cubes.get(i.region);
    if (!cube) cubes.set(i.region, (cube = new Map()));
    const key = [i.region, i.stratum, i.activity, i.organizationType, i.sex, i.stage].join('/');
    const cell = cube.get(key) ?? {
      region: i.region,
      stratum: i.stratum,
      activity: i.activity,
      organizationType: i.organizationType,
      sex: i.sex,
      stage: i.stage,
      count: 0,
    };
    cell.count += i.count;
    cube.set(key, cell);
  }
  return cubes;
}

function scopeReport(data: Data, scope: string, name: string, stalledDays: number): ScopeReport {
  const mine = <T>(rows: ByScope<T>): T[] => [...(rows.get(scope) ?? [])];
  // The typology cube's cells (one per distinct item, with its count) stand for the items:
  // the counts, stages and cross-tabs below are read from them.
  const cells = scope === NATIONAL_SCOPE ? [...data.cubes.values()].flatMap((c) => [...c.values()]) : [...(data.cubes.get(scope)?.values() ?? [])];
  const stalled = scope === NATIONAL_SCOPE ? data.stalled.items : mine(data.stalled.regionItems);
  const stalledCounts = scope === NATIONAL_SCOPE ? data.stalled.counts : mine(data.stalled.regionCounts);
  // months are 'YYYY-MM': in calendar order as text
  const funnel = mine(data.funnel).sort((a, b) => byMilestone(a.milestone) - byMilestone(b.milestone) || byText(a.month, b.month));
  const stalledByStep = new Map<string, { requirement: (typeof REQUIREMENT_CODES)[number]; step: (typeof STEPS)[number]; count: number }>();
  for (const s of stalledCounts) {
    const step = s.status === 'not_started' ? 'awaiting_filing' : (s.status as (typeof STEPS)[number]);
    const key = `${s.requirement}/${step}`;
    const entry = stalledByStep.get(key) ?? { requirement: s.requirement, step, count: 0 };
    entry.count += s.count;
    stalledByStep.set(key, entry);
  }
  return {
    scope,
    name,
    expedientes: cells.reduce((n, c) => n + c.count, 0),
    byStage: Object.fromEntries(STAGES.map((s) => [s, cells.reduce((n, c) => n + (c.stage === s ? c.count : 0), 0)])) as ScopeReport['byStage'],
    funnel: {
      totals: MILESTONES.map((milestone) => ({
        milestone,
        count: funnel.filter((f) => f.milestone === milestone).reduce((n, f) => n + f.count, 0),
      })),
      byMonth: funnel.map((f) => ({ month: f.month, milestone: f.milestone, count: f.count, cumulative: f.cumulative })),
    },
    pipeline: mine(data.pipeline)
      .sort((a, b) => byReq(a.requirement) - byReq(b.requirement) || byPosition(a.position) - byPosition(b.position))
      .map(({ requirement, position, count }) => ({ requirement, position, count })),
    timeInSteps: mine(data.steps)
      .sort((a, b) => byReq(a.requirement) - byReq(b.requirement) || byStep(a.step) - byStep(b.step))
      .map((s) => ({ requirement: s.requirement, step: s.step, count: s.count, medianDays: s.median, p90Days: s.p90 })),
    stalled: {
      thresholdDays: stalledDays,
      count: stalledCounts.reduce((n, s) => n + s.count, 0),
      byStep: [...stalledByStep.values()].sort((a, b) => byReq(a.requirement) - byReq(b.requirement) || byStep(a.step) - byStep(b.step)),
      items: stalled.slice(0, STALLED_ITEMS_LIMIT).map((s) => ({
        expedienteId: s.expediente_id,
        inscriptionId: s.inscription_id,
        requirement: s.requirement,
        status: s.status,
        since: iso(s.since),
        days: s.days,
        reviewer: s.reviewer,
      })),
    },
    // Same order as the pure backlogByReviewer: reviewers by load, the unassigned queue last.
    backlog: mine(data.backlog)
      .map((b) => ({ reviewer: b.reviewer, pending: b.pending, oldestSince: iso(b.oldest_since) }))
      .sort((a, b) => Number(a.reviewer === null) - Number(b.reviewer === null) || b.pending - a.pending || (a.reviewer ?? '').localeCompare(b.reviewer ?? '')),
    typology: {
      // Ties broken on every dimension: the order must not depend on the order rows come from SQL.
      cube: cells.sort(
        (a, b) =>
          b.count - a.count ||
          a.region.localeCompare(b.region) ||
          a.stratum.localeCompare(b.stratum) ||
          a.activity.localeCompare(b.activity) ||
          a.organizationType.localeCompare(b.organizationType) ||
          a.sex.localeCompare(b.sex) ||
          byStage(a.stage) - byStage(b.stage),
      ),
      byStage: Object.fromEntries(
        TYPOLOGY_DIMENSIONS.map((d) => [
          d,
          crossTab(
            cells,
            (c) => c.stage,
            (c) => c[d],
            (c) => c.count,
          ),
        ]),
      ) as ScopeReport['typology']['byStage'],
    },
  };
}

export async function formalizationReport(db: Database, actor: Actor, o: ReportOptions): Promise<FormalizationReport> {
  const now = o.now ?? new Date();
  const w: sql.ReportWindow = { at: o.to ? peruDayEnd(o.to) : now.toISOString(), region: o.region ?? null, from: o.from ?? null, to: o.to ?? null };
  const cutoffDate = o.to ?? peruToday(now);
  const raw = await withActor(db, actor, async (tx) => {
    // the expedientes' milestones, derived once for the five queries below
    await sql.prepareReportModel(tx, w);
    return {
      funnel: await sql.funnelRows(tx, w),
      steps: await sql.stepStats(tx, w),
      ...(await sql.pipelineAndBacklog(tx, w)),
      stalled: await sql.stalledSummary(tx, w, o.stalledDays, STALLED_ITEMS_LIMIT),
      typology: await sql.typologyCounts(tx, w),
      names: await sql.departmentNames(tx),
      rules: await stratumRules(tx),
    };
  });
  const num = (v: string | null): number | null => (v === null ? null : Number(v));
  const items: TypologyItem[] = raw.typology.map((r) => ({
    region: r.department_code,
    stage: r.stage,
    activity: r.activity,
    organizationType: r.organization_type,
    sex: r.sex,
    stratum: deriveStratum(raw.rules, { hectares: num(r.hectares), capacity: num(r.capacity), substance: r.substance, date: cutoffDate }).stratum,
    count: r.count,
  }));
  const scopeOf = (r: { scope: string }): string => r.scope;
  const regionOf = (r: { department_code: string }): string => r.department_code;
  const data: Data = {
    funnel: byScope(raw.funnel, scopeOf),
    steps: byScope(raw.steps, scopeOf),
    pipeline: byScope(raw.pipeline, scopeOf),
    stalled: { ...raw.stalled, regionItems: byScope(raw.stalled.items, regionOf), regionCounts: byScope(raw.stalled.counts, regionOf) },
    backlog: byScope(raw.backlog, scopeOf),
    cubes: cubesOf(items),
  };
  const codes = o.region ? [o.region] : [...new Set(items.map((i) => i.region))].sort();
  const seesAll = !o.region && (actor.role === 'national' || actor.role === 'auditor' || actor.role === 'admin');
  return {
    generatedAt: now.toISOString(),
    cutoff: w.at,
    filters: { region: w.region, from: w.from, to: w.to, stalledDays: o.stalledDays },
    regions: codes.map((c) => scopeReport(data, c, raw.names.get(c) ?? c, o.stalledDays)),
    national: seesAll ? scopeReport(data, NATIONAL_SCOPE, 'Nacional', o.stalledDays) : null,
  };
}
