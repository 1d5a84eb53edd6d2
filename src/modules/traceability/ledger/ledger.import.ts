/**
 * `veta ledger import FILE.jsonl`, a declaration on the shared import pipeline: the pure
 * reducer (`applyEvents`) run against the current state of only the lots, events, actors
 * and sites each batch of the file touches, loaded from SQL; what it derives is written
 * set-based in the same transaction, so later batches see it (the moves and day totals,
 * which no batch reads, are written while the next batch is reduced; the last ones by
 * `finish`). Registry facts read for one batch are kept for the next. All or nothing: any error
 * rolls the whole file back, and every error is reported with its line, event id and
 * field. Memory is O(batch) plus the registry facts named so far, work O(file): the
 * database is never read whole.
 */
import type { Actor } from '../../../platform/context.ts';
import type { Database, Queryable } from '../../../platform/db.ts';
import {
  defineImport,
  ImportRejectedError,
  jsonlRecords,
  runImportDetailed,
  runImportIn,
  type ImportOptions,
  type ImportResult,
  type ImportSource,
  type RowError,
} from '../../../platform/imports/index.ts';
import { yieldToEventLoop } from '../../../platform/imports/pipeline.ts';
import { LEDGER_TABLES } from '../../../platform/statistics.ts';
import { applyEvents, type ImportSummary } from './ledger.domain.ts';
import { canonicalEventContent, validateEvent, type LedgerError, type LedgerEvent, type RowEvent } from './ledger.schema.ts';
import { affectedLots, type ActorInfo, type LedgerContext, type LedgerState, type SiteInfo } from './ledger.state.ts';
import type { Certificate } from '../certification/certification.domain.ts';
import { loadContext } from './ledger-context.queries.ts';
import { LIST, list, loadEntries, loadLots, partialState } from './ledger-state.queries.ts';
import { totalsStatement, writeLedgerState, type LedgerWrites, type Statement } from './ledger-write.queries.ts';
import { createdLots, ledgerWrites, sha256 } from './ledger.records.ts';

export interface LedgerImportOptions {
  fileName: string;
  /** sha256 of the file, read once the lines are consumed. */
  sha256: () => string;
  /** Date the import is recorded at (Peru). */
  asOf: string;
  /** Events per batch (default 20 000). */
  batchSize?: number;
  onProgress?: (lines: number) => void;
  jobId?: number;
}

export interface LedgerImportResult extends ImportSummary {
  importId: number | null;
}

/** The file was rejected: nothing was written. */
export class LedgerImportRejectedError extends Error {
  constructor(readonly summary: ImportSummary) {
    super(`${summary.rejected} line(s) rejected; nothing was imported`);
    this.name = 'LedgerImportRejectedError';
  }
}

/** Only national officials and administrators import: they must see every region's lots. */
export class LedgerAccessError extends Error {}

const WRITERS = ['national', 'admin'] as const;

interface Run {
  seq: number;
  errors: LedgerError[];
  /** Lots whose creating event was rejected, with its row (for the messages of later batches). */
  rejectedLots: Map<string, number>;
  importId: () => Promise<number>;
  /** Registry facts already read by earlier batches (the import does not change them). */
  facts: FactCache;
  /** The previous batch's moves and day totals, not yet written (nothing the import reads). */
  totals: Statement | null;
}

interface FactCache {
  /** RUCs and site codes asked for, found or not. */
  readonly askedRucs: Set<string>;
  readonly askedSites: Set<string>;
  readonly actors: Map<string, ActorInfo>;
  readonly sites: Map<string, SiteInfo>;
  readonly actorRegion: Map<string, string | null>;
  readonly siteRegion: Map<string, string>;
  /** Certificates by producer asked for (none: an empty list). */
  readonly certificates: Map<string, Certificate[]>;
}

const emptyFacts = (): FactCache => ({
  askedRucs: new Set(),
  askedSites: new Set(),
  actors: new Map(),
  sites: new Map(),
  actorRegion: new Map(),
  siteRegion: new Map(),
  certificates: new Map(),
});

const toRowError = (e: LedgerError): RowError => ({ row: e.row, column: e.field, value: e.id, message: e.message, code: `ledger.${e.field || 'line'}` });
const toLedgerError = (e: RowError): LedgerError => ({ row: e.row, id: e.value, field: e.column, message: e.message });

