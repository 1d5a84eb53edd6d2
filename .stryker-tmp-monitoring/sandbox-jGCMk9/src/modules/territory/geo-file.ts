/**
 * A geographic layer file — GeoJSON or a zipped shapefile — as the import pipeline's
 * records: properties as text (the pipeline matches them to the declaration's columns),
 * the geometry transformed to WGS84 from the CRS the file states (`.prj`, GeoJSON `crs`)
 * or, when it states none, from `--srid`.
 */
// @ts-nocheck

import { FileRejected } from '../../platform/imports/errors.ts';
import { isZip, readZippedShapefile } from '../../platform/imports/shapefile.ts';
import type { ImportSource, RawRecord } from '../../platform/imports/sources.ts';
import { geometryToWgs84, isSupportedSrid, sridFromGeoJsonCrs, sridFromPrj, SUPPORTED_SRIDS, type Srid } from './crs.domain.ts';

export interface GeoLayer {
  records: RawRecord[];
  srid: Srid;
  /** Where the CRS came from. */
  crsSource: 'prj' | 'geojson' | 'option' | 'default';
  /** The file's attribute names, for the rejected-rows file. */
  headers: string[];
}

interface RawFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
};

/** Reads the layer; `sridOption` applies only when the file does not state its CRS. */
export async function readGeoLayer(bytes: Uint8Array, sridOption?: number): Promise<GeoLayer> {
  let features: RawFeature[];
  let stated: number | null = null;
  let crsSource: GeoLayer['crsSource'];
  if (isZip(bytes)) {
    const shp = await readZippedShapefile(bytes);
    features = shp.features;
    if (shp.prj !== null) {
      stated = sridFromPrj(shp.prj);
      if (stated === null)
        throw new FileRejected('geo.crs.unknown', `The .prj names a CRS Veta does not know: ${shp.prj.slice(0, 120)}`, { prj: shp.prj.slice(0, 120) });
    }
    crsSource = 'prj';
  } else {
    let doc: { type?: unknown; features?: unknown; crs?: unknown };
    try {
      doc = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')) as typeof doc;
    } catch (err) {
      throw new FileRejected('json.invalid', `Neither a zipped shapefile nor valid GeoJSON: ${(err as Error).message}`);
    }
    if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features))
      throw new FileRejected('geojson.not_collection', 'The GeoJSON is not a FeatureCollection');
    features = (doc.features as Partial<RawFeature>[]).map((f) => ({
      properties: (f?.properties ?? {}) as Record<string, unknown>,
      geometry: f?.geometry ?? null,
    }));
    stated = sridFromGeoJsonCrs(doc.crs);
    crsSource = 'geojson';
  }
  let srid: number;
  if (stated !== null) srid = stated;
  else if (sridOption !== undefined) [srid, crsSource] = [sridOption, 'option'];
  else [srid, crsSource] = [4326, 'default'];
  if (!isSupportedSrid(srid)) {
    throw new FileRejected('geo.crs.unsupported', `EPSG:${srid} is not supported (supported: ${SUPPORTED_SRIDS.join(', ')})`, { srid });
  }
  const headers = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const records = features.map((f, i): RawRecord => {
    const properties = Object.fromEntries(headers.map((h) => [h, text(f.properties[h])]));
    return {
      row: i + 1,
      cells: headers.map((h) => properties[h]!),
      properties,
      geometry: f.geometry === null ? null : geometryToWgs84(f.geometry, srid as Srid),
    };
  });
  return { records, srid: srid as Srid, crsSource, headers };
}

/** The layer as the pipeline's source (GeoJSON-like records: properties as text, WGS84 geometry). */
export const layerSource = (layer: GeoLayer): ImportSource => ({
  format: 'geojson',
  headers: layer.headers,
  total: layer.records.length,
  records: () => layer.records,
});
