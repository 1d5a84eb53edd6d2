/**
 * Balances read whole years and months from the rollups of ledger_actor_days
 * (migration 0025) and days only at a period's ragged ends. On random histories
 * spread over several years, random periods (often on month and year boundaries)
 * and every reading role, they equal the sums of the days themselves: the query as
 * it was before the rollups, a regional official's the national one restricted to
 * the days of their department. The rollups equal the days grouped, through inserts,
 * upserts, changes of department and deletes; NEGATIVE_BALANCE (whose opening reads
 * them too) equals the pure domain.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { withActor, type Actor } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db.ts';
import { addDays } from '../../../kernel/peru-date.ts';
import { testDb } from '../../../../test/db.ts';
import { actor } from '../../../../test/factories.ts';
import type { ActorBalance } from './balance.domain.ts';
import { buildHistory, opsArb } from './ledger.arbitraries.ts';
import { applyEvents } from './ledger.domain.ts';
import { rows } from './ledger.factories.ts';
import { createCast, lines, relabel, type Cast } from './ledger-db.factories.ts';
import { loadContext, loadThresholds } from './ledger-context.queries.ts';
import { importLedgerFile } from './ledger.import.ts';
import { emptyLedgerState } from './ledger.state.ts';
import type { LedgerEvent } from './ledger.schema.ts';
import { computeFlags, flagsOfActor as pureFlagsOfActor } from '../flags/flags.domain.ts';
import { negativeBalanceFlags } from '../flags/flags.queries.ts';
import { actorBalance, allBalances, balanceSpans } from '../traceability.queries.ts';

const db = await testDb();
const national = actor('national');
/** The cast's departments: Puno (miners, trader), Arequipa (plant), Lima (refinery, exporter). */
const REGIONS = ['21', '04', '15'];
let run = 0;

const rucsOf = (c: Cast): string[] => [c.miner, c.miner2, c.trader, c.plant, c.refinery, c.exporter, c.jeweler];

/** The balances as they were computed before the rollups: every day up to `to`, of the actors given, of a department if given. */
async function fromDays(tx: Queryable, from: string, to: string, actors: readonly string[], region: string | null): Promise<ActorBalance[]> {
  const net = 'm.produced_mg + m.bought_mg - m.sold_mg - m.loss_mg';
  const { rows: out } = await tx.query<{ actor: string; opening: string; produced: string; bought: string; sold: string; loss: string }>(
    `SELECT m.actor_ruc AS actor,
            coalesce(sum(${net}) FILTER (WHERE m.date < $1), 0)::text AS opening,
            coalesce(sum(m.produced_mg) FILTER (WHERE m.date >= $1), 0)::text AS produced,
            coalesce(sum(m.bought_mg) FILTER (WHERE m.date >= $1), 0)::text AS bought,
            coalesce(sum(m.sold_mg) FILTER (WHERE m.date >= $1), 0)::text AS sold,
            coalesce(sum(m.loss_mg) FILTER (WHERE m.date >= $1), 0)::text AS loss
     FROM ledger_actor_days m WHERE m.date <= $2 AND m.actor_ruc = ANY($3::text[]) AND ($4::text IS NULL OR m.region_code = $4)
     GROUP BY m.actor_ruc ORDER BY m.actor_ruc`,
    [from, to, actors, region],
  );
  return out.map((r) => {
    const [openingMg, producedMg, boughtMg, soldMg, lossMg] = [r.opening, r.produced, r.bought, r.sold, r.loss].map(BigInt) as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    return { actor: r.actor, from, to, openingMg, producedMg, boughtMg, soldMg, lossMg, closingMg: openingMg + producedMg + boughtMg - soldMg - lossMg };
  });
}

const zero = (a: string, from: string, to: string): ActorBalance => ({
  actor: a,
  from,
  to,
  openingMg: 0n,
  producedMg: 0n,
  boughtMg: 0n,
  soldMg: 0n,
  lossMg: 0n,
  closingMg: 0n,
});

/** The generated history (dated 2024-01-01 + i) stretched from `start`, `gap` days per step: it then spans months and years. */
function stretch(events: readonly LedgerEvent[], start: string, gap: number): LedgerEvent[] {
  const base = Date.UTC(2024, 0, 1);
  return events.map((e) => ({ ...e, date: addDays(start, Math.round((Date.parse(e.date) - base) / 86_400_000) * gap) }));
}

async function scenario(events: readonly LedgerEvent[]) {
  const cast = await createCast(db);
  const p = `RB${Date.now().toString(36)}${++run}-`;
  const relabelled = relabel(events, cast, p);
  const summary = await importLedgerFile(db, national, lines(...relabelled), { fileName: `${p}.jsonl`, sha256: () => p, asOf: '2024-12-31', batchSize: 5 });
  expect(summary).toMatchObject({ inserted: relabelled.length, rejected: 0 });
  return { cast, events: relabelled };
}

