/**
 * REINFO import: 100,000 generated rows through the real `veta import reinfo` process
 * into native PostgreSQL, against a plain COPY of the same file into an unindexed
 * table in the same run.
 */
import { spawn } from 'node:child_process';
import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { demoReinfoTable } from '../src/modules/demo/demo.ts';
import { NATIONAL_DEPARTMENTS, SHARED_RIGHTS } from './generate/national.ts';
import type { NativePg } from './native-pg.ts';
import { figure, fmt, show, time, type Figure } from './stats.ts';

const BIN = path.resolve('bin/veta.js');

const PROBE = pathToFileURL(path.resolve('bench/rss-probe.mjs')).href;

/** A `veta` process: its exit code, output and peak resident memory (MiB; 0 when it did not say). */
export function veta(
  args: string[],
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = [],
): Promise<{ code: number; stdout: string; stderr: string; peakMiB: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', PROBE, BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const peak = /\n\[peak-rss-kib\] (\d+)\n$/.exec(stderr);
      resolve({ code: code ?? -1, stdout, stderr: peak ? stderr.slice(0, peak.index) : stderr, peakMiB: peak ? Number(peak[1]) / 1024 : 0 });
    });
  });
}

export interface ImportBench {
  rows: number;
  copy: Figure;
  cli: Figure;
  /** Peak resident memory of the import process, per run. */
  peakMiB: Figure;
  counted: number;
  /** Mining rights counted after the import (inscriptions share them). */
  rights: number;
}

/**
 * Databases: bench_copy, and `${prefix}_0…` (one fresh database per run; the public API
 * and rights sections read the 100k run's bench_reinfo_0).
 */
export async function benchReinfoImport(server: NativePg, dir: string, rows = 100_000, runs = 3, prefix = 'bench_reinfo'): Promise<ImportBench> {
  // the national shape: departments weighted as the sector is, several inscriptions per right
  const table = demoReinfoTable(rows, 4242, NATIONAL_DEPARTMENTS, SHARED_RIGHTS);
  const file = path.join(dir, `reinfo-${rows}.csv`);
  writeFileSync(file, stringify([table.headers, ...table.rows.map((r) => r.cells)]));

  const baseUrl = await server.freshDatabase('bench_copy');
  const copySamples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query('DROP TABLE IF EXISTS copy_target');
    await c.query(`CREATE TABLE copy_target (${table.headers.map((_, j) => `c${j} text`).join(', ')})`);
    copySamples.push(await time(() => pipeline(createReadStream(file), c.query(copyFrom('COPY copy_target FROM STDIN WITH (FORMAT csv, HEADER true)')))));
    await c.end();
  }

  const cliSamples: number[] = [];
  const peaks: number[] = [];
  let counted = 0;
  let rights = 0;
  for (let i = 0; i < runs; i++) {
    const url = await server.freshDatabase(`${prefix}_${i}`);
    const env = { DATABASE_URL: url };
    await veta(['migrate'], env);
    let result = { code: 0, stdout: '', stderr: '', peakMiB: 0 };
    cliSamples.push(await time(async () => (result = await veta(['import', 'reinfo', file, '--json', '--as-of', '2025-06-30'], env))));
    if (result.code !== 0) throw new Error(`import failed: ${result.stderr}`);
    peaks.push(result.peakMiB);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    counted = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM reinfo_inscriptions')).rows[0]!.n);
    rights = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM mining_rights')).rows[0]!.n);
    await c.end();
  }
  return { rows, copy: figure(copySamples), cli: figure(cliSamples), peakMiB: figure(peaks), counted, rights };
}

/** The import at each size measured (10k → 100k rows): the cost curve, memory included. */
export function reinfoImportSection(sizes: readonly ImportBench[]): string {
  const b = sizes.at(-1)!;
  const first = sizes[0]!;
  const ratio = (x: ImportBench): number => x.copy.median / x.cli.median;
  const row = (label: string, cell: (x: ImportBench) => string): string => `| ${label} | ${sizes.map(cell).join(' | ')} |`;
  return [
    '## REINFO import (issue 2)',
    '',
    `Generated rows (CSV, the national shape: departments weighted as the sector is, inscriptions sharing rights) through \`veta import reinfo FILE --json\` (a new process each run: Node start, validation, staging, geography check, set-based upserts, one audit entry) into a fresh native PostgreSQL database; at ${b.rows.toLocaleString('en-US')} rows, ${b.counted.toLocaleString('en-US')} inscriptions on ${b.rights.toLocaleString('en-US')} mining rights counted in the database afterwards. Peak memory: the import process's resident high-water mark (getrusage).`,
    '',
    `| figure | ${sizes.map((x) => `${x.rows.toLocaleString('en-US')} rows`).join(' | ')} |`,
    `| --- | ${sizes.map(() => '---').join(' | ')} |`,
    row('baseline: plain `COPY` of the same file into an unindexed text table', (x) => `${show(x.copy, 's', 3)} → ${fmt(x.rows / x.copy.median, 0)} rows/s`),
    row('`veta import reinfo`, whole process', (x) => `${show(x.cli, 's')} → ${fmt(x.rows / x.cli.median, 0)} rows/s`),
    row('peak resident memory of the import', (x) => `${fmt(x.peakMiB.median, 0)} MiB (max ${fmt(x.peakMiB.max, 0)})`),
    row('ratio import / COPY (target ≥ 0.15)', (x) => `**${fmt(ratio(x), 3)}**`),
    '',
    sizes.length > 1
      ? `From ${first.rows.toLocaleString('en-US')} to ${b.rows.toLocaleString('en-US')} rows (×${(b.rows / first.rows).toFixed(0)}): import time ×${(b.cli.median / first.cli.median).toFixed(2)}, time per row ×${(b.cli.median / b.rows / (first.cli.median / first.rows)).toFixed(2)} (below 1: the process's fixed cost spread over more rows), peak memory ×${(b.peakMiB.median / first.peakMiB.median).toFixed(2)}.`
      : '',
    '',
  ].join('\n');
}
