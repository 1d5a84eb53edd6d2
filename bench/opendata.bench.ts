/**
 * Open data downloads at national size: the whole REINFO list (100,000 inscriptions)
 * as CSV, JSON and XLSX, and the 100,000 mining fronts as GeoJSON and Shapefile, from
 * the real server (in this process) to `curl` (another process, writing to /dev/null).
 * Measures the server process's peak RSS during each download (the kernel's high-water
 * mark, reset before each one through /proc/self/clear_refs) against its RSS before it,
 * and the same download capped at 10,000 rows: flat memory means the two peaks match.
 *
 *   node --expose-gc --import tsx bench/opendata.bench.ts [--engine pglite|native] [--rows 100000]
 *
 * Prints a Markdown section for BENCHMARKS.md on stdout. `npm run bench` calls
 * `runOpendataBench(opts)` (the figures) and `opendataSection(result)` (the section).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadTerritory } from '../src/modules/territory/territory.load.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { registerModules } from '../src/platform/module.ts';
import { MODULES } from '../src/modules/index.ts';
import { opendataRoutes } from '../src/modules/opendata/opendata.routes.ts';
import type { NativePg } from './native-pg.ts';
import { fmt } from './stats.ts';

const MB = 1024 * 1024;

/** Resident set now and the high-water mark since the last reset, in bytes (Linux /proc). */
function memory(): { rss: number; hwm: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
const resetPeak = (): void => writeFileSync('/proc/self/clear_refs', '5');

async function generate(db: Database, rows: number): Promise<void> {
  const rights = Math.round(rows * 0.6);
  const deps = `(ARRAY[${Array.from({ length: 25 }, (_, i) => `'${String(i + 1).padStart(2, '0')}'`).join(',')}])`;
  await db.exec(`
    INSERT INTO mining_rights (code, name, search_key, department_code, hectares)
    SELECT 'B' || lpad(g::text, 8, '0'), 'DERECHO BENCH ' || g, 'DERECHO BENCH ' || g, ${deps}[1 + g % 25], 100
    FROM generate_series(1, ${rights}) g;
    INSERT INTO persons (dni, full_name, search_key, region_code, birth_date, phone, address)
    SELECT lpad((40000000 + g)::text, 8, '0'), 'PERSONA BENCH ' || g, 'PERSONA BENCH ' || g, ${deps}[1 + g % 25], '1970-01-01', '999999999', 'Jr. Bench'
    FROM generate_series(1, ${rows / 2}) g;
    INSERT INTO organizations (ruc, name, search_key, type, region_code)
    SELECT '20' || lpad(g::text, 9, '0'), 'ASOCIACION BENCH ' || g, 'ASOCIACION BENCH ' || g, 'association', ${deps}[1 + g % 25]
    FROM generate_series(1, ${rows / 2}) g;
    INSERT INTO reinfo_inscriptions (ruc, declarant_name, person_id, organization_id, mining_right_id, mining_right_code, activity,
                                     department_code, front, inscription_date, status, status_since)
    SELECT CASE WHEN g % 2 = 1 THEN '10' || p.dni || '5' ELSE o.ruc END,
           CASE WHEN g % 2 = 1 THEN p.full_name ELSE o.name END,
           p.id, o.id, r.id, r.code, 'explotacion', r.department_code,
           ST_SetSRID(ST_MakePoint(-76 + (g % 1000) / 500.0, -13 + (g % 997) / 500.0), 4326),
           DATE '2019-01-01' + g % 2000, (ARRAY['vigente', 'suspendido', 'excluido'])[1 + g % 3], DATE '2019-01-01' + g % 2000
    FROM generate_series(1, ${rows}) g
    JOIN mining_rights r ON r.code = 'B' || lpad((1 + g % ${rights})::text, 8, '0')
    LEFT JOIN persons p ON g % 2 = 1 AND p.dni = lpad((40000000 + (g + 1) / 2)::text, 8, '0')
    LEFT JOIN organizations o ON g % 2 = 0 AND o.ruc = '20' || lpad((g / 2)::text, 9, '0');
    ANALYZE;
  `);
}

export interface OpendataRun {
  /** Stable key: csv-10k, csv, json, xlsx, geojson, shp, csv-in-memory. */
  key: string;
  label: string;
  rows: number;
  bytes: number;
  seconds: number;
  before: number;
  peak: number;
  /** Largest live V8 heap seen by a sampler during a second, identical download. */
  heap: number;
}

export interface OpendataBenchOptions {
  /** Default pglite. */
  engine?: 'pglite' | 'native';
  /** Inscriptions generated (default 100,000). */
  rows?: number;
  /** The native server to use (`npm run bench` passes its own); started here when absent. */
  server?: NativePg;
  log?: (message: string) => void;
}

export interface OpendataBenchResult {
  engine: 'pglite' | 'native';
  version: string;
  rows: number;
  /** Whether the heap figures come after forced collections (node --expose-gc). */
  gcExposed: boolean;
  runs: OpendataRun[];
}

/**
 * Samples the live V8 heap until stopped (a full collection before each sample, so the
 * figure is what the download retains, not garbage awaiting collection); the largest.
 * External memory is left out: on PGlite it is the WebAssembly memory of the database.
 */
function heapSampler(): () => number {
  let max = 0;
  const sample = (): void => {
    if (typeof global.gc === 'function') global.gc();
    max = Math.max(max, process.memoryUsage().heapUsed);
  };
  sample();
  const timer = setInterval(sample, 250);
  return () => {
    clearInterval(timer);
    sample();
    return max;
  };
}

async function download(base: string, key: string, label: string, path: string, rows: number): Promise<OpendataRun> {
  if (typeof global.gc === 'function') global.gc();
  const before = memory().rss;
  resetPeak();
  const t = performance.now();
  const out = await curl(base, path);
  const seconds = (performance.now() - t) / 1000;
  const peak = memory().hwm;
  const [status, bytes] = out.split(' ');
  if (status !== '200') throw new Error(`${path}: HTTP ${status}`);
  const stopSampler = heapSampler();
  await curl(base, path);
  return { key, label, rows, bytes: Number(bytes), seconds, before, peak, heap: stopSampler() };
}

function curl(base: string, path: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const curl = spawn('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', `${base}${path}`]);
    let s = '';
    curl.stdout.on('data', (d: Buffer) => (s += d.toString()));
    curl.on('error', reject);
    curl.on('close', () => resolve(s));
  });
}

