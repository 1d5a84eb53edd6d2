/**
 * `veta ledger trace|balance|flags`: the JSON contracts, exit codes and usage errors,
 * through the command actions; and one real `veta ledger import` process for its exit codes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../platform/db.ts';
import { CliError } from '../../platform/exit-codes.ts';
import { migrate } from '../../platform/migrate.ts';
import { loadTerritory } from '../territory/territory.load.ts';
import { cachePath, testDb, workerDatabase } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import { balanceSchema, flagsResultSchema, importSummarySchema, traceSchema } from './ledger/ledger-contract.schema.ts';
import { createCast, lines, type Cast } from './ledger/ledger-db.factories.ts';
import { importLedgerFile } from './ledger/ledger.import.ts';
import { ledgerEventSchema, type LedgerEventInput } from './ledger/ledger.schema.ts';
import { ledgerBalanceAction, ledgerFlagsAction, ledgerImportAction, ledgerTraceAction, type CliIo } from './traceability.cli.ts';

const db = await testDb();
let cast: Cast;
const p = `CLI${Date.now().toString(36)}-`;

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

function events(c: Cast, prefix: string): string[] {
  const inputs: LedgerEventInput[] = [
    { id: `${prefix}p`, type: 'produce', date: '2024-07-01', actor: c.miner, site: c.siteA, lot: `${prefix}L`, material: 'dore', grams: 100, fineness: 0.9 },
    { id: `${prefix}t`, type: 'transfer', date: '2024-07-03', from: c.miner, to: c.trader, lot: `${prefix}L`, fineGrams: 30, newLot: `${prefix}L2` },
    { id: `${prefix}u`, type: 'transfer', date: '2024-07-04', from: c.trader, to: c.refinery, fineGrams: 50 },
  ];
  return lines(...inputs.map((e) => ledgerEventSchema.parse(e)));
}

beforeAll(async () => {
  cast = await createCast(db);
  await importLedgerFile(db, actor('national'), events(cast, p), { fileName: 'cli', sha256: () => p, asOf: '2024-12-31' });
});

describe('veta ledger trace, balance, flags (actions)', () => {
  test('trace --json prints the trace contract; an unknown lot exits 1', async () => {
    const io = capture();
    expect(await ledgerTraceAction(db, `${p}L2`, { json: true }, io)).toBe(0);
    const trace = traceSchema.parse(JSON.parse(io.stdout));
    expect(trace).toEqual({
      lot: `${p}L2`,
      fineGrams: 30,
      origins: [{ site: cast.siteA, share: 1, fineGrams: 30 }],
      unknownShare: 0,
      certified: false,
      flags: [],
    });
    const missing = capture();
    expect(await ledgerTraceAction(db, `${p}nope`, { json: true }, missing)).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('Unknown lot');
  });

  test('balance --json prints the balance contract with the actor’s flags', async () => {
    const io = capture();
    expect(await ledgerBalanceAction(db, { actor: cast.trader, from: '2024-07-01', to: '2024-07-31', json: true }, io)).toBe(0);
    const balance = balanceSchema.parse(JSON.parse(io.stdout));
    expect(balance).toMatchObject({
      actor: cast.trader,
      from: '2024-07-01',
      to: '2024-07-31',
      openingFineGrams: 0,
      boughtFineGrams: 30,
      soldFineGrams: 50,
      closingFineGrams: -20,
    });
    expect(balance.flags.map((f) => [f.code, f.eventIds])).toEqual([['NEGATIVE_BALANCE', [`${p}u`]]]);
    await expect(ledgerBalanceAction(db, { actor: cast.trader, from: '2024-07-31', to: '2024-07-01', json: true }, capture())).rejects.toMatchObject({
      exitCode: 2,
    });
    await expect(ledgerBalanceAction(db, { actor: 'x', from: '2024-07-01', to: '2024-07-31' }, capture())).rejects.toBeInstanceOf(CliError);
  });

  test('flags --json prints {flags} for the period', async () => {
    const io = capture();
    expect(await ledgerFlagsAction(db, { from: '2024-07-04', to: '2024-07-04', json: true }, io)).toBe(0);
    const { flags } = flagsResultSchema.parse(JSON.parse(io.stdout));
    expect(flags.filter((f) => f.actor === cast.trader).map((f) => f.code)).toEqual(['NEGATIVE_BALANCE']);
    await expect(ledgerFlagsAction(db, { from: '2024-13-01', to: '2024-07-04' }, capture())).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('veta ledger import (a real process)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-ledger-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  let other: Cast;

  beforeAll(async () => {
    if (process.env['DATABASE_URL']) {
      env['DATABASE_URL'] = await workerDatabase(process.env['DATABASE_URL'], '_ledger_cli');
    } else {
      env['VETA_DATA_DIR'] = path.join(dir, 'data');
    }
    const blob = !env['DATABASE_URL'] && existsSync(cachePath()) ? new Blob([readFileSync(cachePath())]) : undefined;
    const own = await openDatabase({ databaseUrl: env['DATABASE_URL'], dataDir: env['VETA_DATA_DIR'], loadDataDir: blob });
    try {
      await migrate(own);
      await own.transaction((tx) => loadTerritory(tx));
      other = await createCast(own);
    } finally {
      await own.close();
    }
  }, 120_000);

  function veta(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.resolve('bin/veta.js'), ...args], { env, cwd: dir });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
  }

  test('exit 0 with the JSON summary, 1 when rejected', async () => {
    const good = path.join(dir, 'good.jsonl');
    writeFileSync(good, `${events(other, 'E2E-').join('\n')}\n`);
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, `${events(other, 'E2E-').slice(1).join('\n')}\n`);
    const rejected = await veta(['ledger', 'import', bad, '--json']);
    expect(rejected.code, rejected.stderr).toBe(1);
    expect(importSummarySchema.parse(JSON.parse(rejected.stdout))).toMatchObject({
      inserted: 0,
      rejected: 2,
      errors: [{ row: 1, id: 'E2E-t', field: 'lot', message: 'unknown lot E2E-L' }],
    });
    const ok = await veta(['ledger', 'import', good, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ inserted: 3, unchanged: 0, rejected: 0, errors: [] });
  }, 120_000);

  test('a file that cannot be read is a usage error (exit 2)', async () => {
    await expect(ledgerImportAction(db, path.join(dir, 'missing.jsonl'), {}, capture())).rejects.toMatchObject({ exitCode: 2 });
  });
});
