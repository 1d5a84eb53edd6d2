/**
 * Pure rules of the policy's services: who counts as "con capacidades", when a
 * laboratory analysis is "oportuno", the accident index, Hg:Au ratios and the random
 * sample of approved IGAFOMs. No SQL, no clock, no I/O.
 */
// @ts-nocheck


/** The policy services whose deliveries are trainings or advice events, and what each is. */
export const EVENT_KINDS = ['training', 'technical_assistance', 'labour_advice', 'business_advice'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const DELIVERY_KINDS = ['lab_analysis', 'fondo_minero', 'credit'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export const TECHNOLOGIES = [
  'whole_ore_amalgamation',
  'concentrate_amalgamation',
  'amalgamation_with_retort',
  'gravimetric',
  'cyanidation',
  'mercury_free',
] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

/** Technologies that use mercury (Minamata Convention, art. 7 and annex C: amalgamation). */
export const USES_MERCURY: Readonly<Record<Technology, boolean>> = {
  whole_ore_amalgamation: true,
  concentrate_amalgamation: true,
  amalgamation_with_retort: true,
  gravimetric: false,
  cyanidation: false,
  mercury_free: false,
};

/**
 * The service each delivery kind serves by default (PNMPMMA-2030, seed 002): the service
 * code a delivery names may be any SS.* of the stored policy; these are the defaults.
 */
export const DEFAULT_SERVICE: Readonly<Record<EventKind | DeliveryKind, string>> = {
  training: 'SS.01.06.01',
  technical_assistance: 'SS.02.01.01',
  labour_advice: 'SS.01.05.01',
  business_advice: 'SS.01.04.01',
  lab_analysis: 'SS.02.05.02',
  fondo_minero: 'SS.02.05.01',
  credit: 'SS.02.02.01',
};

export interface ParticipantResult {
  attended: boolean;
  passed: boolean;
}

/**
 * "Con capacidades" — the rule the service indicators (ISS.01.01.01.01, ISS.01.03.01.01,
 * ISS.01.06.01.01, ISS.01.06.02.01, ISS.02.03.01.01, ISS.02.04.01.01, IOP.04.01) count by:
 * a participant has the capacities of a training when they attended it **and passed its
 * evaluation** (APROBO = SI on the attendance list). Attending without passing gives
 * access to the service (ISS.01.05.01.01, ISS.02.01.01.01 count access), not capacities.
 * Source: the indicators' wording in the PNMPMMA-2030 follow-up table (seed 002, "con
 * capacidades"); the evaluation at the end of the training is the evidence recorded.
 */
export function hasCapacities(p: ParticipantResult): boolean {
  return p.attended && p.passed;
}

/** Access to a service: attended the event (with or without passing). */
export function hadAccess(p: ParticipantResult): boolean {
  return p.attended;
}

/** Whole days from one ISO date to another (UTC calendar arithmetic). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * "Acceso oportuno" to the laboratory service (ISS.02.05.02.01): the results were
 * delivered no later than `standardDays` calendar days after the sample was received
 * (the service standard the laboratory publishes). An analysis not yet delivered is not
 * oportuno.
 */
export function isTimely(requestedOn: string, deliveredOn: string | null, standardDays: number): boolean {
  return deliveredOn !== null && deliveredOn >= requestedOn && daysBetween(requestedOn, deliveredOn) <= standardDays;
}

export interface AccidentTotals {
  accidents: number;
  daysLost: number;
  hoursWorked: number;
}

/**
 * Accident index (índice de accidentabilidad, IOP.01.02), as the mining safety regulation
 * defines it (D.S. 024-2016-EM, Reglamento de Seguridad y Salud Ocupacional en Minería, definitions):
 * IF = accidents × 1,000,000 / hours worked, IS = days lost × 1,000,000 / hours worked,
 * IA = IF × IS / 1,000. Rounded to two decimals; null (ND) without hours worked.
 */
export function accidentIndex(t: AccidentTotals): { frequency: number; severity: number; index: number } | null {
  if (t.hoursWorked <= 0) return null;
  const frequency = (t.accidents * 1_000_000) / t.hoursWorked;
  const severity = (t.daysLost * 1_000_000) / t.hoursWorked;
  return { frequency: round2(frequency), severity: round2(severity), index: round2((frequency * severity) / 1000) };
}

/**
 * Hg:Au ratio: kilograms of mercury used per kilogram of gold produced (UNEP's
 * Minamata national action plan baseline metric). Null without gold produced.
 */
export function mercuryGoldRatio(mercuryUsedKg: number, goldG: number): number | null {
  if (goldG <= 0) return null;
  return Math.round((mercuryUsedKg / (goldG / 1000)) * 1000) / 1000;
}

/** mulberry32: a small, well-known 32-bit PRNG; the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const SAMPLE_METHOD =
  'Simple random sample without replacement: the approved IGAFOMs (expediente ids) sorted ascending, ' +
  'shuffled by Fisher–Yates with the mulberry32 generator started at the printed seed; the first n are reviewed. ' +
  'n = max(1, ceil(10 % of the population)) unless given.';

/** The default sample size: 10 % of the approved IGAFOMs, at least one. */
export function defaultSampleSize(population: number): number {
  return population === 0 ? 0 : Math.max(1, Math.ceil(population * 0.1));
}

/**
 * The reproducible sample of the random IGAFOM review (SS.04.02.01): {@link SAMPLE_METHOD}.
 * The same population (in any order) and seed always give the same sample.
 */
export function seededSample(population: readonly number[], seed: number, size: number): number[] {
  const ids = [...new Set(population)].sort((a, b) => a - b);
  const random = mulberry32(seed);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, Math.min(size, ids.length));
}

/** Share of the sample found compliant, percent with two decimals (null for an empty review). */
export function compliantShare(findings: readonly { compliant: boolean }[]): number | null {
  if (findings.length === 0) return null;
  return round2((findings.filter((f) => f.compliant).length / findings.length) * 100);
}

/** Age bands of the disaggregation (INEI's). */
export function ageBand(age: number | null): string | null {
  if (age === null) return null;
  if (age < 18) return '<18';
  if (age < 30) return '18-29';
  if (age < 45) return '30-44';
  if (age < 60) return '45-59';
  return '60+';
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
