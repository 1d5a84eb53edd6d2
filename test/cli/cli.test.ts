/**
 * The `veta` command as scripts use it: a real process, real files, exit codes,
 * JSON on stdout. One data folder (or database) for the file, seeded once.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import { acquireDataDirLock } from '../../src/platform/data-dir-lock.ts';
import { openDatabase } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { loadTerritory } from '../../src/modules/territory/territory.load.ts';
import { demoReinfoTable } from '../../src/modules/demo/demo.ts';
import { cachePath, testDb, workerDatabase } from '../db.ts';
import { buildReinfoRow, toCsv } from '../factories.ts';

const BIN = path.resolve('bin/veta.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function veta(args: string[], opts: { onStderr?: (chunk: string, kill: () => void) => void } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      opts.onStderr?.(d.toString(), () => child.kill('SIGKILL'));
    });
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 137 : -1), stdout, stderr }));
  });
}

beforeAll(async () => {
  if (process.env['DATABASE_URL']) {
    env['DATABASE_URL'] = await workerDatabase(process.env['DATABASE_URL'], '_cli');
  } else {
    await testDb(); // makes sure the migrated dump is cached
    env['VETA_DATA_DIR'] = path.join(dir, 'data');
    const blob = existsSync(cachePath()) ? new Blob([readFileSync(cachePath())]) : undefined;
    const db = await openDatabase({ dataDir: env['VETA_DATA_DIR'], loadDataDir: blob });
    await migrate(db);
    await db.transaction((tx) => loadTerritory(tx));
    await db.close();
  }
}, 120_000);

const file = (name: string, content: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

// Every command is a new process that opens the database (PGlite: seconds each).
describe('veta CLI', { timeout: 300_000 }, () => {
  test('large output through a pipe arrives whole (the OpenAPI document, hundreds of KB)', async () => {
    const out = await veta(['openapi']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.length).toBeGreaterThan(65_536);
    expect(JSON.parse(out.stdout)).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });

  test('--help works and a usage error exits 2', async () => {
    const help = await veta(['import', 'reinfo', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--skip-invalid');
    const bad = await veta(['import', 'reinfo']);
    expect(bad.code).toBe(2);
  });

  test('import reinfo: JSON contract, idempotent re-run, rejection with FILE.errors.csv, --skip-invalid exits 3', async () => {
    const rows = [buildReinfoRow(), buildReinfoRow({}, 'arequipa')];
    const good = file('good.csv', toCsv(rows));
    const first = await veta(['import', 'reinfo', good, '--json', '--as-of', '2024-05-01']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: expect.any(Array) });
    const again = await veta(['import', 'reinfo', good, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

    const bad = file('bad.csv', toCsv([buildReinfoRow(), buildReinfoRow({ RUC: '20123456780', ESTADO: 'X' })]));
    const rejected = await veta(['import', 'reinfo', bad, '--json']);
    expect(rejected.code).toBe(1);
    const out = JSON.parse(rejected.stdout) as { inserted: number; rejected: number; errors: { row: number; column: string }[] };
    expect(out).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(out.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'ESTADO'],
      [3, 'RUC'],
    ]);
    const errorsCsv = readFileSync(`${bad}.errors.csv`, 'utf8');
    expect(errorsCsv.startsWith('\uFEFFrow,column,value,message')).toBe(true);
    expect(errorsCsv).toContain('check digit');

    const skipped = await veta(['import', 'reinfo', bad, '--json', '--skip-invalid']);
    expect(skipped.code).toBe(3);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ inserted: 1, rejected: 1 });
    expect(readFileSync(`${bad}.rejected.csv`, 'utf8')).toContain('20123456780');
  });

  test('export reinfo writes a file that re-imports as unchanged', async () => {
    const out = path.join(dir, 'export.csv');
    const exp = await veta(['export', 'reinfo', '--out', out]);
    expect(exp.code, exp.stderr).toBe(0);
    const re = await veta(['import', 'reinfo', out, '--json']);
    const counts = JSON.parse(re.stdout) as { inserted: number; updated: number; unchanged: number };
    expect(counts.inserted + counts.updated).toBe(0);
    expect(counts.unchanged).toBeGreaterThanOrEqual(3);
  });

  test('user add and audit verify', async () => {
    const add = await veta(['user', 'add', `cli-${Date.now()}`, '--role', 'regional', '--region', '21', '--json']);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ role: 'regional', region: '21', password: expect.any(String) });
    const verify = await veta(['audit', 'verify', '--json']);
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });

  test.runIf(!process.env['DATABASE_URL'])('a second process on the same data folder exits 4 with advice', async () => {
    const lock = acquireDataDirLock(env['VETA_DATA_DIR']!);
    try {
      // The lock file names this (live) test process as the holder.
      const r = await veta(['migrate']);
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/in use by another Veta process/);
      // serve opens PGlite in a worker thread: the refusal crosses back as the same error
      const s = await veta(['serve']);
      expect(s.code).toBe(4);
      expect(s.stderr).toMatch(/in use by another Veta process/);
    } finally {
      lock.release();
    }
  });

  test('killing the process mid-import leaves the database as it was', async () => {
    const table = demoReinfoTable(20_000, 7);
    const big = file('big.csv', stringify([table.headers, ...table.rows.map((r) => r.cells)]));
    const count = async (): Promise<number> => {
      const r = await veta(['export', 'reinfo']);
      return r.stdout.trim().split('\n').length - 1;
    };
    const before = await count();
    const killed = await veta(['import', 'reinfo', big], {
      onStderr: (chunk, kill) => {
        if (/stage:/.test(chunk)) setTimeout(kill, 200);
      },
    });
    expect(killed.code, killed.stderr).toBe(137);
    expect(await count()).toBe(before);
    // and the database still takes the same file whole
    const after = await veta(['import', 'reinfo', big, '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ inserted: 20_000 });
  });
});
