/**
 * Vector tiles of the public map: rights, fronts, protected areas and situation classes.
 * One code path chosen by capability: PostGIS encodes (ST_AsMVT) where it can; where it
 * cannot (PGlite), the same features are cut and encoded in JS by geojson-vt + vt-pbf.
 */
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { PUBLIC_ACTOR, withActor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { classifyFront } from './situation.domain.ts';
import { frontsWithRights } from './situation.queries.ts';
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

async function situationsIn(tx: Queryable, z: number, x: number, y: number, year: number): Promise<{ ids: number[]; situations: string[] }> {
  const fronts = await frontsWithRights(tx, year, null, tileBounds(z, x, y));
  return { ids: fronts.map((f) => f.id), situations: fronts.map((f) => classifyFront(f.rights)) };
}

export async function renderTile(
  db: Database,
  layer: TileLayer,
  z: number,
  x: number,
  y: number,
  opts: { year?: number; encoder?: TileEncoder } = {},
): Promise<Uint8Array> {
  const encoder = opts.encoder ?? (await tileEncoder(db));
  return withActor(db, PUBLIC_ACTOR, async (tx) => {
    const situations = layer === 'situation' ? await situationsIn(tx, z, x, y, opts.year ?? (await latestDacYear(tx))) : undefined;
    const q = layerQuery(layer, z, x, y, situations);
    if (encoder === 'postgis') return mvtTile(tx, layer, z, x, y, q);
    const features = await tileFeatures(tx, q);
    if (features.length === 0) return new Uint8Array();
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
