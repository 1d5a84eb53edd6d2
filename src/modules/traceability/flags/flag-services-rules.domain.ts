/**
 * Red flags that need the services module's facts: a Fairmined Ecological claim on gold
 * from an organization that used mercury. Fairmined Ecological gold is extracted and
 * processed without mercury or cyanide (Fairmined Standard for Gold v2.0, Ecological
 * Gold requirements); an organization that recorded mercury use in the year of the sale
 * (services: mercury_use, a technology that amalgamates) cannot supply it.
 */
import { makeFlag, type Flag } from './flag-model.domain.ts';
import type { LedgerContext, LedgerEntry, LedgerState } from '../ledger/ledger.state.ts';

type Entry<T extends LedgerEntry['type']> = Extract<LedgerEntry, { type: T }>;

/** Per organization (RUC), the years in which it recorded processing with mercury. */
export type MercuryUsers = ReadonlyMap<string, ReadonlySet<number>>;

/** The producers behind a lot: the holders and REINFO declarants of its origin sites with gold in it. */
function producersOf(context: LedgerContext, state: LedgerState, lotId: string | null): string[] {
  const lot = lotId === null ? undefined : state.lots.get(lotId);
  if (!lot) return [];
  const out = new Set<string>();
  for (const [code, mg] of lot.origin.sites) {
    if (mg <= 0n) continue;
    const site = context.sites.get(code);
    if (!site) continue;
    if (site.holder) out.add(site.holder);
    for (const i of site.inscriptions) out.add(i.actor);
  }
  return [...out].sort();
}

/**
 * ECOLOGICAL_CLAIM_WITH_MERCURY: a transfer sold as FAIRMINED_ECOLOGICAL whose lot comes
 * (in part) from a site of an organization that used mercury in the year of the sale, or
 * sold by such an organization itself.
 */
export function ecologicalClaimWithMercury(context: LedgerContext, state: LedgerState, mercury: MercuryUsers, entry: Entry<'transfer'>): Flag[] {
  const { claim, from, date, id } = entry.event;
  if (claim !== 'FAIRMINED_ECOLOGICAL') return [];
  const year = Number(date.slice(0, 4));
  const users = [...new Set([from, ...producersOf(context, state, entry.heldLot)])].filter((ruc) => mercury.get(ruc)?.has(year) === true).sort();
  if (users.length === 0) return [];
  const message = `sold as FAIRMINED_ECOLOGICAL, but ${users.join(', ')} recorded processing with mercury in ${year}`;
  return [makeFlag('ECOLOGICAL_CLAIM_WITH_MERCURY', { date, actor: from, lot: entry.heldLot, eventIds: [id], message })];
}
