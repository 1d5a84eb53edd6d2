/**
 * An actor's lots as an official (or the miner itself) sees them, for its profile:
 * each lot with what the actor did with it, the lot as it is now, and how many of the
 * actor's red flags name its events on the lot.
 */
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { flagsOfActor } from './flags/flags.service.ts';
import { readingAll, visibleFlags } from './ledger/ledger-scope.queries.ts';
import type { Material } from './ledger/ledger.schema.ts';
import { mgToGrams } from './ledger/quantity.domain.ts';
import type { ActorLotsJson } from './traceability-api.schema.ts';
import { actorLots } from './traceability.queries.ts';

type LotStatus = ActorLotsJson['lots'][number]['status'];

export function ledgerActorLots(db: Database, actor: Actor, ruc: string, page: { limit: number; offset: number }): Promise<ActorLotsJson> {
  return withActor(db, actor, async (tx) => {
    const { total, rows } = await actorLots(tx, ruc, page.limit, page.offset);
    const dates = rows.flatMap((r) => [r.firstDate, r.lastDate]).sort();
    // the flags of the actor over the page's dates, as its balance shows them (computed over the whole ledger)
    const flags = dates.length === 0 ? [] : await visibleFlags(tx, await readingAll(tx, () => flagsOfActor(tx, ruc, dates[0]!, dates.at(-1)!)));
    return {
      actor: ruc,
      total,
      lots: rows.map((r) => {
        const events = new Set(r.eventIds);
        return {
          lot: r.lot,
          roles: r.roles,
          firstDate: r.firstDate,
          lastDate: r.lastDate,
          material: r.material as Material | null,
          fineGrams: r.fineMg === null ? null : mgToGrams(r.fineMg),
          status: r.status === null || r.status === 'void' ? null : (r.status as LotStatus),
          holder: r.holderRuc === null ? null : { ruc: r.holderRuc, name: r.holderName },
          flags: flags.filter((f) => f.lot === r.lot || f.eventIds.some((id) => events.has(id))).length,
        };
      }),
    };
  });
}
