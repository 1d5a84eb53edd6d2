/**
 * The gap matrix of seed 000 ("Puntos de partida para la Cooperación" as a live table):
 * strata × the fourteen aspects, with the active projects and their budget in each cell
 * for a year, and the same projects by region, agency and policy objective. Pure.
 */
// @ts-nocheck

import {
  ASPECTS,
  isActiveIn,
  objectiveOf,
  STRATA,
  toUsd,
  type Aspect,
  type FlowKind,
  type ProjectStatus,
  type Stratum,
  type UsdRate,
} from './cooperation.domain.ts';

export interface AnalysisFlow {
  kind: FlowKind;
  year: number;
  currency: string;
  amount: number;
}

export interface AnalysisProject {
  id: number;
  status: ProjectStatus;
  startDate: string | null;
  endDate: string | null;
  agencyCode: string | null;
  /** UBIGEO departments (two digits) the project works in. */
  departments: readonly string[];
  strata: readonly Stratum[];
  aspects: readonly Aspect[];
  policyCodes: readonly string[];
  flows: readonly AnalysisFlow[];
}

export interface MatrixFilter {
  year: number;
  region?: string | undefined;
  agency?: string | undefined;
  /** OP.01…: projects supporting the objective, one of its guidelines or services. */
  objective?: string | undefined;
}

export interface Cell {
  projects: number;
  budgetUsd: number;
}

export interface Breakdown extends Cell {
  key: string;
}

export interface MatrixResult {
  cells: Record<Stratum, Record<Aspect, Cell>>;
  gaps: number;
  activeProjects: number;
  unclassified: number;
  byRegion: Breakdown[];
  byAgency: Breakdown[];
  byObjective: Breakdown[];
}

/** A project's budget for `year` in USD: its budget lines of that year, converted at that year's rate (unconvertible lines count 0). */
export function budgetUsd(p: Pick<AnalysisProject, 'flows'>, rates: readonly UsdRate[], year: number): number {
  let sum = 0;
  for (const f of p.flows) if (f.kind === 'budget' && f.year === year) sum += toUsd(rates, f.amount, f.currency, f.year) ?? 0;
  return Math.round(sum * 100) / 100;
}

/** The projects the matrix counts: active in the year and matching the region, agency and objective asked for. */
export function selectProjects(projects: readonly AnalysisProject[], f: MatrixFilter): AnalysisProject[] {
  return projects.filter(
    (p) =>
      isActiveIn(p, f.year) &&
      (!f.region || p.departments.includes(f.region)) &&
      (!f.agency || p.agencyCode === f.agency) &&
      (!f.objective || p.policyCodes.some((c) => objectiveOf(c) === f.objective)),
  );
}

const round = (n: number): number => Math.round(n * 100) / 100;

function breakdown(selected: readonly AnalysisProject[], budgets: Map<number, number>, keys: (p: AnalysisProject) => readonly string[]): Breakdown[] {
  const by = new Map<string, Cell>();
  for (const p of selected) {
    for (const key of new Set(keys(p))) {
      const c = by.get(key) ?? { projects: 0, budgetUsd: 0 };
      c.projects += 1;
      c.budgetUsd = round(c.budgetUsd + (budgets.get(p.id) ?? 0));
      by.set(key, c);
    }
  }
  return [...by.entries()].map(([key, c]) => ({ key, ...c })).sort((a, b) => b.budgetUsd - a.budgetUsd || a.key.localeCompare(b.key));
}

/**
 * The matrix: a project counts once in every cell of a stratum it serves × an aspect it
 * addresses, with its whole budget of the year (cells overlap and do not add up to the
 * total); a cell without projects is a gap. Projects that name no stratum or no aspect are
 * counted as `unclassified`, in no cell. The breakdowns count each project once per
 * region, agency ("none" when unknown) and objective it has.
 */
export function gapMatrix(projects: readonly AnalysisProject[], rates: readonly UsdRate[], f: MatrixFilter): MatrixResult {
  const selected = selectProjects(projects, f);
  const budgets = new Map(selected.map((p) => [p.id, budgetUsd(p, rates, f.year)]));
  const cells = Object.fromEntries(STRATA.map((s) => [s, Object.fromEntries(ASPECTS.map((a) => [a, { projects: 0, budgetUsd: 0 }]))])) as Record<
    Stratum,
    Record<Aspect, Cell>
  >;
  let unclassified = 0;
  for (const p of selected) {
    if (p.strata.length === 0 || p.aspects.length === 0) unclassified += 1;
    for (const s of new Set(p.strata)) {
      for (const a of new Set(p.aspects)) {
        const c = cells[s][a];
        c.projects += 1;
        c.budgetUsd = round(c.budgetUsd + (budgets.get(p.id) ?? 0));
      }
    }
  }
  let gaps = 0;
  for (const s of STRATA) for (const a of ASPECTS) if (cells[s][a].projects === 0) gaps += 1;
  return {
    cells,
    gaps,
    activeProjects: selected.length,
    unclassified,
    byRegion: breakdown(selected, budgets, (p) => p.departments),
    byAgency: breakdown(selected, budgets, (p) => [p.agencyCode ?? 'none']),
    byObjective: breakdown(selected, budgets, (p) => p.policyCodes.map(objectiveOf).filter((c): c is string => c !== null)),
  };
}

export interface OdaRow {
  agencyCode: string;
  year: number;
  disbursedUsd: number;
  committedUsd: number;
}

/** Disbursements and commitments in USD by agency and year (each at its year's rate), sorted by year then agency. */
export function odaByAgency(projects: readonly AnalysisProject[], rates: readonly UsdRate[]): OdaRow[] {
  const by = new Map<string, OdaRow>();
  for (const p of projects) {
    const agencyCode = p.agencyCode ?? 'none';
    for (const fl of p.flows) {
      if (fl.kind !== 'disbursement' && fl.kind !== 'commitment') continue;
      const key = `${agencyCode}|${fl.year}`;
      const row = by.get(key) ?? { agencyCode, year: fl.year, disbursedUsd: 0, committedUsd: 0 };
      const usd = toUsd(rates, fl.amount, fl.currency, fl.year) ?? 0;
      if (fl.kind === 'disbursement') row.disbursedUsd = round(row.disbursedUsd + usd);
      else row.committedUsd = round(row.committedUsd + usd);
      by.set(key, row);
    }
  }
  return [...by.values()].sort((a, b) => a.year - b.year || a.agencyCode.localeCompare(b.agencyCode));
}
