/**
 * Row-level validation of a REINFO list (pure): every problem of every row, each
 * with the spreadsheet row number, the canonical column, the value and why.
 */
import { matchHeaders, type Table } from '../../platform/files/tabular.ts';
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

export interface RowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

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

export interface ValidationResult {
  rows: ReinfoRow[];
  errors: RowError[];
  /** Missing columns: the file cannot be read at all. */
  fileErrors: RowError[];
}

export function validateReinfo(table: Table, territory: TerritoryIndex, allowedRegion: string | null): ValidationResult {
  const { index } = matchHeaders(table.headers, REINFO_HEADERS);
  const fileErrors: RowError[] = [];
  for (const col of REQUIRED) {
    if (index[col] === undefined) fileErrors.push({ row: 1, column: col, value: '', message: `missing column ${col}` });
  }
  const hasLatLon = index.LATITUD !== undefined && index.LONGITUD !== undefined;
  const hasUtm = index.ZONA !== undefined && index.ESTE !== undefined && index.NORTE !== undefined;
  if (!hasLatLon && !hasUtm) {
    fileErrors.push({
      row: 1,
      column: 'LATITUD',
      value: '',
      message: 'the location needs LATITUD and LONGITUD (WGS84) or ZONA, ESTE and NORTE (UTM WGS84)',
    });
  }
  if (fileErrors.length > 0) return { rows: [], errors: [], fileErrors };

  const rows: ReinfoRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  // a mining right lies in one department: the first row declaring it says which
  const rightDepartment = new Map<string, { department: string; row: number }>();
  // Place names and enumerations repeat on every row: fold each distinct value once.
  const keys = new Map<string, string>();
  const nameKey = (v: string): string => {
    let k = keys.get(v);
    if (k === undefined) {
      k = foldName(v);
      keys.set(v, k);
    }
    return k;
  };

  for (const { row, cells } of table.rows) {
    const get = (c: ReinfoColumn): string => {
      const i = index[c];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const rowErrors: RowError[] = [];
    const fail = (column: ReinfoColumn, message: string): void => {
      rowErrors.push({ row, column, value: get(column), message });
    };
    const required = (column: ReinfoColumn): string | null => {
      const v = get(column);
      if (v === '') {
        fail(column, 'required value is empty');
        return null;
      }
      return v;
    };

    const rawRuc = required('RUC');
    const ruc = rawRuc === null ? null : normalizeRuc(rawRuc);
    if (ruc !== null && !isValidRuc(ruc)) {
      fail('RUC', /^\d{11}$/.test(ruc) ? 'RUC check digit is wrong' : 'RUC must have 11 digits starting with 10, 15, 16, 17 or 20');
    }
    const name = required('NOMBRE');
    const rawCode = required('CODIGO UNICO');
    const rightCode = rawCode === null ? null : normalizeRightCode(rawCode);
    if (rightCode !== null && !/^[0-9A-Z]{6,15}$/.test(rightCode)) fail('CODIGO UNICO', 'not a mining right code');
    const rightName = required('NOMBRE DERECHO MINERO');

    const activityRaw = required('TIPO ACTIVIDAD');
    const activity = activityRaw === null ? undefined : ACTIVITIES[nameKey(activityRaw)];
    if (activityRaw !== null && !activity) fail('TIPO ACTIVIDAD', 'must be EXPLOTACION or BENEFICIO');
    const statusRaw = required('ESTADO');
    const status = statusRaw === null ? undefined : STATUSES[nameKey(statusRaw)];
    if (statusRaw !== null && !status) fail('ESTADO', 'must be VIGENTE, SUSPENDIDO or EXCLUIDO');
    const dateRaw = required('FECHA INSCRIPCION');
    const inscriptionDate = dateRaw === null ? null : parseCalendarDate(dateRaw);
    if (dateRaw !== null && inscriptionDate === null) fail('FECHA INSCRIPCION', 'not a date (dd/mm/yyyy or yyyy-mm-dd)');

    // UBIGEO: names must exist and nest; an explicit code must agree with them.
    const depRaw = required('DEPARTAMENTO');
    const provRaw = required('PROVINCIA');
    const distRaw = required('DISTRITO');
    let departmentCode: string | undefined;
    let districtCode: string | undefined;
    if (depRaw !== null) {
      departmentCode = territory.departments.get(nameKey(depRaw));
      if (!departmentCode) fail('DEPARTAMENTO', 'unknown department');
    }
    if (departmentCode && provRaw !== null) {
      const provinceCode = territory.provinces.get(`${departmentCode}|${nameKey(provRaw)}`);
      if (!provinceCode) fail('PROVINCIA', `no such province in ${territory.departmentNames.get(departmentCode)}`);
      else if (distRaw !== null) {
        districtCode = territory.districts.get(`${provinceCode}|${nameKey(distRaw)}`);
        if (!districtCode) fail('DISTRITO', `no such district in the province ${provRaw}`);
      }
    }
    const inei = get('UBIGEO');
    if (inei !== '') {
      const code = inei.padStart(6, '0');
      if (!territory.districtCodes.has(code)) fail('UBIGEO', 'unknown INEI district code');
      else if (districtCode && code !== districtCode) fail('UBIGEO', `does not match the named district (${districtCode})`);
      else districtCode ??= code;
    }
    const reniec = get('UBIGEO RENIEC');
    if (reniec !== '') {
      const code = territory.reniecToInei.get(reniec.padStart(6, '0'));
      if (!code) fail('UBIGEO RENIEC', 'unknown RENIEC district code');
      else if (districtCode && code !== districtCode) fail('UBIGEO RENIEC', `does not match the named district (INEI ${districtCode})`);
    }
    if (departmentCode && allowedRegion !== null && departmentCode !== allowedRegion) {
      fail('DEPARTAMENTO', `outside your region (${territory.departmentNames.get(allowedRegion) ?? allowedRegion})`);
    }

    // Location: WGS84 degrees, or UTM (WGS84) with its zone.
    let lon: number | null = null;
    let lat: number | null = null;
    if (hasLatLon && (get('LATITUD') !== '' || get('LONGITUD') !== '' || !hasUtm)) {
      lat = parseNumber(get('LATITUD'));
      lon = parseNumber(get('LONGITUD'));
      if (lat === null) fail('LATITUD', 'not a number');
      if (lon === null) fail('LONGITUD', 'not a number');
    } else {
      const zoneRaw = get('ZONA').toUpperCase().replace(/ZONA|\s/g, '');
      const zone = /^(17|18|19)S?$/.test(zoneRaw) ? (Number(zoneRaw.slice(0, 2)) as UtmZone) : null;
      const east = parseNumber(get('ESTE'));
      const north = parseNumber(get('NORTE'));
      if (zone === null) fail('ZONA', 'UTM zone must be 17, 18 or 19 (south)');
      if (east === null || east < 100_000 || east > 900_000) fail('ESTE', 'easting must be a number between 100000 and 900000');
      if (north === null || north < 7_900_000 || north > 10_010_000) fail('NORTE', 'northing must be a number between 7900000 and 10010000');
      if (zone !== null && east !== null && north !== null && rowErrors.every((e) => e.column !== 'ESTE' && e.column !== 'NORTE')) {
        [lon, lat] = utmToLonLat(zone, 'WGS84', east, north);
      }
    }
    if (lon !== null && lat !== null && !insidePeruBox(lon, lat)) {
      fail(hasLatLon && get('LATITUD') !== '' ? 'LATITUD' : 'ESTE', 'the point is outside Peru');
      lon = lat = null;
    }

    if (ruc && rightCode && activity && rowErrors.length === 0) {
      const key = `${ruc}|${rightCode}|${activity}`;
      const first = seen.get(key);
      if (first !== undefined) {
        fail('RUC', `the same inscription (RUC, CODIGO UNICO, TIPO ACTIVIDAD) is already in row ${first}`);
      } else seen.set(key, row);
    }
    if (rightCode && departmentCode && rowErrors.length === 0) {
      const declared = rightDepartment.get(rightCode);
      if (declared === undefined) rightDepartment.set(rightCode, { department: departmentCode, row });
      else if (declared.department !== departmentCode) {
        fail('DEPARTAMENTO', `row ${declared.row} declares the mining right ${rightCode} in ${territory.departmentNames.get(declared.department) ?? declared.department}`);
      }
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const natural = isNaturalPersonRuc(ruc!);
    rows.push({
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
    });
  }
  return { rows, errors, fileErrors: [] };
}
