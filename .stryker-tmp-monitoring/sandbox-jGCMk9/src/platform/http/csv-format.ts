/**
 * `?format=csv` on public JSON endpoints: one mechanism for every route that sets
 * `config.csv` (true, or a function picking the rows out of its JSON answer). The JSON
 * the route answers is turned into CSV — UTF-8 with BOM, comma-separated, CRLF, as Excel
 * es-PE opens it — by an onSend hook that runs before the public cache stores the answer,
 * so the cache keeps the CSV under its own URL and the ETag covers it.
 *
 * The default table of a JSON answer: an array gives a row per element; nested objects
 * flatten into `parent.child` columns; an array inside an object gives a row per element
 * with the object's other values repeated (several arrays: their rows one after the
 * other); a GeoJSON Feature gives its properties, geometry type and, for points,
 * longitude and latitude.
 */
// @ts-nocheck

import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, onSendHookHandler } from 'fastify';

type Cell = string | number | boolean | null;
export type CsvRow = Record<string, Cell>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers `?format=csv` with the JSON answer as CSV (see src/platform/http/csv-format.ts). */
    csv?: true | ((body: unknown) => Record<string, unknown>[]);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasArray = (v: unknown): boolean =>
  Array.isArray(v) ? v.some((x) => typeof x === 'object' && x !== null) : isObject(v) && Object.values(v).some(hasArray);

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('|');
  return JSON.stringify(v);
}

function feature(f: Record<string, unknown>, prefix: string): CsvRow[] {
  const g = isObject(f['geometry']) ? f['geometry'] : null;
  const base: CsvRow = {};
  if (f['id'] !== undefined) base[`${prefix}id`] = cell(f['id']);
  const props = isObject(f['properties']) ? f['properties'] : {};
  const rows = explode(props, prefix);
  const coords = g?.['type'] === 'Point' && Array.isArray(g['coordinates']) ? (g['coordinates'] as number[]) : null;
  return rows.map((r) => ({
    ...base,
    ...r,
    [`${prefix}geometry_type`]: g ? cell(g['type']) : null,
    ...(coords ? { [`${prefix}longitude`]: coords[0] ?? null, [`${prefix}latitude`]: coords[1] ?? null } : {}),
  }));
}

/** The rows of a JSON value (see the module comment). */
export function explode(v: unknown, prefix = ''): CsvRow[] {
  if (Array.isArray(v)) {
    if (!v.some((x) => typeof x === 'object' && x !== null)) return v.map((x) => ({ [prefix.replace(/\.$/, '') || 'value']: cell(x) }));
    return v.flatMap((x) => explode(x, prefix));
  }
  if (!isObject(v)) return [{ [prefix.replace(/\.$/, '') || 'value']: cell(v) }];
  if (v['type'] === 'Feature') return feature(v, prefix);
  if (v['type'] === 'FeatureCollection' && Array.isArray(v['features'])) return v['features'].flatMap((f) => (isObject(f) ? feature(f, prefix) : []));
  const base: CsvRow = {};
  const branches: [string, unknown][] = [];
  for (const [k, x] of Object.entries(v)) {
    if (hasArray(x)) branches.push([k, x]);
    else if (isObject(x)) Object.assign(base, ...explode(x, `${prefix}${k}.`));
    else base[`${prefix}${k}`] = cell(x);
  }
  if (branches.length === 0) return [base];
  return branches.flatMap(([k, x]) => explode(x, branches.length > 1 || isObject(x) ? `${prefix}${k}.` : prefix).map((r) => ({ ...base, ...r })));
}

/** CSV text of rows: the union of their columns, in first-seen order. */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
  return stringify([columns, ...rows.map((r) => columns.map((c) => cell(r[c])))], {
    bom: true,
    record_delimiter: 'windows',
    cast: { boolean: (b) => String(b) },
  });
}

const wantsCsv = (url: string): boolean => new URLSearchParams(url.split('?')[1] ?? '').get('format') === 'csv';

const toCsvHook: onSendHookHandler = (req, reply, payload, done) => {
  const csv = req.routeOptions.config?.csv;
  if (!csv || reply.statusCode !== 200 || !wantsCsv(req.url) || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
  let body: unknown;
  try {
    body = JSON.parse(payload.toString());
  } catch {
    return done(null, payload);
  }
  const rows = csv === true ? explode(body) : csv(body);
  const name = (req.url.split('?')[0] ?? '').split('/').filter(Boolean).slice(2).join('-') || 'datos';
  void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`);
  done(null, toCsv(rows));
};

/**
 * Call after the public cache is registered: this hook goes first on each flagged route,
 * so the cache stores (and hashes) the CSV.
 */
export function registerCsvFormat(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.config?.csv) return;
    const existing = route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend];
    route.onSend = [toCsvHook, ...existing];
  });
}
