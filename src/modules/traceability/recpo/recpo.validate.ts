/**
 * Row-level validation of a RECPO list (pure): every problem of every row, each
 * with the spreadsheet row number, the canonical column, the value and why.
 */
import type { Columns, RowError, SourceRecord } from '../../../platform/imports/index.ts';
import { nameKey } from '../../../platform/text.ts';
import { isValidRuc, normalizeRuc, parseCalendarDate } from '../../registry/registry.domain.ts';

export const RECPO_HEADERS = {
  RUC: ['RUC'],
  'RAZON SOCIAL': ['RAZON SOCIAL', 'NOMBRE', 'NOMBRE O RAZON SOCIAL'],
  TIPO: ['TIPO', 'TIPO DE ACTOR', 'ACTIVIDAD'],
  'NUMERO REGISTRO': ['NUMERO REGISTRO', 'NUMERO DE REGISTRO', 'N REGISTRO', 'REGISTRO'],
  'VIGENCIA DESDE': ['VIGENCIA DESDE', 'FECHA INICIO', 'DESDE'],
  'VIGENCIA HASTA': ['VIGENCIA HASTA', 'FECHA FIN', 'HASTA'],
  'CAPACIDAD TMD': ['CAPACIDAD TMD', 'CAPACIDAD', 'CAPACIDAD T/D'],
  DEPARTAMENTO: ['DEPARTAMENTO'],
} as const;
export type RecpoColumn = keyof typeof RECPO_HEADERS;

const REQUIRED: RecpoColumn[] = ['RUC', 'RAZON SOCIAL', 'TIPO', 'NUMERO REGISTRO', 'VIGENCIA DESDE', 'VIGENCIA HASTA'];

export const RECPO_KINDS = {
  COMERCIALIZADOR: 'trader',
  PLANTA: 'plant',
  REFINERIA: 'refinery',
  EXPORTADOR: 'exporter',
  JOYERO: 'jeweler',
} as const;
export type RecpoKind = (typeof RECPO_KINDS)[keyof typeof RECPO_KINDS];

export interface RecpoRow {
  row: number;
  number: string;
  ruc: string;
  name: string;
  kind: RecpoKind;
  validFrom: string;
  validTo: string | null;
  capacityTpd: number | null;
  regionCode: string | null;
}

/** es-PE spreadsheets write decimals with a comma. */
function parseNumber(raw: string): number | null {
  let s = raw.replace(/\s/g, '');
  if (s.includes(',') && !s.includes('.')) s = s.replace(',', '.');
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : null;
}

/** Departments by name key (accents and case folded) and by INEI code. */
export type DepartmentIndex = ReadonlyMap<string, string>;

/** The columns as the import pipeline reads them. */
export const RECPO_COLUMNS = Object.fromEntries(
  (Object.entries(RECPO_HEADERS) as [RecpoColumn, readonly string[]][]).map(([c, aliases]) => [c, { aliases, required: REQUIRED.includes(c) }]),
) as unknown as Columns<RecpoColumn>;

/** One row of a RECPO list (pure): every problem with its column, value, reason and code, or the registration. */
export function validateRecpoRow(record: SourceRecord<RecpoColumn>, departments: DepartmentIndex): RecpoRow | RowError[] {
  const { row, values } = record;
  const get = (c: RecpoColumn): string => values[c] ?? '';
  const rowErrors: RowError[] = [];
  const fail = (column: RecpoColumn, code: string, message: string): void => {
    rowErrors.push({ row, column, value: get(column), message, code: `recpo.${code}` });
  };
  const required = (column: RecpoColumn): string | null => {
    const v = get(column);
    if (v === '') fail(column, 'required', 'required value is empty');
    return v === '' ? null : v;
  };
  const rawRuc = required('RUC');
  const ruc = rawRuc === null ? null : normalizeRuc(rawRuc);
  if (ruc !== null && !isValidRuc(ruc)) {
    if (/^\d{11}$/.test(ruc)) fail('RUC', 'ruc.check_digit', 'RUC check digit is wrong');
    else fail('RUC', 'ruc.format', 'RUC must have 11 digits starting with 10, 15, 16, 17 or 20');
  }
  const name = required('RAZON SOCIAL');
  const kindRaw = required('TIPO');
  const kind = kindRaw === null ? undefined : RECPO_KINDS[nameKey(kindRaw) as keyof typeof RECPO_KINDS];
  if (kindRaw !== null && !kind) fail('TIPO', 'kind.unknown', `must be one of ${Object.keys(RECPO_KINDS).join(', ')}`);
  const number = required('NUMERO REGISTRO')?.toUpperCase().replace(/\s+/g, ' ') ?? null;
  const fromRaw = required('VIGENCIA DESDE');
  const validFrom = fromRaw === null ? null : parseCalendarDate(fromRaw);
  if (fromRaw !== null && validFrom === null) fail('VIGENCIA DESDE', 'date.invalid', 'not a date (dd/mm/yyyy or yyyy-mm-dd)');
  const toRaw = get('VIGENCIA HASTA');
  const validTo = toRaw === '' ? null : parseCalendarDate(toRaw);
  if (toRaw !== '' && validTo === null) fail('VIGENCIA HASTA', 'date.invalid', 'not a date (dd/mm/yyyy or yyyy-mm-dd); leave it empty when open-ended');
  if (validFrom && validTo && validTo < validFrom) fail('VIGENCIA HASTA', 'validity.reversed', 'is before VIGENCIA DESDE');
  const capacityRaw = get('CAPACIDAD TMD');
  let capacityTpd: number | null = null;
  if (kind === 'plant') {
    capacityTpd = parseNumber(capacityRaw);
    if (capacityRaw === '') fail('CAPACIDAD TMD', 'capacity.required', 'required for a PLANTA (authorized t/day)');
    else if (capacityTpd === null || capacityTpd <= 0 || capacityTpd >= 1e10)
      fail('CAPACIDAD TMD', 'capacity.invalid', 'must be a positive number of tonnes per day');
  } else if (kind !== undefined && capacityRaw !== '') {
    fail('CAPACIDAD TMD', 'capacity.not_plant', 'only a PLANTA has an authorized capacity');
  }
  const departmentRaw = get('DEPARTAMENTO');
  const regionCode = departmentRaw === '' ? null : (departments.get(nameKey(departmentRaw)) ?? null);
  if (departmentRaw !== '' && regionCode === null) fail('DEPARTAMENTO', 'department.unknown', 'unknown department');
  if (rowErrors.length > 0) return rowErrors;
  return { row, number: number!, ruc: ruc!, name: name!.replace(/\s+/g, ' '), kind: kind!, validFrom: validFrom!, validTo, capacityTpd, regionCode };
}

/** The same registration twice in one file (pure). */
export function checkRecpoRows(rows: readonly RecpoRow[]): RowError[] {
  const seen = new Map<string, number>();
  const errors: RowError[] = [];
  for (const r of rows) {
    const first = seen.get(r.number);
    if (first === undefined) seen.set(r.number, r.row);
    else {
      errors.push({
        row: r.row,
        column: 'NUMERO REGISTRO',
        value: r.number,
        code: 'recpo.registration.duplicate',
        params: { first },
        message: `the same registration is already in row ${first}`,
      });
    }
  }
  return errors;
}
