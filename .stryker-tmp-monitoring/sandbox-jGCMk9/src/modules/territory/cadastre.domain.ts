/**
 * Pure rules of the INGEMMET mining cadastre (GEOCATMIN layers): what a legal state
 * means for the situation analysis, substances, the departments a right lies in, and
 * one feature's validation. No SQL, no I/O.
 */
// @ts-nocheck

import type { RowError, SourceRecord } from '../../platform/imports/types.ts';
import { nameKey } from '../../platform/text.ts';
import { normalizeRightCode, parseCalendarDate } from '../registry/registry.domain.ts';
import type { Substance } from '../registry/strata.domain.ts';

/** GEOCATMIN's attribute names, matched without case or accents, with the spellings seen in its downloads. */
export const CADASTRE_COLUMNS = {
  CODIGOU: { aliases: ['CODIGO', 'CODIGO UNICO', 'COD_UNICO'], required: true },
  CONCESION: { aliases: ['NOMBRE', 'DERECHO MINERO'], required: true },
  TIT_CONCES: { aliases: ['TITULAR'] },
  D_ESTADO: { aliases: ['ESTADO'], required: true },
  LEYENDA: {},
  FEC_DENU: { aliases: ['FECHA DENUNCIO', 'FEC_FORM'] },
  ZONA: {},
  HASDATUM: { aliases: ['HECTAREAS', 'HAS'] },
  SUSTANCIA: {},
  DEPA: { aliases: ['DEPARTAMENTO'], required: true },
  PROVI: { aliases: ['PROVINCIA'] },
  DISTRI: { aliases: ['DISTRITO'] },
} as const;
export type CadastreColumn = keyof typeof CADASTRE_COLUMNS;

/**
 * What a right is, from its legal state. Only a titled mining concession ("D.M.
 * Titulado") grants the right to explore and exploit (TUO de la Ley General de Minería,
 * D.S. 014-92-EM, arts. 9 and 10: the concession is granted by the title); a petition
 * in process (D.L. 708 "en Trámite"), an extinguished right awaiting publication of
 * free availability (art. 59 TUO, "Exting. a publicar de L.D."), a quarry (D.S.
 * 037-96-EM) and a processing-plant concession (art. 17 TUO) do not.
 */
export const RIGHT_KINDS = ['titled', 'in_process', 'extinguished', 'quarry', 'plant', 'other'] as const;
export type RightKind = (typeof RIGHT_KINDS)[number];

/** The kind of a right from GEOCATMIN's `D_ESTADO` text (e.g. "D.M. Titulado D.L. 708" → titled). */
export function rightKindOfState(state: string): RightKind {
  const k = nameKey(state);
  if (/\bEXTING|\bEXTINGUID|\bCADUC|\bLIBRE DENUNCIAB/.test(k)) return 'extinguished';
  if (/\bCANTERA/.test(k)) return 'quarry';
  if (/\bPLANTA\b|\bBENEFICIO\b/.test(k)) return 'plant';
  if (/\bTRAMITE\b|\bPETITORIO\b/.test(k)) return 'in_process';
  if (/\bTITULAD/.test(k)) return 'titled';
  return 'other';
}

/** GEOCATMIN's `SUSTANCIA`: M metallic, N non-metallic (placer rights are metallic in the cadastre). */
export function substanceOf(raw: string): Substance | null {
  const k = nameKey(raw);
  if (k === '' || k === 'M' || k.startsWith('METAL')) return 'metallic';
  if (k === 'N' || k.startsWith('NO METAL')) return 'non_metallic';
  return null;
}

/** Department codes named by a `DEPA` value; a right on a boundary names two ("MOQUEGUA / PUNO"). */
export function departmentsOf(raw: string, departments: ReadonlyMap<string, string>): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of raw.split(/[/,;]|\s-\s/)) {
    const k = nameKey(part);
    if (k === '') continue;
    const code = departments.get(k);
    if (code === undefined) unknown.push(part.trim());
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, unknown };
}

/** The share by which the area computed on the ellipsoid differs from the declared one (0.05 = 5 %). */
export const HECTARE_TOLERANCE = 0.05;
export function hectareDifference(computed: number, declared: number | null): number | null {
  if (declared === null || declared <= 0) return null;
  return Math.abs(computed - declared) / declared;
}

