/**
 * The ledger readings as an actor sees them (row-level security decides what
 * rows): trace, balance, flags, national view. Shared by the CLI and the routes.
 */
import { PUBLIC_ACTOR, withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { balanceToJson } from './balance.domain.ts';
import { flagsOfActor, flagsOfPeriod } from './flags.service.ts';
import type { BalanceJson, FlagsJson, TraceJson } from './ledger-contract.schema.ts';
import type { Passport } from './traceability-api.schema.ts';
import { mgToGrams } from './quantity.domain.ts';
import { lotPassport, publicLotIds, traceLot } from './trace.service.ts';
import { actorBalance, actorVisible, allBalances, nationalView } from './traceability.queries.ts';

export function ledgerTrace(db: Database, actor: Actor, lot: string, asOf: string): Promise<TraceJson | null> {
  return withActor(db, actor, (tx) => traceLot(tx, lot, asOf));
}

/**
 * The mass balance of one actor. An actor the caller sees no move of (outside their
 * region, not their own RUC, or unknown: the answer does not tell which) is not found,
 * rather than a balance of zeros.
 */
export function ledgerBalance(db: Database, actor: Actor, ruc: string, from: string, to: string): Promise<BalanceJson> {
  return withActor(db, actor, async (tx) => {
    if (!(await actorVisible(tx, ruc))) throw NotFoundError.of(`Actor ${ruc} in the ledger`, 'ledger_actor_not_found', { ruc });
    return balanceToJson(await actorBalance(tx, ruc, from, to), await flagsOfActor(tx, ruc, from, to));
  });
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

/** The public passport of a lot (no personal data), null for an unknown or void lot. */
export function publicPassport(db: Database, lot: string, url: string): Promise<Passport | null> {
  return withActor(db, PUBLIC_ACTOR, (tx) => lotPassport(tx, lot, url));
}

/** Whether a lot has a public passport. */
export async function hasPublicPassport(db: Database, lot: string): Promise<boolean> {
  return (await withActor(db, PUBLIC_ACTOR, (tx) => publicLotIds(tx, [lot]))).length > 0;
}