/**
 * For contrast, not what the server does: the whole REINFO list read into memory and
 * written as one CSV string (the shape of a non-streaming export), in this process.
 */
async function buffered(db: Database, rows: number): Promise<OpendataRun> {
  const { catalogDatasets } = await import('../src/modules/opendata/opendata.catalog.ts');
  const { liveRecords } = await import('../src/modules/opendata/opendata.service.ts');
  const { stringify } = await import('csv-stringify/sync');
  const d = (await catalogDatasets()).find((x) => x.id === 'reinfo-inscripciones')!;
  const build = async (): Promise<string> => {
    const all = [];
    for await (const batch of liveRecords(db, d, { region: null, year: null })) all.push(...batch);
    return stringify([d.fields.map((f) => f.name), ...all.map((r) => d.fields.map((f) => r.values[f.name]))], { bom: true });
  };
  if (typeof global.gc === 'function') global.gc();
  const before = memory().rss;
  resetPeak();
  const t = performance.now();
  const text = await build();
  const seconds = (performance.now() - t) / 1000;
  const peak = memory().hwm;
  const stopSampler = heapSampler();
  await build();
  return {
    key: 'csv-in-memory',
    label: 'contrast: REINFO CSV built in memory (not streamed)',
    rows,
    bytes: Buffer.byteLength(text),
    seconds,
    before,
    peak,
    heap: stopSampler(),
  };
}