export interface CadastreRow {
  row: number;
  code: string;
  name: string;
  holderName: string | null;
  legalState: string;
  kind: RightKind;
  legend: string | null;
  filedOn: string | null;
  zone: number | null;
  declaredHectares: number | null;
  substance: Substance;
  /** Every department the right names; the first that its polygon touches becomes its department. */
  departmentCodes: string[];
  declaredDepartments: string;
  geometry: string;
}

const err = (row: number, column: string, value: string, code: string, message: string, params?: Record<string, string | number>): RowError => ({
  row,
  column,
  value,
  message,
  code,
  ...(params ? { params } : {}),
});

const number = (raw: string): number | null | undefined => {
  if (raw === '') return null;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
};

/** One cadastre feature → its row, or every reason it cannot be imported. */
export function validateCadastreFeature(record: SourceRecord<CadastreColumn>, departments: ReadonlyMap<string, string>): CadastreRow | RowError[] {
  const v = record.values;
  const r = record.row;
  const errors: RowError[] = [];
  const code = normalizeRightCode(v.CODIGOU);
  if (!/^[0-9]{6,}[A-Z0-9]*$/.test(code))
    errors.push(err(r, 'CODIGOU', v.CODIGOU, 'cadastre.code.invalid', 'not an INGEMMET code (digits, then letters if any)'));
  if (v.CONCESION === '') errors.push(err(r, 'CONCESION', '', 'cadastre.name.missing', 'the right has no name'));
  if (v.D_ESTADO === '') errors.push(err(r, 'D_ESTADO', '', 'cadastre.state.missing', 'the legal state is empty'));
  const deps = departmentsOf(v.DEPA, departments);
  if (deps.codes.length === 0) errors.push(err(r, 'DEPA', v.DEPA, 'cadastre.department.unknown', 'no known department', { value: v.DEPA }));
  const declared = number(v.HASDATUM);
  if (declared === undefined || (declared !== null && declared <= 0))
    errors.push(err(r, 'HASDATUM', v.HASDATUM, 'cadastre.hectares.invalid', 'not a positive number of hectares'));
  const zone = number(v.ZONA);
  if (zone === undefined || (zone !== null && ![17, 18, 19].includes(zone)))
    errors.push(err(r, 'ZONA', v.ZONA, 'cadastre.zone.invalid', 'UTM zone must be 17, 18 or 19'));
  const substance = substanceOf(v.SUSTANCIA);
  if (substance === null) errors.push(err(r, 'SUSTANCIA', v.SUSTANCIA, 'cadastre.substance.unknown', 'substance must be M (metallic) or N (non-metallic)'));
  const filedOn = v.FEC_DENU === '' ? null : parseCalendarDate(v.FEC_DENU);
  if (v.FEC_DENU !== '' && filedOn === null) errors.push(err(r, 'FEC_DENU', v.FEC_DENU, 'cadastre.date.invalid', 'not a date (dd/mm/yyyy or yyyy-mm-dd)'));
  const g = record.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates) || g.coordinates.length === 0) {
    errors.push(err(r, 'geometry', String(g?.type ?? ''), 'cadastre.geometry.type', 'the feature is not a polygon or multipolygon'));
  }
  if (errors.length > 0) return errors;
  return {
    row: r,
    code,
    name: v.CONCESION,
    holderName: v.TIT_CONCES || null,
    legalState: v.D_ESTADO,
    kind: rightKindOfState(v.D_ESTADO),
    legend: v.LEYENDA || null,
    filedOn,
    zone: zone ?? null,
    declaredHectares: declared ?? null,
    substance: substance!,
    departmentCodes: deps.codes,
    declaredDepartments: v.DEPA,
    geometry: JSON.stringify(g),
  };
}

/** A code twice in one file: the later features are refused (the first one stands). */
export function duplicateCodes(rows: readonly CadastreRow[]): RowError[] {
  const first = new Map<string, number>();
  const out: RowError[] = [];
  for (const row of rows) {
    const seen = first.get(row.code);
    if (seen === undefined) first.set(row.code, row.row);
    else out.push(err(row.row, 'CODIGOU', row.code, 'cadastre.code.duplicate', `code already in feature ${seen} of this file`, { first: seen }));
  }
  return out;
}
