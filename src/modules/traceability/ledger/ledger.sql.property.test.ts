/**
 * The stored ledger answers as the pure domain: random split / merge / transfer /
 * reversal histories are imported through SQL, then trace, origin vectors (against
 * the brute-force reference too), conservation, balances, flags and the national
 * view are compared with the reducer's state for the same events.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { withActor } from '../../../platform/context.ts';
import { testDb } from '../../../../test/db.ts';
import { actor } from '../../../../test/factories.ts';
import { actorBalance as pureBalance, nationalProductionVsExports, type NationalRow } from './balance.domain.ts';
import { buildHistory, opsArb, type Op } from './ledger.arbitraries.ts';
import { applyEvents } from './ledger.domain.ts';
import { rows } from './ledger.factories.ts';
import { createCast, lines, relabel, type Cast } from './ledger-db.factories.ts';
import { loadContext, loadThresholds } from './ledger-context.queries.ts';
import { importLedgerFile } from './ledger.import.ts';
import { emptyLedgerState } from './ledger.state.ts';
import { computeFlags, flagsBetween, flagsOfActor as pureFlagsOfActor } from '../flags/flags.domain.ts';
import { flagsOfActor, flagsOfPeriod } from '../flags/flags.service.ts';
import { trace } from '../origin/origin.domain.ts';
import { referenceLedger, referenceShares } from '../origin/origin.reference.ts';
import { traceLot } from '../origin/trace.service.ts';
import { actorBalance, nationalView } from '../traceability.queries.ts';

const db = await testDb();
const national = actor('national');
let run = 0;

const rucsOf = (c: Cast): string[] => [c.miner, c.miner2, c.trader, c.plant, c.refinery, c.exporter, c.jeweler];

/** Imports a random history for a fresh cast; the reducer's state for the same events with the loaded facts. */
async function scenario(ops: readonly Op[]) {
  const cast = await createCast(db);
  const p = `PR${Date.now().toString(36)}${++run}-`;
  const events = relabel(buildHistory(ops).events, cast, p);
  const nationalBefore = await withActor(db, national, (tx) => nationalView(tx, null, null));
  const summary = await importLedgerFile(db, national, lines(...events), { fileName: `${p}.jsonl`, sha256: () => p, asOf: '2024-12-31', batchSize: 7 });
  expect(summary).toMatchObject({ inserted: events.length, rejected: 0 });
  const { context, siteRegion } = await withActor(db, national, (tx) =>
    loadContext(tx, rucsOf(cast), [cast.siteA, cast.siteB, cast.siteC], { full: true, asOf: '2024-12-31' }),
  );
  const thresholds = await withActor(db, national, (tx) => loadThresholds(tx, '2024-12-31'));
  const applied = applyEvents(context, emptyLedgerState(), rows(...events));
  expect(applied.errors).toEqual([]);
  const flags = computeFlags(context, applied.state, thresholds);
  return { cast, events, state: applied.state, context, siteRegion, flags, nationalBefore };
}

const window = fc.tuple(fc.integer({ min: -10, max: 50 }), fc.integer({ min: 0, max: 60 })).map(([start, length]) => {
  const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
  return { from: day(start), to: day(start + length) };
});