/** Generates the inscriptions, serves the open data routes and measures each download. */
export async function runOpendataBench(opts: OpendataBenchOptions = {}): Promise<OpendataBenchResult> {
  const engine = opts.engine ?? 'pglite';
  const rows = opts.rows ?? 100_000;
  const log = opts.log ?? ((m: string) => void process.stderr.write(`${m}\n`));
  let stop = (): void => undefined;
  let db: Database;
  let version: string;
  if (engine === 'native') {
    let server = opts.server;
    if (!server) {
      const { nativePg } = await import('./native-pg.ts');
      server = await nativePg();
      stop = server.stop;
    }
    version = `PostgreSQL ${server.version}`;
    db = await openDatabase({ databaseUrl: await server.freshDatabase('bench_opendata') });
  } else {
    db = await openDatabase({ dataDir: 'memory' });
    version = 'PGlite 0.5.8 (in memory)';
  }
  const runs: OpendataRun[] = [];
  try {
    await migrate(db);
    await db.transaction((tx) => loadTerritory(tx));
    const t = performance.now();
    await generate(db, rows);
    log(`generated ${rows} inscriptions in ${fmt((performance.now() - t) / 1000, 1)} s`);
    // the open data routes alone: what is measured, without the rest of the route table
    registerModules(MODULES);
    // generation is measured: the download cache off (a second download would come from it)
    const cacheSetting = process.env['VETA_OPENDATA_CACHE_BYTES'];
    process.env['VETA_OPENDATA_CACHE_BYTES'] = '0';
    const app = await buildApp({ db }, [opendataRoutes]);
    if (cacheSetting === undefined) delete process.env['VETA_OPENDATA_CACHE_BYTES'];
    else process.env['VETA_OPENDATA_CACHE_BYTES'] = cacheSetting;
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const reinfo = '/api/public/datasets/reinfo-inscripciones';
      const small = Math.min(10_000, rows);
      await download(base, 'warm-up', 'warm-up', `${reinfo}.csv?limit=100`, 100);
      for (const [key, label, path, n] of [
        ['csv-10k', `REINFO CSV, first ${fmt(small, 0)} rows`, `${reinfo}.csv?limit=${small}`, small],
        ['csv', 'REINFO CSV, whole list', `${reinfo}.csv`, rows],
        ['json', 'REINFO JSON, whole list', `${reinfo}.json`, rows],
        ['xlsx', 'REINFO XLSX, whole list', `${reinfo}.xlsx`, rows],
        ['geojson', 'fronts GeoJSON, whole layer', '/api/public/datasets/frentes-mineros.geojson', rows],
        ['shp', 'fronts Shapefile (built in memory), whole layer', '/api/public/datasets/frentes-mineros.shp.zip', rows],
      ] as const) {
        const r = await download(base, key, label, path, n);
        runs.push(r);
        log(
          `${label}: ${fmt(r.bytes / MB, 1)} MB in ${fmt(r.seconds, 2)} s, RSS ${fmt(r.before / MB, 0)} → peak ${fmt(r.peak / MB, 0)} MB, live heap ${fmt(r.heap / MB, 0)} MB`,
        );
      }
      runs.push(await buffered(db, rows));
    } finally {
      await app.close();
    }
    // the same CSV again from a server whose cache holds it (filled by a first download)
    const cached = await buildApp({ db }, [opendataRoutes]);
    try {
      await cached.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(cached.server.address() as AddressInfo).port}`;
      await curl(base, '/api/public/datasets/reinfo-inscripciones.csv');
      await new Promise((r) => setTimeout(r, 500)); // the file is stored after the download ends
      const r = await download(
        base,
        'csv-cached',
        'REINFO CSV, whole list, again (from the download cache)',
        '/api/public/datasets/reinfo-inscripciones.csv',
        rows,
      );
      runs.push(r);
      log(`${r.label}: ${fmt(r.seconds, 2)} s`);
    } finally {
      await cached.close();
    }
  } finally {
    await db.close();
    stop();
  }
  return { engine, version, rows, gcExposed: typeof global.gc === 'function', runs };
}

/** The Markdown section for BENCHMARKS.md. */
export function opendataSection(r: OpendataBenchResult): string {
  const lines = [
    `## Open data downloads (issue 17)`,
    '',
    `${r.version}; ${fmt(r.rows, 0)} generated REINFO inscriptions (half natural persons, half organizations, on ${fmt(Math.round(r.rows * 0.6), 0)} rights), each with a front. The server runs in the bench process; \`curl\` downloads into /dev/null from another process (no compression). "Peak RSS" is the server process's high-water mark (VmHWM) during the download, reset before it; "before" its RSS when the download starts (on PGlite most of it is the database's WebAssembly memory). "Largest live JS heap" comes from a second, identical download sampled every 250 ms${r.gcExposed ? ' after a forced full collection: what the download retains, without the garbage a collector has not yet reclaimed' : ' (without --expose-gc: garbage not yet collected included)'}. CSV, JSON, GeoJSON and XLSX stream in keyset pages of 5,000 rows, each page its own short read transaction, with the download cache off; the last row is the same CSV once a first download has stored it (opendata.cache.ts: whole files kept on disk per data version). The Shapefile is built whole in memory (@mapbox/shp-write takes whole arrays; the .shp/.shx headers hold the file length and bounding box and the .dbf header the record count, so a streaming writer would have to write to disk and patch the headers).`,
    '',
    '| download | rows | size | time | rows/s | RSS before | peak RSS | peak − before | largest live JS heap |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.runs.map(
      (x) =>
        `| ${x.label} | ${fmt(x.rows, 0)} | ${fmt(x.bytes / MB, 1)} MB | ${fmt(x.seconds, 2)} s | ${fmt(x.rows / x.seconds, 0)} | ${fmt(x.before / MB, 0)} MB | ${fmt(x.peak / MB, 0)} MB | ${fmt((x.peak - x.before) / MB, 0)} MB | ${fmt(x.heap / MB, 0)} MB |`,
    ),
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: string): string => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1]! : fallback;
  };
  const result = await runOpendataBench({ engine: arg('engine', 'pglite') as 'pglite' | 'native', rows: Number(arg('rows', '100000')) });
  process.stdout.write(`${opendataSection(result)}\n`);
}
