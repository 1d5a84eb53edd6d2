/**
 * Reversal: a `reverse` event cancels an earlier event when nothing downstream
 * depends on it, i.e. when that event is still the last live event of every
 * lot it created or changed. The cancelled event stays in the ledger, marked
 * `reversedBy`; it no longer counts anywhere (balances, flags, premium). Lots it
 * created become void (their ids stay reserved); lots it changed are restored.
 */
import type { ReverseEvent } from './ledger.schema.ts';
import { affectedLots, type LedgerContext, type LedgerEntry, type Lot } from './ledger.state.ts';
import { checkActor, type Draft, type FieldError } from './ledger-apply.domain.ts';
import { addOrigins } from '../origin/origin.domain.ts';

function untouch(lot: Lot, changes: Partial<Lot> = {}): Lot {
  return { ...lot, ...changes, history: lot.history.slice(0, -1) };
}

function lotOf(draft: Draft, id: string | undefined): Lot {
  const lot = id === undefined ? undefined : draft.lots.get(id);
  if (!lot) throw new Error(`ledger state is inconsistent: lot ${String(id)} is missing`);
  return lot;
}

function dependencyErrors(draft: Draft, target: LedgerEntry): FieldError[] {
  const errors: FieldError[] = [];
  for (const lotId of affectedLots(target)) {
    const last = draft.lots.get(lotId)?.history.at(-1);
    if (last !== target.event.id) {
      errors.push({ field: 'reverses', message: `event ${last} on lot ${lotId} depends on ${target.event.id}` });
    }
  }
  return errors;
}

function undo(draft: Draft, target: LedgerEntry): void {
  const set = (lot: Lot) => draft.lots.set(lot.id, lot);
  switch (target.type) {
    case 'produce':
      set(untouch(lotOf(draft, target.event.lot), { status: 'void' }));
      return;
    case 'transfer': {
      const { lot, newLot, from } = target.event;
      if (lot === undefined) return;
      const source = lotOf(draft, lot);
      if (newLot === undefined) {
        set(untouch(source, { holder: from }));
        return;
      }
      const part = lotOf(draft, newLot);
      set(untouch(part, { status: 'void' }));
      set(
        source.status === 'depleted'
          ? untouch(source, { status: 'open' })
          : untouch(source, {
              fineMg: source.fineMg + part.fineMg,
              origin: addOrigins([source.origin, part.origin]),
              oreKg: source.oreKg === null || part.oreKg === null ? source.oreKg : source.oreKg + part.oreKg,
            }),
      );
      return;
    }
    case 'process':
      for (const input of target.event.inputs) set(untouch(lotOf(draft, input), { status: 'open' }));
      set(untouch(lotOf(draft, target.event.output.lot), { status: 'void' }));
      return;
    case 'export':
      set(untouch(lotOf(draft, target.event.lot), { status: 'open' }));
      return;
    case 'reverse':
      return;
  }
}

export function applyReverse(context: LedgerContext, draft: Draft, event: ReverseEvent, canonical: string): FieldError[] {
  const errors = checkActor(context, event.actor, 'actor');
  const target = draft.entries.get(event.reverses);
  if (!target) return [...errors, { field: 'reverses', message: `unknown event ${event.reverses}` }];
  if (target.type === 'reverse') {
    errors.push({ field: 'reverses', message: `${event.reverses} is a reversal; record the event again instead` });
  } else if (target.reversedBy !== null) {
    errors.push({ field: 'reverses', message: `${event.reverses} was already reversed by ${target.reversedBy}` });
  } else {
    errors.push(...dependencyErrors(draft, target));
  }
  if (event.date < target.event.date) {
    errors.push({ field: 'date', message: `is before the reversed event's date (${target.event.date})` });
  }
  if (errors.length > 0) return errors;
  undo(draft, target);
  draft.entries.set(target.event.id, { ...target, reversedBy: event.id });
  draft.entries.set(event.id, { type: 'reverse', event, seq: draft.entries.size, canonical, reversedBy: null });
  return [];
}
