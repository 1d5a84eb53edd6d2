/**
 * The import contract of `veta ledger import` on the real database: the JSON
 * summary, all-or-nothing rejection with every error's line, id, field and reason,
 * idempotent re-imports, and the same answer as the pure reducer whatever the batches.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { withActor } from '../../../platform/context.ts';
import { testDb } from '../../../../test/db.ts';
import { actor } from '../../../../test/factories.ts';
import { buildHistory, opsArb } from './ledger.arbitraries.ts';
import { importLedger } from './ledger.domain.ts';
import { createCast, lines, relabel, type Cast } from './ledger-db.factories.ts';
import { loadContext } from './ledger-context.queries.ts';
import { importLedgerLines, LedgerImportRejectedError, type LedgerImportResult } from './ledger.import.ts';
import { ledgerEventSchema, type LedgerEvent, type LedgerEventInput } from './ledger.schema.ts';
import { emptyLedgerState } from './ledger.state.ts';
import { ledgerImportAction, type CliIo } from '../traceability.cli.ts';

const db = await testDb();
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-ledger-'));
let cast: Cast;
let n = 0;
const prefix = () => `IMP${Date.now().toString(36)}${++n}-`;

beforeAll(async () => {
  cast = await createCast(db);
});

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function importFile(name: string, content: string) {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  const io = capture();
  const code = await ledgerImportAction(db, file, { json: true, as: 'local:test' }, io);
  return {
    code,
    json: JSON.parse(io.stdout) as {
      inserted: number;
      unchanged: number;
      rejected: number;
      errors: Array<{ row: number; id: string; field: string; message: string }>;
    },
    file,
  };
}

function chain(p: string): LedgerEvent[] {
  const inputs: LedgerEventInput[] = [
    { id: `${p}p1`, type: 'produce', date: '2024-03-01', actor: cast.miner, site: cast.siteA, lot: `${p}L1`, material: 'dore', grams: 100, fineness: 0.85 },
    { id: `${p}t1`, type: 'transfer', date: '2024-03-05', from: cast.miner, to: cast.trader, lot: `${p}L1`, fineGrams: 40, newLot: `${p}L2` },
    {
      id: `${p}x1`,
      type: 'process',
      date: '2024-03-10',
      actor: cast.trader,
      inputs: [`${p}L2`],
      untrackedFineGrams: 10,
      recovery: 0.9,
      output: { lot: `${p}D1`, material: 'dore', fineness: 0.9 },
    },
    { id: `${p}e1`, type: 'export', date: '2024-03-20', from: cast.trader, lot: `${p}D1`, country: 'CH', customsRef: `${p}DAM` },
  ];
  return inputs.map((i) => ledgerEventSchema.parse(i));
}

describe('veta ledger import', () => {
  test('a good file is imported; importing it again changes nothing', async () => {
    const p = prefix();
    const events = chain(p);
    const content = `${lines(...events).join('\n')}\n`;
    const first = await importFile(`${p}good.jsonl`, content);
    expect(first).toMatchObject({ code: 0, json: { inserted: 4, unchanged: 0, rejected: 0, errors: [] } });
    const again = await importFile(`${p}good.jsonl`, content);
    expect(again).toMatchObject({ code: 0, json: { inserted: 0, unchanged: 4, rejected: 0, errors: [] } });
    const { rows } = await db.query<{ id: string; fine_mg: number; unknown_mg: number; status: string; holder_ruc: string }>(
      'SELECT id, fine_mg, unknown_mg, status, holder_ruc FROM lots WHERE id LIKE $1 ORDER BY id',
      [`${p}%`],
    );
    expect(rows).toEqual([
      { id: `${p}D1`, fine_mg: 45_000, unknown_mg: 9_000, status: 'exported', holder_ruc: cast.trader },
      { id: `${p}L1`, fine_mg: 45_000, unknown_mg: 0, status: 'open', holder_ruc: cast.miner },
      { id: `${p}L2`, fine_mg: 40_000, unknown_mg: 0, status: 'consumed', holder_ruc: cast.trader },
    ]);
    const audit = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import.ledger' AND after->>'file' = $1`, [
      `${p}good.jsonl`,
    ]);
    expect(audit.rows[0]?.n).toBe(1);
  });

  test('every kind of error rejects the whole file, exit 1, each with its line, id, field and reason', async () => {
    const p = prefix();
    const [produce, , ,] = chain(p);
    const stranger = '20999999990';
    const other = {
      id: `${p}p2`,
      type: 'produce',
      date: '2024-03-01',
      actor: cast.miner2,
      site: cast.siteB,
      lot: `${p}M1`,
      material: 'dore',
      grams: 10,
      fineness: 0.9,
    };
    const bad: unknown[] = [
      produce,
      other,
      { id: `${p}a`, type: 'transfer', date: '2024-03-02', from: cast.miner, to: cast.trader, lot: `${p}L1`, fineGrams: 90, newLot: `${p}X` },
      { id: `${p}b`, type: 'transfer', date: '2024-03-02', from: stranger, to: cast.trader, fineGrams: 1 },
      { id: `${p}c`, type: 'produce', date: '2024-03-02', actor: cast.miner, site: 'NO-SUCH-SITE', lot: `${p}Y`, material: 'dore', grams: 1, fineness: 0.9 },
      { id: `${p}d`, type: 'transfer', date: '2024-03-02', from: cast.miner, to: cast.trader, lot: `${p}M1` },
      { id: `${p}e`, type: 'transfer', date: '2024-03-02', from: cast.miner, to: cast.trader, lot: `${p}L1`, fineGrams: 10 },
      { ...other, grams: 11 },
      '{"id": "broken"',
      { id: `${p}f`, type: 'transfer', date: '2024-03-02', from: cast.miner, to: cast.trader, lot: `${p}Z` },
    ];
    const content = bad.map((b) => (typeof b === 'string' ? b : JSON.stringify(b))).join('\n');
    const result = await importFile(`${p}bad.jsonl`, content);
    expect(result.code).toBe(1);
    expect(result.json).toMatchObject({ inserted: 0, unchanged: 0, rejected: 10 });
    expect(result.json.errors.map((e) => [e.row, e.id, e.field])).toEqual([
      [3, `${p}a`, 'fineGrams'],
      [4, `${p}b`, 'from'],
      [5, `${p}c`, 'site'],
      [6, `${p}d`, 'lot'],
      [7, `${p}e`, 'newLot'],
      [8, `${p}p2`, 'id'],
      [9, '', ''],
      [10, `${p}f`, 'lot'],
    ]);
    const messages = result.json.errors.map((e) => e.message);
    expect(messages[0]).toBe(`overdraws lot ${p}L1: 90 g > 85 g held`);
    expect(messages[1]).toBe(`unknown actor ${stranger}`);
    expect(messages[2]).toBe('unknown site NO-SUCH-SITE');
    expect(messages[3]).toBe(`lot ${p}M1 is held by ${cast.miner2}, not ${cast.miner}`);
    expect(messages[4]).toBe('is required for a partial transfer (10 g of 85 g)');
    expect(messages[5]).toBe(`id ${p}p2 is already used by a different event`);
    expect(messages[6]).toMatch(/^invalid JSON/);
    expect(messages[7]).toBe(`unknown lot ${p}Z`);
    expect(readFileSync(`${result.file}.errors.csv`, 'utf8')).toContain(`overdraws lot ${p}L1`);
    const { rows } = await db.query('SELECT id FROM lots WHERE id LIKE $1', [`${p}%`]);
    expect(rows).toEqual([]);
  });

  test('an id already imported with different content is an error; with the same content it is skipped', async () => {
    const p = prefix();
    const [produce] = chain(p);
    expect((await importFile(`${p}1.jsonl`, lines(produce!).join('\n'))).code).toBe(0);
    const changed = await importFile(`${p}2.jsonl`, lines({ ...produce!, grams: 101 } as LedgerEvent).join('\n'));
    expect(changed).toMatchObject({
      code: 1,
      json: { inserted: 0, rejected: 1, errors: [{ row: 1, id: `${p}p1`, field: 'id', message: `id ${p}p1 is already used by a different event` }] },
    });
    // blank lines are skipped but still counted in line numbers
    const same = await importFile(`${p}3.jsonl`, `\n${lines(produce!).join('\n')}\n\n`);
    expect(same).toMatchObject({ code: 0, json: { inserted: 0, unchanged: 1, rejected: 0 } });
  });

  test('only national officials and administrators import the ledger', async () => {
    await expect(
      withActor(db, actor('regional', '21'), (tx) =>
        importLedgerLines(tx, actor('regional', '21'), [], { fileName: 'x', sha256: () => '', asOf: '2024-01-01' }),
      ),
    ).rejects.toThrow(/may not import/);
  });
});

/** The import in batches of `size` inside a rolled-back transaction: its summary, and the pure reducer's. */
async function bothWays(events: readonly string[], size: number, c: Cast) {
  const summary = await db
    .transaction(async (tx) => {
      await tx.exec('SET LOCAL ROLE veta_app');
      await tx.query(`SELECT set_config('veta.role', 'national', true)`);
      const result = await importLedgerLines(tx, actor('national'), events, { fileName: 'p', sha256: () => '', asOf: '2024-12-31', batchSize: size });
      throw Object.assign(new Error('rollback'), { result });
    })
    .catch((err: unknown) => {
      if (err instanceof LedgerImportRejectedError) return { ...err.summary, importId: null };
      const result = (err as { result?: LedgerImportResult }).result;
      if (!result) throw err;
      return result;
    });
  const { context } = await withActor(db, actor('national'), (tx) =>
    loadContext(
      tx,
      Object.values(c).filter((v) => /^\d{11}$/.test(v)),
      [c.siteA, c.siteB, c.siteC],
      { full: false, asOf: '2024-12-31' },
    ),
  );
  const pure = importLedger(context, emptyLedgerState(), events.join('\n')).summary;
  const { importId: _id, ...sql } = summary;
  return { sql, pure };
}

