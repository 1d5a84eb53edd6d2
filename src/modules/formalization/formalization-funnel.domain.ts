/**
 * The formalization funnel (inscribed → each requirement approved → formalized)
 * by month, per region and nationally, and a generic cross-tab for typologies.
 * Months are Peruvian calendar months 'YYYY-MM'.
 */
import { toPeruDate } from '../../kernel/peru-date.ts';
import { REQUIREMENT_CODES, type RequirementCode } from './formalization.schema.ts';
import type { ExpedienteState } from './formalization-state.schema.ts';

export type Milestone = 'inscribed' | `${RequirementCode}_approved` | 'formalized';

/** Funnel order of the milestones. */
export const MILESTONES: readonly Milestone[] = ['inscribed', ...REQUIREMENT_CODES.map((code): Milestone => `${code}_approved`), 'formalized'];

export const NATIONAL_SCOPE = 'national';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The milestones an expediente reached and the month of each: the REINFO
 * inscription date (or the opening, if unknown), each approval, formalization.
 */
export function milestonesOf(state: ExpedienteState): { milestone: Milestone; month: string }[] {
  const reached: { milestone: Milestone; month: string }[] = [];
  const inscribedOn = state.inscribedOn ?? (state.openedAt ? toPeruDate(state.openedAt) : undefined);
  if (inscribedOn) reached.push({ milestone: 'inscribed', month: inscribedOn.slice(0, 7) });
  for (const code of REQUIREMENT_CODES) {
    const decision = state.requirements[code].decision;
    if (decision?.outcome === 'approved') {
      reached.push({ milestone: `${code}_approved`, month: toPeruDate(decision.at).slice(0, 7) });
    }
  }
  if (state.formalizedAt) reached.push({ milestone: 'formalized', month: toPeruDate(state.formalizedAt).slice(0, 7) });
  return reached;
}

export type FunnelRow = {
  /** A region code, or 'national'. */
  readonly scope: string;
  readonly month: string;
  readonly milestone: Milestone;
  /** Expedientes reaching the milestone in that month. */
  readonly count: number;
  /** Expedientes that reached it up to and including that month. */
  readonly cumulative: number;
};

/** Funnel counts per month, per region and nationally; sorted by scope, milestone, month. */
export function funnelByMonth(entries: readonly { region: string; state: ExpedienteState }[]): FunnelRow[] {
  const counts = new Map<string, { scope: string; month: string; milestone: Milestone; count: number }>();
  for (const { region, state } of entries) {
    for (const { milestone, month } of milestonesOf(state)) {
      for (const scope of [region, NATIONAL_SCOPE]) {
        const key = `${scope}\u0000${milestone}\u0000${month}`;
        const row = counts.get(key) ?? { scope, month, milestone, count: 0 };
        row.count += 1;
        counts.set(key, row);
      }
    }
  }
  const order = (m: Milestone): number => MILESTONES.indexOf(m);
  // Regions alphabetically, the national total last.
  const scopeKey = (scope: string): string => (scope === NATIONAL_SCOPE ? '\uffff' : scope);
  const rows = [...counts.values()].sort(
    (a, b) => byText(scopeKey(a.scope), scopeKey(b.scope)) || order(a.milestone) - order(b.milestone) || byText(a.month, b.month),
  );
  const running = new Map<string, number>();
  return rows.map((row) => {
    const key = `${row.scope}\u0000${row.milestone}`;
    const cumulative = (running.get(key) ?? 0) + row.count;
    running.set(key, cumulative);
    return { ...row, cumulative };
  });
}

type CrossTab = {
  readonly rows: string[];
  readonly columns: string[];
  readonly cells: { row: string; column: string; count: number }[];
};

/**
 * Counts of items by two keys (e.g. stage × stratum, access mode × region), keys sorted.
 * With `weight`, each item counts as that many (an item standing for several, counted).
 */
export function crossTab<T>(items: readonly T[], rowKey: (item: T) => string, columnKey: (item: T) => string, weight?: (item: T) => number): CrossTab {
  const counts = new Map<string, { row: string; column: string; count: number }>();
  const rows = new Set<string>();
  const columns = new Set<string>();
  for (const item of items) {
    const row = rowKey(item);
    const column = columnKey(item);
    rows.add(row);
    columns.add(column);
    const key = `${row}\u0000${column}`;
    const cell = counts.get(key) ?? { row, column, count: 0 };
    cell.count += weight ? weight(item) : 1;
    counts.set(key, cell);
  }
  return {
    rows: [...rows].sort(byText),
    columns: [...columns].sort(byText),
    cells: [...counts.values()].sort((a, b) => byText(a.row, b.row) || byText(a.column, b.column)),
  };
}
