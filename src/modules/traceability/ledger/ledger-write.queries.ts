/**
 * Set-based writes of what an import derived, one statement per table and batch, on
 * both engines. The tables the import reads back (events, lots and their links) are
 * COPYed into temporary stages (COPY refuses tables with row-level security) and
 * inserted from there; the moves and day totals, which it never reads, travel as one
 * INSERT … SELECT FROM unnest(…) of array literals built here in one pass (pg's own
 * serialisation of array parameters, element by element, costs more than the insert),
 * so that the import can run that statement while it reduces the next batch.
 */
import { copyRows, type Queryable } from '../../../platform/db.ts';

const BATCH = 20_000;

type SqlType = 'text' | 'bigint' | 'date' | 'smallint' | 'json' | 'text[]';
type Cell = string | number | bigint | null | object;

/** A column: its name, its SQL type, and how to read it from a row. */
export interface Column<R> {
  readonly name: string;
  readonly type: SqlType;
  readonly value: (row: R) => Cell | readonly string[];
}

const quote = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&')}"`;

function element(type: SqlType, value: Cell | readonly string[]): string {
  if (value === null) return 'NULL';
  if (type === 'bigint' || type === 'smallint') return String(value);
  if (type === 'text[]') return quote(`{${(value as readonly string[]).join(',')}}`);
  if (type === 'json') return quote(JSON.stringify(value));
  return quote(String(value));
}

/** A PostgreSQL array literal of one column of the rows. */
function arrayLiteral<R>(column: Column<R>, rows: readonly R[]): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = element(column.type, column.value(rows[i]!));
  return `{${parts.join(',')}}`;
}

/** The element type an array parameter is parsed as, and the cast of each element. */
const PARAM: Record<SqlType, [string, string]> = {
  text: ['text', ''],
  bigint: ['bigint', ''],
  date: ['date', ''],
  smallint: ['smallint', ''],
  json: ['text', '::json'],
  'text[]': ['text', '::text[]'],
};

/** INSERT INTO table (columns) SELECT … FROM unnest($first+1, …) [suffix]. */
function insertSql<R>(table: string, columns: readonly Column<R>[], first: number, suffix = ''): string {
  return (
    `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) ` +
    `SELECT ${columns.map((c, i) => `c${i}${PARAM[c.type][1]}`).join(', ')} ` +
    `FROM unnest(${columns.map((c, i) => `$${first + i + 1}::${PARAM[c.type][0]}[]`).join(', ')}) AS t(${columns.map((_c, i) => `c${i}`).join(', ')}) ${suffix}`
  );
}

/** INSERT INTO table (columns) SELECT … FROM unnest(…) [suffix], in batches. */
async function insertRows<R>(
  tx: Queryable,
  table: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
  suffix = '',
  perStatement = BATCH,
): Promise<void> {
  const sql = insertSql(table, columns, 0, suffix);
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    await tx.query(
      sql,
      columns.map((c) => arrayLiteral(c, batch)),
    );
  }
}

/** A ledger event as stored. */
export interface EventRecord {
  id: string;
  seq: number;
  type: string;
  date: string;
  actor: string | null;
  from: string | null;
  to: string | null;
  lot: string | null;
  newLot: string | null;
  heldLot: string | null;
  site: string | null;
  material: string | null;
  fineMg: bigint | null;
  inputMg: bigint | null;
  untrackedMg: bigint | null;
  lossMg: bigint | null;
  oreKg: bigint | null;
  inputOreKg: bigint | null;
  claim: string | null;
  reverses: string | null;
  region: string | null;
  counterRegion: string | null;
  payload: object;
  hash: string;
  importId: number;
}

const EVENT_COLUMNS: Column<EventRecord>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'seq', type: 'bigint', value: (r) => r.seq },
  { name: 'type', type: 'text', value: (r) => r.type },
  { name: 'date', type: 'date', value: (r) => r.date },
  { name: 'actor_ruc', type: 'text', value: (r) => r.actor },
  { name: 'from_ruc', type: 'text', value: (r) => r.from },
  { name: 'to_ruc', type: 'text', value: (r) => r.to },
  { name: 'lot', type: 'text', value: (r) => r.lot },
  { name: 'new_lot', type: 'text', value: (r) => r.newLot },
  { name: 'held_lot', type: 'text', value: (r) => r.heldLot },
  { name: 'site', type: 'text', value: (r) => r.site },
  { name: 'material', type: 'text', value: (r) => r.material },
  { name: 'fine_mg', type: 'bigint', value: (r) => r.fineMg },
  { name: 'input_mg', type: 'bigint', value: (r) => r.inputMg },
  { name: 'untracked_mg', type: 'bigint', value: (r) => r.untrackedMg },
  { name: 'loss_mg', type: 'bigint', value: (r) => r.lossMg },
  { name: 'ore_kg', type: 'bigint', value: (r) => r.oreKg },
  { name: 'input_ore_kg', type: 'bigint', value: (r) => r.inputOreKg },
  { name: 'claim', type: 'text', value: (r) => r.claim },
  { name: 'reverses', type: 'text', value: (r) => r.reverses },
  { name: 'region_code', type: 'text', value: (r) => r.region },
  { name: 'counter_region_code', type: 'text', value: (r) => r.counterRegion },
  { name: 'payload', type: 'json', value: (r) => r.payload },
  { name: 'content_hash', type: 'text', value: (r) => r.hash },
  { name: 'import_id', type: 'bigint', value: (r) => r.importId },
];

