/**
 * PGlite vs native PostgreSQL at small scale (`npm run bench:data -- --scale small`:
 * 5,000 inscriptions): the same REINFO import (`veta import reinfo` as a process into a
 * fresh, migrated database: a new data folder for PGlite, a new database for native),
 * then the same expedientes and policy in both, and the formalization report and the
 * policy measurement, each as a process and in process.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { loadExpedientes, loadExpedientesInto, type ExpedienteLoad } from './generate/expedientes.ts';
import { generate } from './generate/national.ts';
import {
  CUTOFF,
  datasetCounts,
  indicatorLine,
  loadPolicy,
  policyCli,
  policyInProcess,
  POLICY_YEAR,
  reportCli,
  reportInProcess,
  STAGE_ORDER,
  type DatasetCounts,
  type Indicator,
} from './formalization.bench.ts';
import type { NativePg } from './native-pg.ts';
import { veta } from './reinfo-import.bench.ts';
import { figure, fmt, show, time, type Figure } from './stats.ts';
import { breakdownTable, profileProcess, type CpuBreakdown } from './cpu-profile.ts';

export interface EngineRun {
  /** `veta migrate` on the up-to-date database: Node's start, opening the engine, the migrations check. */
  floor: Figure;
  /** One more `veta migrate` under V8's profiler (absent in runs before it was recorded). */
  floorProfile?: CpuBreakdown;
  import: Figure;
  loader: ExpedienteLoad;
  counts: DatasetCounts;
  reportCli: Figure;
  reportInProcess: Figure;
  policyCli: Figure;
  policyInProcess: Figure;
  indicators: Indicator[];
}

export interface PgliteBench {
  rows: number;
  native: EngineRun;
  pglite: EngineRun;
}

export interface PgliteOptions {
  runs?: number;
  /** Prefix of the native databases created (`<prefix>_pglite_native_<i>`). */
  prefix?: string;
  log?: (m: string) => void;
}

type Engine = 'native' | 'pglite';

async function engineRun(
  engine: Engine,
  target: (i: number) => Promise<{ env: NodeJS.ProcessEnv; open: () => Promise<Database> }>,
  file: string,
  dir: string,
  runs: number,
  log: (m: string) => void,
): Promise<EngineRun> {
  const samples: number[] = [];
  let last: { env: NodeJS.ProcessEnv; open: () => Promise<Database> } | undefined;
  for (let i = 0; i < runs; i++) {
    last = await target(i);
    const migrated = await veta(['migrate'], last.env);
    if (migrated.code !== 0) throw new Error(`${engine} migrate: ${migrated.stderr}`);
    let r = { code: 0, stdout: '', stderr: '' };
    samples.push(await time(async () => (r = await veta(['import', 'reinfo', file, '--as-of', '2024-01-01', '--json'], last!.env))));
    if (r.code !== 0) throw new Error(`${engine} import reinfo: ${r.stderr}`);
  }
  const { env, open } = last!;
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    let r = { code: 0, stdout: '', stderr: '' };
    floor.push(await time(async () => (r = await veta(['migrate'], env))));
    if (r.code !== 0) throw new Error(`${engine} migrate: ${r.stderr}`);
  }
  const floorProfile = await profileProcess(async (nodeArgs) => {
    const r = await veta(['migrate'], env, nodeArgs);
    if (r.code !== 0) throw new Error(`${engine} migrate: ${r.stderr}`);
  });
  log(`  ${engine}: expedientes, policy, in-process figures…`);
  let loader: ExpedienteLoad;
  let counts: DatasetCounts;
  let inReport: Figure;
  let inPolicy: Figure;
  // Native: the COPY loader on its own connection; PGlite: the module's inserts in the one open database.
  const url = env['DATABASE_URL'];
  if (url) loader = await loadExpedientes(url);
  const db = await open();
  try {
    if (!url) loader = await loadExpedientesInto(db);
    await loadPolicy(db);
    counts = await datasetCounts(db);
    inReport = (await reportInProcess(db, runs)).figure;
    inPolicy = (await policyInProcess(db, runs)).figure;
  } finally {
    await db.close();
  }
  log(`  ${engine}: CLI figures…`);
  const cliReport = await reportCli(env, path.join(dir, `formalization-report-${engine}.json`), runs);
  const cliPolicy = await policyCli(env, runs);
  return {
    floor: figure(floor),
    floorProfile,
    import: figure(samples),
    loader: loader!,
    counts,
    reportCli: cliReport.figure,
    reportInProcess: inReport,
    policyCli: cliPolicy.figure,
    policyInProcess: inPolicy,
    indicators: cliPolicy.indicators,
  };
}

