/** Factories: valid rows with unique keys, overridable field by field. */
import { stringify } from 'csv-stringify/sync';
import { withCheckDigit } from '../src/modules/registry/registry.domain.ts';
import type { Actor } from '../src/platform/context.ts';

/**
 * The keys of one test file must not meet another's: the files of a worker share its
 * database, and a RUC drawn twice mixes two files' records (a trader's lots, a flag).
 * A worker runs its files one after another, so the counter starts at the clock (in
 * milliseconds, wrapping after about 66 minutes): a later file starts past every key an
 * earlier one drew unless that one drew more than one per millisecond it ran. (A random
 * start in a range of 1,000,000 let two files of one worker draw the same keys now and then.)
 */
let counter = Date.now() % 4_000_000;
const next = (): number => ++counter;

// ranges the demo and bench generators never use (DNIs from 40 100 000 upwards, rights below 80 000 000)
export const naturalRuc = (): string => withCheckDigit(`10${String(95_000_000 + next()).padStart(8, '0')}`);
export const companyRuc = (): string => withCheckDigit(`20${String(60_000_000 + next()).padStart(8, '0')}`);
export const rightCode = (): string => `${String(500_000_000 + next()).padStart(9, '0')}`;

export const PLACES = {
  puno: { DEPARTAMENTO: 'PUNO', PROVINCIA: 'PUNO', DISTRITO: 'PUNO', LATITUD: '-15.8403', LONGITUD: '-70.0281', code: '21' },
  madreDeDios: { DEPARTAMENTO: 'Madre de Dios', PROVINCIA: 'Tambopata', DISTRITO: 'Tambopata', LATITUD: '-12.5936', LONGITUD: '-69.1767', code: '17' },
  arequipa: { DEPARTAMENTO: 'Arequipa', PROVINCIA: 'Castilla', DISTRITO: 'Aplao', LATITUD: '-16.0761', LONGITUD: '-72.4922', code: '04' },
  laLibertad: { DEPARTAMENTO: 'LA LIBERTAD', PROVINCIA: 'TRUJILLO', DISTRITO: 'TRUJILLO', LATITUD: '-8.1', LONGITUD: '-79.0306', code: '13' },
} as const;

export type ReinfoCsvRow = Record<string, string>;

export function buildReinfoRow(overrides: Partial<ReinfoCsvRow> = {}, place: keyof typeof PLACES = 'puno'): ReinfoCsvRow {
  const { code: _code, ...where } = PLACES[place];
  const n = next();
  return {
    RUC: naturalRuc(),
    NOMBRE: `MINERO DE PRUEBA ${n}`,
    'CODIGO UNICO': rightCode(),
    'NOMBRE DERECHO MINERO': `DERECHO PRUEBA ${n}`,
    ...where,
    'TIPO ACTIVIDAD': 'EXPLOTACION',
    ESTADO: 'VIGENTE',
    'FECHA INSCRIPCION': '15/03/2021',
    ...overrides,
  };
}

export function toCsv(rows: ReinfoCsvRow[]): string {
  const headers = Object.keys(rows[0] ?? {});
  return stringify([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]);
}

export const actor = (role: Actor['role'], region: string | null = null, ruc: string | null = null): Actor => ({
  username: `test-${role}${region ? `-${region}` : ''}`,
  role,
  region,
  ruc,
  userId: null,
});
