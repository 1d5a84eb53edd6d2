/**
 * The ledger readings as an actor sees them (row-level security decides what
 * rows): trace, balance, flags, national view. Shared by the CLI and the routes.
 */
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { balanceToJson } from './balance.domain.ts';
import { flagsOfActor, flagsOfPeriod } from './flags.service.ts';
import type { BalanceJson, FlagsJson, TraceJson } from './ledger-contract.schema.ts';
import { mgToGrams } from './quantity.domain.ts';
import { traceLot } from './trace.service.ts';
import { actorBalance, allBalances, nationalView } from './traceability.queries.ts';

export function ledgerTrace(db: Database, actor: Actor, lot: string, asOf: string): Promise<TraceJson | null> {
  return withActor(db, actor, (tx) => traceLot(tx, lot, asOf));
}

export function ledgerBalance(db: Database, actor: Actor, ruc: string, from: string, to: string): Promise<BalanceJson> {
  return withActor(db, actor, async (tx) => balanceToJson(await actorBalance(tx, ruc, from, to), await flagsOfActor(tx, ruc, from, to)));
}

/** Balances of every actor of the period (no flags: `ledger flags` gives them). */
export function ledgerBalances(db: Database, actor: Actor, from: string, to: string) {
  return withActor(db, actor, async (tx) => ({ from, to, balances: (await allBalances(tx, from, to)).map((b) => balanceToJson(b, [])) }));
}

export function ledgerFlags(db: Database, actor: Actor, from: string, to: string): Promise<FlagsJson> {
  return withActor(db, actor, async (tx) => ({ flags: await flagsOfPeriod(tx, from, to) }));
}

export function ledgerNational(db: Database, actor: Actor, from: string | null, to: string | null) {
  return withActor(db, actor, async (tx) => ({
    rows: (await nationalView(tx, from, to)).map((r) => ({
      year: r.year,
      region: r.region,
      producedFineGrams: mgToGrams(r.producedMg),
      exportedFineGrams: mgToGrams(r.exportedMg),
    })),
  }));
}
