/**
 * Gold ledger growing in one native PostgreSQL database, step by step (1M → 3M → 10M
 * events by default): each step imports the next part of one generated ledger through
 * `veta ledger import` (a real process) against a plain COPY of the same lines, then
 * measures the origin trace of lots 5+ hops deep spread over everything imported so
 * far (p50/p99, against a single primary-key probe of the same lots) and one year's
 * mass balance for every actor.
 */
import { createReadStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { withActor } from '../src/platform/context.ts';
import { ledgerBalances, ledgerTrace } from '../src/modules/traceability/ledger/ledger.service.ts';
import { generate, type SCALES } from './generate/national.ts';
import type { DeepLot } from './generate/ledger.ts';
import type { NativePg } from './native-pg.ts';
import { veta } from './reinfo-import.bench.ts';
import { figure, fmt, show, time, type Figure } from './stats.ts';
import { profileStatements, profileTable, type StatementProfile } from './statement-profile.ts';

const ADMIN = { username: 'bench', role: 'admin' as const, region: null, ruc: null, userId: null };
const TRACED = 300;

export interface Percentiles {
  p50: number;
  p99: number;
  samples: number;
}

export interface LedgerStep {
  /** Events in the database after the step, as counted. */
  counted: number;
  /** Events this step imported. */
  partEvents: number;
  copy: Figure;
  importSeconds: number;
  /** Peak resident memory of the import process. */
  importPeakMiB: number;
  trace: Percentiles;
  /** The statements of the slowest traces of the step (absent in runs before it was recorded). */
  traceProfile?: StatementProfile;
  probe: Percentiles;
  balance: Figure;
  actors: number;
  lots: number;
  tableBytes: number;
}

export interface LedgerBench {
  /** Native PostgreSQL or the embedded database (absent in runs before it was recorded: native). */
  engine?: 'native' | 'pglite';
  scale: keyof typeof SCALES;
  registry: { inscriptions: number; rights: number; traders: number; plants: number; recpo: number };
  generateSeconds: number;
  steps: LedgerStep[];
  /** Why the steps stop before the last size, when a step failed (its figures up to then are kept). */
  failed?: string;
}

const quantiles = (xs: number[]): Percentiles => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p99: at(0.99), samples: s.length };
};

/** `count` lots evenly spread over those traceable in the first `events` events. */
function spread(lots: readonly DeepLot[], events: number, count: number): string[] {
  const eligible = lots.filter((l) => l.at <= events);
  const step = Math.max(1, eligible.length / count);
  const out: string[] = [];
  for (let i = 0; i < eligible.length && out.length < count; i += step) out.push(eligible[Math.floor(i)]!.lot);
  return out;
}

async function copySeconds(url: string, file: string, runs: number): Promise<Figure> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('DROP TABLE IF EXISTS copy_target; CREATE TABLE copy_target (line text)');
      samples.push(await time(() => pipeline(createReadStream(file), c.query(copyFrom('COPY copy_target (line) FROM STDIN')))));
      await c.query('DROP TABLE copy_target');
    } finally {
      await c.end();
    }
  }
  return figure(samples);
}

async function count(db: Database, sql: string): Promise<number> {
  return Number((await db.query<{ n: string }>(sql)).rows[0]!.n);
}

/** How many of the slowest traces are traced again, statement by statement, for the step's profile. */
const PROFILED = 30;

