/**
 * Formalization analysis and the policy report computed from records, on native
 * PostgreSQL with the national synthetic registry: the REINFO list of
 * `npm run bench:data` imported with `veta import reinfo`, expedientes in every stage
 * for most inscriptions (bench/generate/expedientes.ts), the national MAPE policy's
 * matrix stored as the demo stores it. Timed through the real commands as processes
 * (`veta formalization report`, `veta policy measure`) and in process (the same
 * service functions without Node's start, migrations check and output).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadMonitoringDemo } from '../src/modules/demo/demo-monitoring.ts';
import { formalizationReport } from '../src/modules/formalization/formalization.report.ts';
import { DEFAULT_STALLED_DAYS } from '../src/modules/formalization/formalization-report.schema.ts';
import { measurePolicyCounts } from '../src/modules/monitoring/bindings/measure.service.ts';
import { DEFAULT_POLICY_CODE } from '../src/modules/monitoring/policy.catalog.ts';
import type { Actor } from '../src/platform/context.ts';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { loadExpedientes, type ExpedienteLoad } from './generate/expedientes.ts';
import { generate, type SCALES } from './generate/national.ts';
import type { NativePg } from './native-pg.ts';
import { veta } from './reinfo-import.bench.ts';
import { figure, fmt, show, time, type Figure } from './stats.ts';
import { profileStatements, profileTable, type StatementProfile } from './statement-profile.ts';

export const ADMIN: Actor = { username: 'bench', role: 'admin', region: null, ruc: null, userId: null };
/** The synthetic data's "today": the report's cut-off and the end of every history. */
export const CUTOFF = '2025-06-30';
/** The year the policy is measured for (the stored matrix has its 2024 values). */
export const POLICY_YEAR = 2024;
export const STAGE_ORDER = ['in_progress', 'technical_file', 'start_authorization', 'formalized', 'suspended', 'excluded'] as const;
const STATUS_ORDER = ['not_started', 'filed', 'under_review', 'observed', 'corrected', 'approved', 'rejected'] as const;

export interface DatasetCounts {
  inscriptions: number;
  expedientes: number;
  actions: number;
  documents: number;
  byStage: Record<string, number>;
  /** Requirements (5 per expediente) by current status. */
  byStatus: Record<string, number>;
}

export interface Indicator {
  code: string;
  value: number | null;
  numerator: number;
  denominator: number;
}

export interface FormalizationBench {
  scale: keyof typeof SCALES;
  /** The database the registry was copied from, when it was not generated and imported here. */
  copiedFrom: string | null;
  counts: DatasetCounts;
  reinfoImportSeconds: number | null;
  loader: ExpedienteLoad;
  report: { cli: Figure; inProcess: Figure; bytes: number; scopes: number; profile?: StatementProfile };
  policy: { cli: Figure; inProcess: Figure; indicators: Indicator[]; profile?: StatementProfile };
}

export interface FormalizationOptions {
  scale?: keyof typeof SCALES;
  /** Timed runs of each figure (≥ 3). */
  runs?: number;
  /** Prefix of the database created (`<prefix>_formalization`). */
  prefix?: string;
  log?: (m: string) => void;
}

const num = (v: unknown): number => Number(v);

export async function datasetCounts(db: Database): Promise<DatasetCounts> {
  const one = async (sql: string): Promise<number> => num((await db.query<{ n: string }>(sql)).rows[0]!.n);
  const group = async (sql: string): Promise<Record<string, number>> =>
    Object.fromEntries((await db.query<{ k: string; n: string }>(sql)).rows.map((r) => [r.k, num(r.n)]));
  return {
    inscriptions: await one('SELECT count(*) AS n FROM reinfo_inscriptions'),
    expedientes: await one('SELECT count(*) AS n FROM expedientes'),
    actions: await one('SELECT count(*) AS n FROM expediente_actions'),
    documents: await one('SELECT count(*) AS n FROM expediente_documents'),
    byStage: await group(`SELECT stage AS k, count(*) AS n FROM formalization_expedientes('infinity') GROUP BY stage`),
    byStatus: await group(`SELECT status AS k, count(*) AS n FROM formalization_requirements('infinity') GROUP BY status`),
  };
}

/** Stores the national MAPE policy's matrix as the demo does (reference/policy/, `storeMatrix`). */
export async function loadPolicy(db: Database): Promise<void> {
  await db.transaction((tx) => loadMonitoringDemo(tx));
}

/** The report as `veta formalization report` builds it, in process: median of `runs` after one warm-up. */
export async function reportInProcess(db: Database, runs: number): Promise<{ figure: Figure; scopes: number }> {
  let scopes = 0;
  const run = async (): Promise<void> => {
    const r = await formalizationReport(db, ADMIN, { to: CUTOFF, stalledDays: DEFAULT_STALLED_DAYS });
    scopes = r.regions.length + (r.national ? 1 : 0);
  };
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await time(run));
  return { figure: figure(samples), scopes };
}

