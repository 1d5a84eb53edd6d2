/**
 * The coordinate reference systems of Peru's official layers (GEOCATMIN, SERNANP) and
 * their transformation to WGS84. The datum shift PSAD56 → WGS84 is the one the registry
 * pins (EPSG:1201, −288, 175, −376 m), so a right's polygon and a REINFO front given in
 * PSAD56 land on the same ground on both database engines.
 */
// @ts-nocheck

import proj4 from 'proj4';
import { utmProj, type UtmZone } from '../registry/registry.domain.ts';

/** EPSG codes accepted: geographic WGS84 / PSAD56 and UTM 17S–19S in either datum. */
export const SUPPORTED_SRIDS = [4326, 4248, 32717, 32718, 32719, 24877, 24878, 24879] as const;
export type Srid = (typeof SUPPORTED_SRIDS)[number];
export const isSupportedSrid = (n: number): n is Srid => (SUPPORTED_SRIDS as readonly number[]).includes(n);

function projOf(srid: Srid): string {
  if (srid === 4326) return 'EPSG:4326';
  if (srid === 4248) return '+proj=longlat +ellps=intl +towgs84=-288,175,-376,0,0,0,0 +no_defs';
  const zone = (srid >= 32700 ? srid - 32700 : srid - 24860) as UtmZone;
  return utmProj(zone, srid >= 32700 ? 'WGS84' : 'PSAD56');
}

/**
 * The EPSG code a `.prj` (ESRI or OGC WKT) names, or null when it is none of the
 * supported ones. The top-level AUTHORITY decides when present; otherwise the datum
 * (WGS 1984 / PSAD 1956) and the UTM zone in the names.
 */
export function sridFromPrj(wkt: string): number | null {
  const authority = /AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt.trim());
  if (authority) return Number(authority[1]);
  const flat = wkt.toUpperCase().replace(/[^A-Z0-9]+/g, ' ');
  const psad = /\bPSAD ?(19)?56\b|PROVISIONAL S(OUTH)? AM(ERICAN)? (DATUM )?1956/.test(flat);
  const wgs = /\bWGS ?(19)?84\b/.test(flat);
  if (!psad && !wgs) return null;
  const utm = /UTM ZONE (1[789]) ?(S|SOUTH)\b/.exec(flat) ?? /UTM (1[789]) ?S\b/.exec(flat);
  const projected = /^\s*PROJCS|^\s*PROJCRS/.test(wkt.toUpperCase());
  if (utm) return (psad ? 24860 : 32700) + Number(utm[1]);
  if (projected) return null;
  return psad ? 4248 : 4326;
}

/** The EPSG code of a GeoJSON `crs` member (GeoJSON 2008; RFC 7946 files have none and are WGS84). */
export function sridFromGeoJsonCrs(crs: unknown): number | null {
  if (!crs || typeof crs !== 'object') return null;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return 4326;
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  return m ? Number(m[1]) : null;
}

type Position = number[];
type Coordinates = Position | Coordinates[];

/** A GeoJSON geometry with every position transformed from `srid` to WGS84 (Z dropped). */
export function geometryToWgs84<G>(geometry: G, srid: Srid): G {
  if (!geometry || typeof geometry !== 'object') return geometry;
  const g = geometry as { type?: string; coordinates?: Coordinates; geometries?: unknown[] };
  const converter = srid === 4326 ? null : proj4(projOf(srid), 'EPSG:4326');
  const convert = (p: Position): Position => (converter ? (converter.forward([p[0]!, p[1]!]) as number[]) : [p[0]!, p[1]!]);
  const walk = (c: Coordinates): Coordinates => (typeof c[0] === 'number' ? convert([c[0], (c as Position)[1]!]) : (c as Coordinates[]).map(walk));
  if (g.type === 'GeometryCollection') return { ...g, geometries: (g.geometries ?? []).map((x) => geometryToWgs84(x, srid)) } as G;
  if (!Array.isArray(g.coordinates)) return geometry;
  return { ...g, coordinates: walk(g.coordinates) } as G;
}