async function measure(db: Database, lots: string[]): Promise<{ trace: Percentiles; probe: Percentiles; traceProfile: StatementProfile }> {
  for (const lot of lots.slice(0, 20)) await ledgerTrace(db, ADMIN, lot, '2025-12-31'); // warm-up
  const traceMs: number[] = [];
  for (const lot of lots) {
    const t = performance.now();
    const r = await ledgerTrace(db, ADMIN, lot, '2025-12-31');
    traceMs.push(performance.now() - t);
    if (!r) throw new Error(`no trace for ${lot}`);
  }
  // the tail that decides p99, again with each statement timed
  const slowest = lots
    .map((lot, i) => ({ lot, ms: traceMs[i]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, PROFILED)
    .map((x) => x.lot);
  let next = 0;
  const traceProfile = await profileStatements(db, slowest.length, (timed) => ledgerTrace(timed, ADMIN, slowest[next++]!, '2025-12-31'));
  // baseline: one primary-key read of the same lot, through the same connection and role
  const probeMs: number[] = [];
  for (const lot of lots) {
    const t = performance.now();
    await withActor(db, ADMIN, (tx) => tx.query('SELECT * FROM lots WHERE id = $1', [lot]));
    probeMs.push(performance.now() - t);
  }
  return { trace: quantiles(traceMs), probe: quantiles(probeMs), traceProfile };
}

/** Where the ledger grows: the processes' environment, the bench's own connection, and the COPY baseline. */
interface LedgerTarget {
  engine: 'native' | 'pglite';
  env: NodeJS.ProcessEnv;
  open: () => Promise<Database>;
  copySeconds: (file: string, runs: number) => Promise<Figure>;
}

/** Native PostgreSQL: one fresh database on `server`. */
async function nativeTarget(server: NativePg): Promise<LedgerTarget> {
  const url = await server.freshDatabase('bench_ledger');
  return {
    engine: 'native',
    env: { DATABASE_URL: url },
    open: () => openDatabase({ databaseUrl: url }),
    copySeconds: (file, runs) => copySeconds(url, file, runs),
  };
}

/** PGlite: one data folder, opened by each `veta` process and by the bench in turn (one process at a time holds it). */
function pgliteTarget(dataDir: string): LedgerTarget {
  const open = (): Promise<Database> => openDatabase({ dataDir });
  return {
    engine: 'pglite',
    env: { DATABASE_URL: '', VETA_DATA_DIR: dataDir },
    open,
    copySeconds: async (file, runs) => {
      const text = readFileSync(file, 'utf8');
      const db = await open();
      try {
        const samples: number[] = [];
        for (let i = 0; i < runs; i++) {
          await db.exec('DROP TABLE IF EXISTS copy_target; CREATE TABLE copy_target (line text)');
          samples.push(await time(() => db.copyFrom!('COPY copy_target (line) FROM STDIN', text)));
          await db.exec('DROP TABLE copy_target');
        }
        return figure(samples);
      } finally {
        await db.close();
      }
    },
  };
}

export async function benchLedger(
  server: NativePg,
  dir: string,
  sizes: number[],
  scale: keyof typeof SCALES = 'national',
  log: (m: string) => void = () => undefined,
): Promise<LedgerBench> {
  return runLedger(await nativeTarget(server), dir, sizes, scale, log);
}

/** The same steps on the embedded database, at the small scale. */
export async function benchLedgerPglite(dir: string, sizes: number[], log: (m: string) => void = () => undefined): Promise<LedgerBench> {
  const dataDir = path.join(dir, `ledger-pglite-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  return runLedger(pgliteTarget(dataDir), path.join(dir, 'pglite'), sizes, 'small', log);
}

async function runLedger(target: LedgerTarget, dir: string, sizes: number[], scale: keyof typeof SCALES, log: (m: string) => void): Promise<LedgerBench> {
  const total = sizes.at(-1)!;
  let m: Awaited<ReturnType<typeof generate>> | undefined;
  const generateSeconds = await time(async () => (m = await generate(scale, path.join(dir, 'ledger'), total, sizes.slice(0, -1))));
  const manifest = m!;
  const env = target.env;
  for (const args of [['migrate'], ['import', 'reinfo', manifest.files.reinfo, '--as-of', '2024-01-01'], ['import', 'recpo', manifest.files.recpo]]) {
    const r = await veta(args, env);
    if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  }
  // the bench's own connection, closed while a `veta` process runs (PGlite allows one process)
  const opened = async <T>(fn: (db: Database) => Promise<T>): Promise<T> => {
    const db = await target.open();
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  const registry = await opened(async (db) => ({
    inscriptions: await count(db, 'SELECT count(*) AS n FROM reinfo_inscriptions'),
    rights: await count(db, 'SELECT count(*) AS n FROM mining_rights'),
    traders: await count(db, "SELECT count(DISTINCT ruc) AS n FROM recpo_registrations WHERE kind = 'trader'"),
    plants: await count(db, "SELECT count(DISTINCT ruc) AS n FROM recpo_registrations WHERE kind = 'plant'"),
    recpo: await count(db, 'SELECT count(*) AS n FROM recpo_registrations'),
  }));
  const steps: LedgerStep[] = [];
  let before = 0;
  let failed: string | undefined;
  for (const [i, part] of manifest.files.ledgerParts.entries()) {
    if (failed) break;
    log(`  ledger step ${i + 1}/${manifest.files.ledgerParts.length} (${target.engine}): ${part}`);
    const partEvents = (sizes[i] ?? total) - (sizes[i - 1] ?? 0);
    const copy = await target.copySeconds(part, partEvents >= 5_000_000 ? 2 : 3);
    let result = { code: 0, stdout: '', stderr: '', peakMiB: 0 };
    const importSeconds = await time(async () => (result = await veta(['ledger', 'import', part, '--json'], env)));
    if (result.code !== 0) {
      // the earlier steps' figures stand; the page says where the growth stopped and why
      failed = `ledger import of step ${i + 1} (${part}) exited ${result.code}: ${result.stderr.slice(0, 2000)} ${result.stdout.slice(0, 2000)}`;
      log(`  ${failed}`);
      if (steps.length === 0) throw new Error(failed);
      break;
    }
    steps.push(
      await opened(async (db) => {
        const counted = await count(db, 'SELECT count(*) AS n FROM ledger_events');
        const { trace, probe, traceProfile } = await measure(db, spread(manifest.deepLots, counted, TRACED));
        const samples: number[] = [];
        let actors = 0;
        for (let k = 0; k < 3; k++) {
          samples.push(await time(async () => (actors = (await ledgerBalances(db, ADMIN, '2024-01-01', '2024-12-31')).balances.length)));
        }
        return {
          counted,
          partEvents: counted - before,
          copy,
          importSeconds,
          importPeakMiB: result.peakMiB,
          trace,
          traceProfile,
          probe,
          balance: figure(samples),
          actors,
          lots: await count(db, 'SELECT count(*) AS n FROM lots'),
          tableBytes: await count(
            db,
            `SELECT sum(pg_total_relation_size(c))::bigint AS n FROM unnest(ARRAY['ledger_events','ledger_moves','ledger_actor_days','ledger_actor_months','ledger_actor_years','ledger_lot_events','lots','lot_inputs','lot_origins']::regclass[]) c`,
          ),
        };
      }),
    );
    before = steps.at(-1)!.counted;
  }
  return { engine: target.engine, scale, registry, generateSeconds, steps, ...(failed ? { failed } : {}) };
}

const n = (x: number): string => x.toLocaleString('en-US');
/** 1.5M, 300k: event counts in headings. */
export const short = (x: number): string => (x >= 1e6 ? `${+(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `${+(x / 1e3).toFixed(0)}k` : String(x));

export function ledgerSection(b: LedgerBench): string {
  const first = b.steps[0];
  const last = b.steps.at(-1);
  const perEvent = (s: LedgerStep): number => s.importSeconds / s.partEvents;
  return [
    `## Gold ledger${b.engine === 'pglite' ? ' on PGlite (small scale)' : ''}, growing ${b.steps.map((s) => short(s.counted)).join(' → ')} events (issues 5 and 7)`,
    '',
    `One generated ledger (\`npm run bench:data -- --scale ${b.scale} --cuts …\`, ${b.generateSeconds.toFixed(0)} s to generate): producers from the REINFO list, 2–6 input merges at traders (fan-in fixed per chain), plants with recovery 0.95, refineries, exporters; 2 % flagged patterns; chains continue across parts. ` +
      `Registry counted in the database: ${n(b.registry.inscriptions)} REINFO inscriptions on ${n(b.registry.rights)} mining rights, ${n(b.registry.recpo)} RECPO registrations (${n(b.registry.traders)} traders, ${n(b.registry.plants)} plants). ` +
      (b.engine === 'pglite' ? 'The embedded database (PGlite + PostGIS, one data folder): ' : '') +
      'Each step imports the next part of the file into the same database with `veta ledger import PART.jsonl --json` (a process, one run, one transaction), after a plain `COPY` of the same lines into an unindexed table (the baseline). ' +
      `Trace: \`ledgerTrace\` (origin vector, certification and the flags of the lot's lineage) of ${TRACED} lots 5+ hops deep spread over everything imported so far, in process; baseline: one primary-key read of the same lot as the same role. Balance: every actor over 2024.`,
    '',
    "| events in the database | imported in the step | COPY of the step's lines | `veta ledger import` | ratio (target ≥ 0.05) | trace p50 / p99 (target p50 < 5 ms, p99 < 20 ms) | key probe p50 / p99 | yearly balance, all actors (target < 3 s, flat) | lots | ledger tables |",
    '| ---: | ---: | --- | --- | ---: | --- | --- | --- | ---: | ---: |',
    ...b.steps.map(
      (s) =>
        `| ${n(s.counted)} | ${n(s.partEvents)} | ${show(s.copy, 's', 2)} | ${s.importSeconds.toFixed(0)} s → ${fmt(s.partEvents / s.importSeconds, 0)} ev/s, peak ${fmt(s.importPeakMiB ?? 0, 0)} MiB | **${fmt(s.copy.median / s.importSeconds, 3)}** | ${s.trace.p50.toFixed(1)} / **${s.trace.p99.toFixed(1)}** ms | ${s.probe.p50.toFixed(2)} / ${s.probe.p99.toFixed(2)} ms | ${show(s.balance, 's')} (${n(s.actors)} actors) | ${n(s.lots)} | ${(s.tableBytes / 2 ** 30).toFixed(2)} GiB |`,
    ),
    '',
    first && last && b.steps.length > 1
      ? `Growth from ${n(first.counted)} to ${n(last.counted)} events (×${(last.counted / first.counted).toFixed(1)}): import time per event ×${(perEvent(last) / perEvent(first)).toFixed(2)} (constant = linear), ` +
        `trace p50 ×${(last.trace.p50 / first.trace.p50).toFixed(2)}, p99 ×${(last.trace.p99 / first.trace.p99).toFixed(2)}, key probe p50 ×${(last.probe.p50 / first.probe.p50).toFixed(2)}, ` +
        `yearly balance ×${(last.balance.median / first.balance.median).toFixed(2)} (whole years and months from the per-actor rollups, the ragged days from the per-actor-day totals), ledger tables ×${(last.tableBytes / first.tableBytes).toFixed(1)}.`
      : '',
    ...(b.failed ? ['', `**The growth stopped here**: ${b.failed.replace(/\s+/g, ' ')}`] : []),
    ...(last?.traceProfile
      ? [
          '',
          `Where a trace's time goes at ${n(last.counted)} events: the ${last.traceProfile.runs} slowest of the ${TRACED} traces run again with each statement timed (in process, ${b.engine ?? 'native'}), per trace:`,
          '',
          profileTable(last.traceProfile, 12),
        ]
      : []),
    '',
  ].join('\n');
}
