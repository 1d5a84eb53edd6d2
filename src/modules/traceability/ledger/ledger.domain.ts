/**
 * The gold ledger's reducer: append-only events in, derived lots out. This is
 * the reference semantics of `veta ledger import`; the SQL implementation is
 * property-tested against it.
 */
import { canonicalEventContent, parseLedgerFile, validateEvent, type LedgerError, type LedgerEvent, type RowEvent } from './ledger.schema.ts';
import type { LedgerContext, LedgerState } from './ledger.state.ts';
import { applyExport, applyProcess, applyProduce, applyTransfer, type Draft, type FieldError } from './ledger-apply.domain.ts';
import { applyReverse } from './ledger-reverse.domain.ts';

export interface ApplyResult {
  /** The new state, or the given state itself (unchanged) when the batch is rejected. */
  readonly state: LedgerState;
  readonly inserted: number;
  readonly unchanged: number;
  /** Events not applied: all of them when the batch is rejected, else 0. */
  readonly rejected: number;
  readonly errors: LedgerError[];
}

function apply(context: LedgerContext, draft: Draft, event: LedgerEvent, canonical: string): FieldError[] {
  switch (event.type) {
    case 'produce':
      return applyProduce(context, draft, event, canonical);
    case 'transfer':
      return applyTransfer(context, draft, event, canonical);
    case 'process':
      return applyProcess(context, draft, event, canonical);
    case 'export':
      return applyExport(context, draft, event, canonical);
    case 'reverse':
      return applyReverse(context, draft, event, canonical);
  }
}

function createdLots(event: LedgerEvent): string[] {
  if (event.type === 'produce') return [event.lot];
  if (event.type === 'transfer' && event.newLot !== undefined) return [event.newLot];
  if (event.type === 'process') return [event.output.lot];
  return [];
}

/**
 * Applies a batch of events in order, all or nothing. Rules (each error names
 * its row, event id and field):
 * - every event is validated again (schema and rules across fields), so events
 *   built by a service get the same checks as lines of a file;
 * - an id already in the ledger with the same canonical content is skipped
 *   (`unchanged`), with different content it is an error;
 * - actors and sites must be known to the registry (`context`);
 * - a lot must exist, be open, be held by the seller/processor/exporter, and not
 *   be touched before its last event's date; lot ids are never reused;
 * - a transfer may not overdraw its lot, and a partial one needs `newLot`;
 * - a process needs inputs; its output is `round((inputs + untracked) × recovery)`;
 * - a reversal needs an earlier live event that is still the last event of
 *   every lot it created or changed.
 * Errors do not stop the batch (all are reported), but any error rejects it whole
 * and the given state is returned untouched.
 */
export function applyEvents(context: LedgerContext, existing: LedgerState, events: readonly RowEvent[]): ApplyResult {
  const draft: Draft = { entries: new Map(existing.entries), lots: new Map(existing.lots), rejectedLots: new Map() };
  const errors: LedgerError[] = [];
  let inserted = 0;
  let unchanged = 0;
  for (const { row, event: given } of events) {
    const valid = validateEvent(given, row);
    if (!valid.ok) {
      errors.push(...valid.errors);
      continue;
    }
    const event = valid.event;
    const canonical = canonicalEventContent(event);
    const prior = draft.entries.get(event.id);
    if (prior) {
      if (prior.canonical === canonical) unchanged += 1;
      else errors.push({ row, id: event.id, field: 'id', message: `id ${event.id} is already used by a different event` });
      continue;
    }
    const failures = apply(context, draft, event, canonical);
    if (failures.length === 0) {
      inserted += 1;
      continue;
    }
    errors.push(...failures.map((failure) => ({ row, id: event.id, ...failure })));
    for (const lot of createdLots(event)) if (!draft.lots.has(lot)) draft.rejectedLots.set(lot, row);
  }
  if (errors.length > 0) return { state: existing, inserted: 0, unchanged: 0, rejected: events.length, errors };
  return { state: { entries: draft.entries, lots: draft.lots }, inserted, unchanged, rejected: 0, errors };
}

/** The `--json` result of `veta ledger import` (exit code 1 when `rejected > 0`). */
export interface ImportSummary {
  readonly inserted: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly errors: LedgerError[];
}

/**
 * Parses and applies a JSONL file, all or nothing: a line that does not parse
 * rejects the file too (then every non-blank line counts as rejected).
 */
export function importLedger(context: LedgerContext, existing: LedgerState, text: string): { state: LedgerState; summary: ImportSummary } {
  const parsed = parseLedgerFile(text);
  if (parsed.errors.length > 0) {
    const applied = applyEvents(context, existing, parsed.events);
    const errors = [...parsed.errors, ...applied.errors].sort((a, b) => a.row - b.row);
    return { state: existing, summary: { inserted: 0, unchanged: 0, rejected: parsed.lines, errors } };
  }
  const { state, inserted, unchanged, rejected, errors } = applyEvents(context, existing, parsed.events);
  return { state, summary: { inserted, unchanged, rejected, errors } };
}
