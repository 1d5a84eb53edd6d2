import { withActor, type Actor, type Role } from '../../../platform/context.ts';
import type { Database, Queryable } from '../../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { peruToday } from '../../../platform/time.ts';
import {
  countBinding,
  type BindingCount,
  type BindingResult,
  type BoundRecord,
  type IndicatorBinding,
  type IndicatorUnit,
  type PopulationRecord,
  type RegionFigure,
} from './binding.contract.ts';
import type { DrillDown } from './drilldown.schema.ts';
import { bindingFor, boundIndicators, unboundReason } from './indicator-bindings.ts';
import { findIndicator, currentValue, policyIndicatorCodes, type StoredValue } from '../policy-values.queries.ts';
import { assertPolicyWriter, recordValueIn, requireIndicator, requirePolicy } from '../monitoring.service.ts';
import { isIndicatorRow } from '../matrix/hierarchy.domain.ts';
import type { PolicyMatrix } from '../monitoring.schema.ts';
import type { MeasuredComparison } from '../report/report.view.ts';

/** Indicators measured from Veta's records, next to the values stored for them. */

/** The source recorded on values stored from a measurement. */
export const MEASURED_SOURCE = 'Veta records';

/** Reads every region and writes nothing: the national value is the same for everyone. */
const NATIONAL_READER: Actor = { username: 'system:monitoring', role: 'auditor', region: null, ruc: null, userId: null };
const SEES_EVERY_REGION: readonly Role[] = ['national', 'auditor', 'admin'];
const MAY_MEASURE: readonly Role[] = [...SEES_EVERY_REGION, 'regional'];

export interface IndicatorMeasurement {
  policy: string;
  indicator: string;
  name: string;
  year: number;
  description: string;
  /** National figures (all regions). */
  value: number | null;
  unit: IndicatorUnit;
  numerator: number;
  denominator: number;
  /** National figures per department. */
  regions: RegionFigure[];
  availability: BindingResult['availability'];
  note: string | null;
  /** The value stored for the year, if any. */
  stored: StoredValue | null;
  /** What the caller's row-level security let the drill-down see. */
  scope: { scoped: boolean; regionCode: string | null; value: number | null; numerator: number; denominator: number; note: string };
  records: BoundRecord[];
  /** The units of the denominator the caller may see, each with whether it is counted; null when the denominator is not a set of records. */
  population: PopulationRecord[] | null;
}

/**
 * Measures a bound indicator for a year: the national value (computed as a national
 * reader), and the records behind it as the caller may see them — a regional official
 * gets their region's records and counts only, and the scope says so.
 */
export async function measureIndicator(db: Database, actor: Actor, code: string, indicatorCode: string, year: number): Promise<IndicatorMeasurement> {
  return (await measureWithRecords(db, actor, code, [indicatorCode], year))[0]!;
}

/**
 * No JIT for the transaction: PostgreSQL compiled the shared population query (one pass
 * over every inscription, a few hundred thousand rows) for 0.4 s of its 1.0 s at national
 * size; PGlite has no JIT, so this is a no-op there. Memory to sort the population in
 * (40,000 rows at national size spilled 4 MB to disk with the default 4 MB).
 */
const noJit = (tx: Queryable): Promise<unknown> => tx.query("SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)");

/** The figures of the national value (the same with or without the records). */
type NationalFigures = Pick<BindingCount, 'value' | 'numerator' | 'denominator' | 'regions' | 'availability' | 'note'>;

interface Measured<R> {
  code: string;
  binding: IndicatorBinding;
  name: string;
  stored: StoredValue | null;
  /** As the caller sees it. */
  result: R;
  /** As a national reader sees it. */
  national: NationalFigures;
}

/**
 * Measures bound indicators for a year in one transaction per reader (the caller's, and
 * the national reader's when the caller sees one region): the bindings that share a
 * population read it once per transaction. `which` is a list of indicators (each must be
 * in the stored matrix), or `present`: every bound indicator that the stored matrix has.
 * `measure` is the binding's `compute` (with the records) or its count; the national
 * reader only counts (its records are never shown).
 */
