/**
 * Vector tiles of the public map: rights, fronts, protected areas and situation classes.
 * One code path chosen by capability: PostGIS encodes (ST_AsMVT) where it can; where it
 * cannot (PGlite), the same features are cut and encoded in JS by geojson-vt + vt-pbf.
 */
import { PUBLIC_ACTOR, withActor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { classifyFront } from './situation.domain.ts';
import { frontPoints, frontsWithRights } from './situation.queries.ts';
import { TILE_BUFFER, TILE_EXTENT, tileBounds, type TileLayer } from './tiles.domain.ts';
import { hasAsMvt, layerQuery, mvtTile, tileFeatures } from './tiles.queries.ts';

export type TileEncoder = 'postgis' | 'js';
const encoders = new WeakMap<object, Promise<TileEncoder>>();

/** The encoder for this database: PostGIS when it has ST_AsMVT, unless VETA_TILE_ENCODER=js forces the JS one. */
export function tileEncoder(db: Database): Promise<TileEncoder> {
  if (process.env['VETA_TILE_ENCODER'] === 'js') return Promise.resolve('js');
  let p = encoders.get(db);
  if (!p) {
    p = db
      .transaction((tx) => hasAsMvt(tx))
      .then(
        (yes): TileEncoder => (yes ? 'postgis' : 'js'),
        (): TileEncoder => 'js',
      );
    encoders.set(db, p);
  }
  return p;
}

interface Classified {
  at: number;
  /** The data version (the public cache's audit head) it was computed for; null: unknown, served for SITUATION_TTL_MS. */
  version: string | null;
  fronts: Promise<{ id: number; lon: number; lat: number; situation: string }[]>;
}
const classified = new WeakMap<object, Map<number, Classified>>();
/** Without a data version, how long one classification of every front serves the situation tiles (a map view asks for dozens at once). */
const SITUATION_TTL_MS = 60_000;

/**
 * Every front of the year classified once (the spatial join is the cost), shared by the
 * tiles of the same data version: any write (a cadastre, DAC, areas or REINFO import
 * appends to the audit log) moves the version, and the next tile classifies again.
 */
function classifiedFronts(db: Database, year: number, version: string | null): Classified['fronts'] {
  let byYear = classified.get(db);
  if (!byYear) classified.set(db, (byYear = new Map()));
  const hit = byYear.get(year);
  if (hit && (version !== null ? hit.version === version : hit.version === null && Date.now() - hit.at < SITUATION_TTL_MS)) return hit.fronts;
  const fronts = withActor(db, PUBLIC_ACTOR, async (tx) => {
    // one after the other: a transaction is one connection, which runs one statement at a time
    const rows = await frontsWithRights(tx, year, null);
    const points = await frontPoints(tx, year);
    const where = new Map(points.map((p) => [p.id, p]));
    return rows.map((f) => ({ id: f.id, lon: where.get(f.id)?.lon ?? NaN, lat: where.get(f.id)?.lat ?? NaN, situation: classifyFront(f.rights) }));
  });
  const entry: Classified = { at: Date.now(), version, fronts };
  byYear.set(year, entry);
  fronts.catch(() => {
    if (byYear.get(year) === entry) byYear.delete(year);
  });
  return fronts;
}

async function situationsIn(
  db: Database,
  z: number,
  x: number,
  y: number,
  year: number,
  version: string | null,
): Promise<{ ids: number[]; situations: string[] }> {
  const [w, s, e, n] = tileBounds(z, x, y);
  const inside = (await classifiedFronts(db, year, version)).filter((f) => f.lon >= w && f.lon <= e && f.lat >= s && f.lat <= n);
  return { ids: inside.map((f) => f.id), situations: inside.map((f) => f.situation) };
}

export async function renderTile(
  db: Database,
  layer: TileLayer,
  z: number,
  x: number,
  y: number,
  opts: { year?: number; encoder?: TileEncoder; version?: string } = {},
): Promise<Uint8Array> {
  const encoder = opts.encoder ?? (await tileEncoder(db));
  const situations =
    layer === 'situation' ? await situationsIn(db, z, x, y, opts.year ?? (await withActor(db, PUBLIC_ACTOR, latestDacYear)), opts.version ?? null) : undefined;
  return withActor(db, PUBLIC_ACTOR, async (tx) => {
    const q = layerQuery(layer, z, x, y, situations);
    if (encoder === 'postgis') return mvtTile(tx, layer, z, x, y, q);
    const features = await tileFeatures(tx, q);
    if (features.length === 0) return new Uint8Array();
    // loaded with the first tile cut here, not at every server start
    const [{ default: GeoJSONVT }, { fromGeojsonVt }] = await Promise.all([import('geojson-vt'), import('vt-pbf')]);
    const index = new GeoJSONVT({ type: 'FeatureCollection', features } as never, {
      maxZoom: z,
      indexMaxZoom: z,
      indexMaxPoints: 0,
      extent: TILE_EXTENT,
      buffer: TILE_BUFFER,
      tolerance: 1,
    });
    const tile = index.getTile(z, x, y);
    if (!tile || tile.features.length === 0) return new Uint8Array();
    return fromGeojsonVt({ [layer]: tile }, { version: 2, extent: TILE_EXTENT });
  });
}

export async function latestDacYear(tx: Queryable): Promise<number> {
  const { rows } = await tx.query<{ y: number | null }>('SELECT max(year)::int AS y FROM public_dac');
  return rows[0]?.y ?? new Date().getUTCFullYear() - 1;
}