interface MoveRecord {
  actor: string;
  date: string;
  seq: number;
  eventId: string;
  producedMg: bigint;
  boughtMg: bigint;
  soldMg: bigint;
  lossMg: bigint;
  region: string | null;
}

const MOVE_COLUMNS: Column<MoveRecord>[] = [
  { name: 'actor_ruc', type: 'text', value: (r) => r.actor },
  { name: 'date', type: 'date', value: (r) => r.date },
  { name: 'seq', type: 'bigint', value: (r) => r.seq },
  { name: 'event_id', type: 'text', value: (r) => r.eventId },
  { name: 'produced_mg', type: 'bigint', value: (r) => r.producedMg },
  { name: 'bought_mg', type: 'bigint', value: (r) => r.boughtMg },
  { name: 'sold_mg', type: 'bigint', value: (r) => r.soldMg },
  { name: 'loss_mg', type: 'bigint', value: (r) => r.lossMg },
  { name: 'region_code', type: 'text', value: (r) => r.region },
];

/** Live gold moved by one actor on one day (deltas: a reversal subtracts). */
export interface ActorDayRecord {
  actor: string;
  date: string;
  producedMg: bigint;
  boughtMg: bigint;
  soldMg: bigint;
  lossMg: bigint;
  liveEvents: number;
  region: string | null;
}

const DAY_COLUMNS: Column<ActorDayRecord>[] = [
  { name: 'actor_ruc', type: 'text', value: (r) => r.actor },
  { name: 'date', type: 'date', value: (r) => r.date },
  { name: 'produced_mg', type: 'bigint', value: (r) => r.producedMg },
  { name: 'bought_mg', type: 'bigint', value: (r) => r.boughtMg },
  { name: 'sold_mg', type: 'bigint', value: (r) => r.soldMg },
  { name: 'loss_mg', type: 'bigint', value: (r) => r.lossMg },
  { name: 'live_events', type: 'bigint', value: (r) => r.liveEvents },
  { name: 'region_code', type: 'text', value: (r) => r.region },
];

interface LotEventRecord {
  lot: string;
  seq: number;
  eventId: string;
}

const LOT_EVENT_COLUMNS: Column<LotEventRecord>[] = [
  { name: 'lot', type: 'text', value: (r) => r.lot },
  { name: 'seq', type: 'bigint', value: (r) => r.seq },
  { name: 'event_id', type: 'text', value: (r) => r.eventId },
];

export interface LotRecord {
  id: string;
  holder: string;
  material: string;
  fineMg: bigint;
  unknownMg: bigint;
  status: string;
  certifications: readonly string[];
  createdBy: string;
  createdOn: string;
  oreKg: bigint | null;
  region: string | null;
}

const LOT_COLUMNS: Column<LotRecord>[] = [
  { name: 'id', type: 'text', value: (r) => r.id },
  { name: 'holder_ruc', type: 'text', value: (r) => r.holder },
  { name: 'material', type: 'text', value: (r) => r.material },
  { name: 'fine_mg', type: 'bigint', value: (r) => r.fineMg },
  { name: 'unknown_mg', type: 'bigint', value: (r) => r.unknownMg },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'certifications', type: 'text[]', value: (r) => r.certifications },
  { name: 'created_by', type: 'text', value: (r) => r.createdBy },
  { name: 'created_on', type: 'date', value: (r) => r.createdOn },
  { name: 'ore_kg', type: 'bigint', value: (r) => r.oreKg },
  { name: 'region_code', type: 'text', value: (r) => r.region },
];

interface LotInputRecord {
  lot: string;
  position: number;
  inputLot: string;
  mg: bigint;
}

const INPUT_COLUMNS: Column<LotInputRecord>[] = [
  { name: 'lot', type: 'text', value: (r) => r.lot },
  { name: 'position', type: 'smallint', value: (r) => r.position },
  { name: 'input_lot', type: 'text', value: (r) => r.inputLot },
  { name: 'mg', type: 'bigint', value: (r) => r.mg },
];

interface OriginRecord {
  lot: string;
  site: string;
  mg: bigint;
  region: string | null;
}

const ORIGIN_COLUMNS: Column<OriginRecord>[] = [
  { name: 'lot', type: 'text', value: (r) => r.lot },
  { name: 'site', type: 'text', value: (r) => r.site },
  { name: 'mg', type: 'bigint', value: (r) => r.mg },
  { name: 'region_code', type: 'text', value: (r) => r.region },
];

