/**
 * Dataset renderings: CSV (UTF-8 with BOM, comma, CRLF: Excel es-PE opens it as it is),
 * JSON (an array of row objects), GeoJSON (a FeatureCollection), XLSX (numbers as
 * numbers, dates as dates, the data dictionary on a second sheet) and a zipped
 * Shapefile (shp/shx/dbf written by @mapbox/shp-write, with .prj and .cpg).
 * CSV, JSON, GeoJSON and XLSX stream from the record batches: memory holds one batch.
 * The Shapefile's DBF is written whole (its header counts the records): spatial
 * datasets are kept to the rights and fronts layers.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Feature, Geometry } from 'geojson';
import type { DatasetDefinition, DatasetField, DatasetRecord, DatasetValue } from '../../platform/datasets.ts';

export const FORMATS = ['csv', 'xlsx', 'json', 'geojson', 'shp.zip'] as const;
export type DatasetFormat = (typeof FORMATS)[number];

export const MEDIA_TYPES: Record<DatasetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json',
  'shp.zip': 'application/zip',
};

/** The formats a dataset downloads as: the spatial ones only with a geometry. */
export const formatsOf = (d: Pick<DatasetDefinition, 'geometry'>): DatasetFormat[] =>
  FORMATS.filter((f) => (f !== 'geojson' && f !== 'shp.zip') || d.geometry !== undefined);

type Batches = AsyncIterable<readonly DatasetRecord[]>;

export function render(format: DatasetFormat, d: DatasetDefinition, batches: Batches): Readable | Promise<Buffer> {
  switch (format) {
    case 'csv':
      return Readable.from(csvChunks(d.fields, batches));
    case 'json':
      return Readable.from(jsonChunks(d.fields, batches));
    case 'geojson':
      return Readable.from(geojsonChunks(d.fields, batches));
    case 'xlsx':
      return xlsxStream(d, batches);
    case 'shp.zip':
      return shapefileZip(d, batches);
  }
}

const ordered = (fields: readonly DatasetField[], r: DatasetRecord): DatasetValue[] => fields.map((f) => r.values[f.name] ?? null);

// One stringify call per batch (not per row): the same bytes, several times faster.
async function* csvChunks(fields: readonly DatasetField[], batches: Batches): AsyncIterable<string> {
  const options = { record_delimiter: 'windows', cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } } as const;
  yield `\uFEFF${stringify([fields.map((f) => f.name)], options)}`;
  for await (const batch of batches)
    if (batch.length > 0)
      yield stringify(
        batch.map((r) => ordered(fields, r)),
        options,
      );
}

const rowObject = (fields: readonly DatasetField[], r: DatasetRecord): Record<string, DatasetValue> =>
  Object.fromEntries(fields.map((f) => [f.name, r.values[f.name] ?? null]));

async function* jsonChunks(fields: readonly DatasetField[], batches: Batches): AsyncIterable<string> {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const parts = batch.map((r) => JSON.stringify(rowObject(fields, r)));
    yield (first ? '\n' : ',\n') + parts.join(',\n');
    first = false;
  }
  yield '\n]\n';
}

async function* geojsonChunks(fields: readonly DatasetField[], batches: Batches): AsyncIterable<string> {
  let first = true;
  yield '{"type":"FeatureCollection","features":[';
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const parts = batch.map((r) =>
      JSON.stringify({ type: 'Feature', geometry: r.geometry ?? null, properties: rowObject(fields, r) } satisfies Feature<Geometry | null>),
    );
    yield (first ? '\n' : ',\n') + parts.join(',\n');
    first = false;
  }
  yield '\n]}\n';
}

