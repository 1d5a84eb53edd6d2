/**
 * Reads parts of the ledger's derived state back into the domain's shapes
 * ({@link LedgerEntry}, {@link Lot}): only the entries and lots a computation
 * needs, never the whole ledger.
 */
import type { Queryable } from '../../../platform/db.ts';
import type { Narrow, Row } from '../../../platform/db/schema.generated.ts';
import { ledgerEventSchema, type CertScheme, type LedgerEvent, type Material } from './ledger.schema.ts';
import type { LedgerEntry, LedgerState, Lot, LotStatus } from './ledger.state.ts';
import type { Mg } from './quantity.domain.ts';

/** A list parameter as one JSON document: pg serialises array parameters element by element, slowly. */
export const list = (values: Iterable<string>): string => JSON.stringify([...new Set(values)]);
/** SQL: the text[] of a JSON list parameter `$n`. */
export const LIST = (n: number): string => `ARRAY(SELECT json_array_elements_text($${n}::json))`;

/** Live = not reversed; SQL for a row `alias` of ledger_events or of a table with `event_id`. */
export const LIVE = (column: string): string => `NOT EXISTS (SELECT 1 FROM ledger_events rv WHERE rv.reverses = ${column})`;

/** What an entry is read from (copied by the trace's functions of migration 0031: keep them equal). */
const ENTRY_COLUMNS = `e.id, e.seq, e.payload, e.fine_mg::text AS fine_mg, e.input_mg::text AS input_mg,
  e.untracked_mg::text AS untracked_mg, e.loss_mg::text AS loss_mg, e.input_ore_kg::text AS input_ore_kg, e.held_lot,
  (SELECT rv.id FROM ledger_events rv WHERE rv.reverses = e.id LIMIT 1) AS reversed_by`;

/** The int8 quantities are read as text (exact, for BigInt). */
type EntryRow = Pick<Row<'ledger_events'>, 'id' | 'seq' | 'payload' | 'held_lot'> & {
  [K in 'fine_mg' | 'input_mg' | 'untracked_mg' | 'loss_mg' | 'input_ore_kg']: string | null;
} & { reversed_by: Row<'ledger_events'>['id'] | null };

const mg = (v: string | null): Mg => BigInt(v ?? '0');

const TYPES = new Set(['produce', 'transfer', 'process', 'export', 'reverse']);

/** A stored payload: written only by the import, after the reducer validated it (so not parsed again). */
function storedEvent(payload: unknown): LedgerEvent {
  const event: unknown = typeof payload === 'string' ? JSON.parse(payload) : payload;
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !TYPES.has(type)) return ledgerEventSchema.parse(event);
  return event as LedgerEvent;
}

function toEntry(r: EntryRow): LedgerEntry {
  const event = storedEvent(r.payload);
  const base = { seq: r.seq, canonical: '', reversedBy: r.reversed_by };
  switch (event.type) {
    case 'produce':
      return { ...base, type: 'produce', event, fineMg: mg(r.fine_mg) };
    case 'transfer':
      return { ...base, type: 'transfer', event, fineMg: mg(r.fine_mg), heldLot: r.held_lot };
    case 'process':
      return {
        ...base,
        type: 'process',
        event,
        fineMg: mg(r.fine_mg),
        inputMg: mg(r.input_mg),
        untrackedMg: mg(r.untracked_mg),
        lossMg: mg(r.loss_mg),
        inputOreKg: mg(r.input_ore_kg),
      };
    case 'export':
      return { ...base, type: 'export', event, fineMg: mg(r.fine_mg) };
    case 'reverse':
      return { ...base, type: 'reverse', event };
  }
}

/** The entries of a JSON array of rows of {@link ENTRY_COLUMNS} (as migration 0031's functions read them), by id in ledger order. */
export function entriesFromJson(value: unknown): Map<string, LedgerEntry> {
  const rows = (typeof value === 'string' ? JSON.parse(value) : value) as EntryRow[];
  return new Map(rows.map((r) => [r.id, toEntry(r)]));
}