export async function benchPglite(server: NativePg, dir: string, o: PgliteOptions = {}): Promise<PgliteBench> {
  const runs = o.runs ?? 3;
  const log = o.log ?? (() => undefined);
  const m = await generate('small', path.join(dir, 'pglite-small'), 1000);
  log('  native PostgreSQL…');
  const native = await engineRun(
    'native',
    async (i) => {
      const url = await server.freshDatabase(`${o.prefix ?? 'bench'}_pglite_native_${i}`);
      return { env: { DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url }) };
    },
    m.files.reinfo,
    dir,
    runs,
    log,
  );
  log('  PGlite…');
  const pglite = await engineRun(
    'pglite',
    async (i) => {
      const dataDir = path.join(dir, `pglite-data-${i}-${Date.now()}`);
      mkdirSync(dataDir, { recursive: true });
      return { env: { DATABASE_URL: '', VETA_DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }) };
    },
    m.files.reinfo,
    dir,
    runs,
    log,
  );
  for (const k of ['inscriptions', 'expedientes', 'actions', 'documents'] as const) {
    if (native.counts[k] !== pglite.counts[k]) throw new Error(`PGlite and native hold different data: ${k} ${pglite.counts[k]} vs ${native.counts[k]}`);
  }
  if (indicatorLine(native.indicators) !== indicatorLine(pglite.indicators)) {
    throw new Error(`PGlite and native measure differently: ${indicatorLine(pglite.indicators)} vs ${indicatorLine(native.indicators)}`);
  }
  return { rows: m.counts.inscriptions, native, pglite };
}

const n = (x: number): string => x.toLocaleString('en-US');

export function pgliteSection(b: PgliteBench): string {
  const c = b.native.counts;
  const row = (label: string, f: (e: EngineRun) => Figure): string =>
    `| ${label} | ${show(f(b.native), 's')} | ${show(f(b.pglite), 's')} | **×${fmt(f(b.pglite).median / f(b.native).median, 1)}** |`;
  const net = (f: (e: EngineRun) => Figure): string =>
    `×${fmt(Math.max(0, f(b.pglite).median - b.pglite.floor.median) / Math.max(0.001, f(b.native).median - b.native.floor.median), 1)}`;
  return [
    '## PGlite vs native PostgreSQL (issue 7)',
    '',
    `Small scale (\`npm run bench:data -- --scale small\`): ${n(b.rows)} generated REINFO rows; counted in both databases afterwards: ${n(c.inscriptions)} inscriptions, ` +
      `${n(c.expedientes)} expedientes (${STAGE_ORDER.map((s) => `${s.replace('_', ' ')} ${n(c.byStage[s] ?? 0)}`).join(', ')}), ${n(c.actions)} actions; the same policy indicators on both (${indicatorLine(b.native.indicators)}). ` +
      'Processes run `bin/veta.js` with `VETA_DATA_DIR` (PGlite + PostGIS, WebAssembly, in the process) or `DATABASE_URL` (native PostgreSQL 15 on loopback); each import goes into a fresh, migrated folder or database. ' +
      '"Whole process" includes what every command pays (first row: Node\'s start, opening the engine — for PGlite, loading and compiling PostgreSQL and PostGIS as WebAssembly — and the migrations check); "in process" is the service call alone on a database already open.',
    '',
    '| figure | native PostgreSQL | PGlite | PGlite / native |',
    '| --- | --- | --- | ---: |',
    row("every command's floor: `veta migrate` with nothing to apply, whole process", (e) => e.floor),
    row('`veta import reinfo FILE --as-of 2024-01-01 --json`, whole process', (e) => e.import),
    row(`\`veta formalization report --format json --to ${CUTOFF}\`, whole process`, (e) => e.reportCli),
    row('formalization report in process (`formalizationReport`)', (e) => e.reportInProcess),
    row(`\`veta policy measure --year ${POLICY_YEAR} --json\`, whole process`, (e) => e.policyCli),
    row('policy measurement in process (`measurePolicyCounts`)', (e) => e.policyInProcess),
    `| loading the expedientes (not the same path: COPY on native, the module's set-based inserts on PGlite; 1 run) | ${b.native.loader.seconds.toFixed(2)} s | ${b.pglite.loader.seconds.toFixed(2)} s | ×${fmt(b.pglite.loader.seconds / b.native.loader.seconds, 1)} |`,
    '',
    `Net of each engine's floor (whole-process median minus the \`veta migrate\` median): import ${net((e) => e.import)}, formalization report ${net((e) => e.reportCli)}, policy measurement ${net((e) => e.policyCli)} — at this size the commands on PGlite mostly pay for opening the engine.`,
    '',
    ...(b.pglite.floorProfile
      ? ['Where the floor goes on PGlite (one more `veta migrate` under `node --cpu-prof`, samples grouped):', '', breakdownTable(b.pglite.floorProfile), '']
      : []),
  ].join('\n');
}
