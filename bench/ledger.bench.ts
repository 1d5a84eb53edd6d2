/**
 * Gold ledger at growing sizes on native PostgreSQL: `veta ledger import` (a real
 * process) against a plain COPY of the same lines, origin trace of lots 5+ hops deep
 * (p50/p99), and one year's mass balance for every actor.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/platform/db.ts';
import { ledgerBalances, ledgerTrace } from '../src/modules/traceability/ledger.service.ts';
import { generate } from './generate/national.ts';
import type { NativePg } from './native-pg.ts';
import { veta } from './reinfo-import.bench.ts';
import { figure, fmt, show, time, type Figure } from './stats.ts';

const ADMIN = { username: 'bench', role: 'admin' as const, region: null, ruc: null, userId: null };

export interface LedgerRun {
  events: number;
  counted: number;
  copy: Figure;
  importSeconds: number;
  trace: { p50: number; p99: number; samples: number };
  balance: Figure;
  actors: number;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

export async function benchLedger(server: NativePg, dir: string, sizes: number[]): Promise<LedgerRun[]> {
  const runs: LedgerRun[] = [];
  for (const events of sizes) {
    const out = path.join(dir, `ledger-${events}`);
    const m = await generate('small', out, events);
    const url = await server.freshDatabase(`bench_ledger_${events}`);
    const env = { DATABASE_URL: url };
    for (const args of [['migrate'], ['import', 'reinfo', m.files.reinfo, '--as-of', '2024-01-01'], ['import', 'recpo', m.files.recpo]]) {
      const r = await veta(args, env);
      if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    }
    const copySamples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('DROP TABLE IF EXISTS copy_target; CREATE TABLE copy_target (line text)');
      copySamples.push(await time(() => pipeline(createReadStream(m.files.ledger), c.query(copyFrom('COPY copy_target (line) FROM STDIN')))));
      await c.query('DROP TABLE copy_target');
      await c.end();
    }
    let result = { code: 0, stdout: '', stderr: '' };
    const importSeconds = await time(async () => (result = await veta(['ledger', 'import', m.files.ledger, '--json'], env)));
    if (result.code !== 0) throw new Error(`ledger import: ${result.stderr.slice(0, 2000)} ${result.stdout.slice(0, 2000)}`);

    const db = await openDatabase({ databaseUrl: url });
    try {
      const counted = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_events')).rows[0]!.n);
      const lots = m.deepLots.slice(0, 300);
      for (const lot of lots.slice(0, 20)) await ledgerTrace(db, ADMIN, lot, '2025-12-31'); // warm-up
      const traceMs: number[] = [];
      for (const lot of lots) {
        const t = performance.now();
        const r = await ledgerTrace(db, ADMIN, lot, '2025-12-31');
        traceMs.push(performance.now() - t);
        if (!r) throw new Error(`no trace for ${lot}`);
      }
      const balanceSamples: number[] = [];
      let actors = 0;
      for (let i = 0; i < 3; i++) {
        balanceSamples.push(
          await time(async () => {
            actors = (await ledgerBalances(db, ADMIN, '2024-01-01', '2024-12-31')).balances.length;
          }),
        );
      }
      runs.push({
        events,
        counted,
        copy: figure(copySamples),
        importSeconds,
        trace: { p50: quantile(traceMs, 0.5), p99: quantile(traceMs, 0.99), samples: traceMs.length },
        balance: figure(balanceSamples),
        actors,
      });
    } finally {
      await db.close();
    }
  }
  return runs;
}

export function ledgerSection(runs: LedgerRun[]): string {
  const first = runs[0];
  return [
    '## Gold ledger (issues 5 and 7)',
    '',
    'Synthetic chains (`npm run bench:data`): producers from the REINFO list, 2–6 input merges at traders (fan-in fixed per chain), plants with recovery 0.95, refineries, exporters; 2 % flagged patterns. Each size is a fresh database: REINFO and RECPO imported first, then `veta ledger import FILE.jsonl --json` as a process (one run per size). Trace: `ledgerTrace` (origin vector, certification and the lot\'s flags) on lots 5+ hops deep, in process. Balance: every actor over 2024.',
    '',
    '| events (counted) | COPY of the lines | `veta ledger import` | ratio (target ≥ 0.33) | trace p50 / p99 (target p99 < 20 ms) | yearly balance, all actors (target < 10 s) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...runs.map(
      (r) =>
        `| ${r.events.toLocaleString('en-US')} (${r.counted.toLocaleString('en-US')}) | ${show(r.copy, 's', 3)} | ${r.importSeconds.toFixed(1)} s → ${fmt(r.events / r.importSeconds, 0)} ev/s | **${fmt(r.copy.median / r.importSeconds, 3)}** | ${r.trace.p50.toFixed(1)} / ${r.trace.p99.toFixed(1)} ms (${r.trace.samples} lots) | ${show(r.balance, 's')} (${r.actors.toLocaleString('en-US')} actors) |`,
    ),
    '',
    first && runs.length > 1
      ? `Growth from ${first.events.toLocaleString('en-US')} to ${runs.at(-1)!.events.toLocaleString('en-US')} events (×${(runs.at(-1)!.events / first.events).toFixed(0)}): import time ×${(runs.at(-1)!.importSeconds / first.importSeconds).toFixed(1)}, trace p50 ×${(runs.at(-1)!.trace.p50 / first.trace.p50).toFixed(1)}, balance ×${(runs.at(-1)!.balance.median / first.balance.median).toFixed(1)}.`
      : '',
    '',
  ].join('\n');
}