/** Everything one batch of an import derived. */
export interface LedgerWrites {
  events: EventRecord[];
  moves: MoveRecord[];
  days: ActorDayRecord[];
  lotEvents: LotEventRecord[];
  lots: LotRecord[];
  inputs: LotInputRecord[];
  /** Lots whose origin vector is (re)written: their old rows are deleted first. */
  originLots: string[];
  origins: OriginRecord[];
}

/** The rows as COPY input (the fallback without COPY: INSERTs, see copyRows). */
async function copyInto<R>(tx: Queryable, table: string, columns: readonly Column<R>[], rows: readonly R[]): Promise<void> {
  if (rows.length === 0) return;
  const values = new Array<(Cell | readonly string[])[]>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    values[i] = columns.map((c) => c.value(row));
  }
  await copyRows(
    tx,
    table,
    columns.map((c) => c.name),
    values,
  );
}

/**
 * One INSERT [suffix] of the rows: COPYed into a temporary stage of the table's columns
 * (dropped at commit, emptied after each use), then inserted from it; without COPY, one
 * INSERT … SELECT FROM unnest(…).
 */
async function stagedInsert<R>(tx: Queryable, table: string, columns: readonly Column<R>[], rows: readonly R[], suffix = ''): Promise<void> {
  if (rows.length === 0) return;
  if (!tx.copyFrom) return insertRows(tx, table, columns, rows, suffix, Infinity);
  const stage = `veta_stage_${table}`;
  const names = columns.map((c) => c.name).join(', ');
  await tx.exec(`CREATE TEMP TABLE IF NOT EXISTS ${stage} ON COMMIT DROP AS SELECT ${names} FROM ${table} WITH NO DATA`);
  await copyInto(tx, stage, columns, rows);
  await tx.query(`INSERT INTO ${table} (${names}) SELECT ${names} FROM ${stage} ${suffix}`);
  await tx.exec(`TRUNCATE ${stage}`);
}

const DAYS_UPSERT = `ON CONFLICT (actor_ruc, date) DO UPDATE SET produced_mg = ledger_actor_days.produced_mg + EXCLUDED.produced_mg,
   bought_mg = ledger_actor_days.bought_mg + EXCLUDED.bought_mg, sold_mg = ledger_actor_days.sold_mg + EXCLUDED.sold_mg,
   loss_mg = ledger_actor_days.loss_mg + EXCLUDED.loss_mg, live_events = ledger_actor_days.live_events + EXCLUDED.live_events`;

/** A statement with its parameters, built now, run later. */
export interface Statement {
  readonly sql: string;
  readonly params: readonly string[];
}

/**
 * The moves and the day totals of a batch as ONE statement (the rollup triggers of
 * ledger_actor_days run once per statement). Nothing the import reads: the import may run
 * it while it reduces the next batch (see ledger.import.ts).
 */
export function totalsStatement(w: Pick<LedgerWrites, 'moves' | 'days'>): Statement | null {
  const moves = w.moves.length > 0 ? insertSql('ledger_moves', MOVE_COLUMNS, 0) : null;
  const days = w.days.length > 0 ? insertSql('ledger_actor_days', DAY_COLUMNS, moves ? MOVE_COLUMNS.length : 0, DAYS_UPSERT) : null;
  const params = [...(moves ? MOVE_COLUMNS.map((c) => arrayLiteral(c, w.moves)) : []), ...(days ? DAY_COLUMNS.map((c) => arrayLiteral(c, w.days)) : [])];
  if (moves && days) return { sql: `WITH moves AS (${moves}) ${days}`, params };
  const sql = moves ?? days;
  return sql === null ? null : { sql, params };
}

/** What the import reads back (events, lots and their links): written before the next batch is read. */
export async function writeLedgerState(tx: Queryable, w: LedgerWrites): Promise<void> {
  await stagedInsert(tx, 'ledger_events', EVENT_COLUMNS, w.events);
  await stagedInsert(tx, 'ledger_lot_events', LOT_EVENT_COLUMNS, w.lotEvents);
  await stagedInsert(
    tx,
    'lots',
    LOT_COLUMNS,
    w.lots,
    `ON CONFLICT (id) DO UPDATE SET holder_ruc = EXCLUDED.holder_ruc, fine_mg = EXCLUDED.fine_mg, unknown_mg = EXCLUDED.unknown_mg,
       status = EXCLUDED.status, ore_kg = EXCLUDED.ore_kg, region_code = EXCLUDED.region_code`,
  );
  await stagedInsert(tx, 'lot_inputs', INPUT_COLUMNS, w.inputs);
  for (let start = 0; start < w.originLots.length; start += BATCH) {
    await tx.query('DELETE FROM lot_origins o USING json_array_elements_text($1::json) k(lot) WHERE o.lot = k.lot', [
      JSON.stringify(w.originLots.slice(start, start + BATCH)),
    ]);
  }
  await stagedInsert(tx, 'lot_origins', ORIGIN_COLUMNS, w.origins);
}
