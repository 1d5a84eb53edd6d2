/**
 * Row-level validation of a REINFO list (pure): every problem of every row, each
 * with the spreadsheet row number, the canonical column, the value and why.
 */
// @ts-nocheck

import type { Columns, RowError, SourceRecord } from '../../platform/imports/index.ts';
import { nameKey as foldName } from '../../platform/text.ts';
import {
  dniOfRuc,
  insidePeruBox,
  isNaturalPersonRuc,
  isValidRuc,
  normalizeRightCode,
  normalizeRuc,
  organizationTypeFromName,
  parseCalendarDate,
  utmToLonLat,
  type OrganizationType,
  type UtmZone,
} from './registry.domain.ts';

export const REINFO_HEADERS = {
  RUC: ['RUC'],
  NOMBRE: ['NOMBRE', 'NOMBRE DEL MINERO', 'MINERO', 'NOMBRE O RAZON SOCIAL'],
  'CODIGO UNICO': ['CODIGO UNICO', 'CODIGO', 'CODIGO DERECHO MINERO'],
  'NOMBRE DERECHO MINERO': ['NOMBRE DERECHO MINERO', 'DERECHO MINERO', 'NOMBRE DEL DERECHO MINERO'],
  DEPARTAMENTO: ['DEPARTAMENTO'],
  PROVINCIA: ['PROVINCIA'],
  DISTRITO: ['DISTRITO'],
  'TIPO ACTIVIDAD': ['TIPO ACTIVIDAD', 'ACTIVIDAD', 'TIPO DE ACTIVIDAD'],
  ESTADO: ['ESTADO', 'ESTADO REINFO'],
  'FECHA INSCRIPCION': ['FECHA INSCRIPCION', 'FECHA DE INSCRIPCION'],
  LATITUD: ['LATITUD'],
  LONGITUD: ['LONGITUD'],
  ZONA: ['ZONA', 'ZONA UTM'],
  ESTE: ['ESTE', 'COORDENADA ESTE'],
  NORTE: ['NORTE', 'COORDENADA NORTE'],
  UBIGEO: ['UBIGEO', 'UBIGEO INEI'],
  'UBIGEO RENIEC': ['UBIGEO RENIEC'],
} as const;
export type ReinfoColumn = keyof typeof REINFO_HEADERS;

const REQUIRED: ReinfoColumn[] = [
  'RUC',
  'NOMBRE',
  'CODIGO UNICO',
  'NOMBRE DERECHO MINERO',
  'DEPARTAMENTO',
  'PROVINCIA',
  'DISTRITO',
  'TIPO ACTIVIDAD',
  'ESTADO',
  'FECHA INSCRIPCION',
];

/** The columns as the import pipeline reads them. */
export const REINFO_COLUMNS = Object.fromEntries(
  (Object.entries(REINFO_HEADERS) as [ReinfoColumn, readonly string[]][]).map(([c, aliases]) => [c, { aliases, required: REQUIRED.includes(c) }]),
) as unknown as Columns<ReinfoColumn>;

export interface ReinfoRow {
  row: number;
  ruc: string;
  name: string;
  kind: 'person' | 'organization';
  dni: string | null;
  orgType: OrganizationType | null;
  rightCode: string;
  rightName: string;
  departmentCode: string;
  districtCode: string;
  activity: 'explotacion' | 'beneficio';
  status: 'vigente' | 'suspendido' | 'excluido';
  inscriptionDate: string;
  lon: number;
  lat: number;
}

export interface TerritoryIndex {
  /** name key → INEI department code */
  departments: Map<string, string>;
  departmentNames: Map<string, string>;
  /** `${departmentCode}|${name key}` → province code */
  provinces: Map<string, string>;
  /** `${provinceCode}|${name key}` → district code */
  districts: Map<string, string>;
  /** INEI district codes, and RENIEC district code → INEI code */
  districtCodes: Set<string>;
  reniecToInei: Map<string, string>;
}

const ACTIVITIES: Record<string, ReinfoRow['activity']> = { EXPLOTACION: 'explotacion', BENEFICIO: 'beneficio' };
const STATUSES: Record<string, ReinfoRow['status']> = {
  VIGENTE: 'vigente',
  SUSPENDIDO: 'suspendido',
  EXCLUIDO: 'excluido',
};

