/**
 * International cooperation, pure rules: the vocabularies of seed 000 (strata and the
 * fourteen aspects of "Puntos de partida para la Cooperación"), IATI 2.03 code lists the
 * module reads and writes, currency conversion with a yearly rate table, and when a
 * project is active. No SQL, no I/O, no clock.
 */
// @ts-nocheck


/**
 * The strata a project serves: Law 27651's artisanal producer (PMA) and small producer (PPM),
 * informal miners, pallaqueras (women who hand-sort ore), and seed 000's non-metallic and
 * polymetallic small-scale mining ("han recibido todavía menos atención de la cooperación").
 */
export const STRATA = ['pma', 'ppm', 'informal', 'pallaqueras', 'non_metallic', 'polymetallic'] as const;
export type Stratum = (typeof STRATA)[number];

/** Seed 000, "Puntos de partida para la Cooperación": the fourteen aspects of small-scale mining's problems, in the seed's order. */
export const ASPECTS = [
  'technical',
  'productivity',
  'social_cultural',
  'gender_child_labour',
  'community',
  'organizational',
  'environmental',
  'health_safety',
  'legal',
  'formalization',
  'labour',
  'economic',
  'financing',
  'business_management',
] as const;
export type Aspect = (typeof ASPECTS)[number];

export const PROJECT_STATUSES = ['pipeline', 'implementation', 'finalisation', 'closed', 'cancelled', 'suspended'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const FLOW_KINDS = ['budget', 'commitment', 'disbursement', 'expenditure'] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

export const PARTNER_ROLES = ['funding', 'accountable', 'extending', 'implementing'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** IATI ActivityStatus codelist (1–6) ↔ Veta's status names. */
export const IATI_STATUS = {
  '1': 'pipeline',
  '2': 'implementation',
  '3': 'finalisation',
  '4': 'closed',
  '5': 'cancelled',
  '6': 'suspended',
} as const satisfies Record<string, ProjectStatus>;

export const iatiStatusCode = (status: ProjectStatus): string => Object.entries(IATI_STATUS).find(([, s]) => s === status)?.[0] ?? '2';

/** IATI OrganisationRole codelist: 1 funding, 2 accountable, 3 extending, 4 implementing. */
export const IATI_ORG_ROLE = { '1': 'funding', '2': 'accountable', '3': 'extending', '4': 'implementing' } as const satisfies Record<string, PartnerRole>;

export const iatiRoleCode = (role: PartnerRole): string => Object.entries(IATI_ORG_ROLE).find(([, r]) => r === role)?.[0] ?? '4';

/**
 * IATI TransactionType codelist, the money flows Veta counts: 2 outgoing commitment, 3
 * disbursement, 4 expenditure (1 incoming funds, 11 incoming commitment, 5–9 loans and
 * reimbursements are not the project's spending and are not stored). Also accepts the
 * 1.0x letter codes C, D, E.
 */
export const IATI_TRANSACTION_KIND: Readonly<Record<string, FlowKind>> = {
  '2': 'commitment',
  '3': 'disbursement',
  '4': 'expenditure',
  C: 'commitment',
  D: 'disbursement',
  E: 'expenditure',
};

export const iatiTransactionCode = (kind: Exclude<FlowKind, 'budget'>): string => ({ commitment: '2', disbursement: '3', expenditure: '4' })[kind];

/** DAC CRS purpose codes of the sector itself: 32210 mineral/mining policy and administrative management, 32220 mineral prospection and exploration. */
export const MINING_SECTORS = ['32210', '32220'] as const;

/** A yearly rate: USD per unit of `currency` in `year`. */
export interface UsdRate {
  currency: string;
  year: number;
  usdPerUnit: number;
}

/**
 * The rate that converts `currency` in `year`: that year's, else the nearest earlier
 * year's, else the nearest later year's; null when the table has none for the currency.
 * USD is always 1.
 */
export function rateFor(rates: readonly UsdRate[], currency: string, year: number): number | null {
  if (currency === 'USD') return 1;
  let before: UsdRate | null = null;
  let after: UsdRate | null = null;
  for (const r of rates) {
    if (r.currency !== currency) continue;
    if (r.year <= year && (!before || r.year > before.year)) before = r;
    if (r.year > year && (!after || r.year < after.year)) after = r;
  }
  return (before ?? after)?.usdPerUnit ?? null;
}

/** `amount` in USD, rounded to cents; null when no rate converts the currency. */
export function toUsd(rates: readonly UsdRate[], amount: number, currency: string, year: number): number | null {
  const rate = rateFor(rates, currency, year);
  return rate === null ? null : Math.round(amount * rate * 100) / 100;
}

export interface ActivityWindow {
  status: ProjectStatus;
  startDate: string | null;
  endDate: string | null;
}

/**
 * Whether a project is active in a calendar year: not in pipeline nor cancelled, started on
 * or before the year's end (or no start date given), and not ended before the year began.
 * A closed or suspended project counts for the years its dates cover (open-ended without an end date).
 */
export function isActiveIn(p: ActivityWindow, year: number): boolean {
  if (p.status === 'pipeline' || p.status === 'cancelled') return false;
  if (p.startDate && p.startDate > `${year}-12-31`) return false;
  if (p.endDate && p.endDate < `${year}-01-01`) return false;
  return true;
}

/**
 * The priority objective (OP) a policy code belongs to, by CEPLAN's numbering: OP.01 itself,
 * LN.01.02 and SS.01.02.03 (guideline and service of objective 01) → OP.01.
 */
export function objectiveOf(code: string): string | null {
  const m = /^(OP|LN|SS)\.(\d+)(\.\d+)*$/.exec(code);
  return m ? `OP.${m[2]}` : null;
}

/** The codes a project may reference: objectives, guidelines and services (not indicators). */
export const POLICY_CODE_PATTERN = /^(OP\.\d+|LN\.\d+\.\d+|SS\.\d+\.\d+\.\d+)$/;

/** The UBIGEO department (the first two digits) of a department, province or district code. */
export const departmentOf = (ubigeo: string): string => ubigeo.slice(0, 2);
