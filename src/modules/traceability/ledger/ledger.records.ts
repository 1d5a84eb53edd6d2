/**
 * What the reducer derived for one batch, as rows to store: the new events (with
 * the quantities they moved), their moves per actor, their lot links, and the lots
 * they created or changed with inputs and origin vectors. Pure.
 */
import { createHash } from 'node:crypto';
import { actorsOf, movementsOf } from './balance.domain.ts';
import { producedOreKg, type LedgerEvent } from './ledger.schema.ts';
import { affectedLots, type LedgerEntry, type LedgerState, type Lot } from './ledger.state.ts';
import type { ActorDayRecord, EventRecord, LedgerWrites, LotRecord } from './ledger-write.queries.ts';

export interface Regions {
  readonly actorRegion: ReadonlyMap<string, string | null>;
  readonly siteRegion: ReadonlyMap<string, string>;
}

/** Lots an event creates (a rejected one reserves nothing). */
export function createdLots(event: LedgerEvent): string[] {
  if (event.type === 'produce') return [event.lot];
  if (event.type === 'transfer' && event.newLot !== undefined) return [event.newLot];
  if (event.type === 'process') return [event.output.lot];
  return [];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The regions of an event: the site's or seller's department, and the buyer's. */
function eventRegions(entry: LedgerEntry, regions: Regions, entries: ReadonlyMap<string, LedgerEntry>): [string | null, string | null] {
  const of = (ruc: string) => regions.actorRegion.get(ruc) ?? null;
  const e = entry.event;
  switch (e.type) {
    case 'produce':
      return [regions.siteRegion.get(e.site) ?? of(e.actor), null];
    case 'transfer':
      return [of(e.from), of(e.to)];
    case 'process':
      return [of(e.actor), null];
    case 'export':
      return [of(e.from), null];
    case 'reverse': {
      const target = entries.get(e.reverses);
      return target && target.type !== 'reverse' ? eventRegions(target, regions, entries) : [of(e.actor), null];
    }
  }
}

function eventRecord(entry: LedgerEntry, seq: number, importId: number, regions: Regions, entries: ReadonlyMap<string, LedgerEntry>): EventRecord {
  const [region, counterRegion] = eventRegions(entry, regions, entries);
  const record: EventRecord = {
    id: entry.event.id,
    seq,
    type: entry.type,
    date: entry.event.date,
    actor: null,
    from: null,
    to: null,
    lot: null,
    newLot: null,
    heldLot: null,
    site: null,
    material: null,
    fineMg: null,
    inputMg: null,
    untrackedMg: null,
    lossMg: null,
    oreKg: null,
    inputOreKg: null,
    claim: null,
    reverses: null,
    region,
    counterRegion,
    payload: entry.event,
    hash: sha256(entry.canonical),
    importId,
  };
  switch (entry.type) {
    case 'produce':
      return {
        ...record,
        actor: entry.event.actor,
        lot: entry.event.lot,
        site: entry.event.site,
        material: entry.event.material,
        fineMg: entry.fineMg,
        oreKg: producedOreKg(entry.event),
      };
    case 'transfer':
      return {
        ...record,
        from: entry.event.from,
        to: entry.event.to,
        lot: entry.event.lot ?? null,
        newLot: entry.event.newLot ?? null,
        heldLot: entry.heldLot,
        fineMg: entry.fineMg,
        claim: entry.event.claim ?? null,
      };
    case 'process':
      return {
        ...record,
        actor: entry.event.actor,
        newLot: entry.event.output.lot,
        material: entry.event.output.material,
        fineMg: entry.fineMg,
        inputMg: entry.inputMg,
        untrackedMg: entry.untrackedMg,
        lossMg: entry.lossMg,
        inputOreKg: entry.inputOreKg,
      };
    case 'export':
      return { ...record, from: entry.event.from, lot: entry.event.lot, fineMg: entry.fineMg };
    case 'reverse':
      return { ...record, actor: entry.event.actor, reverses: entry.event.reverses };
  }
}

function lotRecord(lot: Lot, regions: Regions): LotRecord {
  return {
    id: lot.id,
    holder: lot.holder,
    material: lot.material,
    fineMg: lot.fineMg,
    unknownMg: lot.origin.unknownMg,
    status: lot.status,
    certifications: lot.certifications,
    createdBy: lot.createdBy,
    createdOn: lot.createdOn,
    oreKg: lot.oreKg,
    region: regions.actorRegion.get(lot.holder) ?? null,
  };
}

/**
 * The rows to write for `result`, the state after applying a batch to `loaded`:
 * entries not in `loaded` are new (numbered from `firstSeq` in ledger order), lots
 * whose object changed were created or changed by the batch.
 */
export function ledgerWrites(loaded: LedgerState, result: LedgerState, firstSeq: number, importId: number, regions: Regions): LedgerWrites {
  const writes: LedgerWrites = { events: [], moves: [], days: [], lotEvents: [], lots: [], inputs: [], originLots: [], origins: [] };
  const days = new Map<string, ActorDayRecord>();
  const day = (entry: LedgerEntry, sign: 1n | -1n): void => {
    for (const actor of actorsOf(entry)) {
      const key = `${actor}|${entry.event.date}`;
      const m = movementsOf(entry, actor);
      const d = days.get(key) ?? {
        actor,
        date: entry.event.date,
        producedMg: 0n,
        boughtMg: 0n,
        soldMg: 0n,
        lossMg: 0n,
        liveEvents: 0,
        region: regions.actorRegion.get(actor) ?? null,
      };
      days.set(key, {
        ...d,
        producedMg: d.producedMg + sign * m.producedMg,
        boughtMg: d.boughtMg + sign * m.boughtMg,
        soldMg: d.soldMg + sign * m.soldMg,
        lossMg: d.lossMg + sign * m.lossMg,
        liveEvents: d.liveEvents + Number(sign),
      });
    }
  };
  let seq = firstSeq;
  for (const [id, entry] of result.entries) {
    if (loaded.entries.has(id)) continue;
    writes.events.push(eventRecord(entry, seq, importId, regions, result.entries));
    if (entry.type !== 'reverse') {
      for (const actor of actorsOf(entry)) {
        writes.moves.push({ actor, date: entry.event.date, seq, eventId: id, ...movementsOf(entry, actor), region: regions.actorRegion.get(actor) ?? null });
      }
      day(entry, 1n);
      for (const lot of new Set(affectedLots(entry))) writes.lotEvents.push({ lot, seq, eventId: id });
    } else {
      const target = result.entries.get(entry.event.reverses);
      if (target && target.type !== 'reverse') day(target, -1n);
    }
    seq += 1;
  }
  writes.days = [...days.values()];
  for (const [id, lot] of result.lots) {
    const before = loaded.lots.get(id);
    if (before === lot) continue;
    writes.lots.push(lotRecord(lot, regions));
    if (!before) {
      const creator = result.entries.get(lot.createdBy);
      lot.parents.forEach((parent, position) => {
        const mg = creator?.type === 'transfer' ? creator.fineMg : (result.lots.get(parent)?.fineMg ?? 0n);
        writes.inputs.push({ lot: id, position, inputLot: parent, mg });
      });
    }
    if (before && before.origin === lot.origin) continue;
    if (before) writes.originLots.push(id);
    for (const [site, mg] of lot.origin.sites) writes.origins.push({ lot: id, site, mg, region: regions.siteRegion.get(site) ?? null });
  }
  return writes;
}