async function measureIndicators<R extends NationalFigures>(
  db: Database,
  actor: Actor,
  code: string,
  which: readonly string[] | 'present',
  year: number,
  measure: (binding: IndicatorBinding, tx: Queryable, year: number) => Promise<R>,
): Promise<{ measured: Measured<R>[]; seesAll: boolean }> {
  if (!MAY_MEASURE.includes(actor.role)) {
    // an unknown policy is reported before the role, as when the present indicators were looked up first
    if (which === 'present') await withActor(db, actor, (tx) => requirePolicy(tx, code));
    throw new ForbiddenError('policy.measure.forbidden', `The role ${actor.role} may not measure indicators.`, { role: actor.role });
  }
  const own = await withActor(db, actor, async (tx) => {
    await noJit(tx);
    const policy = await requirePolicy(tx, code);
    const out = [];
    for (const indicatorCode of which === 'present' ? boundIndicators(code).map(([c]) => c) : which) {
      const found = await findIndicator(tx, policy.id, indicatorCode);
      if (!found && which === 'present') continue;
      const indicator = found ?? (await requireIndicator(tx, policy, indicatorCode));
      const binding = bindingFor(code, indicatorCode);
      if (!binding) throw NotFoundError.of(`A binding of ${indicatorCode} to Veta's records`, 'policy.binding.not_found', { indicator: indicatorCode });
      out.push({
        code: indicatorCode,
        binding,
        name: indicator.name,
        stored: await currentValue(tx, indicator.id, year),
        result: await measure(binding, tx, year),
      });
    }
    return out;
  });
  const seesAll = SEES_EVERY_REGION.includes(actor.role);
  const national: NationalFigures[] = seesAll
    ? own.map((o) => o.result)
    : await withActor(db, NATIONAL_READER, async (tx) => {
        await noJit(tx);
        const out: BindingCount[] = [];
        for (const o of own) out.push(await countBinding(o.binding, tx, year));
        return out;
      });
  return { measured: own.map((o, i) => ({ ...o, national: national[i]! })), seesAll };
}

/** A measurement's figures and scope, without the records. */
function figures(
  code: string,
  year: number,
  actor: Actor,
  seesAll: boolean,
  o: Measured<NationalFigures>,
): Omit<IndicatorMeasurement, 'records' | 'population'> {
  const n = o.national;
  const region = seesAll ? null : actor.region;
  return {
    policy: code,
    indicator: o.code,
    name: o.name,
    year,
    description: o.binding.description,
    value: n.value,
    unit: o.binding.unit ?? 'percent',
    numerator: n.numerator,
    denominator: n.denominator,
    regions: n.regions ?? [],
    availability: n.availability,
    note: n.note,
    stored: o.stored,
    scope: {
      scoped: !seesAll,
      regionCode: region,
      value: o.result.value,
      numerator: o.result.numerator,
      denominator: o.result.denominator,
      note: seesAll
        ? 'All regions: the records behind the national value.'
        : `Only region ${region ?? '?'}: the records and counts you may see; value, numerator and denominator above are national.`,
    },
  };
}

async function measureWithRecords(
  db: Database,
  actor: Actor,
  code: string,
  which: readonly string[] | 'present',
  year: number,
): Promise<IndicatorMeasurement[]> {
  const { measured, seesAll } = await measureIndicators(db, actor, code, which, year, (binding, tx, y) => binding.compute(tx, y));
  return measured.map((o) => ({ ...figures(code, year, actor, seesAll, o), records: o.result.records, population: o.result.population ?? null }));
}

/** An IndicatorMeasurement without its records: how many there are. */
export interface IndicatorCount extends Omit<IndicatorMeasurement, 'records' | 'population'> {
  /** How many records the caller's numerator lists. */
  records: number;
  /** How many units of the denominator the caller may see; null when the denominator is not a set of records. */
  population: number | null;
}

/**
 * The records behind an indicator's numerator or denominator for a year, as the caller
 * may see them (row-level security), optionally of one department.
 */
