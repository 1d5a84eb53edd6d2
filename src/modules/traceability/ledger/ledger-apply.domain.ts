/**
 * How each event changes the ledger, with the rules that reject it. Every
 * handler checks everything first and changes the draft only when it returns
 * no errors.
 */
import { mergedCertifications, producedCertifications } from '../certification/certification.domain.ts';
import type { ExportEvent, ProcessEvent, ProduceEvent, TransferEvent } from './ledger.schema.ts';
import { producedFineMg, producedOreKg } from './ledger.schema.ts';
import type { LedgerContext, LedgerEntry, Lot } from './ledger.state.ts';
import { mergeOrigins, producedOrigin, splitOrigin } from '../origin/origin.domain.ts';
import { apportion, gramsToMg, mgToGrams, recoveredMg, sumMg } from './quantity.domain.ts';

/** A field error of the event being applied. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The mutable copy of the state a batch is applied to. */
export interface Draft {
  readonly entries: Map<string, LedgerEntry>;
  readonly lots: Map<string, Lot>;
  /** Lots that a rejected event of this batch would have created, with its row. */
  readonly rejectedLots: Map<string, number>;
}

export function checkActor(context: LedgerContext, ruc: string, field: string): FieldError[] {
  return context.actors.has(ruc) ? [] : [{ field, message: `unknown actor ${ruc}` }];
}

/** Date of the lot's last live event. */
function lastDateOf(draft: Draft, lot: Lot): string {
  const last = lot.history.at(-1);
  return (last !== undefined ? draft.entries.get(last)?.event.date : undefined) ?? lot.createdOn;
}

/** The open lot `lotId` held by `holder` on or after its last event, or why not. */
function openLotHeldBy(
  draft: Draft,
  lotId: string,
  holder: string,
  date: string,
  field: string,
): { lot: Lot; errors: [] } | { lot: null; errors: FieldError[] } {
  const lot = draft.lots.get(lotId);
  if (!lot) {
    const row = draft.rejectedLots.get(lotId);
    const why = row === undefined ? '' : ` (the event creating it on row ${row} was rejected)`;
    return { lot: null, errors: [{ field, message: `unknown lot ${lotId}${why}` }] };
  }
  const errors: FieldError[] = [];
  if (lot.status === 'void') errors.push({ field, message: `lot ${lotId} was voided by a reversal` });
  else if (lot.status !== 'open') errors.push({ field, message: `lot ${lotId} is ${lot.status} (event ${lot.history.at(-1)})` });
  if (lot.holder !== holder) errors.push({ field, message: `lot ${lotId} is held by ${lot.holder}, not ${holder}` });
  const last = lastDateOf(draft, lot);
  if (errors.length === 0 && date < last) errors.push({ field: 'date', message: `is before the last event on lot ${lotId} (${last})` });
  return errors.length > 0 ? { lot: null, errors } : { lot, errors: [] };
}

function checkNewLot(draft: Draft, lotId: string, field: string): FieldError[] {
  const existing = draft.lots.get(lotId);
  return existing ? [{ field, message: `lot ${lotId} already exists (created by ${existing.createdBy})` }] : [];
}

function nextSeq(draft: Draft): number {
  return draft.entries.size;
}

function touch(lot: Lot, eventId: string, changes: Partial<Lot> = {}): Lot {
  return { ...lot, ...changes, history: [...lot.history, eventId] };
}

export function applyProduce(context: LedgerContext, draft: Draft, event: ProduceEvent, canonical: string): FieldError[] {
  const errors = [
    ...checkActor(context, event.actor, 'actor'),
    ...(context.sites.has(event.site) ? [] : [{ field: 'site', message: `unknown site ${event.site}` }]),
    ...checkNewLot(draft, event.lot, 'lot'),
  ];
  if (errors.length > 0) return errors;
  const fineMg = producedFineMg(event);
  draft.lots.set(event.lot, {
    id: event.lot,
    holder: event.actor,
    material: event.material,
    fineMg,
    origin: producedOrigin(event.site, fineMg),
    certifications: producedCertifications(context.certificates ?? [], event.actor, event.site, event.date),
    status: 'open',
    parents: [],
    createdBy: event.id,
    createdOn: event.date,
    oreKg: producedOreKg(event),
    history: [event.id],
  });
  draft.entries.set(event.id, { type: 'produce', event, fineMg, seq: nextSeq(draft), canonical, reversedBy: null });
  return [];
}

