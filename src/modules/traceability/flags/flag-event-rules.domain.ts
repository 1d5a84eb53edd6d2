/**
 * Red flags raised by a single event against the registry facts of its date.
 */
import type { IsoDate } from '../../../kernel/peru-date.ts';
import { supportsClaim } from '../certification/certification.domain.ts';
import { makeFlag, type Flag, type FlagThresholds } from './flag-model.domain.ts';
import { recpoValidOn } from '../origin/registry-facts.domain.ts';
import type { CertScheme } from '../ledger/ledger.schema.ts';
import type { ActorInfo, LedgerContext, LedgerEntry, LedgerState, ReinfoStatus } from '../ledger/ledger.state.ts';

type Entry<T extends LedgerEntry['type']> = Extract<LedgerEntry, { type: T }>;

/** REINFO status of an actor on a date: the latest change on or before it, null if none. */
export function reinfoStatusOn(actor: ActorInfo, date: IsoDate): ReinfoStatus | null {
  let current: { status: ReinfoStatus; since: IsoDate } | null = null;
  for (const change of actor.reinfo ?? []) {
    if (change.since <= date && (current === null || change.since >= current.since)) current = change;
  }
  return current?.status ?? null;
}

/** SELLER_NOT_VIGENTE: a producer selling or exporting while not vigente in REINFO (nor formalized). */
export function sellerNotVigente(context: LedgerContext, entry: Entry<'transfer'> | Entry<'export'>): Flag[] {
  const { from, date, id } = entry.event;
  const seller = context.actors.get(from);
  if (seller?.kind !== 'producer') return [];
  if (seller.formalizedFrom !== undefined && seller.formalizedFrom <= date) return [];
  const status = reinfoStatusOn(seller, date);
  if (status === 'vigente') return [];
  const lot = entry.type === 'transfer' ? entry.heldLot : entry.event.lot;
  const message = `seller ${from} is ${status ?? 'not inscribed'} in REINFO on ${date}`;
  return [makeFlag('SELLER_NOT_VIGENTE', { date, actor: from, lot, eventIds: [id], message })];
}

/** BUYER_NOT_REGISTERED: a buyer that must be in RECPO (by kind, or buying from a producer) and is not on the date. */
export function buyerNotRegistered(context: LedgerContext, thresholds: FlagThresholds, entry: Entry<'transfer'>): Flag[] {
  const { from, to, date, id } = entry.event;
  const buyer = context.actors.get(to);
  if (!buyer) return [];
  const required = thresholds.recpoRequiredKinds.includes(buyer.kind) || context.actors.get(from)?.kind === 'producer';
  if (!required || recpoValidOn(buyer, date)) return [];
  const message = `buyer ${to} (${buyer.kind}) has no valid RECPO registration on ${date}`;
  return [makeFlag('BUYER_NOT_REGISTERED', { date, actor: to, lot: entry.heldLot, eventIds: [id], message })];
}

/** GRADE_IMPLAUSIBLE: a declared grade (ore, g/t) or fineness outside the material's plausible range. */
export function gradeImplausible(thresholds: FlagThresholds, entry: Entry<'produce'> | Entry<'process'>): Flag[] {
  const event = entry.event;
  const [material, value, actor, lot] =
    event.type === 'produce'
      ? [event.material, event.material === 'ore' ? event.gradeGpt : event.fineness, event.actor, event.lot]
      : [event.output.material, event.output.material === 'ore' ? undefined : event.output.fineness, event.actor, event.output.lot];
  const range = thresholds.gradeRange[material];
  if (value === undefined || (value >= range.min && value <= range.max)) return [];
  const what = material === 'ore' ? `grade ${value} g/t` : `fineness ${value}`;
  const message = `${what} of ${material} lot ${lot} is outside the plausible range ${range.min}–${range.max}`;
  return [makeFlag('GRADE_IMPLAUSIBLE', { date: event.date, actor, lot, eventIds: [event.id], message })];
}

/** SITE_MISMATCH: produced at a right the producer neither holds nor is inscribed on for exploitation. */
export function siteMismatch(context: LedgerContext, entry: Entry<'produce'>): Flag[] {
  const { actor, site: code, date, id, lot } = entry.event;
  const site = context.sites.get(code);
  if (!site || site.holder === actor) return [];
  if (site.inscriptions.some((i) => i.actor === actor && (i.activity ?? 'explotacion') === 'explotacion')) return [];
  const message = `${actor} produced at ${code}, which is not among its REINFO inscriptions nor held by it`;
  return [makeFlag('SITE_MISMATCH', { date, actor, lot, eventIds: [id], message })];
}

/** REGION_MISMATCH: the producer's front on the right lies outside the right's department. */
export function regionMismatch(context: LedgerContext, entry: Entry<'produce'>): Flag[] {
  const { actor, site: code, date, id, lot } = entry.event;
  const site = context.sites.get(code);
  const front = site?.inscriptions.find((i) => i.actor === actor && i.frontDepartment != null && i.frontDepartment !== site.department);
  if (!site || !front) return [];
  const message = `${actor}'s front on ${code} is in department ${front.frontDepartment}, the right is in ${site.department}`;
  return [makeFlag('REGION_MISMATCH', { date, actor, lot, eventIds: [id], message })];
}

/** Events in a lot's ancestry that broke a claim: uncertified production, untracked gold mixed in. */
function claimBreakers(state: LedgerState, lotId: string, claim: CertScheme): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    const lot = state.lots.get(id);
    if (!lot || seen.has(id)) return;
    seen.add(id);
    const creator = state.entries.get(lot.createdBy);
    if (creator?.type === 'produce' && !supportsClaim(lot.certifications, claim)) found.push(creator.event.id);
    if (creator?.type === 'process' && creator.untrackedMg > 0n) found.push(creator.event.id);
    lot.parents.forEach(visit);
  };
  visit(lotId);
  return [...new Set(found)];
}

/** CERTIFIED_CLAIM_UNCERTIFIED: sold as certified, but untracked or not certified under the claim. */
export function certifiedClaimUncertified(state: LedgerState, entry: Entry<'transfer'>): Flag[] {
  const { claim, from, date, id } = entry.event;
  if (claim === undefined) return [];
  const lot = entry.heldLot === null ? undefined : state.lots.get(entry.heldLot);
  if (lot && supportsClaim(lot.certifications, claim)) return [];
  const breakers = lot ? claimBreakers(state, lot.id, claim) : [];
  const message = lot
    ? `lot ${lot.id} sold as ${claim} but is not certified under it` + (breakers.length > 0 ? ` (segregation broken by ${breakers.join(', ')})` : '')
    : `untracked gold sold as ${claim}`;
  return [makeFlag('CERTIFIED_CLAIM_UNCERTIFIED', { date, actor: from, lot: lot?.id ?? null, eventIds: [id, ...breakers], message })];
}
