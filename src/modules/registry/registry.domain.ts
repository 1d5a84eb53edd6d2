/**
 * Pure rules of the registry: identifiers, codes, dates, coordinates, strata.
 * No SQL, no HTTP, no clock.
 */
import proj4 from 'proj4';

export { isValidRuc, rucCheckDigit, withCheckDigit } from '../../kernel/ruc.ts';

/** A RUC 10… belongs to a natural person and embeds the DNI (digits 3–10). */
export const isNaturalPersonRuc = (ruc: string): boolean => ruc.startsWith('10');
export const dniOfRuc = (ruc: string): string => ruc.slice(2, 10);
/** Masks the DNI inside a natural person's RUC for public output: 10********5. */
export const maskRuc = (ruc: string): string => (isNaturalPersonRuc(ruc) ? `10${'*'.repeat(8)}${ruc.slice(10)}` : ruc);

/** Strips what spreadsheets add to a RUC: spaces, dots, dashes; a number becomes text. */
export function normalizeRuc(raw: string): string {
  return raw.replace(/[\s.-]/g, '');
}

/**
 * Mining right codes as INGEMMET writes them, without spaces or dashes; digits-only
 * codes left-padded to 9 digits because spreadsheets drop leading zeros.
 */
/**
 * How far outside its department's polygon a mining front or a right's polygon may lie
 * and still count as in it: the boundaries are simplified (the coast most of all). One
 * tolerance for the REINFO import and the cadastre, so that a right the import accepted
 * can always be given its polygon.
 */
export const DEPARTMENT_SLACK_METERS = 1_000;

export function normalizeRightCode(raw: string): string {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  return /^\d+$/.test(code) && code.length < 9 ? code.padStart(9, '0') : code;
}

/** 'dd/mm/yyyy', 'd/m/yyyy', 'dd-mm-yyyy' or ISO 'yyyy-mm-dd' → ISO date, or null when not a real date. */
export function parseCalendarDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export const UTM_ZONES = [17, 18, 19] as const;
export type UtmZone = (typeof UTM_ZONES)[number];
export type Datum = 'WGS84' | 'PSAD56';

/**
 * The pinned transformations. PSAD56 → WGS84 uses EPSG:1201 (PSAD56 to WGS 84 (1),
 * three-parameter, mean for Peru among other countries): −288, 175, −376 m. PostGIS
 * is not asked to choose its own, so both ends of the system agree to the millimetre.
 */
export function utmProj(zone: UtmZone, datum: Datum): string {
  return datum === 'WGS84'
    ? `+proj=utm +zone=${zone} +south +datum=WGS84 +units=m +no_defs`
    : `+proj=utm +zone=${zone} +south +ellps=intl +towgs84=-288,175,-376,0,0,0,0 +units=m +no_defs`;
}

/** UTM easting/northing (southern hemisphere zones 17–19) → WGS84 [longitude, latitude]. */
export function utmToLonLat(zone: UtmZone, datum: Datum, east: number, north: number): [number, number] {
  const [lon, lat] = proj4(utmProj(zone, datum), 'EPSG:4326', [east, north]) as [number, number];
  return [lon, lat];
}

/** A generous box around Peru: a first, cheap check before the polygon test in PostGIS. */
const PERU_BBOX = { minLon: -81.5, maxLon: -68.5, minLat: -18.5, maxLat: 0.1 } as const;
export const insidePeruBox = (lon: number, lat: number): boolean =>
  lon >= PERU_BBOX.minLon && lon <= PERU_BBOX.maxLon && lat >= PERU_BBOX.minLat && lat <= PERU_BBOX.maxLat;

export type OrganizationType = 'cooperative' | 'association' | 'company' | 'community';

/** Legal forms of companies at the end of a name: Ley General de Sociedades (Law 26887) and the EIRL (DL 21621). */
const COMPANY_FORM = /\b(S\.?\s?A\.?\s?C|S\.?\s?A\.?\s?A|S\.?\s?A|S\.?\s?R\.?\s?L(TDA)?|S\.?\s?C\.?\s?R\.?\s?L|E\.?\s?I\.?\s?R\.?\s?L)\.?(\s*-.*)?$/;

/**
 * The organization type as its name states it (REINFO lists give no type column).
 * A company's legal form at the end of the name decides first ("SERVICIOS A
 * COOPERATIVAS SAC" is a company). Plurals count: a central or federation of
 * cooperatives ("CENTRAL DE COOPERATIVAS MINERAS …") is itself a cooperative
 * organization, of second degree (TUO of the General Law of Cooperatives, DS
 * 074-90-TR), as a central of associations is an association.
 */
export function organizationTypeFromName(name: string): OrganizationType {
  const n = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .trim();
  if (COMPANY_FORM.test(n)) return 'company';
  if (/\bCOOPERATIVAS?\b|\bCOOP\b/.test(n)) return 'cooperative';
  if (/\bASOCIACION(ES)?\b|\bASOC\b/.test(n)) return 'association';
  if (/\bCOMUNIDAD(ES)?\b/.test(n)) return 'community';
  return 'company';
}
