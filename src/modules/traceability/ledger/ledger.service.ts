/**
 * The ledger readings as an actor sees them: trace, balance, flags, national view.
 * Shared by the CLI and the routes. One truth whatever the role: each answer is
 * computed over the whole ledger (ledger-scope.queries.ts readingAll), then filtered
 * to what row-level security lets the caller see, so a regional official gets the
 * national answer restricted to their sight, never a different one.
 */
import { PUBLIC_ACTOR, withActor, type Actor } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { balanceToJson } from './balance.domain.ts';
import { flagsOfActor, flagsOfPeriod } from '../flags/flags.service.ts';
import type { BalanceJson, FlagsJson, TraceJson } from './ledger-contract.schema.ts';
import type { Passport } from '../traceability-api.schema.ts';
import { mgToGrams } from './quantity.domain.ts';
import { lotPassport, publicLotIds, traceLot } from '../origin/trace.service.ts';
import { actorBalance, actorVisible, allBalances, nationalView } from '../traceability.queries.ts';
import { lotInScope, readingAll, visibleActors, visibleFlags } from './ledger-scope.queries.ts';

export function ledgerTrace(db: Database, actor: Actor, lot: string, asOf: string): Promise<TraceJson | null> {
  return withActor(db, actor, async (tx) => {
    // a lot that is or was held in the caller's region, or came from it (the answer does not tell which)
    if (!(await lotInScope(tx, lot))) return null;
    const trace = await readingAll(tx, () => traceLot(tx, lot, asOf));
    return trace === null ? null : { ...trace, flags: await visibleFlags(tx, trace.flags) };
  });
}

/**
 * The mass balance of one actor. An actor the caller sees no move of (outside their
 * region, not their own RUC, or unknown: the answer does not tell which) is not found,
 * rather than a balance of zeros.
 */
export function ledgerBalance(db: Database, actor: Actor, ruc: string, from: string, to: string): Promise<BalanceJson> {
  return withActor(db, actor, async (tx) => {
    if (!(await actorVisible(tx, ruc))) throw NotFoundError.of(`Actor ${ruc} in the ledger`, 'ledger_actor_not_found', { ruc });
    const [balance, flags] = await readingAll(tx, async () => [await actorBalance(tx, ruc, from, to), await flagsOfActor(tx, ruc, from, to)] as const);
    return balanceToJson(balance, await visibleFlags(tx, flags));
  });
}

/** Balances of every actor of the period (no flags: `ledger flags` gives them). */
export function ledgerBalances(db: Database, actor: Actor, from: string, to: string) {
  return withActor(db, actor, async (tx) => {
    const all = await readingAll(tx, () => allBalances(tx, from, to));
    const seen = await visibleActors(
      tx,
      all.map((b) => b.actor),
    );
    return { from, to, balances: all.filter((b) => seen.has(b.actor)).map((b) => balanceToJson(b, [])) };
  });
}

export function ledgerFlags(db: Database, actor: Actor, from: string, to: string): Promise<FlagsJson> {
  return withActor(db, actor, async (tx) => ({ flags: await visibleFlags(tx, await readingAll(tx, () => flagsOfPeriod(tx, from, to))) }));
}

/**
 * Production against exports per year and region of origin, over the whole ledger (an
 * export made in Lima of gold mined in Puno counts for Puno); a regional official gets
 * the rows of their region.
 */
export function ledgerNational(db: Database, actor: Actor, from: string | null, to: string | null) {
  return withActor(db, actor, async (tx) => ({
    rows: (await readingAll(tx, () => nationalView(tx, from, to)))
      .filter((r) => actor.role !== 'regional' || r.region === actor.region)
      .map((r) => ({
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