export async function drillDownIndicator(
  db: Database,
  actor: Actor,
  code: string,
  indicatorCode: string,
  q: { year: number; side: 'numerator' | 'denominator'; department?: string | undefined },
): Promise<DrillDown> {
  const m = await measureIndicator(db, actor, code, indicatorCode, q.year);
  const inDepartment = (r: BoundRecord): boolean => q.department === undefined || r.departmentCode === q.department;
  const available = q.side === 'numerator' || m.population !== null;
  const records = q.side === 'numerator' ? m.records.filter(inDepartment).map((r) => ({ ...r, counted: true })) : (m.population ?? []).filter(inDepartment);
  return {
    policy: code,
    indicator: indicatorCode,
    name: m.name,
    year: q.year,
    unit: m.unit,
    side: q.side,
    value: m.value,
    numerator: m.numerator,
    denominator: m.denominator,
    scope: { scoped: m.scope.scoped, regionCode: m.scope.regionCode, numerator: m.scope.numerator, denominator: m.scope.denominator },
    available,
    note: available ? m.note : 'The denominator is not a set of records: see the description.',
    description: m.description,
    records,
  };
}

/** Every bound indicator of the policy that the stored matrix has, measured for a year. */
export async function measurePolicy(db: Database, actor: Actor, code: string, year: number): Promise<IndicatorMeasurement[]> {
  return measureWithRecords(db, actor, code, 'present', year);
}

/**
 * `measurePolicy` without building the records: the same figures, scope and stored
 * values, with how many records and population units the caller may see. For what prints
 * or stores counts only (`veta policy measure`); the drill-down keeps `measureIndicator`.
 */
export async function measurePolicyCounts(db: Database, actor: Actor, code: string, year: number): Promise<IndicatorCount[]> {
  const { measured, seesAll } = await measureIndicators(db, actor, code, 'present', year, countBinding);
  return measured.map((o) => ({ ...figures(code, year, actor, seesAll, o), records: o.result.records, population: o.result.population }));
}

export interface UnboundIndicator {
  code: string;
  name: string;
  reason: string;
}

/** The indicators of the stored policy that no binding measures, with the reason. */
export async function unboundIndicators(db: Database, actor: Actor, code: string): Promise<UnboundIndicator[]> {
  return withActor(db, actor, async (tx) => {
    const policy = await requirePolicy(tx, code);
    const all = await policyIndicatorCodes(tx, policy.id);
    return all.filter((i) => !bindingFor(code, i.code)).map((i) => ({ code: i.code, name: i.name, reason: unboundReason(code, i.code)! }));
  });
}

/**
 * Stores measured national values as values of the year (source `Veta records`, dated
 * today, audited one by one). ND measurements and values already stored as they are
 * measured are skipped. Returns the codes stored.
 */
export async function storeMeasurements(
  db: Database,
  actor: Actor,
  code: string,
  measurements: readonly Pick<IndicatorMeasurement, 'indicator' | 'year' | 'value'>[],
  today = peruToday(),
): Promise<string[]> {
  assertPolicyWriter(actor);
  return withActor(db, actor, async (tx) => {
    const policy = await requirePolicy(tx, code);
    const stored: string[] = [];
    for (const m of measurements) {
      if (m.value === null) continue;
      const indicator = await requireIndicator(tx, policy, m.indicator);
      const current = await currentValue(tx, indicator.id, m.year);
      if (current?.value === m.value && current.source === MEASURED_SOURCE) continue;
      await recordValueIn(tx, actor, policy, indicator, { year: m.year, value: m.value, source: MEASURED_SOURCE, date: today, enteredBy: actor.username });
      stored.push(m.indicator);
    }
    return stored;
  });
}

/**
 * National measurements of a year, cached while the data has not changed. Every write
 * appends to the audit log in its transaction, so the head of the audit chain is a
 * version of the whole database (as for the public cache): the report built from records
 * measures once per version of the data, not once per request. The head is read in the
 * same transaction (and snapshot) as the measurements it keys. The aggregates are also
 * stored (monitoring_measured_cache, migration 0020) so that a restarted server does not
 * measure again data that has not changed.
 */
const MEASURED_CACHE_ENTRIES = 32;
const measuredCache = new Map<string, Promise<Map<string, StoredMeasurement>>>();