/** Entries by id (those that exist), in ledger order. */
export async function loadEntries(tx: Queryable, wanted: Iterable<string>): Promise<Map<string, LedgerEntry>> {
  const ids = [...new Set(wanted)];
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM json_array_elements_text($1::json) k(id) JOIN ledger_events e ON e.id = k.id ORDER BY e.seq`,
    [JSON.stringify(ids)],
  );
  return new Map(rows.map((r) => [r.id, toEntry(r)]));
}

/**
 * Live entries matching a condition on `e` (ledger_events), in ledger order.
 * `where` is trusted SQL written in this module's callers; values go in `params`.
 */
export async function loadEntriesWhere(tx: Queryable, where: string, params: unknown[]): Promise<Map<string, LedgerEntry>> {
  const { rows } = await tx.query<EntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM ledger_events e WHERE e.type <> 'reverse' AND ${LIVE('e.id')} AND (${where}) ORDER BY e.seq`,
    params,
  );
  return new Map(rows.map((r) => [r.id, toEntry(r)]));
}

/** The int8 quantities are read as text (exact, for BigInt); material, status and certifications under a CHECK. */
type LotRow = Narrow<
  Pick<Row<'lots'>, 'id' | 'holder_ruc' | 'material' | 'status' | 'certifications' | 'created_by' | 'created_on'>,
  { material: Material; status: LotStatus; certifications: CertScheme[] }
> & {
  fine_mg: string;
  unknown_mg: string;
  ore_kg: string | null;
  origins: Array<[string, string]> | string;
  parents: string[];
  history: string[];
};

/**
 * Lots by id with their origin vectors, parents and live history. `historyDepth`
 * keeps only the last n events of each history (what an import of a batch with
 * n − 1 reversals can need), null the whole history.
 */
export async function loadLots(tx: Queryable, wanted: Iterable<string>, historyDepth: number | null): Promise<Map<string, Lot>> {
  const ids = [...new Set(wanted)];
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<LotRow>(
    `SELECT l.id, l.holder_ruc, l.material, l.fine_mg::text AS fine_mg, l.unknown_mg::text AS unknown_mg, l.status,
            l.certifications, l.created_by, l.created_on, l.ore_kg::text AS ore_kg,
            (SELECT coalesce(json_agg(json_build_array(o.site, o.mg::text) ORDER BY o.site), '[]'::json)
               FROM lot_origins o WHERE o.lot = l.id) AS origins,
            ARRAY(SELECT i.input_lot FROM lot_inputs i WHERE i.lot = l.id ORDER BY i.position) AS parents,
            ARRAY(SELECT h.event_id FROM (
                    SELECT le.event_id, le.seq FROM ledger_lot_events le
                    WHERE le.lot = l.id AND ${LIVE('le.event_id')}
                    ORDER BY le.seq DESC LIMIT $2) h ORDER BY h.seq) AS history
     FROM json_array_elements_text($1::json) k(id) JOIN lots l ON l.id = k.id`,
    [JSON.stringify(ids), historyDepth],
  );
  return new Map(rows.map((r) => [r.id, toLot(r)]));
}

function toLot(r: LotRow): Lot {
  const origins = typeof r.origins === 'string' ? (JSON.parse(r.origins) as Array<[string, string]>) : r.origins;
  return {
    id: r.id,
    holder: r.holder_ruc,
    material: r.material,
    fineMg: BigInt(r.fine_mg),
    origin: { sites: new Map(origins.map(([site, amount]) => [site, BigInt(amount)])), unknownMg: BigInt(r.unknown_mg) },
    certifications: r.certifications,
    status: r.status,
    parents: r.parents,
    createdBy: r.created_by,
    createdOn: r.created_on,
    oreKg: r.ore_kg === null ? null : BigInt(r.ore_kg),
    history: r.history,
  };
}

/** The ancestors of lots (the lots themselves included), following lot_inputs. */
export async function ancestorLotIds(tx: Queryable, lots: Iterable<string>): Promise<string[]> {
  const { rows } = await tx.query<{ lot: string }>(`SELECT lot FROM veta_lot_ancestors(${LIST(1)})`, [list(lots)]);
  return rows.map((r) => r.lot);
}

/** A partial state: the given entries (ledger order) and lots. */
export function partialState(entries: ReadonlyMap<string, LedgerEntry>, lots: ReadonlyMap<string, Lot>): LedgerState {
  const ordered = [...entries.values()].sort((a, b) => a.seq - b.seq);
  return { entries: new Map(ordered.map((e) => [e.event.id, e])), lots };
}
