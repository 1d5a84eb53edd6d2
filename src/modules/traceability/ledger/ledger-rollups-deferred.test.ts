/**
 * The import defers the month and year rollups of ledger_actor_days (migration 0033) and
 * rebuilds those of the actor-months it wrote before it commits. After files imported
 * one after another — in several batches, a later file touching the same actors, dated
 * before the earlier ones (another year) and reversing their events — the rollups equal
 * the days grouped from scratch, row by row; after the import the triggers roll up again;
 * only the ledger's writers may call the rebuild.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { withActor } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db.ts';
import { addDays } from '../../../kernel/peru-date.ts';
import { testDb } from '../../../../test/db.ts';
import { actor } from '../../../../test/factories.ts';
import { buildHistory, opsArb } from './ledger.arbitraries.ts';
import { createCast, lines, relabel, type Cast } from './ledger-db.factories.ts';
import { importLedgerFile, importLedgerLines } from './ledger.import.ts';
import { ledgerEventSchema, type LedgerEvent, type LedgerEventInput } from './ledger.schema.ts';

const db = await testDb();
const national = actor('national');
let cast: Cast;
let run = 0;
const prefix = () => `RDF${Date.now().toString(36)}${++run}-`;
const rucsOf = (c: Cast): string[] => [c.miner, c.miner2, c.person, c.trader, c.plant, c.refinery, c.exporter, c.jeweler];

beforeAll(async () => {
  cast = await createCast(db);
});

const VALUES = `produced_mg::text AS p, bought_mg::text AS b, sold_mg::text AS s, loss_mg::text AS l, live_events::text AS e, days::text AS n`;

/** The rollups of the actors as stored, and as the days grouped from scratch (the oracle), every row and column. */
async function rollupsAndOracle(tx: Queryable, actors: readonly string[]) {
  const out: Record<string, { stored: unknown[]; grouped: unknown[] }> = {};
  for (const [unit, table] of [
    ['month', 'ledger_actor_months'],
    ['year', 'ledger_actor_years'],
  ] as const) {
    const stored = await tx.query(
      `SELECT ${unit}::text AS at, actor_ruc, region_code, ${VALUES} FROM ${table} WHERE actor_ruc = ANY($1::text[]) ORDER BY 1, 2, 3`,
      [actors],
    );
    const grouped = await tx.query(
      `SELECT at::text, actor_ruc, region_code, ${VALUES}
       FROM (SELECT date_trunc('${unit}', date)::date AS at, actor_ruc, region_code, sum(produced_mg) AS produced_mg, sum(bought_mg) AS bought_mg,
                    sum(sold_mg) AS sold_mg, sum(loss_mg) AS loss_mg, sum(live_events) AS live_events, count(*) AS days
             FROM ledger_actor_days WHERE actor_ruc = ANY($1::text[]) GROUP BY 1, 2, 3) g
       ORDER BY 1, 2, 3`,
      [actors],
    );
    out[unit] = { stored: stored.rows, grouped: grouped.rows };
  }
  return out;
}

async function expectRollupsOfDays(actors: readonly string[], some = true): Promise<void> {
  const { month, year } = await withActor(db, national, (tx) => rollupsAndOracle(tx, actors));
  if (some) expect(month!.grouped.length).toBeGreaterThan(0);
  expect(month!.stored).toEqual(month!.grouped);
  expect(year!.stored).toEqual(year!.grouped);
}

async function importEvents(events: readonly LedgerEvent[], name: string, batchSize: number): Promise<void> {
  const summary = await importLedgerFile(db, national, lines(...events), { fileName: `${name}.jsonl`, sha256: () => name, asOf: '2025-12-31', batchSize });
  expect(summary).toMatchObject({ inserted: events.length, rejected: 0 });
}

const parse = (inputs: LedgerEventInput[]): LedgerEvent[] => inputs.map((i) => ledgerEventSchema.parse(i));

