/**
 * Zipped ESRI shapefiles as GEOCATMIN and SERNANP publish them (`.shp`, `.dbf`, `.prj`,
 * `.cpg`, maybe in a folder of the archive): unzipped with jszip, read with the
 * `shapefile` package. Coordinates come back as the file has them; the `.prj` text is
 * returned for the caller to decide the CRS.
 */
import type JSZip from 'jszip';
import { FileRejected } from './errors.ts';

export interface ShapefileFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

export interface Shapefile {
  /** The layer's base name inside the archive. */
  layer: string;
  features: ShapefileFeature[];
  /** The `.prj` (WKT of the CRS), or null when the archive has none. */
  prj: string | null;
}

/** True when the bytes start like a zip archive (PK\x03\x04). */
export const isZip = (bytes: Uint8Array): boolean => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads the first `.shp` layer of a zip archive with its `.dbf`, `.prj` and `.cpg` (DBF encoding, default UTF-8). */
export async function readZippedShapefile(bytes: Uint8Array, maxFeatures = 2_000_000): Promise<Shapefile> {
  // loaded when a shapefile is first read, not at every start
  const [{ default: Zip }, { open }] = await Promise.all([import('jszip'), import('shapefile')]);
  let zip: JSZip;
  try {
    zip = await Zip.loadAsync(bytes);
  } catch {
    throw new FileRejected('file.format', 'The file is not a readable zip archive');
  }
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir && !n.startsWith('__MACOSX/'));
  const shp = names.filter((n) => /\.shp$/i.test(n)).sort()[0];
  if (!shp) throw new FileRejected('shapefile.missing_shp', 'The archive has no .shp file');
  const base = shp.slice(0, -4);
  const sibling = (ext: string): string | undefined =>
    names.find((n) => n.slice(0, -ext.length - 1) === base && n.slice(-ext.length - 1).toLowerCase() === `.${ext}`);
  const dbfName = sibling('dbf');
  if (!dbfName) throw new FileRejected('shapefile.missing_dbf', 'The archive has no .dbf beside the .shp', { layer: base });
  const prjName = sibling('prj');
  const cpgName = sibling('cpg');
  const [shpBytes, dbfBytes] = await Promise.all([zip.file(shp)!.async('uint8array'), zip.file(dbfName)!.async('uint8array')]);
  const prj = prjName ? await zip.file(prjName)!.async('string') : null;
  const cpg = cpgName ? (await zip.file(cpgName)!.async('string')).trim() : '';
  const encoding = /^(utf-?8|65001)$/i.test(cpg) || cpg === '' ? 'utf-8' : /1252/.test(cpg) ? 'windows-1252' : /8859-?1\b/.test(cpg) ? 'iso-8859-1' : cpg;
  const features: ShapefileFeature[] = [];
  try {
    const source = await open(shpBytes, dbfBytes, { encoding });
    for (let r = await source.read(); !r.done; r = await source.read()) {
      if (features.length >= maxFeatures) throw new FileRejected('file.too_many_rows', `More than ${maxFeatures} features`, { max: maxFeatures });
      features.push({ properties: (r.value.properties ?? {}) as Record<string, unknown>, geometry: r.value.geometry ?? null });
    }
  } catch (err) {
    if (err instanceof FileRejected) throw err;
    throw new FileRejected('shapefile.unreadable', `The shapefile cannot be read: ${(err as Error).message}`, { layer: base });
  }
  return { layer: base.split('/').pop() ?? base, features, prj };
}