describe('batches', () => {
  test('the import in small batches answers as the pure reducer on the whole file, errors included', async () => {
    const c = await createCast(db);
    await fc.assert(
      fc.asyncProperty(opsArb, fc.integer({ min: 1, max: 6 }), fc.nat(), fc.nat({ max: 4 }), async (ops, size, at, kind) => {
        const p = prefix();
        const history = relabel(buildHistory(ops).events, c, p);
        // a production rejected early: later events on its lot say why the lot is unknown
        const spoilt = kind === 4 ? history.findIndex((e) => e.type === 'produce') : -1;
        const events = lines(...history.map((e, i) => (i === spoilt && e.type === 'produce' ? { ...e, site: 'nowhere' } : e)));
        if (kind > 0 && kind < 4) {
          const position = at % (events.length + 1);
          const broken = [
            '',
            JSON.stringify({ id: `${p}bad`, type: 'transfer', date: '2024-12-31', from: c.miner, to: c.trader, lot: `${p}nope` }),
            JSON.stringify({
              id: `${p}bad`,
              type: 'produce',
              date: '2024-01-01',
              actor: c.miner,
              site: 'nowhere',
              lot: `${p}L0`,
              material: 'dore',
              grams: 1,
              fineness: 1,
            }),
            'not json',
          ][kind]!;
          events.splice(position, 0, broken);
        }
        const { sql, pure } = await bothWays(events, size, c);
        expect(sql).toEqual(pure);
      }),
      { numRuns: 15 },
    );
  });
});