describe('ledger import with deferred rollups', () => {
  test('two files on the same actors, the second dated before the first and reversing it: the rollups equal the days grouped', async () => {
    const p = prefix();
    const first = parse([
      { id: `${p}p1`, type: 'produce', date: '2024-03-01', actor: cast.miner, site: cast.siteA, lot: `${p}L1`, material: 'dore', grams: 100, fineness: 0.85 },
      { id: `${p}t1`, type: 'transfer', date: '2024-03-05', from: cast.miner, to: cast.trader, lot: `${p}L1`, fineGrams: 40, newLot: `${p}L2` },
      { id: `${p}p2`, type: 'produce', date: '2024-05-10', actor: cast.miner, site: cast.siteA, lot: `${p}L3`, material: 'dore', grams: 50, fineness: 0.9 },
      { id: `${p}t2`, type: 'transfer', date: '2024-05-31', from: cast.miner, to: cast.trader, lot: `${p}L3` },
      { id: `${p}p3`, type: 'produce', date: '2024-12-31', actor: cast.miner2, site: cast.siteB, lot: `${p}M1`, material: 'dore', grams: 10, fineness: 0.9 },
    ]);
    await importEvents(first, `${p}a`, 2);
    await expectRollupsOfDays(rucsOf(cast));

    const second = parse([
      // an earlier year and month than everything stored, on the same actors
      { id: `${p}p4`, type: 'produce', date: '2023-11-15', actor: cast.miner, site: cast.siteA, lot: `${p}L4`, material: 'dore', grams: 30, fineness: 0.9 },
      { id: `${p}t3`, type: 'transfer', date: '2023-12-01', from: cast.miner, to: cast.trader, lot: `${p}L4`, fineGrams: 5, newLot: `${p}L5` },
      // a reversal of the first file's transfer: days of March 2024 change again
      { id: `${p}r1`, type: 'reverse', date: '2024-03-21', actor: cast.miner, reverses: `${p}t1`, reason: 'entered twice' },
      { id: `${p}p5`, type: 'produce', date: '2024-05-10', actor: cast.miner, site: cast.siteA, lot: `${p}L6`, material: 'dore', grams: 7, fineness: 0.999 },
      { id: `${p}p6`, type: 'produce', date: '2025-01-01', actor: cast.miner2, site: cast.siteB, lot: `${p}M2`, material: 'dore', grams: 3, fineness: 0.5 },
    ]);
    await importEvents(second, `${p}b`, 2);
    await expectRollupsOfDays(rucsOf(cast));

    // the reversal was summed: the trader's March 2024 bought nothing live
    const { rows } = await withActor(db, national, (tx) =>
      tx.query<{ bought: string }>(`SELECT bought_mg::text AS bought FROM ledger_actor_months WHERE actor_ruc = $1 AND month = '2024-03-01'`, [cast.trader]),
    );
    expect(rows).toEqual([{ bought: '0' }]);
  });

  test('random histories over several years, split into two files of random batches: the rollups equal the days grouped', async () => {
    await fc.assert(
      fc.asyncProperty(
        opsArb,
        fc.integer({ min: 0, max: 400 }).map((i) => addDays('2023-01-01', i)),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 7 }),
        async (ops, start, gap, cut, batchSize) => {
          const own = await createCast(db);
          const p = prefix();
          const base = Date.UTC(2024, 0, 1);
          const events = relabel(buildHistory(ops).events, own, p).map((e) => ({
            ...e,
            date: addDays(start, Math.round((Date.parse(e.date) - base) / 86_400_000) * gap),
          }));
          const at = cut % (events.length + 1);
          if (at > 0) await importEvents(events.slice(0, at), `${p}a`, batchSize);
          if (at < events.length) await importEvents(events.slice(at), `${p}b`, batchSize);
          await expectRollupsOfDays(rucsOf(own), false);
        },
      ),
      { numRuns: 10 },
    );
  });

  test('after an import in the caller’s transaction, the triggers roll up the days again', async () => {
    const p = prefix();
    const events = parse([
      { id: `${p}p1`, type: 'produce', date: '2024-07-01', actor: cast.miner, site: cast.siteA, lot: `${p}L1`, material: 'dore', grams: 20, fineness: 0.9 },
    ]);
    const rolledBack = new Error('rolled back');
    await withActor(db, national, async (tx) => {
      await importLedgerLines(tx, national, lines(...events), { fileName: `${p}.jsonl`, sha256: () => p, asOf: '2025-12-31' });
      const setting = await tx.query<{ v: string | null }>(`SELECT current_setting('veta.rollups_deferred', true) AS v`);
      expect(setting.rows[0]?.v).toBe('off');
      await tx.query(
        `INSERT INTO ledger_actor_days (actor_ruc, date, produced_mg, live_events, region_code) VALUES ($1, '2024-07-02', 1000, 1, '21')
         ON CONFLICT (actor_ruc, date) DO UPDATE SET produced_mg = ledger_actor_days.produced_mg + EXCLUDED.produced_mg`,
        [cast.miner],
      );
      const { month, year } = await rollupsAndOracle(tx, [cast.miner]);
      expect(month!.stored).toEqual(month!.grouped);
      expect(year!.stored).toEqual(year!.grouped);
      throw rolledBack;
    }).catch((err: unknown) => {
      if (err !== rolledBack) throw err;
    });
  });

  test('only the ledger’s writers rebuild the rollups', async () => {
    for (const who of [actor('regional', '21'), actor('auditor'), actor('miner', null, cast.miner)]) {
      await expect(
        withActor(db, who, (tx) => tx.query(`SELECT veta_ledger_rollups_rebuild($1::text[], $2::date[])`, [[cast.miner], ['2024-03-01']])),
      ).rejects.toThrow(/rebuild the ledger rollups/);
    }
  });
});