describe('stored ledger against the pure domain (random histories)', () => {
  test('trace: origin vectors, shares, certification and flags of every lot equal the reducer’s; within the reference’s bound', async () => {
    await fc.assert(
      fc.asyncProperty(opsArb, async (ops) => {
        const { events, state, flags } = await scenario(ops);
        const reference = referenceLedger(events);
        const lots = [...state.lots.values()].filter((l) => l.status !== 'void');
        for (const lot of lots.slice(-8)) {
          const sql = await withActor(db, national, (tx) => traceLot(tx, lot.id, '2024-12-31'));
          expect(sql).toEqual(trace(state, lot.id, flags));
          const sum = (sql?.origins ?? []).reduce((s, o) => s + o.share, sql?.unknownShare ?? 0);
          expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-9);
          const shares = referenceShares(reference, lot.id);
          const bound = reference.lots.get(lot.id)?.errorBoundMg ?? 0n;
          const sqlMg = new Map((sql?.origins ?? []).map((o) => [o.site, BigInt(Math.round(o.fineGrams * 1000))]));
          sqlMg.set('', lot.fineMg - [...sqlMg.values()].reduce((s, v) => s + v, 0n));
          for (const key of new Set([...shares.keys(), ...sqlMg.keys()])) {
            const exact = shares.get(key) ?? { n: 0n, d: 1n };
            const deviation = (sqlMg.get(key) ?? 0n) * exact.d - exact.n * lot.fineMg;
            expect(deviation < 0n ? -deviation : deviation).toBeLessThanOrEqual(bound * exact.d);
          }
        }
        const voided = [...state.lots.values()].find((l) => l.status === 'void');
        if (voided) expect(await withActor(db, national, (tx) => traceLot(tx, voided.id, '2024-12-31'))).toBeNull();
      }),
      { numRuns: 12 },
    );
  });

  test('conservation in SQL: open + exported + losses = produced + untracked gold put in', async () => {
    await fc.assert(
      fc.asyncProperty(opsArb, async (ops) => {
        const { events } = await scenario(ops);
        const ids = events.map((e) => e.id);
        const lots = [
          ...new Set(
            events.flatMap((e) =>
              e.type === 'produce' ? [e.lot] : e.type === 'transfer' && e.newLot ? [e.newLot] : e.type === 'process' ? [e.output.lot] : [],
            ),
          ),
        ];
        const { rows: sums } = await db.query<{ open: string; produced: string; exported: string; loss: string; untracked: string }>(
          `SELECT (SELECT coalesce(sum(fine_mg), 0) FROM lots WHERE id = ANY($2::text[]) AND status = 'open')::text AS open,
                  coalesce(sum(fine_mg) FILTER (WHERE type = 'produce'), 0)::text AS produced,
                  coalesce(sum(fine_mg) FILTER (WHERE type = 'export'), 0)::text AS exported,
                  coalesce(sum(loss_mg), 0)::text AS loss, coalesce(sum(untracked_mg), 0)::text AS untracked
           FROM ledger_events e WHERE e.id = ANY($1::text[]) AND e.type <> 'reverse'
             AND NOT EXISTS (SELECT 1 FROM ledger_events r WHERE r.reverses = e.id)`,
          [ids, lots],
        );
        const t = sums[0]!;
        expect(BigInt(t.open) + BigInt(t.exported) + BigInt(t.loss)).toBe(BigInt(t.produced) + BigInt(t.untracked));
      }),
      { numRuns: 8 },
    );
  });

  test('balances and flags of each actor over random periods, flags of a period, and the national view', async () => {
    await fc.assert(
      fc.asyncProperty(opsArb, fc.array(window, { minLength: 1, maxLength: 3 }), async (ops, windows) => {
        const { cast, state, flags, siteRegion, nationalBefore } = await scenario(ops);
        for (const { from, to } of windows) {
          for (const ruc of rucsOf(cast)) {
            expect(await withActor(db, national, (tx) => actorBalance(tx, ruc, from, to))).toEqual(pureBalance(state, ruc, from, to));
            expect(await withActor(db, national, (tx) => flagsOfActor(tx, ruc, from, to))).toEqual(pureFlagsOfActor(flags, ruc, from, to));
          }
          const ours = new Set(rucsOf(cast));
          const period = await withActor(db, national, (tx) => flagsOfPeriod(tx, from, to));
          expect(period.filter((f) => ours.has(f.actor))).toEqual(flagsBetween(flags, from, to));
        }
        const after = await withActor(db, national, (tx) => nationalView(tx, null, null));
        expect(difference(after, nationalBefore)).toEqual(
          nationalProductionVsExports(state, siteRegion).filter((r) => r.producedMg !== 0n || r.exportedMg !== 0n),
        );
      }),
      { numRuns: 12 },
    );
  });
});

/** Rows of `after` minus `before`, per year and region, without the rows that did not change. */
function difference(after: NationalRow[], before: NationalRow[]): NationalRow[] {
  const key = (r: NationalRow) => `${r.year}|${r.region}`;
  const old = new Map(before.map((r) => [key(r), r]));
  return after
    .map((r) => ({ ...r, producedMg: r.producedMg - (old.get(key(r))?.producedMg ?? 0n), exportedMg: r.exportedMg - (old.get(key(r))?.exportedMg ?? 0n) }))
    .filter((r) => r.producedMg !== 0n || r.exportedMg !== 0n);
}