/** The ledger's JSON: {inserted, unchanged, rejected, errors:[{row, id, field, message}]}; a rejected file counts every line. */
function ledgerSummary(result: ImportResult, records: number): ImportSummary {
  if (result.errors.length > 0) return { inserted: 0, unchanged: 0, rejected: records, errors: result.errors.map(toLedgerError) };
  return { inserted: result.inserted, unchanged: result.unchanged, rejected: 0, errors: [] };
}

export const ledgerImport = defineImport<string, RowEvent, Run>({
  kind: 'ledger',
  title: 'gold ledger events (JSONL, one event per line)',
  formats: ['jsonl'],
  access: WRITERS,
  options: { skipInvalid: false, asOf: false },
  batchSize: 20_000,
  statistics: LEDGER_TABLES,
  async prepare(tx) {
    const { rows } = await tx.query<{ seq: string }>('SELECT coalesce(max(seq), 0)::text AS seq FROM ledger_events');
    return { seq: Number(rows[0]?.seq ?? 0), errors: [], rejectedLots: new Map(), importId: async () => 0, facts: emptyFacts(), totals: null };
  },
  // validated once, by the reducer (validateEvent) in write: here the line is JSON already
  validate: (record) => ({ row: record.row, event: record.json as LedgerEvent }),
  async write(tx, batch, ctx) {
    const run = ctx.prep;
    run.importId = ctx.importId;
    run.errors = [];
    const counts = await applyBatch(tx, batch, run, ctx.asOf);
    return { inserted: counts.inserted, updated: 0, unchanged: counts.unchanged, errors: run.errors.map(toRowError) };
  },
  async finish(tx, ctx) {
    const totals = ctx.prep.totals;
    ctx.prep.totals = null;
    if (totals) await tx.query(totals.sql, [...totals.params]);
  },
  summary: ledgerSummary,
});

function source(lines: AsyncIterable<string> | Iterable<string>): ImportSource {
  return { format: 'jsonl', headers: [], records: () => jsonlRecords(lines) };
}

function pipelineOptions(opts: LedgerImportOptions): ImportOptions {
  return {
    fileName: opts.fileName,
    get sha256() {
      return opts.sha256();
    },
    asOf: opts.asOf,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.jobId ? { jobId: opts.jobId } : {}),
    onProgress: (phase, done) => {
      if (phase === 'validate') opts.onProgress?.(done);
    },
  };
}

const asLedgerResult = (result: ImportResult, records: number): LedgerImportResult => ({ ...ledgerSummary(result, records), importId: result.importId });

/** Imports the lines inside `tx` (already in the caller's transaction, as `actor`); a rejected file throws LedgerImportRejectedError. */
export async function importLedgerLines(
  tx: Queryable,
  actor: Actor,
  lines: AsyncIterable<string> | Iterable<string>,
  opts: LedgerImportOptions,
): Promise<LedgerImportResult> {
  if (!(WRITERS as readonly string[]).includes(actor.role)) throw new LedgerAccessError(`The role ${actor.role} may not import the ledger.`);
  try {
    const { result, records } = await runImportIn(tx, actor, ledgerImport, source(lines), pipelineOptions(opts));
    return asLedgerResult(result, records);
  } catch (err) {
    if (err instanceof ImportRejectedError) throw new LedgerImportRejectedError(ledgerSummary(err.result, err.records ?? err.result.rejected));
    throw err;
  }
}

/** Imports a file as `actor` in one transaction; a rejected file is returned as its summary. */
export async function importLedgerFile(
  db: Database,
  actor: Actor,
  lines: AsyncIterable<string> | Iterable<string>,
  opts: LedgerImportOptions,
): Promise<LedgerImportResult> {
  if (!(WRITERS as readonly string[]).includes(actor.role)) throw new LedgerAccessError(`The role ${actor.role} may not import the ledger.`);
  try {
    const { result, records } = await runImportDetailed(db, actor, ledgerImport, source(lines), pipelineOptions(opts));
    return asLedgerResult(result, records);
  } catch (err) {
    if (err instanceof ImportRejectedError) return { ...ledgerSummary(err.result, err.records ?? err.result.rejected), importId: null };
    throw err;
  }
}

