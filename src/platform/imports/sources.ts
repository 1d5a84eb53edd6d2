/**
 * Readers: a file's bytes (or an already read table, or a stream of lines) as records
 * with their 1-based position. CSV and XLSX go through files/tabular.ts; JSONL is
 * streamed line by line; GeoJSON is a FeatureCollection whose features are the records.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { readCsv, readXlsx, type Table } from '../files/tabular.ts';
import { cellProblem, decodeText, utf8Stream } from './decode.ts';
import { FileRejected } from './errors.ts';
import { limitsOf, type ImportLimits } from './limits.ts';
import type { AnyImportDeclaration, FileFormat } from './types.ts';
import { tooLarge } from './xlsx-guard.ts';

/** One record as read, before header matching. */
export interface RawRecord {
  row: number;
  cells: readonly string[];
  json?: unknown;
  geometry?: unknown;
  /** GeoJSON: the feature's properties as text. */
  properties?: Readonly<Record<string, string>>;
  /** The record could not be read (invalid JSON…). */
  error?: { column: string; value: string; message: string; code: string };
}

export interface ImportSource {
  format: FileFormat;
  /** Tabular: the header row; GeoJSON: every property name met. */
  headers: readonly string[];
  /** CSV and XLSX: the table (for the rejected-rows file). */
  table?: Table;
  /** Records when known in advance (progress). */
  total?: number;
  records(): AsyncIterable<RawRecord> | Iterable<RawRecord>;
}

export function formatOf(fileName: string): FileFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  return null;
}

/** The format a declaration reads this file in: by extension, else its first format. */
export function chooseFormat(decl: Pick<AnyImportDeclaration, 'formats'>, fileName: string): FileFormat {
  const f = formatOf(fileName);
  if (f === null) return decl.formats[0]!;
  if (decl.formats.includes(f)) return f;
  if (f === 'geojson' && decl.formats.includes('jsonl')) return 'jsonl'; // a .json file for a JSONL import
  throw new FileRejected('file.format', `A ${f.toUpperCase()} file cannot be imported here: send ${decl.formats.map((x) => x.toUpperCase()).join(' or ')}`, {
    format: f,
    accepted: decl.formats.join(','),
  });
}

export function tableSource(table: Table, format: FileFormat = 'csv'): ImportSource {
  return { format, headers: table.headers, table, total: table.rows.length, records: () => table.rows };
}

/** An uploaded file's bytes as a source of the declaration's format; unreadable files throw FileRejected. */
export async function openSource(decl: Pick<AnyImportDeclaration, 'formats' | 'limits'>, bytes: Uint8Array, fileName: string): Promise<ImportSource> {
  const limits = limitsOf(decl.limits);
  if (bytes.byteLength > limits.maxBytes) throw tooLarge(limits.maxBytes, bytes.byteLength);
  const format = chooseFormat(decl, fileName);
  if (format === 'xlsx') return tableSource(await readXlsx(bytes, limits), 'xlsx');
  if (format === 'csv') return tableSource(readCsv(bytes, limits), 'csv');
  const { text } = decodeText(bytes);
  if (format === 'geojson') return geojsonSource(text, limits);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  return { format, headers: [], total: lines.filter((l) => l.trim() !== '').length, records: () => jsonlRecords(lines) };
}

/** A file on disk: JSONL streamed (hashing on the way), the other formats read whole. */
export async function fileSource(
  decl: Pick<AnyImportDeclaration, 'formats' | 'limits'>,
  file: string,
): Promise<{ source: ImportSource; sha256: () => string }> {
  const format = chooseFormat(decl, file);
  if (format !== 'jsonl') {
    const bytes = await readFile(file);
    const sha = createHash('sha256').update(bytes).digest('hex');
    return { source: await openSource(decl, bytes, file), sha256: () => sha };
  }
  const { lines, sha256 } = fileLines(file);
  const size = (await stat(file)).size;
  return { source: { format, headers: [], total: undefined, records: () => jsonlRecords(lines), ...(size === 0 ? { total: 0 } : {}) }, sha256 };
}

/** The lines of a file, streamed and strictly UTF-8 decoded, hashing its bytes on the way (a leading BOM is dropped). */
export function fileLines(file: string): { lines: AsyncIterable<string>; sha256: () => string } {
  const hash = createHash('sha256');
  let digest: string | null = null;
  async function* lines(): AsyncGenerator<string> {
    const decoder = utf8Stream();
    let rest = '';
    let first = true;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      let text = rest + decoder.write(chunk);
      if (first) text = text.replace(/^\uFEFF/, '');
      first = false;
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
    }
    rest += decoder.end();
    yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
    digest = hash.digest('hex');
  }
  return { lines: lines(), sha256: () => digest ?? '' };
}

/** JSONL lines as records: line numbers count blank lines too; a line that is not JSON is an error of its row. */
export async function* jsonlRecords(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<RawRecord> {
  let row = 0;
  for await (const line of lines) {
    row += 1;
    if (line.trim() === '') continue;
    const problem = cellProblem(line);
    if (problem) {
      yield { row, cells: [line], error: { column: '', value: '', message: `the line ${problem.message}`, code: problem.code } };
      continue;
    }
    try {
      yield { row, cells: [line], json: JSON.parse(line) as unknown };
    } catch (error) {
      yield { row, cells: [line], error: { column: '', value: '', message: `invalid JSON: ${(error as Error).message}`, code: 'json.invalid' } };
    }
  }
}

function geojsonSource(text: string, limits: ImportLimits): ImportSource {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new FileRejected('file.format', `The file is not valid GeoJSON: ${(err as Error).message}`);
  }
  const features = (doc as { type?: unknown; features?: unknown }).type === 'FeatureCollection' ? (doc as { features?: unknown }).features : undefined;
  if (!Array.isArray(features)) throw new FileRejected('file.format', 'The file is not a GeoJSON FeatureCollection');
  if (features.length > limits.maxRows) {
    throw new FileRejected('file.too_many_rows', `The file has more than ${limits.maxRows.toLocaleString('en')} features: split it`, { max: limits.maxRows });
  }
  const headers = new Set<string>();
  const records: RawRecord[] = features.map((f: unknown, i) => {
    const feature = (typeof f === 'object' && f !== null ? f : {}) as { properties?: unknown; geometry?: unknown };
    const props = typeof feature.properties === 'object' && feature.properties !== null ? (feature.properties as Record<string, unknown>) : {};
    const properties: Record<string, string> = {};
    for (const [k, v] of Object.entries(props)) {
      headers.add(k);
      properties[k] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    return { row: i + 1, cells: Object.values(properties), json: f, geometry: feature.geometry ?? null, properties };
  });
  return { format: 'geojson', headers: [...headers], total: records.length, records: () => records };
}
