/** Stored project rows as the API shows them: every flow with its USD value at its year's rate. Pure. */
// @ts-nocheck

import { toUsd, type UsdRate } from './cooperation.domain.ts';
import type { Project } from './cooperation.schema.ts';
import type { ProjectRow } from './cooperation.queries.ts';

export function withUsd(row: ProjectRow, rates: readonly UsdRate[]): Project {
  return { ...row, flows: row.flows.map((f) => ({ ...f, usd: toUsd(rates, f.amount, f.currency, f.year) })) };
}

/** Whole-life budget and disbursements in USD (flows without a rate count 0). */
export function budgetTotals(flows: Project['flows']): { budgetUsd: number; disbursedUsd: number } {
  let budgetUsd = 0;
  let disbursedUsd = 0;
  for (const f of flows) {
    if (f.kind === 'budget') budgetUsd += f.usd ?? 0;
    if (f.kind === 'disbursement') disbursedUsd += f.usd ?? 0;
  }
  return { budgetUsd: Math.round(budgetUsd * 100) / 100, disbursedUsd: Math.round(disbursedUsd * 100) / 100 };
}
