import { withActor, type Actor, type Role } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db.ts';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { peruToday } from '../../../platform/time.ts';
import type { BindingResult, BoundRecord, IndicatorUnit, RegionFigure } from './binding.contract.ts';
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
}

/**
 * Measures a bound indicator for a year: the national value (computed as a national
 * reader), and the records behind it as the caller may see them — a regional official
 * gets their region's records and counts only, and the scope says so.
 */
export async function measureIndicator(db: Database, actor: Actor, code: string, indicatorCode: string, year: number): Promise<IndicatorMeasurement> {
  if (!MAY_MEASURE.includes(actor.role))
    throw new ForbiddenError('policy.measure.forbidden', `The role ${actor.role} may not measure indicators.`, { role: actor.role });
  const binding = bindingFor(code, indicatorCode);
  const own = await withActor(db, actor, async (tx) => {
    const policy = await requirePolicy(tx, code);
    const indicator = await requireIndicator(tx, policy, indicatorCode);
    if (!binding) throw NotFoundError.of(`A binding of ${indicatorCode} to Veta's records`, 'policy.binding.not_found', { indicator: indicatorCode });
    return { indicator, stored: await currentValue(tx, indicator.id, year), result: await binding.compute(tx, year) };
  });
  const seesAll = SEES_EVERY_REGION.includes(actor.role);
  const national = seesAll || !binding ? own.result : await withActor(db, NATIONAL_READER, (tx) => binding.compute(tx, year));
  const region = seesAll ? null : actor.region;
  return {
    policy: code,
    indicator: indicatorCode,
    name: own.indicator.name,
    year,
    description: binding?.description ?? '',
    value: national.value,
    unit: binding?.unit ?? 'percent',
    numerator: national.numerator,
    denominator: national.denominator,
    regions: national.regions ?? [],
    availability: national.availability,
    note: national.note,
    stored: own.stored,
    scope: {
      scoped: !seesAll,
      regionCode: region,
      value: own.result.value,
      numerator: own.result.numerator,
      denominator: own.result.denominator,
      note: seesAll
        ? 'All regions: the records behind the national value.'
        : `Only region ${region ?? '?'}: the records and counts you may see; value, numerator and denominator above are national.`,
    },
    records: own.result.records,
  };
}

/** Every bound indicator of the policy that the stored matrix has, measured for a year. */
export async function measurePolicy(db: Database, actor: Actor, code: string, year: number): Promise<IndicatorMeasurement[]> {
  const present = await withActor(db, actor, async (tx) => {
    const policy = await requirePolicy(tx, code);
    const codes: string[] = [];
    for (const [c] of boundIndicators(code)) if (await findIndicator(tx, policy.id, c)) codes.push(c);
    return codes;
  });
  const out: IndicatorMeasurement[] = [];
  for (const c of present) out.push(await measureIndicator(db, actor, code, c, year));
  return out;
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
  measurements: readonly IndicatorMeasurement[],
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
  const measured = new Map<string, BindingResult>();
  await withActor(db, NATIONAL_READER, async (tx) => {
    for (const row of rows) {
      const binding = bindingFor(code, row.code);
      if (binding) measured.set(row.code, await binding.compute(tx, year));
    }
  });
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