async function applyBatch(tx: Queryable, batch: RowEvent[], run: Run, asOf: string): Promise<{ inserted: number; unchanged: number }> {
  const counts = { inserted: 0, unchanged: 0 };
  const fresh = await withoutKnownIds(tx, batch, run, counts);
  if (fresh.length === 0) return counts;
  // references as the reducer will read them (strings trimmed); malformed events are its to reject
  const refs = fresh.map(({ event }) => references(event));
  const reversals = refs.flatMap((r) => r.reverses);
  const targets = await loadEntries(tx, reversals);
  const lots = new Set(refs.flatMap((r) => r.lots));
  const rucs = new Set(refs.flatMap((r) => r.rucs));
  const sites = new Set(refs.flatMap((r) => r.sites));
  for (const target of targets.values()) {
    const r = references(target.event);
    r.rucs.forEach((ruc) => rucs.add(ruc));
    r.sites.forEach((site) => sites.add(site));
    for (const lot of [...r.lots, ...affectedLots(target)]) lots.add(lot);
  }
  const loadedLots = await loadLots(tx, lots, reversals.length + 1);
  const historyIds = [...loadedLots.values()].flatMap((lot) => lot.history).filter((id) => !targets.has(id));
  const entries = new Map([...targets, ...(await loadEntries(tx, historyIds))]);
  const loaded = partialState(entries, loadedLots);
  const producers = refs.flatMap((r) => r.producer);
  const { context, actorRegion, siteRegion } = await cachedContext(tx, run.facts, rucs, sites, producers, asOf);

  // the previous batch's totals are written while this one is reduced (the reduction reads none of them)
  const totals = run.totals;
  run.totals = null;
  const writing = totals ? tx.query(totals.sql, [...totals.params]).then(() => undefined) : Promise.resolve();
  writing.catch(() => undefined);
  if (totals) await yieldToEventLoop(); // the statement is on its way before the reduction takes the thread
  let derived: Awaited<ReturnType<typeof reduce>>;
  try {
    derived = await reduce(tx, fresh, run, loaded, context, actorRegion, siteRegion, counts, writing);
  } finally {
    await writing.catch(() => undefined);
  }
  await writing;
  if (derived === null) return counts;
  await writeLedgerState(tx, derived);
  run.totals = totalsStatement(derived);
  return counts;
}

/** The reducer on the batch, and what it derived (null: nothing new); `writing` is awaited before any query. */
async function reduce(
  tx: Queryable,
  fresh: RowEvent[],
  run: Run,
  loaded: LedgerState,
  context: LedgerContext,
  actorRegion: ReadonlyMap<string, string | null>,
  siteRegion: ReadonlyMap<string, string>,
  counts: { inserted: number; unchanged: number },
  writing: Promise<void>,
): Promise<LedgerWrites | null> {
  let result = applyEvents(context, loaded, fresh);
  if (result.errors.length > 0) {
    run.errors.push(...result.errors.map((e) => withRejectedLot(e, run.rejectedLots)));
    const failed = new Set(result.errors.map((e) => e.row));
    const conflicts = new Set(result.errors.filter((e) => e.field === 'id' && e.message.endsWith('by a different event')).map((e) => e.row));
    result = applyEvents(
      context,
      loaded,
      fresh.filter((r) => !failed.has(r.row)),
    );
    if (result.errors.length > 0) throw new Error('ledger import: the accepted events of a batch failed on their own');
    for (const { row, event: raw } of fresh) {
      if (!failed.has(row) || conflicts.has(row)) continue;
      const valid = validateEvent(raw, row);
      if (!valid.ok) continue;
      for (const lot of createdLots(valid.event)) if (!result.state.lots.has(lot)) run.rejectedLots.set(lot, row);
    }
  }
  counts.unchanged += result.unchanged;
  if (result.inserted === 0) return null;
  counts.inserted += result.inserted;
  await writing;
  const importId = await run.importId();
  const regions = { actorRegion, siteRegion: new Map(siteRegion) };
  const writes = ledgerWrites(loaded, result.state, run.seq + 1, importId, regions);
  const missing = [...new Set(writes.origins.filter((o) => !regions.siteRegion.has(o.site)).map((o) => o.site))];
  if (missing.length > 0) {
    const { rows } = await tx.query<{ code: string; department_code: string }>(`SELECT code, department_code FROM veta_lookup_rights(${LIST(1)})`, [
      list(missing),
    ]);
    for (const r of rows) regions.siteRegion.set(r.code, r.department_code);
    for (const origin of writes.origins) origin.region ??= regions.siteRegion.get(origin.site) ?? null;
  }
  run.seq += writes.events.length;
  return writes;
}