async function measuredNationally(db: Database, code: string, year: number, indicatorCodes: readonly string[]): Promise<Map<string, StoredMeasurement>> {
  const bound = indicatorCodes.filter((c) => bindingFor(code, c) !== null);
  return withActor(db, NATIONAL_READER, async (tx) => {
    const { rows } = await tx.query<{ head: string }>('SELECT veta_audit_head()::text AS head');
    const key = `${code}|${year}|${bound.join(',')}|${rows[0]?.head ?? ''}`;
    const cached = measuredCache.get(key);
    if (cached) {
      measuredCache.delete(key); // most recently used last
      measuredCache.set(key, cached);
      return cached;
    }
    const head = rows[0]?.head ?? '';
    const pending = (async () => {
      const stored = await storedMeasurements(tx, code, year, bound, head);
      if (stored) return stored;
      // aggregates only: the records are never shown, so they are not built
      const out = new Map<string, StoredMeasurement>();
      for (const c of bound) out.set(c, await countBinding(bindingFor(code, c)!, tx, year));
      await storeMeasured(tx, code, year, bound, head, out);
      return out;
    })();
    measuredCache.set(key, pending);
    pending.catch(() => measuredCache.delete(key));
    while (measuredCache.size > MEASURED_CACHE_ENTRIES) measuredCache.delete(measuredCache.keys().next().value!);
    return pending;
  });
}

type StoredMeasurement = Pick<BindingCount, 'value' | 'numerator' | 'denominator' | 'availability' | 'note'>;

/** The measurements stored for this version of the data, if any (aggregates: no records). */
async function storedMeasurements(
  tx: Queryable,
  code: string,
  year: number,
  bound: readonly string[],
  head: string,
): Promise<Map<string, StoredMeasurement> | null> {
  const { rows } = await tx.query<{ results: Record<string, StoredMeasurement> | string }>(
    'SELECT results FROM monitoring_measured_cache WHERE policy_code = $1 AND year = $2 AND indicators = $3 AND data_version = $4',
    [code, year, bound.join(','), head],
  );
  const raw = rows[0]?.results;
  if (raw === undefined) return null;
  const results = typeof raw === 'string' ? (JSON.parse(raw) as Record<string, StoredMeasurement>) : raw;
  return new Map(bound.filter((c) => results[c] !== undefined).map((c) => [c, results[c]!]));
}

async function storeMeasured(
  tx: Queryable,
  code: string,
  year: number,
  bound: readonly string[],
  head: string,
  out: Map<string, StoredMeasurement>,
): Promise<void> {
  const results = Object.fromEntries(
    [...out].map(([c, m]) => [c, { value: m.value, numerator: m.numerator, denominator: m.denominator, availability: m.availability, note: m.note }]),
  );
  await tx.query(
    `INSERT INTO monitoring_measured_cache (policy_code, year, indicators, data_version, results) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (policy_code, year, indicators) DO UPDATE SET data_version = excluded.data_version, results = excluded.results, measured_at = now()`,
    [code, year, bound.join(','), head, JSON.stringify(results)],
  );
}

/**
 * The matrix with the values of year Y of its bound indicators replaced by the national
 * values measured from Veta's records (source `Veta records`), and the comparison with
 * what the matrix said. Measured as the national reader (aggregates only, no records), so
 * that the public report can be built from records. Unavailable measurements keep the
 * matrix's value.
 */
export async function withMeasuredValues(
  db: Database,
  code: string,
  matrix: PolicyMatrix,
  year: number,
): Promise<{ matrix: PolicyMatrix; comparisons: MeasuredComparison[] }> {
  const rows = matrix.rows.filter(isIndicatorRow);
  const comparisons: MeasuredComparison[] = [];
  const measured = await measuredNationally(
    db,
    code,
    year,
    rows.map((r) => r.code),
  );
  const out: PolicyMatrix = {
    ...matrix,
    rows: matrix.rows.map((row) => {
      const m = isIndicatorRow(row) ? measured.get(row.code) : undefined;
      if (!m || !isIndicatorRow(row)) return row;
      const binding = bindingFor(code, row.code)!;
      const typed = row.values[String(year)]?.value;
      comparisons.push({
        code: row.code,
        unit: binding.unit ?? 'percent',
        matrix: typed,
        measured: m.value,
        differs: typed !== undefined && (typed === null || m.value === null ? typed !== m.value : Math.abs(typed - m.value) > 0.05),
        description: binding.description,
      });
      if (m.availability === 'unavailable') return row;
      return { ...row, values: { ...row.values, [String(year)]: { value: m.value, source: MEASURED_SOURCE } } };
    }),
  };
  return { matrix: out, comparisons };
}
