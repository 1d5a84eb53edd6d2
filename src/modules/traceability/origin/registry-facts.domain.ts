/**
 * How registry records become the facts the ledger is checked against
 * ({@link ActorInfo}): an actor's REINFO status over time, its stratum, its kind.
 * Pure: the service loads the rows, these functions decide.
 */
import { deriveStratum, type StratumRule, type Substance } from '../../registry/strata.domain.ts';
import { isWithin, type IsoDate } from '../../../kernel/peru-date.ts';
import type { ActorInfo, ActorKind, ReinfoStatus, ReinfoStatusChange, SiteInfo, Stratum, Validity } from '../ledger/ledger.state.ts';
import { frontAreaKey, type FrontArea, type FrontAreas } from '../flags/flag-territory-rules.domain.ts';
import { compareKeys } from '../ledger/quantity.domain.ts';

/** A dated status of one REINFO inscription (rows of `inscription_status_history`). */
export interface InscriptionStatus {
  readonly inscription: number;
  readonly status: ReinfoStatus;
  readonly since: IsoDate;
}

const RANK: Readonly<Record<ReinfoStatus, number>> = { vigente: 3, suspendido: 2, excluido: 1 };

/**
 * An actor's REINFO status over time: vigente while any of its inscriptions is
 * vigente, else suspendido while any is suspended, else excluido (DS 018-2017-EM:
 * the miner is in REINFO through each inscription). Changes on the same date of one
 * inscription: the last given wins. One entry per date on which the combined status changes.
 */
function reinfoTimeline(statuses: readonly InscriptionStatus[]): ReinfoStatusChange[] {
  const dates = [...new Set(statuses.map((s) => s.since))].sort(compareKeys);
  const current = new Map<number, ReinfoStatus>();
  const timeline: ReinfoStatusChange[] = [];
  for (const date of dates) {
    for (const change of statuses) if (change.since === date) current.set(change.inscription, change.status);
    const combined = [...current.values()].reduce<ReinfoStatus | null>((best, status) => (best === null || RANK[status] > RANK[best] ? status : best), null);
    if (combined !== null && combined !== timeline.at(-1)?.status) timeline.push({ status: combined, since: date });
  }
  return timeline;
}

/** A mining right an actor is inscribed on, as its stratum needs it. */
export interface RightFacts {
  readonly substance: Substance;
  readonly hectares: number | null;
  readonly capacity: number | null;
}

/**
 * The stratum of a producer across its rights (Law 27651): not small-scale if any
 * right is, else PPM if any is, else PMA if any is; undefined when no right has the
 * area and capacity to decide (no capacity flag is then raised).
 */
export function producerStratum(rights: readonly RightFacts[], rules: StratumRule[], date: IsoDate): Stratum | undefined {
  const strata = new Set(rights.map((r) => deriveStratum(rules, { ...r, date }).stratum));
  if (strata.has('NOT_SMALL_SCALE')) return 'none';
  if (strata.has('PPM')) return 'PPM';
  if (strata.has('PMA')) return 'PMA';
  return undefined;
}

/** A RECPO registration of an actor. */
export interface RecpoFacts {
  readonly number: string;
  readonly kind: Exclude<ActorKind, 'producer'>;
  readonly from: IsoDate;
  readonly to: IsoDate | null;
  readonly capacityTpd: number | null;
}

/** Latest registration first (by start of validity, then number). */
function latestFirst(a: RecpoFacts, b: RecpoFacts): number {
  return compareKeys(b.from, a.from) || compareKeys(b.number, a.number);
}

/**
 * The facts of one actor. A RUC with REINFO inscriptions (or a registered mining
 * organization) is a producer, whatever else it is registered as: the checks on
 * producers' sales must apply to it. Otherwise its kind is that of its latest RECPO
 * registration. Every RECPO registration counts as a validity period.
 */
export function actorFacts(input: {
  ruc: string;
  producer: boolean;
  statuses: readonly InscriptionStatus[];
  stratum: Stratum | undefined;
  registrations: readonly RecpoFacts[];
}): ActorInfo {
  const registrations = [...input.registrations].sort(latestFirst);
  const recpo: Validity[] = registrations.map((r) => ({ from: r.from, to: r.to }));
  const plant = registrations.find((r) => r.kind === 'plant' && r.capacityTpd !== null);
  const kind: ActorKind = input.producer ? 'producer' : (registrations[0]?.kind ?? 'trader');
  return {
    ruc: input.ruc,
    kind,
    ...(input.stratum !== undefined ? { stratum: input.stratum } : {}),
    ...(input.producer ? { reinfo: reinfoTimeline(input.statuses) } : {}),
    recpo,
    ...(plant?.capacityTpd != null ? { plantCapacityTpd: plant.capacityTpd } : {}),
  };
}

/** True when the actor holds a RECPO registration valid on the date. */
export function recpoValidOn(actor: ActorInfo, date: IsoDate): boolean {
  return (actor.recpo ?? []).some((validity) => isWithin(date, validity.from, validity.to));
}

/**
 * Territory's areas of each producer's front per site, keyed as the flag PROTECTED_AREA_ORIGIN
 * reads them (`site|actor`). RUCs are trimmed as the registry stores them in fixed width.
 */
export function frontAreasOf(rows: readonly FrontArea[]): FrontAreas {
  const out = new Map<string, FrontArea[]>();
  for (const r of rows) {
    const area: FrontArea = { ...r, actor: r.actor.trim(), site: r.site.trim() };
    const key = frontAreaKey(area.site, area.actor);
    out.set(key, [...(out.get(key) ?? []), area]);
  }
  return out;
}

/** The organizations whose mercury use a flag on these sites and actors may name: the actors, and every site's holder and REINFO declarants. */
export function mercuryCandidates(actors: Iterable<string>, sites: Iterable<SiteInfo>): string[] {
  const out = new Set(actors);
  for (const site of sites) {
    if (site.holder) out.add(site.holder);
    for (const i of site.inscriptions) out.add(i.actor);
  }
  return [...out].sort(compareKeys);
}