export async function policyInProcess(db: Database, runs: number): Promise<{ figure: Figure; indicators: Indicator[] }> {
  let indicators: Indicator[] = [];
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(
      await time(async () => {
        const ms = await measurePolicyCounts(db, ADMIN, DEFAULT_POLICY_CODE, POLICY_YEAR);
        indicators = ms.map((m) => ({ code: m.indicator, value: m.value, numerator: m.numerator, denominator: m.denominator }));
      }),
    );
  }
  return { figure: figure(samples), indicators };
}

/**
 * `veta formalization report --format json --to CUTOFF --out FILE` as a process, `runs` times.
 * --out, not stdout: the CLI exits before a piped stdout is flushed (the JSON is cut at 64 KiB).
 */
export async function reportCli(env: NodeJS.ProcessEnv, out: string, runs: number): Promise<{ figure: Figure; bytes: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    let r = { code: 0, stdout: '', stderr: '' };
    samples.push(await time(async () => (r = await veta(['formalization', 'report', '--format', 'json', '--to', CUTOFF, '--out', out], env))));
    if (r.code !== 0 || !existsSync(out)) throw new Error(`formalization report: ${r.stderr.slice(0, 2000)}`);
  }
  return { figure: figure(samples), bytes: statSync(out).size };
}

/** `veta policy measure --year POLICY_YEAR --json` as a process, `runs` times. */
export async function policyCli(env: NodeJS.ProcessEnv, runs: number): Promise<{ figure: Figure; indicators: Indicator[] }> {
  const samples: number[] = [];
  let indicators: Indicator[] = [];
  for (let i = 0; i < runs; i++) {
    let r = { code: 0, stdout: '', stderr: '' };
    samples.push(await time(async () => (r = await veta(['policy', 'measure', '--year', String(POLICY_YEAR), '--json'], env))));
    if (r.code !== 0) throw new Error(`policy measure: ${r.stderr.slice(0, 2000)}`);
    const doc = JSON.parse(r.stdout) as { indicators: Indicator[] };
    indicators = doc.indicators.map(({ code, value, numerator, denominator }) => ({ code, value, numerator, denominator }));
  }
  return { figure: figure(samples), indicators };
}

