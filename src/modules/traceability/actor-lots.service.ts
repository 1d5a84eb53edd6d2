/**
 * An actor's lots as an official (or the miner itself) sees them, for its profile:
 * each lot with what the actor did with it, the lot as it is now, and how many of the
 * actor's red flags name its events on the lot.
 */
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { allPages } from '../../platform/http/list-export.ts';
import { listRequest, type SortDir } from '../../platform/http/list.ts';
import { flagsOfActor } from './flags/flags.service.ts';
import { readingAll, visibleFlags } from './ledger/ledger-scope.queries.ts';
import type { Material } from './ledger/ledger.schema.ts';
import { mgToGrams } from './ledger/quantity.domain.ts';
import type { ActorLotsJson } from './traceability-api.schema.ts';
import { actorLots, lotCode, type ActorLotsFilter } from './traceability.queries.ts';

type LotStatus = ActorLotsJson['items'][number]['status'];

export interface ActorLotsPage extends ActorLotsFilter {
  limit: number;
  sort?: string | undefined;
  dir?: SortDir | undefined;
  after?: string | undefined;
  /** Older callers' paging: rows to skip (prefer `after`). */
  offset?: number | undefined;
}

/** A page of an actor's lots (newest activity first unless sorted otherwise), with the total of the filters. */
export function ledgerActorLots(db: Database, actor: Actor, ruc: string, page: ActorLotsPage): Promise<ActorLotsJson> {
  const { limit, sort = 'last', dir = 'desc', after, offset, ...filter } = page;
  const req = listRequest({ limit, sort, dir, after, offset });
  return withActor(db, actor, async (tx) => {
    const { total, items: rows, next } = await actorLots(tx, ruc, filter, req);
    const dates = rows.flatMap((r) => [r.firstDate, r.lastDate]).sort();
    // the flags of the actor over the page's dates, as its balance shows them (computed over the whole ledger)
    const flags = dates.length === 0 ? [] : await visibleFlags(tx, await readingAll(tx, () => flagsOfActor(tx, ruc, dates[0]!, dates.at(-1)!)));
    const items = rows.map((r) => {
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
    });
    return { actor: ruc, total, items, next, lots: items };
  });
}

/** Every filtered lot of the actor, a page at a time (for the export). */
export function ledgerActorLotsAll(db: Database, actor: Actor, ruc: string, page: ActorLotsPage) {
  return allPages((after) => ledgerActorLots(db, actor, ruc, { ...page, limit: 1000, offset: undefined, after: after ?? undefined }));
}

/** The stored code of a lot typed in any case (`cecomip-2505-01` → `CECOMIP-2505-01`), or the code as typed when none matches. */
export async function canonicalLotCode(db: Database, actor: Actor, code: string): Promise<string> {
  return (await withActor(db, actor, (tx) => lotCode(tx, code))) ?? code;
}
