/**
 * Red flags of the gold ledger (`veta ledger flags`): every rule over the live
 * entries, against the registry facts in the context and thresholds as data.
 */
import { isWithin, type IsoDate } from '../../../kernel/peru-date.ts';
import { capacityExceeded, fastResale, negativeBalance, plantCapacityExceeded } from './flag-aggregate-rules.domain.ts';
import { buyerNotRegistered, certifiedClaimUncertified, gradeImplausible, regionMismatch, sellerNotVigente, siteMismatch } from './flag-event-rules.domain.ts';
import { FLAG_THRESHOLDS, type Flag, type FlagThresholds } from './flag-model.domain.ts';
import { ecologicalClaimWithMercury, type MercuryUsers } from './flag-services-rules.domain.ts';
import { protectedAreaOrigin, type FrontAreas } from './flag-territory-rules.domain.ts';
import { liveEntries, type LedgerContext, type LedgerEntry, type LedgerState } from '../ledger/ledger.state.ts';
import { compareKeys } from '../ledger/quantity.domain.ts';

export { FLAG_CODES, FLAG_SEVERITY, FLAG_THRESHOLDS, SEVERITIES, type Flag, type FlagCode, type FlagThresholds, type Severity } from './flag-model.domain.ts';
export { reinfoStatusOn } from './flag-event-rules.domain.ts';

/**
 * The ledger context with the facts of other modules some flags read, loaded with it
 * (ledger-context.queries.ts): territory's areas of each producer's front per site
 * (PROTECTED_AREA_ORIGIN) and services' mercury use per organization and year
 * (ECOLOGICAL_CLAIM_WITH_MERCURY). Absent: none known, those flags are not raised.
 */
export type FlagContext = LedgerContext & { readonly frontAreas?: FrontAreas; readonly mercury?: MercuryUsers };

const NONE = new Map<never, never>();

/** The flags of one live event (every rule that looks at a single event). */
export function singleEventFlags(context: FlagContext, thresholds: FlagThresholds, state: LedgerState, entry: LedgerEntry): Flag[] {
  switch (entry.type) {
    case 'produce':
      return [
        ...gradeImplausible(thresholds, entry),
        ...siteMismatch(context, entry),
        ...regionMismatch(context, entry),
        ...protectedAreaOrigin(context.frontAreas ?? NONE, entry),
      ];
    case 'transfer':
      return [
        ...sellerNotVigente(context, entry),
        ...buyerNotRegistered(context, thresholds, entry),
        ...certifiedClaimUncertified(state, entry),
        ...ecologicalClaimWithMercury(context, state, context.mercury ?? NONE, entry),
      ];
    case 'process':
      return gradeImplausible(thresholds, entry);
    case 'export':
      return sellerNotVigente(context, entry);
    case 'reverse':
      return [];
  }
}

/** Order of flags: date, code, actor, first event id. */
export function compareFlags(a: Flag, b: Flag): number {
  return compareKeys(a.date, b.date) || compareKeys(a.code, b.code) || compareKeys(a.actor, b.actor) || compareKeys(a.eventIds[0] ?? '', b.eventIds[0] ?? '');
}

/**
 * All red flags of the ledger, sorted. Reversed events raise none. Flags of one
 * event are dated on the event; monthly capacity flags on the event that passed
 * the capacity; negative balance on the day the stock went below the tolerance.
 */
export function computeFlags(context: FlagContext, state: LedgerState, thresholds: FlagThresholds = FLAG_THRESHOLDS): Flag[] {
  const flags: Flag[] = [];
  for (const entry of liveEntries(state)) flags.push(...singleEventFlags(context, thresholds, state, entry));
  flags.push(
    ...capacityExceeded(context, thresholds, state),
    ...plantCapacityExceeded(context, state),
    ...negativeBalance(thresholds, state),
    ...fastResale(thresholds, state),
  );
  return flags.sort(compareFlags);
}

/** Flags dated within `[from, to]`, both inclusive. */
export function flagsBetween(flags: readonly Flag[], from: IsoDate, to: IsoDate): Flag[] {
  return flags.filter((flag) => isWithin(flag.date, from, to));
}

/** Flags of one actor within `[from, to]` (for `veta ledger balance`). */
export function flagsOfActor(flags: readonly Flag[], actor: string, from: IsoDate, to: IsoDate): Flag[] {
  return flagsBetween(flags, from, to).filter((flag) => flag.actor === actor);
}
