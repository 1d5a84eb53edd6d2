// @ts-nocheck
import type { PolicySummary } from './types.ts';

export const DEFAULT_POLICY = 'PNMPMMA-2030';

/** The policy shown by default and its latest year with values (targets of the same year, as the CLI). */
export function defaultPolicy(policies: readonly PolicySummary[]): { code: string; year: number } | null {
  const p = policies.find((x) => x.code === DEFAULT_POLICY) ?? policies[0];
  if (!p) return null;
  const year = p.valueYears.length ? Math.max(...p.valueYears) : new Date().getFullYear();
  return { code: p.code, year };
}
