import type { Queryable } from '../../platform/db.ts';

/** The shape of an indicator binding (see indicator-bindings.ts) and its arithmetic. */

/** A record counted in the numerator; labels never carry a DNI or a RUC. */
export interface BoundRecord {
  kind: 'inscription';
  id: number;
  label: string;
  departmentCode: string | null;
}

export interface BindingResult {
  /** Percent, rounded to two decimals as the official tables print; null (ND) without population or source. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** One record per unit counted in the numerator. */
  records: BoundRecord[];
  /** `partial`: measured without some of its sources; `unavailable`: the sources are missing. */
  availability: 'complete' | 'partial' | 'unavailable';
  /** Why it is partial or unavailable. */
  note: string | null;
}

export interface IndicatorBinding {
  /** The exact definition: population, numerator, cut-off date, sources. */
  description: string;
  compute(tx: Queryable, year: number): Promise<BindingResult>;
}

/** numerator / denominator × 100, two decimals; ND without a population. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 100;
}
