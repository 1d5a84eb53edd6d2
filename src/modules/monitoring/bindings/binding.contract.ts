import type { Queryable } from '../../../platform/db.ts';

/** The shape of an indicator binding (see indicator-bindings.ts) and its arithmetic. */

/** A record counted in the numerator; labels never carry a DNI or a RUC. */
export const RECORD_KINDS = ['inscription', 'participant', 'delivery', 'district', 'region', 'dialogue', 'official', 'accident', 'workforce'] as const;

export interface BoundRecord {
  kind: (typeof RECORD_KINDS)[number];
  id: number;
  label: string;
  departmentCode: string | null;
}

/** A unit of the denominator, and whether the numerator counts it. */
export interface PopulationRecord extends BoundRecord {
  counted: boolean;
}

/** One department's figures of a measurement (each counted unit is in exactly one department). */
export interface RegionFigure {
  code: string;
  value: number | null;
  numerator: number;
  denominator: number;
}

/** What the value is: a percentage, a count ("Número de …"), or an index with its own formula. */
export type IndicatorUnit = 'percent' | 'number' | 'index';

export interface BindingResult {
  /** Percent (or the count, or the index: see the binding's unit), two decimals as the official tables print; null (ND) without population or source. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** One record per unit counted in the numerator. */
  records: BoundRecord[];
  /**
   * One record per unit of the denominator (the population the share is of), when the
   * denominator is a set of records; absent when it is not (hours worked, a fixed count).
   */
  population?: PopulationRecord[];
  /** `partial`: measured without some of its sources; `unavailable`: the sources are missing. */
  availability: 'complete' | 'partial' | 'unavailable';
  /** Why it is partial or unavailable. */
  note: string | null;
  /** Per department (INEI code), when the binding breaks it down. */
  regions?: RegionFigure[];
}

/**
 * A measurement's figures without its records: what is printed or stored as counts. Every
 * figure equals the one of `compute` for the same transaction and year; `records` and
 * `population` are the lengths of its lists.
 */
export interface BindingCount extends Omit<BindingResult, 'records' | 'population'> {
  /** How many records the numerator lists. */
  records: number;
  /** How many units the denominator lists; null when the denominator is not a set of records. */
  population: number | null;
}

export interface IndicatorBinding {
  /** The exact definition: population, numerator, cut-off date, sources. */
  description: string;
  /** Default: percent. */
  unit?: IndicatorUnit;
  compute(tx: Queryable, year: number): Promise<BindingResult>;
  /** The figures of `compute` without building its records (default: `compute`'s, counted). */
  count?(tx: Queryable, year: number): Promise<BindingCount>;
}

/** The counts of a measurement with records. */
export function countOf(result: BindingResult): BindingCount {
  const { records, population, ...figures } = result;
  return { ...figures, records: records.length, population: population === undefined ? null : population.length };
}

/** The binding's figures without its records: its own `count`, or its `compute` counted. */
export async function countBinding(binding: IndicatorBinding, tx: Queryable, year: number): Promise<BindingCount> {
  return binding.count ? binding.count(tx, year) : countOf(await binding.compute(tx, year));
}

/** numerator / denominator × 100, two decimals; ND without a population. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 100;
}

/** Per-department figures from (department, counted) pairs, as percentages. */
export function regionFigures(units: readonly { departmentCode: string | null; counted: boolean }[], value = percent): RegionFigure[] {
  const by = new Map<string, { numerator: number; denominator: number }>();
  for (const u of units) {
    const code = u.departmentCode ?? '00';
    const f = by.get(code) ?? { numerator: 0, denominator: 0 };
    f.denominator += 1;
    if (u.counted) f.numerator += 1;
    by.set(code, f);
  }
  return [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, f]) => ({ code, ...f, value: value(f.numerator, f.denominator) }));
}
