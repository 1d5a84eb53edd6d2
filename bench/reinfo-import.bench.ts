/**
 * REINFO import: 100,000 generated rows through the real `veta import reinfo` process
 * into native PostgreSQL, against a plain COPY of the same file into an unindexed
 * table in the same run.
 */
import { spawn } from 'node:child_process';
import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { demoReinfoTable } from '../src/modules/demo/demo.ts';
import { NATIONAL_DEPARTMENTS, SHARED_RIGHTS } from './generate/national.ts';
import type { NativePg } from './native-pg.ts';
import { figure, fmt, show, time, type Figure } from './stats.ts';

const BIN = path.resolve('bin/veta.js');

export function veta(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export interface ImportBench {
  rows: number;
  copy: Figure;
  cli: Figure;
  counted: number;
  /** Mining rights counted after the import (inscriptions share them). */
  rights: number;
}

export async function benchReinfoImport(server: NativePg, dir: string, rows = 100_000, runs = 3): Promise<ImportBench> {
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
  let counted = 0;
  let rights = 0;
  for (let i = 0; i < runs; i++) {
    const url = await server.freshDatabase(`bench_reinfo_${i}`);
    const env = { DATABASE_URL: url };
    await veta(['migrate'], env);
    let result = { code: 0, stdout: '', stderr: '' };
    cliSamples.push(await time(async () => (result = await veta(['import', 'reinfo', file, '--json', '--as-of', '2025-06-30'], env))));
    if (result.code !== 0) throw new Error(`import failed: ${result.stderr}`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    counted = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM reinfo_inscriptions')).rows[0]!.n);
    rights = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM mining_rights')).rows[0]!.n);
    await c.end();
  }
  return { rows, copy: figure(copySamples), cli: figure(cliSamples), counted, rights };
}

export function reinfoImportSection(b: ImportBench): string {
  const cliRate = b.rows / b.cli.median;
  const copyRate = b.rows / b.copy.median;
  const ratio = cliRate / copyRate;
  return [
    '## REINFO import (issue 2)',
    '',
    `${b.rows.toLocaleString('en-US')} generated rows (CSV) through \`veta import reinfo FILE --json\` (a new process each run: Node start, validation, staging, geography check, set-based upserts, one audit entry) into a fresh native PostgreSQL database; ${b.counted.toLocaleString('en-US')} inscriptions on ${b.rights.toLocaleString('en-US')} mining rights counted in the database afterwards.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| baseline: plain \`COPY\` of the same file into an unindexed text table | ${show(b.copy, 's', 3)} → ${fmt(copyRate, 0)} rows/s |`,
    `| \`veta import reinfo\`, whole process | ${show(b.cli, 's')} → ${fmt(cliRate, 0)} rows/s |`,
    `| ratio import / COPY (target ≥ 0.33) | **${fmt(ratio, 3)}** |`,
    '',
  ].join('\n');
}
