/**
 * `npm run bench`: runs the benchmarks and writes BENCHMARKS.md. Native PostgreSQL
 * comes from DATABASE_URL or is started here (installed with apt-get when missing).
 *
 *   npm run bench                               # every section, BENCHMARKS.md written anew
 *   npm run bench -- --only ledger,start        # those sections alone, spliced into BENCHMARKS.md
 *
 * With --only, each section rerun replaces the section of the same heading and the
 * header says which sections were rerun, when, and under what load; the others keep the
 * figures of the run that wrote them. `api` and `rights` read the database the `reinfo`
 * section leaves (bench_reinfo_0): rerun them with it, or against a DATABASE_URL server
 * that still has it. Sections: reinfo, api, rights, formalization, pglite, ledger, start,
 * web, territory, opendata.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiSection, benchApi } from './api.bench.ts';
import { benchEmbeddedStart, embeddedStartSection } from './embedded-start.bench.ts';
import { benchFormalization, formalizationSection } from './formalization.bench.ts';
import { benchLedger, benchLedgerPglite, ledgerSection } from './ledger.bench.ts';
import { opendataSection, runOpendataBench } from './opendata.bench.ts';
import { benchPglite, pgliteSection } from './pglite.bench.ts';
import { webBench } from './web.bench.ts';
import { nativePg } from './native-pg.ts';
import { notes } from './notes.ts';
import { benchReinfoImport, reinfoImportSection } from './reinfo-import.bench.ts';
import { benchRights, rightsSection } from './rights.bench.ts';
import { targetsSection, type Measured, type MeasuredAt } from './targets.ts';
import { benchTerritory, territorySection } from './territory-section.ts';
import { parseOnly, splice, type Section } from './only.ts';

const log = (m: string): void => {
  process.stderr.write(`${m}\n`);
};

async function main(): Promise<void> {
  const only = parseOnly(process.argv.slice(2));
  const want = (s: Section): boolean => !only || only.includes(s);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-bench-'));
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;
  // the commands are measured as `npm start` and an installed `veta` run them: compiled
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const server = await nativePg();
  const results: Record<string, unknown> = {};
  const out: Partial<Record<Section, string>> = {};
  const failed: Partial<Record<Section, string>> = {};
  const rawFile = path.join(dir, 'results.json');
  // A section that fails is said so and the run goes on: the others' figures (an hour of
  // them, with the 10M-event ledger) are not lost. Raw figures are written after each.
  const measure = async (s: Section, fn: () => Promise<void>): Promise<void> => {
    if (!want(s)) return;
    try {
      await fn();
    } catch (err) {
      failed[s] = err instanceof Error ? (err.stack ?? err.message) : String(err);
      log(`section ${s} failed: ${failed[s]}`);
    }
    writeFileSync(rawFile, JSON.stringify({ ...results, failed }, null, 1));
  };
  try {
    let counted = 0;
    await measure('reinfo', async () => {
      log('REINFO import, 10k and 100k rows…');
      const small = await benchReinfoImport(server, dir, 10_000, 3, 'bench_reinfo10k');
      const reinfo = await benchReinfoImport(server, dir);
      results['reinfo'] = [small, reinfo];
      counted = reinfo.counted;
      out.reinfo = reinfoImportSection([small, reinfo]);
    });
    await measure('api', async () => {
      log('public API…');
      const api = await benchApi(server.databaseUrl('bench_reinfo_0'), dir);
      results['api'] = api;
      out.api = apiSection(api, counted || 100_000);
    });
    await measure('rights', async () => {
      log('mining rights as polygons…');
      const rights = await benchRights(server.databaseUrl('bench_reinfo_0'), dir);
      results['rights'] = rights;
      out.rights = rightsSection(rights);
    });
    await measure('formalization', async () => {
      log('formalization analysis and policy report…');
      const formalization = await benchFormalization(server, dir, undefined, { log });
      results['formalization'] = formalization;
      out.formalization = formalizationSection(formalization);
    });
    await measure('pglite', async () => {
      log('PGlite vs native…');
      const pglite = await benchPglite(server, dir, { log });
      results['pglite'] = pglite;
      out.pglite = pgliteSection(pglite);
    });
    await measure('ledger', async () => {
      log('gold ledger…');
      // BENCH_LEDGER_SIZES: the steps the ledger grows by (events in the database after each)
      const sizes = (process.env['BENCH_LEDGER_SIZES'] ?? '1000000,3000000,10000000').split(',').map(Number);
      const ledger = await benchLedger(server, dir, sizes, (process.env['BENCH_LEDGER_SCALE'] as 'national' | 'small' | undefined) ?? 'national', log);
      results['ledger'] = ledger;
      out.ledger = ledgerSection(ledger);
      log('gold ledger on PGlite, small scale…');
      const small = await benchLedgerPglite(dir, [10_000, 50_000], log);
      results['ledgerPglite'] = small;
      out.ledger = `${ledgerSection(ledger)}\n${ledgerSection(small)}`;
    });
    await measure('start', async () => {
      log('embedded start…');
      const start = await benchEmbeddedStart(dir);
      results['start'] = start;
      out.start = embeddedStartSection(start);
    });
    await measure('territory', async () => {
      log('map tiles…');
      const territory = await benchTerritory(await server.freshDatabase('bench_territory'), log);
      results['territory'] = territory;
      out.territory = territorySection(territory);
    });
    await measure('opendata', async () => {
      log('open data downloads…');
      const opendata = await runOpendataBench({ engine: 'native', server, log });
      results['opendata'] = opendata;
      out.opendata = opendataSection(opendata);
    });
    await measure('web', async () => {
      log('web app…');
      out.web = await webBench(log);
    });
  } finally {
    server.stop();
  }

  // the raw figures first: a page that fails to render does not lose the run
  writeFileSync(rawFile, JSON.stringify({ ...results, failed }, null, 1));
  log(`raw figures in ${rawFile}`);
  const failures = Object.entries(failed).map(([section, why]) => `### Section \`${section}\` failed in this run\n\n\`\`\`\n${why}\n\`\`\`\n`);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const minutes = ((performance.now() - started) / 60_000).toFixed(0);
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const machineLine = `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.type()} ${os.release()}`;
  // BENCHMARKS.json: each section's raw figures and when they were measured (a rerun alone replaces its own)
  const kept =
    only && existsSync('BENCHMARKS.json') ? (JSON.parse(readFileSync('BENCHMARKS.json', 'utf8')) as Record<string, { at: string; results: unknown }>) : {};
  for (const [section, figures] of Object.entries(results)) kept[section] = { at: when, results: figures };
  writeFileSync('BENCHMARKS.json', `${JSON.stringify(kept, null, 1)}\n`);
  const measured = Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, v.results])) as Measured;
  const measuredAt = Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, v.at])) as MeasuredAt;
  const targets = targetsSection(measured, measuredAt);
  if (only) {
    const md = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '# Benchmarks\n';
    const note = `- Sections rerun alone (\`npm run bench -- --only ${only.join(',')}\`) on ${when} UTC, on ${machineLine}, load average at start ${loadAtStart.toFixed(1)}, ${minutes} min: ${only.join(', ')}. The other sections keep the figures of the run described above; ratios are within one run only.`;
    const done = only.filter((s) => out[s] !== undefined);
    writeFileSync('BENCHMARKS.md', splice(md, [targets, ...done.map((s) => out[s]!), findings()], note));
    if (failures.length) process.exitCode = 1;
    log(`BENCHMARKS.md: ${only.join(', ')} spliced in`);
    return;
  }
  const machine = [
    `- Machine: ${machineLine}`,
    `- Node.js ${process.version}; PostgreSQL ${server.version} (native, with PostGIS); PGlite ${pkgVersion('@electric-sql/pglite')} with pglite-postgis ${pkgVersion('@electric-sql/pglite-postgis')}; the commands run from the compiled build (dist/)`,
    `- Run on ${when} UTC, load average at start ${loadAtStart.toFixed(1)}; the whole run (data generation included) took ${minutes} min; each figure is the median of several runs with min–max unless a number of runs is given.`,
  ].join('\n');
  const md = [
    '# Benchmarks',
    '',
    'Regenerate with `npm run bench` (uses `DATABASE_URL`, or starts a throwaway PostgreSQL 15 + PostGIS cluster on loopback); `npm run bench -- --only <sections>` reruns some sections alone and says so here.',
    'Figures are ratios against a baseline measured in the same run, because these machines are noisy.',
    '',
    machine,
    '',
    targets,
    out.reinfo,
    out.api,
    out.rights,
    out.ledger,
    out.formalization,
    out.pglite,
    out.start,
    out.territory,
    out.opendata,
    out.web,
    findings(),
    ...(failures.length ? ['## Sections that failed in this run', '', ...failures] : []),
    safeNotes(results),
  ].join('\n');
  if (failures.length) process.exitCode = 1;
  writeFileSync('BENCHMARKS.md', md);
  log('BENCHMARKS.md written');
}

/** "Reading the figures" needs every section's figures: with one missing, it says so. */
function safeNotes(results: Record<string, unknown>): string {
  try {
    return notes(results as unknown as Parameters<typeof notes>[0]);
  } catch (err) {
    return `## Reading the figures\n\nNot written: a section it reads is missing from this run (${err instanceof Error ? err.message : String(err)}).\n`;
  }
}

/**
 * The findings kept by hand in bench/findings.md (changes measured one at a time, the
 * profiles behind each unmet target, dated): a run measures, people explain; both pages
 * carry them so that a full run does not drop the explanations.
 */
function findings(): string {
  return existsSync(FINDINGS) ? readFileSync(FINDINGS, 'utf8').replace(/\n*$/, '\n') : '';
}
const FINDINGS = 'bench/findings.md';

function pkgVersion(name: string): string {
  return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve('bench/run.ts')) await main();
