/**
 * The features of a tile, from the public layers (no personal data): one SELECT per layer
 * giving properties and a WGS84 `geom`, encoded either by PostGIS (ST_AsMVT) or, where
 * PostGIS lacks protobuf (PGlite), returned as GeoJSON for the JS encoder.
 */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';
import {
  clusterCell,
  DETAIL_ZOOM,
  LABEL_ZOOM,
  POINT_DETAIL_ZOOM,
  simplifyTolerance,
  TILE_BUFFER,
  TILE_EXTENT,
  tileBounds,
  type TileLayer,
} from './tiles.domain.ts';

interface LayerQuery {
  sql: string;
  params: unknown[];
  /** Property columns of the SELECT (everything but geom). */
  props: string[];
}

const ENV = 'ST_MakeEnvelope($1, $2, $3, $4, 4326)';

/** The layer's SELECT for tile z/x/y; `situations` gives the situation layer its classified fronts (ids and situations). */
export function layerQuery(layer: TileLayer, z: number, x: number, y: number, situations?: { ids: number[]; situations: string[] }): LayerQuery {
  const box = tileBounds(z, x, y);
  const detail = z >= DETAIL_ZOOM;
  const points = z >= POINT_DETAIL_ZOOM;
  const cell = clusterCell(z);
  switch (layer) {
    case 'rights':
      if (detail && z < LABEL_ZOOM) {
        return { sql: `SELECT coalesce(right_kind, 'unknown') AS kind, geom FROM public_rights WHERE geom && ${ENV}`, params: box, props: ['kind'] };
      }
      return detail
        ? {
            sql: `SELECT code, name, coalesce(right_kind, 'unknown') AS kind, department_code AS department, geom FROM public_rights WHERE geom && ${ENV}`,
            params: box,
            props: ['code', 'name', 'kind', 'department'],
          }
        : {
            sql: `SELECT count(*)::int AS count, coalesce(right_kind, 'unknown') AS kind, ST_SnapToGrid(ST_Centroid(geom), $5::float8) AS geom
                  FROM public_rights WHERE geom && ${ENV} GROUP BY 2, 3`,
            params: [...box, cell],
            props: ['count', 'kind'],
          };
    case 'fronts':
      return points
        ? {
            sql: `SELECT id, status, activity, department_code AS department, front AS geom FROM public_fronts WHERE front && ${ENV}`,
            params: box,
            props: ['id', 'status', 'activity', 'department'],
          }
        : {
            sql: `SELECT count(*)::int AS count, status, ST_SnapToGrid(front, $5::float8) AS geom FROM public_fronts WHERE front && ${ENV} GROUP BY 2, 3`,
            params: [...box, cell],
            props: ['count', 'status'],
          };
    case 'areas':
      return {
        sql: `SELECT code, name, category, kind, CASE WHEN $5::float8 > 0 THEN ST_SimplifyPreserveTopology(geom, $5::float8) ELSE geom END AS geom FROM territory_areas WHERE geom && ${ENV}`,
        params: [...box, z >= 12 ? 0 : simplifyTolerance(z)],
        props: ['code', 'name', 'category', 'kind'],
      };
    case 'situation': {
      const s = situations ?? { ids: [], situations: [] };
      const from = `unnest($5::bigint[], $6::text[]) AS u(id, situation) JOIN public_fronts f ON f.id = u.id WHERE f.front && ${ENV}`;
      return points
        ? { sql: `SELECT f.id, u.situation, f.front AS geom FROM ${from}`, params: [...box, s.ids, s.situations], props: ['id', 'situation'] }
        : {
            sql: `SELECT count(*)::int AS count, u.situation, ST_SnapToGrid(f.front, $7::float8) AS geom FROM ${from} GROUP BY 2, 3`,
            params: [...box, s.ids, s.situations, cell],
            props: ['count', 'situation'],
          };
    }
  }
}

/** The tile encoded by PostGIS. */
export async function mvtTile(tx: Queryable, layer: TileLayer, z: number, x: number, y: number, q: LayerQuery): Promise<Uint8Array> {
  const n = q.params.length;
  const { rows } = await tx.query<{ mvt: Uint8Array | null }>(
    `SELECT ST_AsMVT(t, $${n + 4}, ${TILE_EXTENT}, 'geom') AS mvt FROM (
       SELECT ${q.props.map((p) => `s.${p}`).join(', ')}, ST_AsMVTGeom(ST_Transform(s.geom, 3857), ST_TileEnvelope($${n + 1}, $${n + 2}, $${n + 3}), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
       FROM (${q.sql}) s) t WHERE t.geom IS NOT NULL`,
    [...q.params, z, x, y, layer],
  );
  return rows[0]?.mvt ?? new Uint8Array();
}

/** The tile's features as GeoJSON (for the JS encoder). */
export async function tileFeatures(tx: Queryable, q: LayerQuery): Promise<{ type: 'Feature'; properties: Record<string, unknown>; geometry: unknown }[]> {
  const { rows } = await tx.query<{ p: Record<string, unknown>; g: string | null }>(
    `SELECT json_build_object(${q.props.map((p) => `'${p}', s.${p}`).join(', ')}) AS p, ST_AsGeoJSON(s.geom, 7) AS g FROM (${q.sql}) s`,
    q.params,
  );
  return rows.filter((r) => r.g !== null).map((r) => ({ type: 'Feature' as const, properties: r.p, geometry: JSON.parse(r.g!) as unknown }));
}

/** Does this PostGIS encode vector tiles? (PGlite's is built without protobuf-c.) */
export async function hasAsMvt(tx: Queryable): Promise<boolean> {
  try {
    await tx.query(`SELECT ST_AsMVT(t) FROM (SELECT 1 AS id, ST_AsMVTGeom(ST_Point(1, 1), ST_MakeEnvelope(0, 0, 4096, 4096)) AS geom) t`);
    return true;
  } catch {
    return false;
  }
}