/** es-PE spreadsheets write decimals with a comma; spaces group thousands. */
function parseNumber(raw: string): number | null {
  let s = raw.replace(/\s/g, '');
  if (s === '') return null;
  if (s.includes(',') && !s.includes('.')) s = s.replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The location needs LATITUD and LONGITUD (WGS84) or ZONA, ESTE and NORTE (UTM WGS84). */
export function checkReinfoHeaders(present: ReadonlySet<ReinfoColumn>): RowError[] {
  const hasLatLon = present.has('LATITUD') && present.has('LONGITUD');
  const hasUtm = present.has('ZONA') && present.has('ESTE') && present.has('NORTE');
  if (hasLatLon || hasUtm) return [];
  return [
    {
      row: 1,
      column: 'LATITUD',
      value: '',
      code: 'reinfo.location.columns',
      message: 'the location needs LATITUD and LONGITUD (WGS84) or ZONA, ESTE and NORTE (UTM WGS84)',
    },
  ];
}

/** What validating a row needs: the UBIGEO index, the region a regional official may write, and which location columns the file has. */
export interface ReinfoPrep {
  territory: TerritoryIndex;
  allowedRegion: string | null;
}

/** Place names and enumerations repeat on every row: each distinct value is folded once. */
const folded = new Map<string, string>();
function nameKey(v: string): string {
  let k = folded.get(v);
  if (k === undefined) {
    k = foldName(v);
    if (folded.size > 50_000) folded.clear();
    folded.set(v, k);
  }
  return k;
}

/**
 * One row of a REINFO list (pure): every problem with its canonical column, the value
 * and why (a stable code and its parameters for translation), or the row as stored.
 */
export function validateReinfoRow(record: SourceRecord<ReinfoColumn>, prep: ReinfoPrep, has: { latLon: boolean; utm: boolean }): ReinfoRow | RowError[] {
  const { row, values } = record;
  const { territory, allowedRegion } = prep;
  const get = (c: ReinfoColumn): string => values[c] ?? '';
  const rowErrors: RowError[] = [];
  const fail = (column: ReinfoColumn, code: string, message: string, params?: Record<string, string | number>): void => {
    rowErrors.push({ row, column, value: get(column), message, code: `reinfo.${code}`, ...(params ? { params } : {}) });
  };
  const required = (column: ReinfoColumn): string | null => {
    const v = get(column);
    if (v === '') {
      fail(column, 'required', 'required value is empty');
      return null;
    }
    return v;
  };

  const rawRuc = required('RUC');
  const ruc = rawRuc === null ? null : normalizeRuc(rawRuc);
  if (ruc !== null && !isValidRuc(ruc)) {
    if (/^\d{11}$/.test(ruc)) fail('RUC', 'ruc.check_digit', 'RUC check digit is wrong');
    else fail('RUC', 'ruc.format', 'RUC must have 11 digits starting with 10, 15, 16, 17 or 20');
  }
  const name = required('NOMBRE');
  const rawCode = required('CODIGO UNICO');
  const rightCode = rawCode === null ? null : normalizeRightCode(rawCode);
  if (rightCode !== null && !/^[0-9A-Z]{6,15}$/.test(rightCode)) fail('CODIGO UNICO', 'right_code.format', 'not a mining right code');
  const rightName = required('NOMBRE DERECHO MINERO');

  const activityRaw = required('TIPO ACTIVIDAD');
  const activity = activityRaw === null ? undefined : ACTIVITIES[nameKey(activityRaw)];
  if (activityRaw !== null && !activity) fail('TIPO ACTIVIDAD', 'activity.unknown', 'must be EXPLOTACION or BENEFICIO');
  const statusRaw = required('ESTADO');
  const status = statusRaw === null ? undefined : STATUSES[nameKey(statusRaw)];
  if (statusRaw !== null && !status) fail('ESTADO', 'status.unknown', 'must be VIGENTE, SUSPENDIDO or EXCLUIDO');
  const dateRaw = required('FECHA INSCRIPCION');
  const inscriptionDate = dateRaw === null ? null : parseCalendarDate(dateRaw);
  if (dateRaw !== null && inscriptionDate === null) fail('FECHA INSCRIPCION', 'date.invalid', 'not a date (dd/mm/yyyy or yyyy-mm-dd)');

  // UBIGEO: names must exist and nest; an explicit code must agree with them.
  const depRaw = required('DEPARTAMENTO');
  const provRaw = required('PROVINCIA');
  const distRaw = required('DISTRITO');
  let departmentCode: string | undefined;
  let districtCode: string | undefined;
  if (depRaw !== null) {
    departmentCode = territory.departments.get(nameKey(depRaw));
    if (!departmentCode) fail('DEPARTAMENTO', 'department.unknown', 'unknown department');
  }
  if (departmentCode && provRaw !== null) {
    const provinceCode = territory.provinces.get(`${departmentCode}|${nameKey(provRaw)}`);
    const department = territory.departmentNames.get(departmentCode) ?? departmentCode;
    if (!provinceCode) fail('PROVINCIA', 'province.unknown', `no such province in ${department}`, { department });
    else if (distRaw !== null) {
      districtCode = territory.districts.get(`${provinceCode}|${nameKey(distRaw)}`);
      if (!districtCode) fail('DISTRITO', 'district.unknown', `no such district in the province ${provRaw}`, { province: provRaw });
    }
  }
  const inei = get('UBIGEO');
  if (inei !== '') {
    const code = inei.padStart(6, '0');
    if (!territory.districtCodes.has(code)) fail('UBIGEO', 'ubigeo.unknown', 'unknown INEI district code');
    else if (districtCode && code !== districtCode)
      fail('UBIGEO', 'ubigeo.mismatch', `does not match the named district (${districtCode})`, { district: districtCode });
    else districtCode ??= code;
  }
  const reniec = get('UBIGEO RENIEC');
  if (reniec !== '') {
    const code = territory.reniecToInei.get(reniec.padStart(6, '0'));
    if (!code) fail('UBIGEO RENIEC', 'ubigeo_reniec.unknown', 'unknown RENIEC district code');
    else if (districtCode && code !== districtCode) {
      fail('UBIGEO RENIEC', 'ubigeo_reniec.mismatch', `does not match the named district (INEI ${districtCode})`, { district: districtCode });
    }
  }
  if (departmentCode && allowedRegion !== null && departmentCode !== allowedRegion) {
    const region = territory.departmentNames.get(allowedRegion) ?? allowedRegion;
    fail('DEPARTAMENTO', 'department.outside_region', `outside your region (${region})`, { region });
  }

  // Location: WGS84 degrees, or UTM (WGS84) with its zone.
  let lon: number | null = null;
  let lat: number | null = null;
  if (has.latLon && (get('LATITUD') !== '' || get('LONGITUD') !== '' || !has.utm)) {
    lat = parseNumber(get('LATITUD'));
    lon = parseNumber(get('LONGITUD'));
    if (lat === null) fail('LATITUD', 'number.invalid', 'not a number');
    if (lon === null) fail('LONGITUD', 'number.invalid', 'not a number');
  } else {
    const zoneRaw = get('ZONA')
      .toUpperCase()
      .replace(/ZONA|\s/g, '');
    const zone = /^(17|18|19)S?$/.test(zoneRaw) ? (Number(zoneRaw.slice(0, 2)) as UtmZone) : null;
    const east = parseNumber(get('ESTE'));
    const north = parseNumber(get('NORTE'));
    if (zone === null) fail('ZONA', 'utm.zone', 'UTM zone must be 17, 18 or 19 (south)');
    if (east === null || east < 100_000 || east > 900_000) fail('ESTE', 'utm.easting', 'easting must be a number between 100000 and 900000');
    if (north === null || north < 7_900_000 || north > 10_010_000) fail('NORTE', 'utm.northing', 'northing must be a number between 7900000 and 10010000');
    if (zone !== null && east !== null && north !== null && rowErrors.every((e) => e.column !== 'ESTE' && e.column !== 'NORTE')) {
      [lon, lat] = utmToLonLat(zone, 'WGS84', east, north);
    }
  }
  if (lon !== null && lat !== null && !insidePeruBox(lon, lat)) {
    fail(has.latLon && get('LATITUD') !== '' ? 'LATITUD' : 'ESTE', 'location.outside_peru', 'the point is outside Peru');
    lon = lat = null;
  }

  if (rowErrors.length > 0) return rowErrors.sort((a, b) => a.column.localeCompare(b.column));
  const natural = isNaturalPersonRuc(ruc!);
  return {
    row,
    ruc: ruc!,
    name: name!.replace(/\s+/g, ' '),
    kind: natural ? 'person' : 'organization',
    dni: natural ? dniOfRuc(ruc!) : null,
    orgType: natural ? null : organizationTypeFromName(name!),
    rightCode: rightCode!,
    rightName: rightName!.replace(/\s+/g, ' '),
    departmentCode: departmentCode!,
    districtCode: districtCode!,
    activity: activity!,
    status: status!,
    inscriptionDate: inscriptionDate!,
    lon: lon!,
    lat: lat!,
  };
}

/**
 * Checks across the valid rows of one file (pure): the same inscription (RUC, CODIGO
 * UNICO, TIPO ACTIVIDAD) twice, and a mining right declared in two departments (a right
 * lies in one department: the first row declaring it says which).
 */
export function checkReinfoRows(rows: readonly ReinfoRow[], departmentNames: ReadonlyMap<string, string>): RowError[] {
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const rightDepartment = new Map<string, { department: string; row: number }>();
  for (const r of rows) {
    const key = `${r.ruc}|${r.rightCode}|${r.activity}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        row: r.row,
        column: 'RUC',
        value: r.ruc,
        code: 'reinfo.inscription.duplicate',
        params: { first },
        message: `the same inscription (RUC, CODIGO UNICO, TIPO ACTIVIDAD) is already in row ${first}`,
      });
      continue;
    }
    seen.set(key, r.row);
    const declared = rightDepartment.get(r.rightCode);
    if (declared === undefined) rightDepartment.set(r.rightCode, { department: r.departmentCode, row: r.row });
    else if (declared.department !== r.departmentCode) {
      const department = departmentNames.get(declared.department) ?? declared.department;
      errors.push({
        row: r.row,
        column: 'DEPARTAMENTO',
        value: departmentNames.get(r.departmentCode) ?? r.departmentCode,
        code: 'reinfo.right.two_departments',
        params: { first: declared.row, right: r.rightCode, department },
        message: `row ${declared.row} declares the mining right ${r.rightCode} in ${department}`,
      });
    }
  }
  return errors;
}