/** A copy of an existing database (CREATE DATABASE … TEMPLATE; nobody may be connected to the source). */
async function cloneDatabase(server: NativePg, source: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${pg.escapeIdentifier(new URL(source).pathname.slice(1))}`);
  } finally {
    await c.end();
  }
  return server.databaseUrl(name);
}

/**
 * Builds the national database (or copies `reinfoDatabaseUrl`, a database holding a REINFO
 * import and nothing else), loads the expedientes and the policy, then times the report
 * and the policy measurement.
 */
export async function benchFormalization(server: NativePg, dir: string, reinfoDatabaseUrl?: string, o: FormalizationOptions = {}): Promise<FormalizationBench> {
  const scale = o.scale ?? 'national';
  const runs = o.runs ?? 3;
  const log = o.log ?? (() => undefined);
  const name = `${o.prefix ?? 'bench'}_formalization`;
  let url: string;
  let reinfoImportSeconds: number | null = null;
  if (reinfoDatabaseUrl) {
    url = await cloneDatabase(server, reinfoDatabaseUrl, name);
  } else {
    log(`  generating the ${scale} REINFO list…`);
    const m = await generate(scale, path.join(dir, `formalization-${scale}`), 1000);
    url = await server.freshDatabase(name);
    const env = { DATABASE_URL: url };
    const migrated = await veta(['migrate'], env);
    if (migrated.code !== 0) throw new Error(`migrate: ${migrated.stderr}`);
    let r = { code: 0, stdout: '', stderr: '' };
    reinfoImportSeconds = await time(async () => (r = await veta(['import', 'reinfo', m.files.reinfo, '--as-of', '2024-01-01', '--json'], env)));
    if (r.code !== 0) throw new Error(`import reinfo: ${r.stderr}`);
  }
  log('  loading expedientes…');
  const loader = await loadExpedientes(url);
  const env = { DATABASE_URL: url };
  const db = await openDatabase({ databaseUrl: url });
  let counts: DatasetCounts;
  let inReport: Awaited<ReturnType<typeof reportInProcess>>;
  let inPolicy: Awaited<ReturnType<typeof policyInProcess>>;
  let reportProfile: StatementProfile;
  let policyProfile: StatementProfile;
  try {
    await loadPolicy(db);
    counts = await datasetCounts(db);
    log(`  ${counts.expedientes} expedientes, ${counts.actions} actions; formalization report…`);
    inReport = await reportInProcess(db, runs);
    log('  policy measure…');
    inPolicy = await policyInProcess(db, runs);
    // one more run of each with every statement timed: where the time goes, at national size
    reportProfile = await profileStatements(db, 1, (timed) => formalizationReport(timed, ADMIN, { to: CUTOFF, stalledDays: DEFAULT_STALLED_DAYS }));
    policyProfile = await profileStatements(db, 1, (timed) => measurePolicyCounts(timed, ADMIN, DEFAULT_POLICY_CODE, POLICY_YEAR));
  } finally {
    await db.close();
  }
  const cliReport = await reportCli(env, path.join(dir, `formalization-report-${scale}.json`), runs);
  const cliPolicy = await policyCli(env, runs);
  return {
    scale,
    copiedFrom: reinfoDatabaseUrl ? new URL(reinfoDatabaseUrl).pathname.slice(1) : null,
    counts,
    reinfoImportSeconds,
    loader,
    report: { cli: cliReport.figure, inProcess: inReport.figure, bytes: cliReport.bytes, scopes: inReport.scopes, profile: reportProfile },
    policy: { cli: cliPolicy.figure, inProcess: inPolicy.figure, indicators: cliPolicy.indicators, profile: policyProfile },
  };
}

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;
const STAGE_NAMES: Record<string, string> = {
  in_progress: 'in progress (first three requirements)',
  technical_file: 'technical file',
  start_authorization: 'start authorization',
  formalized: 'formalized',
  suspended: 'suspended (REINFO)',
  excluded: 'excluded (REINFO)',
};

export const indicatorLine = (xs: readonly Indicator[]): string =>
  xs.map((i) => `${i.code} ${i.value === null ? 'ND' : `${fmt(i.value, 2)} %`} (${n(i.numerator)} / ${n(i.denominator)})`).join('; ');

export function formalizationSection(b: FormalizationBench): string {
  const c = b.counts;
  const l = b.loader;
  return [
    '## Formalization analysis and policy report from records (issue 7)',
    '',
    (b.copiedFrom
      ? `A copy of the REINFO import in database \`${b.copiedFrom}\` (${n(c.inscriptions)} inscriptions counted) `
      : `The ${b.scale} synthetic registry (\`npm run bench:data -- --scale ${b.scale}\`: ${n(c.inscriptions)} REINFO inscriptions counted, imported with \`veta import reinfo --as-of 2024-01-01\`${b.reinfoImportSeconds === null ? '' : ` in ${b.reinfoImportSeconds.toFixed(0)} s`}) `) +
      `and expedientes for ${pct(c.expedientes, c.inscriptions)} of the inscriptions, loaded by \`bench/generate/expedientes.ts\`: the demo's histories (regional paces, observations, rejections and new attempts, suspensions and exclusions following the REINFO status), ` +
      `each action accepted by the domain's rules (\`checkAllowed\` + \`transition\`) before it is written with COPY; ${n(l.verified)} expedientes spread over the ids were then read back, replayed through \`reduce\` and their stage matched the SQL analysis. ` +
      `Counted in the database: ${n(c.expedientes)} expedientes, ${n(c.actions)} actions, ${n(c.documents)} documents. ` +
      `The policy: PNMPMMA-2030 with MINEM's published 2024 follow-up (\`reference/policy/\`), stored as the demo stores it.`,
    '',
    '| stage (derived from the actions) | expedientes | share |',
    '| --- | ---: | ---: |',
    ...STAGE_ORDER.map((s) => `| ${STAGE_NAMES[s]} | ${n(c.byStage[s] ?? 0)} | ${pct(c.byStage[s] ?? 0, c.expedientes)} |`),
    '',
    `Requirements (five per expediente) by current status: ${STATUS_ORDER.map((s) => `${s.replace('_', ' ')} ${n(c.byStatus[s] ?? 0)}`).join(', ')}.`,
    '',
    '| figure | value | target |',
    '| --- | --- | --- |',
    `| loading the expedientes (bench loader: histories in Node, COPY, ANALYZE) | ${l.seconds.toFixed(1)} s (1 run) → ${fmt(l.actions / l.seconds, 0)} actions/s | — |`,
    `| \`veta formalization report --format json --to ${CUTOFF}\`, whole process (funnel, time in step, pipeline, stalled, backlog per reviewer, typology; ${b.report.scopes} scopes: every region + national; ${(b.report.bytes / 2 ** 20).toFixed(1)} MiB of JSON) | ${show(b.report.cli, 's')} | none in the issue |`,
    `| the same report in process (\`formalizationReport\`, after one warm-up run) | ${show(b.report.inProcess, 's')} | — |`,
    `| \`veta policy measure --year ${POLICY_YEAR} --json\`, whole process (every bound indicator of PNMPMMA-2030 measured from the records: the counts, as \`--json\` prints them) | ${show(b.policy.cli, 's')} | none in the issue |`,
    `| the same measurement in process (\`measurePolicyCounts\`, what the command runs) | ${show(b.policy.inProcess, 's')} | — |`,
    '',
    `Measured for ${POLICY_YEAR}: ${indicatorLine(b.policy.indicators)}.`,
    '',
    ...(b.report.profile ? ["Where the report's time goes (one more run in process, each statement timed):", '', profileTable(b.report.profile), ''] : []),
    ...(b.policy.profile
      ? ["Where the policy measurement's time goes (one more run in process, each statement timed):", '', profileTable(b.policy.profile), '']
      : []),
  ].join('\n');
}