const dateArb = fc.integer({ min: 0, max: 6 * 366 }).map((i) => addDays('2023-01-01', i));
/** A period's bound: any day, or the first or last day of a month or of a year. */
const boundArb = fc.oneof(
  dateArb,
  dateArb.map((d) => `${d.slice(0, 7)}-01`),
  dateArb.map((d) => addDays(`${addDays(`${d.slice(0, 7)}-01`, 32).slice(0, 7)}-01`, -1)),
  dateArb.map((d) => `${d.slice(0, 4)}-01-01`),
  dateArb.map((d) => `${d.slice(0, 4)}-12-31`),
);
/** Periods in order (sometimes a single day), and now and then reversed (an empty period). */
const periodArb = fc.tuple(boundArb, boundArb, fc.nat({ max: 9 })).map(([a, b, k]) => {
  if (k === 0) return { from: a, to: a };
  const [from, to] = a <= b ? [a, b] : [b, a];
  return k === 1 ? { from: to, to: from } : { from, to };
});
const historyArb = fc.record({
  ops: opsArb,
  start: fc.integer({ min: 0, max: 400 }).map((i) => addDays('2023-01-01', i)),
  gap: fc.integer({ min: 1, max: 45 }),
});

describe('balances over the rollups of the actor-days (random histories over several years)', () => {
  test('spans cover everything up to `to` once, whole years and months where they fit', () => {
    fc.assert(
      fc.property(periodArb, dateArb, ({ from, to }, day) => {
        const spans = balanceSpans(from, to);
        const holding = spans.filter((s) => (s.from === null || s.from <= day) && day < s.until);
        expect(holding).toHaveLength(day <= to ? 1 : 0);
        if (day <= to) expect(holding[0]!.opening).toBe(day < from);
        for (const s of spans.filter((x) => x.level !== 'days')) {
          const unit = s.level === 'years' ? 'year' : 'month';
          for (const bound of [s.from, s.until]) if (bound !== null) expect(bound.slice(unit === 'year' ? 4 : 7)).toBe(unit === 'year' ? '-01-01' : '-01');
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('every balance equals the sum of its days, nationally, for each department and for a miner; NEGATIVE_BALANCE equals the domain', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.array(periodArb, { minLength: 1, maxLength: 4 }), async ({ ops, start, gap }, periods) => {
        const stretched = stretch(buildHistory(ops).events, start, gap);
        const { cast, events } = await scenario(stretched);
        const rucs = rucsOf(cast);
        const ours = new Set(rucs);
        const { context } = await withActor(db, national, (tx) =>
          loadContext(tx, rucs, [cast.siteA, cast.siteB, cast.siteC], { full: true, asOf: '2024-12-31' }),
        );
        const applied = applyEvents(context, emptyLedgerState(), rows(...events));
        expect(applied.errors).toEqual([]);
        for (const { from, to } of periods) {
          const thresholds = await withActor(db, national, (tx) => loadThresholds(tx, to));
          const flags = computeFlags(context, applied.state, thresholds).filter((f) => f.code === 'NEGATIVE_BALANCE');
          const readers: Array<{ who: Actor; region: string | null; sees: string[] }> = [
            { who: national, region: null, sees: rucs },
            ...REGIONS.map((r) => ({ who: actor('regional', r), region: r, sees: rucs })),
            { who: actor('miner', null, cast.miner), region: null, sees: [cast.miner] },
          ];
          for (const { who, region, sees } of readers) {
            const expected = await withActor(db, national, (tx) => fromDays(tx, from, to, sees, region));
            // the same sums through the reader's own row-level security
            expect(await withActor(db, who, (tx) => fromDays(tx, from, to, sees, null))).toEqual(expected);
            const all = await withActor(db, who, (tx) => allBalances(tx, from, to));
            expect(all.filter((b) => sees.includes(b.actor))).toEqual(expected);
            for (const ruc of sees) {
              const one = await withActor(db, who, (tx) => actorBalance(tx, ruc, from, to));
              expect(one).toEqual(expected.find((b) => b.actor === ruc) ?? zero(ruc, from, to));
            }
          }
          if (from <= to) {
            const tolerance = thresholds.negativeBalanceToleranceMg;
            const period = await withActor(db, national, (tx) => negativeBalanceFlags(tx, { from, to, actors: null, toleranceMg: tolerance }));
            const given = await withActor(db, national, (tx) => negativeBalanceFlags(tx, { from, to, actors: rucs, toleranceMg: tolerance }));
            const want = rucs.flatMap((r) => pureFlagsOfActor(flags, r, from, to));
            const key = (f: { actor: string; date: string }) => `${f.actor}|${f.date}`;
            const sorted = <T extends { actor: string; date: string }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
            expect(sorted(period.filter((f) => ours.has(f.actor)))).toEqual(sorted(want));
            expect(sorted(given)).toEqual(sorted(want));
          }
        }
      }),
      { numRuns: 10 },
    );
  });

  test('the application reads the rollups and cannot write them (only the days, through the triggers)', async () => {
    for (const table of ['ledger_actor_months', 'ledger_actor_years']) {
      await expect(withActor(db, actor('admin'), (tx) => tx.query(`UPDATE ${table} SET produced_mg = 0`))).rejects.toThrow(/permission denied/);
      await expect(withActor(db, actor('admin'), (tx) => tx.query(`DELETE FROM ${table}`))).rejects.toThrow(/permission denied/);
      await expect(withActor(db, national, (tx) => tx.query(`SELECT count(*) FROM ${table}`))).resolves.toBeDefined();
    }
  });

  test('the rollups equal the days grouped by month and year, through inserts, upserts, changes of department and deletes', async () => {
    const dayOp = fc.record({
      kind: fc.constantFrom('upsert', 'upsert', 'region', 'delete'),
      actor: fc.nat({ max: 2 }),
      date: fc.integer({ min: 0, max: 800 }).map((i) => addDays('2023-11-01', i)),
      region: fc.constantFrom('21', '04', null),
      mg: fc.integer({ min: -5000, max: 5000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(dayOp, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }), async (statements) => {
        const rolledBack = new Error('rolled back');
        const p = `RD${Date.now().toString(36)}${++run}-`;
        await db
          .transaction(async (tx) => {
            for (const ops of statements) {
              // one statement per batch, as the import writes its days
              const upserts = ops.filter((o) => o.kind === 'upsert');
              const byKey = new Map(upserts.map((o) => [`${o.actor}|${o.date}`, o]));
              if (byKey.size > 0)
                await tx.query(
                  `INSERT INTO ledger_actor_days (actor_ruc, date, produced_mg, sold_mg, live_events, region_code)
                   SELECT * FROM json_to_recordset($1::json) AS k(actor_ruc text, date date, produced_mg bigint, sold_mg bigint, live_events int, region_code char(2))
                   ON CONFLICT (actor_ruc, date) DO UPDATE SET produced_mg = ledger_actor_days.produced_mg + EXCLUDED.produced_mg,
                     sold_mg = ledger_actor_days.sold_mg + EXCLUDED.sold_mg, live_events = ledger_actor_days.live_events + EXCLUDED.live_events`,
                  [
                    JSON.stringify(
                      [...byKey.values()].map((o) => ({
                        actor_ruc: `${p}${o.actor}`,
                        date: o.date,
                        produced_mg: Math.max(o.mg, 0),
                        sold_mg: Math.max(-o.mg, 0),
                        live_events: 1,
                        region_code: o.region,
                      })),
                    ),
                  ],
                );
              for (const o of ops.filter((x) => x.kind !== 'upsert')) {
                const month = `${o.date.slice(0, 7)}-01`;
                const where = `actor_ruc = $1 AND date >= $2::date AND date < ($2::date + interval '1 month')`;
                if (o.kind === 'region') await tx.query(`UPDATE ledger_actor_days SET region_code = $3 WHERE ${where}`, [`${p}${o.actor}`, month, o.region]);
                else await tx.query(`DELETE FROM ledger_actor_days WHERE ${where} AND date <= $3`, [`${p}${o.actor}`, month, o.date]);
              }
              for (const [unit, table] of [
                ['month', 'ledger_actor_months'],
                ['year', 'ledger_actor_years'],
              ] as const) {
                const grouped = `SELECT date_trunc('${unit}', date)::date::text AS at, actor_ruc, region_code,
                                    sum(produced_mg)::text AS p, sum(sold_mg)::text AS s, sum(live_events)::text AS e, count(*)::text AS n
                                 FROM ledger_actor_days WHERE actor_ruc LIKE $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
                const rolled = `SELECT ${unit}::text AS at, actor_ruc, region_code, produced_mg::text AS p, sold_mg::text AS s, live_events::text AS e, days::text AS n
                                FROM ${table} WHERE actor_ruc LIKE $1 AND days > 0 ORDER BY 1, 2, 3`;
                const a = await tx.query(rolled, [`${p}%`]);
                const b = await tx.query(grouped, [`${p}%`]);
                expect(a.rows).toEqual(b.rows);
              }
            }
            throw rolledBack;
          })
          .catch((err: unknown) => {
            if (err !== rolledBack) throw err;
          });
      }),
      { numRuns: 25 },
    );
  });
});