/** The registry facts of a batch: those earlier batches read, and one look-up for the rest. */
async function cachedContext(tx: Queryable, facts: FactCache, rucs: Set<string>, sites: Set<string>, producers: string[], asOf: string) {
  const newRucs = [...rucs].filter((ruc) => !facts.askedRucs.has(ruc));
  const newSites = [...sites].filter((site) => !facts.askedSites.has(site));
  const newProducers = [...new Set(producers)].filter((ruc) => !facts.certificates.has(ruc));
  if (newRucs.length > 0 || newSites.length > 0 || newProducers.length > 0) {
    const loaded = await loadContext(tx, newRucs, newSites, { full: false, certified: newProducers, asOf });
    newRucs.forEach((ruc) => facts.askedRucs.add(ruc));
    newSites.forEach((site) => facts.askedSites.add(site));
    for (const [ruc, info] of loaded.context.actors) facts.actors.set(ruc, info);
    for (const [code, info] of loaded.context.sites) facts.sites.set(code, info);
    for (const [ruc, region] of loaded.actorRegion) facts.actorRegion.set(ruc, region);
    for (const [code, region] of loaded.siteRegion) facts.siteRegion.set(code, region);
    for (const ruc of newProducers) facts.certificates.set(ruc, []);
    for (const c of loaded.context.certificates ?? []) facts.certificates.get(c.organization)?.push(c);
  }
  const certificates = [...new Set(producers)].flatMap((ruc) => facts.certificates.get(ruc) ?? []);
  const context: LedgerContext = { actors: facts.actors, sites: facts.sites, certificates };
  return { context, actorRegion: facts.actorRegion, siteRegion: facts.siteRegion };
}

/**
 * Idempotency against what is already stored: an id with the same canonical content
 * is unchanged, with different content an error; the rest go to the reducer.
 */
async function withoutKnownIds(tx: Queryable, batch: RowEvent[], run: Run, counts: { unchanged: number }): Promise<RowEvent[]> {
  const ids = batch.map(({ event }) => idOf(event)).filter((id): id is string => id !== null);
  const { rows } = await tx.query<{ id: string; content_hash: string }>(
    'SELECT e.id, e.content_hash FROM json_array_elements_text($1::json) k(id) JOIN ledger_events e ON e.id = k.id',
    [list(ids)],
  );
  if (rows.length === 0) return batch;
  const known = new Map(rows.map((r) => [r.id, r.content_hash]));
  return batch.filter(({ row, event: raw }) => {
    const id = idOf(raw);
    const hash = id === null ? undefined : known.get(id);
    if (hash === undefined) return true;
    const valid = validateEvent(raw, row);
    if (!valid.ok) run.errors.push(...valid.errors);
    else if (hash === sha256(canonicalEventContent(valid.event))) counts.unchanged += 1;
    else run.errors.push({ row, id: valid.event.id, field: 'id', message: `id ${valid.event.id} is already used by a different event` });
    return false;
  });
}

function idOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' ? id.trim() : null;
}

/** The lots, RUCs, sites and reversed events an (unvalidated) event names. */
function references(raw: unknown): { lots: string[]; rucs: string[]; sites: string[]; reverses: string[]; producer: string[] } {
  const e = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const text = (value: unknown): string[] => (typeof value === 'string' ? [value.trim()] : []);
  const output = typeof e['output'] === 'object' && e['output'] !== null ? (e['output'] as Record<string, unknown>) : {};
  const inputs = Array.isArray(e['inputs']) ? (e['inputs'] as unknown[]).flatMap(text) : [];
  return {
    lots: [...text(e['lot']), ...text(e['newLot']), ...inputs, ...text(output['lot'])],
    rucs: [...text(e['actor']), ...text(e['from']), ...text(e['to'])],
    sites: text(e['site']),
    reverses: e['type'] === 'reverse' ? text(e['reverses']) : [],
    producer: e['type'] === 'produce' ? text(e['actor']) : [],
  };
}

/** A lot unknown because a previous batch rejected the event creating it says so, as within a batch. */
function withRejectedLot(error: LedgerError, rejectedLots: ReadonlyMap<string, number>): LedgerError {
  const match = /^unknown lot (\S+)$/.exec(error.message);
  const row = match?.[1] === undefined ? undefined : rejectedLots.get(match[1]);
  return row === undefined ? error : { ...error, message: `${error.message} (the event creating it on row ${row} was rejected)` };
}
