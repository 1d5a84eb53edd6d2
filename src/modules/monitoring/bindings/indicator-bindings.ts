import type { IndicatorBinding } from './binding.contract.ts';
import { MAPE_BINDINGS } from './indicator-bindings.mape.ts';
import { SERVICE_BINDINGS, UNBOUND_REASONS } from './indicator-bindings.services.ts';
import { DEFAULT_POLICY_CODE } from '../policy.catalog.ts';

export type { BindingResult, BoundRecord, IndicatorBinding, IndicatorUnit, RegionFigure } from './binding.contract.ts';

/**
 * Indicators measured from Veta's own records. A binding turns the records into the
 * indicator's value for a year, with the records behind the number (drill-down).
 *
 * `compute` runs in the caller's transaction, under the caller's row-level security: an
 * official who sees one region gets that region's records and counts; the service runs
 * it a second time as a national reader for the national value.
 *
 * To bind more indicators (traceability, services, surveys …), export a
 * `Record<indicatorCode, IndicatorBinding>` from the module that owns the records and
 * spread it into the policy's entry of INDICATOR_BINDINGS below.
 */

/** Bindings per policy code, then per indicator code. */
export const INDICATOR_BINDINGS: Readonly<Record<string, Readonly<Record<string, IndicatorBinding>>>> = {
  [DEFAULT_POLICY_CODE]: { ...MAPE_BINDINGS, ...SERVICE_BINDINGS },
};

export function bindingFor(policyCode: string, indicatorCode: string): IndicatorBinding | null {
  return INDICATOR_BINDINGS[policyCode]?.[indicatorCode] ?? null;
}

/** The bound indicators of a policy, by code. */
export function boundIndicators(policyCode: string): [string, IndicatorBinding][] {
  return Object.entries(INDICATOR_BINDINGS[policyCode] ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

/** Why an indicator of the policy is not measured from the records (null when it is bound, or unknown). */
export function unboundReason(policyCode: string, indicatorCode: string): string | null {
  if (bindingFor(policyCode, indicatorCode)) return null;
  return (policyCode === DEFAULT_POLICY_CODE ? UNBOUND_REASONS[indicatorCode] : undefined) ?? 'No binding to Veta records has been written for this indicator.';
}
