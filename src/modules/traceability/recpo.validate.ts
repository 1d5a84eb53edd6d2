/**
 * Row-level validation of a RECPO list (pure): every problem of every row, each
 * with the spreadsheet row number, the canonical column, the value and why.
 */
import { matchHeaders, type Table } from '../../platform/files/tabular.ts';
import { nameKey } from '../../platform/text.ts';
import { isValidRuc, normalizeRuc, parseCalendarDate } from '../registry/registry.domain.ts';
import type { RowError } from '../registry/reinfo.validate.ts';

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

export interface RecpoValidation {
  rows: RecpoRow[];
  errors: RowError[];
  /** Missing columns: the file cannot be read at all. */
  fileErrors: RowError[];
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

export function validateRecpo(table: Table, departments: DepartmentIndex): RecpoValidation {
  const { index } = matchHeaders(table.headers, RECPO_HEADERS);
  const fileErrors: RowError[] = REQUIRED.filter((c) => index[c] === undefined).map((c) => ({ row: 1, column: c, value: '', message: `missing column ${c}` }));
  if (fileErrors.length > 0) return { rows: [], errors: [], fileErrors };
  const rows: RecpoRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const get = (c: RecpoColumn): string => {
      const i = index[c];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const rowErrors: RowError[] = [];
    const fail = (column: RecpoColumn, message: string): void => {
      rowErrors.push({ row, column, value: get(column), message });
    };
    const required = (column: RecpoColumn): string | null => {
      const v = get(column);
      if (v === '') fail(column, 'required value is empty');
      return v === '' ? null : v;
    };
    const rawRuc = required('RUC');
    const ruc = rawRuc === null ? null : normalizeRuc(rawRuc);
    if (ruc !== null && !isValidRuc(ruc)) {
      fail('RUC', /^\d{11}$/.test(ruc) ? 'RUC check digit is wrong' : 'RUC must have 11 digits starting with 10, 15, 16, 17 or 20');
    }
    const name = required('RAZON SOCIAL');
    const kindRaw = required('TIPO');
    const kind = kindRaw === null ? undefined : RECPO_KINDS[nameKey(kindRaw) as keyof typeof RECPO_KINDS];
    if (kindRaw !== null && !kind) fail('TIPO', `must be one of ${Object.keys(RECPO_KINDS).join(', ')}`);
    const number = required('NUMERO REGISTRO')?.toUpperCase().replace(/\s+/g, ' ') ?? null;
    const fromRaw = required('VIGENCIA DESDE');
    const validFrom = fromRaw === null ? null : parseCalendarDate(fromRaw);
    if (fromRaw !== null && validFrom === null) fail('VIGENCIA DESDE', 'not a date (dd/mm/yyyy or yyyy-mm-dd)');
    const toRaw = get('VIGENCIA HASTA');
    const validTo = toRaw === '' ? null : parseCalendarDate(toRaw);
    if (toRaw !== '' && validTo === null) fail('VIGENCIA HASTA', 'not a date (dd/mm/yyyy or yyyy-mm-dd); leave it empty when open-ended');
    if (validFrom && validTo && validTo < validFrom) fail('VIGENCIA HASTA', 'is before VIGENCIA DESDE');
    const capacityRaw = get('CAPACIDAD TMD');
    let capacityTpd: number | null = null;
    if (kind === 'plant') {
      capacityTpd = parseNumber(capacityRaw);
      if (capacityRaw === '') fail('CAPACIDAD TMD', 'required for a PLANTA (authorized t/day)');
      else if (capacityTpd === null || capacityTpd <= 0 || capacityTpd >= 1e10) fail('CAPACIDAD TMD', 'must be a positive number of tonnes per day');
    } else if (kind !== undefined && capacityRaw !== '') {
      fail('CAPACIDAD TMD', 'only a PLANTA has an authorized capacity');
    }
    const departmentRaw = get('DEPARTAMENTO');
    const regionCode = departmentRaw === '' ? null : (departments.get(nameKey(departmentRaw)) ?? null);
    if (departmentRaw !== '' && regionCode === null) fail('DEPARTAMENTO', 'unknown department');
    if (number !== null && rowErrors.length === 0) {
      const first = seen.get(number);
      if (first !== undefined) fail('NUMERO REGISTRO', `the same registration is already in row ${first}`);
      else seen.set(number, row);
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ row, number: number!, ruc: ruc!, name: name!.replace(/\s+/g, ' '), kind: kind!, validFrom: validFrom!, validTo, capacityTpd, regionCode });
  }
  return { rows, errors, fileErrors: [] };
}
