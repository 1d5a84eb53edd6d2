/**
 * The shapes of the ledger's derived state and of the registry facts it is
 * checked against. The state is derived from the append-only events by
 * `applyEvents`; nothing here is ever updated in place.
 */
import type { IsoDate } from '../../../kernel/peru-date.ts';
import type { InscriptionStatus, SmallScaleStratum } from '../../../kernel/registry.types.ts';
import type { Certificate } from '../certification/certification.domain.ts';
import type { CertScheme, ExportEvent, Material, ProcessEvent, ProduceEvent, ReverseEvent, TransferEvent } from './ledger.schema.ts';
import type { Origin } from '../origin/origin.domain.ts';
import type { Mg } from './quantity.domain.ts';

/** What an actor does in the chain; it decides which registrations apply. */
export type ActorKind = 'producer' | 'trader' | 'plant' | 'refinery' | 'exporter' | 'jeweler';
/** Law 27651 stratum of a producer ('none' = not small-scale). */
export type Stratum = SmallScaleStratum | 'none';
export type ReinfoStatus = InscriptionStatus;

/** A dated REINFO status: it holds from `since` until the next entry. */
export interface ReinfoStatusChange {
  readonly status: ReinfoStatus;
  readonly since: IsoDate;
}

/** A validity period, both ends inclusive; `to` null = open-ended. */
export interface Validity {
  readonly from: IsoDate;
  readonly to: IsoDate | null;
}

/** An actor known to the registry, by RUC. */
export interface ActorInfo {
  readonly ruc: string;
  readonly kind: ActorKind;
  readonly stratum?: Stratum;
  /** REINFO status of the actor (vigente when any of its inscriptions is), dated. */
  readonly reinfo?: readonly ReinfoStatusChange[];
  /** From this date the producer holds its own authorization and leaves REINFO. */
  readonly formalizedFrom?: IsoDate;
  /** RECPO registrations (gold traders and processors). */
  readonly recpo?: readonly Validity[];
  /** Authorized daily capacity of a processing plant, tonnes of ore per day. */
  readonly plantCapacityTpd?: number;
}

/** A REINFO inscription of an actor on a mining right. */
export interface Inscription {
  readonly actor: string;
  readonly activity?: 'explotacion' | 'beneficio';
  /** Department (INEI code) containing the front's coordinates, from PostGIS. */
  readonly frontDepartment?: string | null;
}

/** A mining right (site) known to the registry, by code. */
export interface SiteInfo {
  readonly code: string;
  readonly holder: string | null;
  /** Department (INEI code) of the right. */
  readonly department: string;
  readonly inscriptions: readonly Inscription[];
}

/** Registry facts the ledger is checked against; the service loads them. */
export interface LedgerContext {
  readonly actors: ReadonlyMap<string, ActorInfo>;
  readonly sites: ReadonlyMap<string, SiteInfo>;
  readonly certificates?: readonly Certificate[];
}

export type LotStatus = 'open' | 'depleted' | 'consumed' | 'exported' | 'void';

/**
 * A lot. While open, `fineMg` and `origin` are its content; once closed
 * (depleted by a split that took everything, consumed by a process, exported)
 * they are its content at closing. A void lot was created by a reversed event;
 * its id stays reserved.
 */
export interface Lot {
  readonly id: string;
  readonly holder: string;
  readonly material: Material;
  readonly fineMg: Mg;
  readonly origin: Origin;
  /** Schemes the lot is certified under (sorted); empty = uncertified. */
  readonly certifications: readonly CertScheme[];
  readonly status: LotStatus;
  /** The lot it was split from, or the inputs it was processed from. */
  readonly parents: readonly string[];
  readonly createdBy: string;
  readonly createdOn: IsoDate;
  /** Ore tonnage in kg for ore lots, null otherwise. */
  readonly oreKg: bigint | null;
  /** Ids of the live events that created or changed the lot, in order. */
  readonly history: readonly string[];
}

interface EntryBase {
  readonly seq: number;
  readonly canonical: string;
  /** Id of the reverse event that cancelled this one, or null. */
  readonly reversedBy: string | null;
}

/** An applied event with the quantities it moved. */
export type LedgerEntry = EntryBase &
  (
    | { readonly type: 'produce'; readonly event: ProduceEvent; readonly fineMg: Mg }
    | {
        readonly type: 'transfer';
        readonly event: TransferEvent;
        readonly fineMg: Mg;
        /** The lot the buyer holds afterwards (newLot for a split), null if untracked. */
        readonly heldLot: string | null;
      }
    | {
        readonly type: 'process';
        readonly event: ProcessEvent;
        readonly inputMg: Mg;
        readonly untrackedMg: Mg;
        readonly fineMg: Mg;
        readonly lossMg: Mg;
        /** Ore tonnage (kg) among the inputs. */
        readonly inputOreKg: bigint;
      }
    | { readonly type: 'export'; readonly event: ExportEvent; readonly fineMg: Mg }
    | { readonly type: 'reverse'; readonly event: ReverseEvent }
  );

/** The ledger: entries by id in application order, and lots by id. */
export interface LedgerState {
  readonly entries: ReadonlyMap<string, LedgerEntry>;
  readonly lots: ReadonlyMap<string, Lot>;
}

export function emptyLedgerState(): LedgerState {
  return { entries: new Map(), lots: new Map() };
}

/** Entries that count: applied, not reversed, not reversals themselves. */
export function* liveEntries(state: LedgerState): Generator<LedgerEntry> {
  for (const entry of state.entries.values()) {
    if (entry.reversedBy === null && entry.type !== 'reverse') yield entry;
  }
}

/** The lots an event created or changed (what its reversal must restore). */
export function affectedLots(entry: LedgerEntry): string[] {
  switch (entry.type) {
    case 'produce':
      return [entry.event.lot];
    case 'transfer':
      return [entry.event.lot, entry.event.newLot].filter((lot): lot is string => lot !== undefined);
    case 'process':
      return [...entry.event.inputs, entry.event.output.lot];
    case 'export':
      return [entry.event.lot];
    case 'reverse':
      return [];
  }
}
