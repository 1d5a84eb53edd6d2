/**
 * Where informal miners work: each mining front classified by the concessions it lies
 * in and what they declared in their DAC — PERCAN's table "Situación de las Áreas donde
 * se ubican los Mineros Informales" (seed 004) — and the audit of a published table.
 * Pure: no SQL, no I/O.
 */
// @ts-nocheck

import { nameKey } from '../../platform/text.ts';
import type { RightKind } from './cadastre.domain.ts';

/** What a DAC can declare (the DAC form's "situación" of the right in the year). */
export const DAC_SITUATIONS = ['CONSTRUCCION', 'EXPLORACION', 'EXPLOTACION', 'PARALIZADA', 'SIN_ACTIVIDAD'] as const;
export type DacSituation = (typeof DAC_SITUATIONS)[number];

/** The eight situations, in the order the table lists them. */
export const SITUATIONS = ['LIBRE', ...DAC_SITUATIONS, 'SIN_DAC', 'ATIPICA'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** "Sin actividad", "SIN ACTIVIDAD", "Explotación" → the DAC situation, or null. */
export function dacSituationOf(raw: string): DacSituation | null {
  const k = nameKey(raw).replace(/ /g, '_');
  return (DAC_SITUATIONS as readonly string[]).includes(k) ? (k as DacSituation) : null;
}

/** A right the front lies in: its kind in the year (legal state history), and its DAC of the year. */
export interface ContainingRight {
  /** null: a right the cadastre never described (created by a REINFO list): taken as the concession the miner declared. */
  kind: RightKind | null;
  /** null: no DAC row for the year. `presented` without a situation (yes/no records before the DAC import): no declared situation. */
  dac: { status: 'presented' | 'not_presented'; situation: DacSituation | null } | null;
}

/**
 * The situation of one front in a year, exactly one of eight:
 * - LIBRE: it lies in no mining right — free land, open to a petition of its own
 *   (TUO de la Ley General de Minería, D.S. 014-92-EM, arts. 9–10, 117);
 * - ATIPICA: it lies in more than one right, or in one that is not a titled mining
 *   concession (a petition in process, an extinguished right, a quarry, a processing
 *   plant): no single holder can grant the cession or exploitation contract the
 *   formalization requires (D.L. 1105 art. 4; D.S. 018-2017-EM; policy LN.03.02);
 * - otherwise the DAC the concession filed for the year (the Declaración Anual
 *   Consolidada every holder files, D.S. 014-92-EM art. 50 and D.S. 03-94-EM):
 *   CONSTRUCCION, EXPLORACION, EXPLOTACION, PARALIZADA or SIN_ACTIVIDAD as declared;
 * - SIN_DAC: the concession filed no DAC that year (no row, a row `not_presented`, or
 *   one with no declared situation).
 */
export function classifyFront(containing: readonly ContainingRight[]): Situation {
  if (containing.length === 0) return 'LIBRE';
  if (containing.length > 1) return 'ATIPICA';
  const right = containing[0]!;
  if (right.kind !== null && right.kind !== 'titled') return 'ATIPICA';
  if (right.dac === null || right.dac.status !== 'presented' || right.dac.situation === null) return 'SIN_DAC';
  return right.dac.situation;
}

/** 100·cases/total rounded to one decimal (0 when the total is 0). */
export const percentOf = (cases: number, total: number): number => (total === 0 ? 0 : Math.round((1000 * cases) / total) / 10);

export interface SituationRow {
  situation: Situation;
  cases: number;
  percent: number;
}

/** All eight rows in order, with zero rows kept. */
export function tabulate(situations: readonly Situation[]): { total: number; rows: SituationRow[] } {
  const counts = new Map<Situation, number>(SITUATIONS.map((s) => [s, 0]));
  for (const s of situations) counts.set(s, counts.get(s)! + 1);
  const total = situations.length;
  return { total, rows: SITUATIONS.map((situation) => ({ situation, cases: counts.get(situation)!, percent: percentOf(counts.get(situation)!, total) })) };
}

export interface PublishedRow {
  situation: string;
  percent: number | null;
  cases: number | null;
}

export interface SituationDiscrepancy {
  situation: string;
  field: 'percent' | 'cases' | 'total';
  published: number | null;
  recomputed: number;
  reason: string;
}

const fmt1 = (n: number): string => n.toLocaleString('es-PE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The audit of a published table, as the policy report's matrix is audited: each row
 * whose percent is not what its cases give over the table's total (beyond the display
 * rounding of 0.05), and a total its cases do not add up to, each with the recomputed
 * value. The published total is the TOTAL row when there is one, else the sum of cases.
 */
export function auditPublished(published: readonly PublishedRow[]): SituationDiscrepancy[] {
  const isTotal = (r: PublishedRow): boolean => nameKey(r.situation) === 'TOTAL';
  const body = published.filter((r) => !isTotal(r));
  const sum = body.reduce((s, r) => s + (r.cases ?? 0), 0);
  const totalRow = published.find(isTotal);
  const total = totalRow?.cases ?? sum;
  const out: SituationDiscrepancy[] = [];
  for (const r of body) {
    if (r.cases === null) continue;
    const recomputed = percentOf(r.cases, total);
    if (r.percent === null || Math.abs(r.percent - recomputed) > 0.05 + 1e-9) {
      out.push({
        situation: r.situation,
        field: 'percent',
        published: r.percent,
        recomputed,
        reason: `${r.cases} de ${total} casos son ${fmt1(recomputed)} %, no ${r.percent === null ? 'vacío' : `${fmt1(r.percent)} %`}.`,
      });
    }
  }
  if (totalRow && totalRow.cases !== null && totalRow.cases !== sum) {
    out.push({
      situation: totalRow.situation,
      field: 'total',
      published: totalRow.cases,
      recomputed: sum,
      reason: `Los casos suman ${sum}, no ${totalRow.cases}.`,
    });
  }
  return out;
}

/** A published row's label as a situation ("Sin DAC 2006" → SIN_DAC, "Conc. Atípica" → ATIPICA), or null (TOTAL, unknown). */
export function situationOfLabel(label: string): Situation | null {
  const k = nameKey(label);
  if (/\bLIBRE\b/.test(k)) return 'LIBRE';
  if (/CONSTRUC/.test(k)) return 'CONSTRUCCION';
  if (/EXPLORA/.test(k)) return 'EXPLORACION';
  if (/EXPLOTA/.test(k)) return 'EXPLOTACION';
  if (/PARALIZ/.test(k)) return 'PARALIZADA';
  if (/SIN ACTIVIDAD/.test(k)) return 'SIN_ACTIVIDAD';
  if (/SIN DAC/.test(k)) return 'SIN_DAC';
  if (/ATIPIC/.test(k)) return 'ATIPICA';
  return null;
}

/** The published rows whose cases differ from the records' (the situation computed by Veta). */
export function compareWithRecords(published: readonly PublishedRow[], computed: readonly SituationRow[]): SituationDiscrepancy[] {
  const out: SituationDiscrepancy[] = [];
  for (const r of published) {
    const mine = computed.find((c) => c.situation === situationOfLabel(r.situation));
    if (!mine || r.cases === null || r.cases === mine.cases) continue;
    out.push({
      situation: r.situation,
      field: 'cases',
      published: r.cases,
      recomputed: mine.cases,
      reason: `Los registros dan ${mine.cases} casos, no ${r.cases}.`,
    });
  }
  return out;
}