export function applyTransfer(context: LedgerContext, draft: Draft, event: TransferEvent, canonical: string): FieldError[] {
  const errors = [...checkActor(context, event.from, 'from'), ...checkActor(context, event.to, 'to')];
  const base = { type: 'transfer' as const, event, seq: nextSeq(draft), canonical, reversedBy: null };
  if (event.lot === undefined) {
    if (errors.length === 0) draft.entries.set(event.id, { ...base, fineMg: gramsToMg(event.fineGrams ?? 0), heldLot: null });
    return errors;
  }
  const held = openLotHeldBy(draft, event.lot, event.from, event.date, 'lot');
  errors.push(...held.errors);
  if (event.newLot !== undefined) errors.push(...checkNewLot(draft, event.newLot, 'newLot'));
  if (!held.lot) return errors;
  const lot = held.lot;
  const fineMg = event.fineGrams === undefined ? lot.fineMg : gramsToMg(event.fineGrams);
  if (fineMg > lot.fineMg) {
    errors.push({ field: 'fineGrams', message: `overdraws lot ${lot.id}: ${mgToGrams(fineMg)} g > ${mgToGrams(lot.fineMg)} g held` });
  } else if (fineMg < lot.fineMg && event.newLot === undefined) {
    errors.push({ field: 'newLot', message: `is required for a partial transfer (${mgToGrams(fineMg)} g of ${mgToGrams(lot.fineMg)} g)` });
  }
  if (errors.length > 0) return errors;
  if (event.newLot === undefined) {
    draft.lots.set(lot.id, touch(lot, event.id, { holder: event.to }));
    draft.entries.set(event.id, { ...base, fineMg, heldLot: lot.id });
    return [];
  }
  const whole = fineMg === lot.fineMg;
  const { part, rest } = splitOrigin(lot.origin, fineMg);
  // ore tonnage follows the fine gold (constant grade), apportioned like the origin
  const partKg =
    lot.oreKg === null
      ? null
      : (apportion(
          lot.oreKg,
          new Map([
            ['part', fineMg],
            ['rest', lot.fineMg - fineMg],
          ]),
        ).get('part') ?? 0n);
  const restKg = lot.oreKg === null || partKg === null ? null : lot.oreKg - partKg;
  const remainder: Partial<Lot> = whole ? { status: 'depleted' } : { fineMg: lot.fineMg - fineMg, origin: rest, oreKg: restKg };
  draft.lots.set(lot.id, touch(lot, event.id, remainder));
  draft.lots.set(event.newLot, {
    ...lot,
    id: event.newLot,
    holder: event.to,
    fineMg,
    origin: part,
    status: 'open',
    parents: [lot.id],
    createdBy: event.id,
    createdOn: event.date,
    oreKg: partKg,
    history: [event.id],
  });
  draft.entries.set(event.id, { ...base, fineMg, heldLot: event.newLot });
  return [];
}

export function applyProcess(context: LedgerContext, draft: Draft, event: ProcessEvent, canonical: string): FieldError[] {
  const errors = [...checkActor(context, event.actor, 'actor'), ...checkNewLot(draft, event.output.lot, 'output.lot')];
  const inputs: Lot[] = [];
  event.inputs.forEach((lotId, index) => {
    const held = openLotHeldBy(draft, lotId, event.actor, event.date, `inputs.${index}`);
    if (held.lot) inputs.push(held.lot);
    else errors.push(...held.errors);
  });
  if (errors.length > 0) return errors;
  const inputMg = sumMg(inputs.map((lot) => lot.fineMg));
  const untrackedMg = gramsToMg(event.untrackedFineGrams);
  const fineMg = recoveredMg(inputMg + untrackedMg, event.recovery);
  if (fineMg === 0n) return [{ field: 'recovery', message: 'the output rounds to 0 mg' }];
  for (const lot of inputs) draft.lots.set(lot.id, touch(lot, event.id, { status: 'consumed' }));
  const oreInputs = inputs.filter((lot) => lot.oreKg !== null);
  const inputOreKg = sumMg(oreInputs.map((lot) => lot.oreKg ?? 0n));
  draft.lots.set(event.output.lot, {
    id: event.output.lot,
    holder: event.actor,
    material: event.output.material,
    fineMg,
    origin: mergeOrigins(
      inputs.map((lot) => lot.origin),
      untrackedMg,
      fineMg,
    ),
    certifications: mergedCertifications(
      inputs.map((lot) => lot.certifications),
      untrackedMg,
    ),
    status: 'open',
    parents: [...event.inputs],
    createdBy: event.id,
    createdOn: event.date,
    // blended ore stays ore with its tonnage; anything else is weighed material
    oreKg: event.output.material === 'ore' && oreInputs.length === inputs.length && untrackedMg === 0n ? inputOreKg : null,
    history: [event.id],
  });
  draft.entries.set(event.id, {
    type: 'process',
    event,
    inputMg,
    untrackedMg,
    fineMg,
    lossMg: inputMg + untrackedMg - fineMg,
    inputOreKg,
    seq: nextSeq(draft),
    canonical,
    reversedBy: null,
  });
  return [];
}

export function applyExport(context: LedgerContext, draft: Draft, event: ExportEvent, canonical: string): FieldError[] {
  const errors = checkActor(context, event.from, 'from');
  const held = openLotHeldBy(draft, event.lot, event.from, event.date, 'lot');
  errors.push(...held.errors);
  if (!held.lot || errors.length > 0) return errors;
  draft.lots.set(held.lot.id, touch(held.lot, event.id, { status: 'exported' }));
  draft.entries.set(event.id, { type: 'export', event, fineMg: held.lot.fineMg, seq: nextSeq(draft), canonical, reversedBy: null });
  return [];
}
