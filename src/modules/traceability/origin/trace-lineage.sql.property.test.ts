/**
 * The trace of every lot on the stored ledger carries exactly the flags that the pure
 * rules give over the whole ledger, for random histories spread over several years (so
 * that the opening of a balance is read from whole years, months and days) with claims
 * of certification on some sales (so that claims downstream of a lineage count).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { withActor } from '../../../platform/context.ts';
import { testDb } from '../../../../test/db.ts';
import { actor } from '../../../../test/factories.ts';
import { buildHistory, opsArb } from '../ledger/ledger.arbitraries.ts';
import { applyEvents } from '../ledger/ledger.domain.ts';
import { rows } from '../ledger/ledger.factories.ts';
import { createCast, lines, relabel } from '../ledger/ledger-db.factories.ts';
import { loadContext, loadThresholds } from '../ledger/ledger-context.queries.ts';
import { importLedgerFile } from '../ledger/ledger.import.ts';
import { CERT_SCHEMES, type LedgerEvent } from '../ledger/ledger.schema.ts';
import { emptyLedgerState } from '../ledger/ledger.state.ts';
import { computeFlags } from '../flags/flags.domain.ts';
import { trace } from './origin.domain.ts';
import { traceLot } from './trace.service.ts';

const db = await testDb();
const national = actor('national');
let run = 0;

const day = (offset: number): string => new Date(Date.UTC(2021, 10, 20) + offset * 86_400_000).toISOString().slice(0, 10);

/** The events dated by cumulative gaps (same order), and a claim on the sales chosen by `claims`. */
function spread(events: readonly LedgerEvent[], gaps: readonly number[], claims: readonly number[]): LedgerEvent[] {
  let offset = 0;
  return events.map((event, i) => {
    offset += gaps[i % gaps.length] ?? 0;
    const dated = { ...event, date: day(offset) };
    const claim = claims[i % claims.length] ?? 0;
    if (dated.type !== 'transfer' || claim === 0) return dated as LedgerEvent;
    return { ...dated, claim: CERT_SCHEMES[(claim - 1) % CERT_SCHEMES.length]! } as LedgerEvent;
  });
}

describe('trace flags against the pure rules over the whole ledger', () => {
  test('every lot of random histories over several years, with claims', async () => {
    await fc.assert(
      fc.asyncProperty(
        opsArb,
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }),
        async (ops, gaps, claims) => {
          const cast = await createCast(db);
          const p = `TL${Date.now().toString(36)}${++run}-`;
          const events = relabel(spread(buildHistory(ops).events, gaps, claims), cast, p);
          const summary = await importLedgerFile(db, national, lines(...events), { fileName: `${p}.jsonl`, sha256: () => p, asOf: '2030-12-31' });
          expect(summary).toMatchObject({ inserted: events.length, rejected: 0 });
          const rucs = [cast.miner, cast.miner2, cast.trader, cast.plant, cast.refinery, cast.exporter, cast.jeweler];
          const { context } = await withActor(db, national, (tx) =>
            loadContext(tx, rucs, [cast.siteA, cast.siteB, cast.siteC], { full: true, asOf: '2030-12-31' }),
          );
          const thresholds = await withActor(db, national, (tx) => loadThresholds(tx, '2030-12-31'));
          const applied = applyEvents(context, emptyLedgerState(), rows(...events));
          expect(applied.errors).toEqual([]);
          const flags = computeFlags(context, applied.state, thresholds);
          for (const lot of applied.state.lots.values()) {
            const sql = await withActor(db, national, (tx) => traceLot(tx, lot.id, '2030-12-31'));
            expect(sql).toEqual(trace(applied.state, lot.id, flags));
          }
        },
      ),
      { numRuns: 10 },
    );
  });
});
