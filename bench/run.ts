/**
 * `npm run bench`: runs the benchmarks and writes BENCHMARKS.md. Native PostgreSQL
 * comes from DATABASE_URL or is started here (installed with apt-get when missing).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiSection, benchApi } from './api.bench.ts';
import { benchEmbeddedStart, embeddedStartSection } from './embedded-start.bench.ts';
import { benchFormalization, formalizationSection } from './formalization.bench.ts';
import { benchLedger, ledgerSection } from './ledger.bench.ts';
import { benchPglite, pgliteSection } from './pglite.bench.ts';
import { webBench } from './web.bench.ts';
import { nativePg } from './native-pg.ts';
import { notes } from './notes.ts';
import { benchReinfoImport, reinfoImportSection } from './reinfo-import.bench.ts';
import { benchRights, rightsSection } from './rights.bench.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-bench-'));
const log = (m: string): void => {
  process.stderr.write(`${m}\n`);
};

const started = performance.now();
const loadAtStart = os.loadavg()[0]!;
const server = await nativePg();
try {
  log('REINFO import…');
  const reinfo = await benchReinfoImport(server, dir);
  log('public API…');
  const api = await benchApi(server.databaseUrl('bench_reinfo_0'), dir);
  log('mining rights as polygons…');
  const rights = await benchRights(server.databaseUrl('bench_reinfo_0'), dir);
  log('formalization analysis and policy report…');
  const formalization = await benchFormalization(server, dir, undefined, { log });
  log('PGlite vs native…');
  const pglite = await benchPglite(server, dir, { log });
  log('gold ledger…');
  // BENCH_LEDGER_SIZES: the steps the ledger grows by (events in the database after each)
  const sizes = (process.env['BENCH_LEDGER_SIZES'] ?? '1000000,3000000,10000000').split(',').map(Number);
  const ledger = await benchLedger(server, dir, sizes, (process.env['BENCH_LEDGER_SCALE'] as 'national' | 'small' | undefined) ?? 'national', log);
  log('embedded start…');
  const start = await benchEmbeddedStart(dir);
  log('web app…');
  const web = await webBench(log);

  // the raw figures first: a page that fails to render does not lose the run
  writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ reinfo, api, rights, formalization, pglite, ledger, start }, null, 1));
  log(`raw figures in ${path.join(dir, 'results.json')}`);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = [
    `- Machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.type()} ${os.release()}`,
    `- Node.js ${process.version}; PostgreSQL ${server.version} (native, with PostGIS); PGlite ${pkgVersion('@electric-sql/pglite')} with pglite-postgis ${pkgVersion('@electric-sql/pglite-postgis')}`,
    `- Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average at start ${loadAtStart.toFixed(1)}; the whole run (data generation included) took ${((performance.now() - started) / 60_000).toFixed(0)} min; each figure is the median of several runs with min–max unless a number of runs is given.`,
  ].join('\n');
  const md = [
    '# Benchmarks',
    '',
    'Regenerate with `npm run bench` (uses `DATABASE_URL`, or starts a throwaway PostgreSQL 15 + PostGIS cluster on loopback).',
    'Figures are ratios against a baseline measured in the same run, because these machines are noisy.',
    '',
    machine,
    '',
    reinfoImportSection(reinfo),
    apiSection(api, reinfo.counted),
    rightsSection(rights),
    ledgerSection(ledger),
    formalizationSection(formalization),
    pgliteSection(pglite),
    embeddedStartSection(start),
    web,
    notes({ ledger, start, pglite }),
  ].join('\n');
  writeFileSync('BENCHMARKS.md', md);
  log('BENCHMARKS.md written');
} finally {
  server.stop();
}

function pkgVersion(name: string): string {
  return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
}
