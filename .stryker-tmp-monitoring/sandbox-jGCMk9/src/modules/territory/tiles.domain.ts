/** Web-Mercator tiles (XYZ, as Leaflet and every web map address them): pure arithmetic. */
// @ts-nocheck


export const TILE_LAYERS = ['rights', 'fronts', 'areas', 'situation'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

export const TILE_EXTENT = 4096;
/** Pixels (of 4096) of the neighbours' data each tile carries, so shapes join without seams. */
export const TILE_BUFFER = 64;
export const MAX_TILE_ZOOM = 18;
/** Below this zoom rights are drawn as clusters (a count per cell); from it, as polygons. */
export const DETAIL_ZOOM = 8;
/** Below this zoom fronts and situation classes are clusters (a count per cell): a department at zoom 8 holds tens of thousands. */
export const POINT_DETAIL_ZOOM = 10;
/** From this zoom rights carry their code, name and department; below it only their kind (the tile budget). */
export const LABEL_ZOOM = 11;

export const isTile = (z: number, x: number, y: number): boolean =>
  Number.isInteger(z) && Number.isInteger(x) && Number.isInteger(y) && z >= 0 && z <= MAX_TILE_ZOOM && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z;

const lon = (x: number, z: number): number => (x / 2 ** z) * 360 - 180;
const lat = (y: number, z: number): number => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

/** The tile's box in degrees [west, south, east, north], grown by the buffer. */
export function tileBounds(z: number, x: number, y: number, buffer = TILE_BUFFER / TILE_EXTENT): [number, number, number, number] {
  return [lon(x - buffer, z), lat(y + 1 + buffer, z), lon(x + 1 + buffer, z), lat(y - buffer, z)];
}

/** The tiles of zoom z that cover a box in degrees (for the bench's "view of Puno"). */
export function tilesCovering(z: number, [w, s, e, n]: [number, number, number, number]): [number, number][] {
  const tx = (l: number): number => Math.floor(((l + 180) / 360) * 2 ** z);
  const ty = (la: number): number => Math.floor(((1 - Math.log(Math.tan((la * Math.PI) / 180) + 1 / Math.cos((la * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
  const out: [number, number][] = [];
  for (let x = tx(w); x <= tx(e); x++) for (let y = ty(n); y <= ty(s); y++) out.push([x, y]);
  return out;
}

/** The cluster cell in degrees at zoom z: 1/64 of a tile's width (64 px on a 256 px tile would be too coarse). */
export const clusterCell = (z: number): number => 360 / 2 ** z / 64;

/** Polygon simplification tolerance in degrees at zoom z: about a quarter of a 256-px pixel. */
export const simplifyTolerance = (z: number): number => 360 / 2 ** z / 1024;
