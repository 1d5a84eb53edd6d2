/**
 * Origin of gold: how many milligrams of a lot come from each mining site, and
 * how many from gold of unknown origin. Origins flow through splits unchanged
 * and through merges in proportion to each input's fine gold; untracked gold
 * adds to the unknown part. Vectors are integer mg that always sum exactly to the
 * lot's fine gold: every split or merge re-apportions with {@link apportion}.
 */
import type { Flag } from '../flags/flags.domain.ts';
import type { LedgerState, Lot } from '../ledger/ledger.state.ts';
import { apportion, compareKeys, mgToGrams, ratio, sumMg, type Mg } from '../ledger/quantity.domain.ts';

/** Milligrams per site code plus milligrams of unknown origin (no zero entries). */
export interface Origin {
  readonly sites: ReadonlyMap<string, Mg>;
  readonly unknownMg: Mg;
}

/** Key of the unknown part while apportioning; site codes are never empty. */
const UNKNOWN = '';

export function originTotal(origin: Origin): Mg {
  return sumMg(origin.sites.values()) + origin.unknownMg;
}

/** The origin of freshly produced gold. */
export function producedOrigin(site: string, fineMg: Mg): Origin {
  return { sites: new Map([[site, fineMg]]), unknownMg: 0n };
}

function toWeights(origin: Origin): Map<string, Mg> {
  const weights = new Map<string, Mg>(origin.sites);
  if (origin.unknownMg !== 0n) weights.set(UNKNOWN, origin.unknownMg);
  return weights;
}

function fromWeights(weights: ReadonlyMap<string, Mg>): Origin {
  const sites = new Map<string, Mg>();
  let unknownMg = 0n;
  for (const [key, mg] of weights) {
    if (key === UNKNOWN) unknownMg = mg;
    else if (mg !== 0n) sites.set(key, mg);
  }
  return { sites, unknownMg };
}

/** Splits `partMg` off a lot: the part gets the apportioned origin, the rest keeps the difference. */
export function splitOrigin(origin: Origin, partMg: Mg): { part: Origin; rest: Origin } {
  const part = apportion(partMg, toWeights(origin));
  const rest = new Map<string, Mg>();
  for (const [key, mg] of toWeights(origin)) rest.set(key, mg - (part.get(key) ?? 0n));
  return { part: fromWeights(part), rest: fromWeights(rest) };
}

/** The origin of a merge: inputs plus `untrackedMg` of unknown gold, apportioned over `outputMg`. */
export function mergeOrigins(inputs: readonly Origin[], untrackedMg: Mg, outputMg: Mg): Origin {
  return fromWeights(apportion(outputMg, toWeights(addOrigins([...inputs, { sites: new Map(), unknownMg: untrackedMg }]))));
}

/** Sum of origin vectors (undoing a split adds the part back). */
export function addOrigins(origins: readonly Origin[]): Origin {
  const weights = new Map<string, Mg>();
  for (const origin of origins) {
    for (const [key, mg] of toWeights(origin)) weights.set(key, (weights.get(key) ?? 0n) + mg);
  }
  return fromWeights(weights);
}

/** One site's share of a lot, as in the trace contract. */
interface OriginShare {
  readonly site: string;
  readonly share: number;
  readonly fineGrams: number;
}

/** Shares of an origin vector: sorted by share desc then site; shares + unknownShare = 1. */
export function originShares(origin: Origin): { origins: OriginShare[]; unknownShare: number } {
  const total = originTotal(origin);
  const origins = [...origin.sites]
    .map(([site, mg]) => ({ site, mg }))
    .sort((a, b) => (a.mg === b.mg ? compareKeys(a.site, b.site) : a.mg > b.mg ? -1 : 1))
    .map(({ site, mg }) => ({ site, share: ratio(mg, total), fineGrams: mgToGrams(mg) }));
  return { origins, unknownShare: total === 0n ? 0 : ratio(origin.unknownMg, total) };
}

/**
 * The lots a lot came from, itself included, each with the prefix of its history
 * that leads to the lot (later events of an ancestor concern other gold).
 */
export function lineage(state: LedgerState, lotId: string): Map<string, readonly string[]> {
  const result = new Map<string, readonly string[]>();
  const visit = (id: string, upTo: string | null): void => {
    const lot = state.lots.get(id);
    if (!lot) return;
    const end = upTo === null ? lot.history.length : lot.history.indexOf(upTo) + 1;
    const previous = result.get(id);
    if (previous && previous.length >= end) return;
    result.set(id, lot.history.slice(0, end));
    for (const parent of lot.parents) visit(parent, lot.createdBy);
  };
  visit(lotId, null);
  return result;
}

/** The trace contract of `veta ledger trace LOT --json`. */
interface TraceResult {
  readonly lot: string;
  readonly fineGrams: number;
  readonly origins: OriginShare[];
  readonly unknownShare: number;
  readonly certified: boolean;
  readonly flags: Flag[];
}

/**
 * Origin of a lot back to its mining sites, with the flags raised on its lineage
 * (pass the flags of `computeFlags`). Null for an unknown or void lot. A closed
 * lot is traced as it was when it closed. `certified` = certified Fairmined.
 */
export function trace(state: LedgerState, lotId: string, flags: readonly Flag[] = []): TraceResult | null {
  const lot: Lot | undefined = state.lots.get(lotId);
  if (!lot || lot.status === 'void') return null;
  const events = new Set([...lineage(state, lotId).values()].flat());
  return {
    lot: lot.id,
    fineGrams: mgToGrams(lot.fineMg),
    ...originShares(lot.origin),
    certified: lot.certifications.includes('FAIRMINED'),
    flags: flags.filter((flag) => flag.eventIds.some((id) => events.has(id))),
  };
}