function xlsxStream(d: DatasetDefinition, batches: Batches): Readable {
  const out = new PassThrough();
  const write = async (): Promise<void> => {
    const { default: Excel } = await import('exceljs'); // loaded on first use: it is large
    const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('datos');
    ws.columns = d.fields.map((f) => ({
      header: f.name,
      key: f.name,
      width: Math.min(40, Math.max(12, f.name.length + 2)),
      ...(f.type === 'date' ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const batch of batches) {
      for (const r of batch) ws.addRow(d.fields.map((f) => xlsxCell(f, r.values[f.name] ?? null))).commit();
    }
    ws.commit();
    const dict = wb.addWorksheet('diccionario');
    dict.addRow(['campo', 'tipo', 'unidad', 'descripción', 'description', 'valores permitidos']).commit();
    for (const f of d.fields) dict.addRow([f.name, f.type, f.unit ?? '', f.description.es, f.description.en, (f.allowedValues ?? []).join(', ')]).commit();
    dict.commit();
    await wb.commit();
  };
  write().catch((err: Error) => out.destroy(err));
  return out;
}

function xlsxCell(f: DatasetField, v: DatasetValue): string | number | boolean | Date | null {
  if (v === null) return null;
  if (f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  return v;
}

/**
 * DBF field names have at most 10 characters: the dictionary's names cut to 10, a
 * clash cut to 8 and numbered. The ZIP carries the correspondence (campos.csv).
 */
export function shapefileFieldNames(fields: readonly Pick<DatasetField, 'name'>[]): string[] {
  const used = new Set<string>();
  return fields.map((f, i) => {
    let name = f.name.slice(0, 10);
    if (used.has(name)) name = `${f.name.slice(0, 8)}${String(i).padStart(2, '0')}`;
    used.add(name);
    return name;
  });
}

// The DBF writer stores one byte per character (ISO-8859-1, named in the .cpg): accents
// and ñ are kept, characters outside Latin-1 become their closest letter or '?'.
const latin1 = (s: string): string => [...s].map((c) => (c.charCodeAt(0) <= 0xff ? c : c.normalize('NFKD').replace(/[^\x20-\xff]/g, '') || '?')).join('');

async function shapefileZip(d: DatasetDefinition, batches: Batches): Promise<Buffer> {
  const [{ default: shpwrite }, { default: JSZip }] = await Promise.all([import('@mapbox/shp-write'), import('jszip')]);
  const names = shapefileFieldNames(d.fields);
  const rows: Record<string, string | number | boolean | null>[] = [];
  const geometries: unknown[] = [];
  for await (const batch of batches) {
    for (const r of batch) {
      if (!r.geometry) continue;
      rows.push(Object.fromEntries(d.fields.map((f, i) => [names[i]!, dbfValue(f, r.values[f.name] ?? null)])));
      geometries.push(coordinates(r.geometry));
    }
  }
  const type = d.geometry === 'Point' ? 'POINT' : 'POLYGON';
  const zip = new JSZip();
  const base = d.id;
  if (rows.length > 0) {
    const files = await new Promise<{ shp: DataView; shx: DataView; dbf: DataView }>((resolve, reject) =>
      shpwrite.write(rows, type, geometries as object[], (err: unknown, f: { shp: DataView; shx: DataView; dbf: DataView }) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(f),
      ),
    );
    zip.file(`${base}.shp`, Buffer.from(files.shp.buffer));
    zip.file(`${base}.shx`, Buffer.from(files.shx.buffer));
    zip.file(`${base}.dbf`, Buffer.from(files.dbf.buffer));
    zip.file(`${base}.prj`, WGS84_PRJ);
    zip.file(`${base}.cpg`, 'ISO-8859-1');
  }
  const dictionary = [
    ['campo_shp', 'campo', 'tipo', 'unidad', 'descripcion'],
    ...d.fields.map((f, i) => [names[i]!, f.name, f.type, f.unit ?? '', f.description.es]),
  ];
  zip.file('campos.csv', '\uFEFF' + dictionary.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function dbfValue(f: DatasetField, v: DatasetValue): string | number | boolean | null {
  if (v === null) return f.type === 'integer' || f.type === 'number' ? null : '';
  if (typeof v === 'string') return latin1(v).slice(0, 254);
  return v;
}

/**
 * The coordinates shp-write takes: a point's pair, a (multi)polygon's rings — outer rings
 * clockwise and holes counter-clockwise, as the Shapefile specification wants (GeoJSON
 * has them the other way round).
 */
function coordinates(g: Geometry): unknown {
  switch (g.type) {
    case 'Point':
      return g.coordinates;
    case 'Polygon':
      return orient(g.coordinates);
    case 'MultiPolygon':
      return g.coordinates.map(orient);
    default:
      throw new Error(`Geometry ${g.type} is not written to Shapefiles here`);
  }
}

type Ring = number[][];
/** Twice the signed area (shoelace): positive for counter-clockwise rings. */
const signedArea = (ring: Ring): number => ring.reduce((a, p, i) => (i === 0 ? 0 : a + (ring[i - 1]![0]! * p[1]! - p[0]! * ring[i - 1]![1]!)), 0);
const orient = (rings: Ring[]): Ring[] =>
  rings.map((ring, i) => {
    const ccw = signedArea(ring) > 0;
    return (i === 0) === ccw ? [...ring].reverse() : ring;
  });

/** The .prj of EPSG:4326 (ESRI WKT, as QGIS and GDAL read it). */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';
