import type { StartBench } from './embedded-start.bench.ts';
import { short, type LedgerBench } from './ledger.bench.ts';
import type { PgliteBench } from './pglite.bench.ts';

export interface NoteFigures {
  ledger: LedgerBench;
  start: StartBench;
  pglite: PgliteBench;
}

const ms = (x: number): string => `${x.toFixed(1)} ms`;
const sec = (x: number): string => `${x.toFixed(2)} s`;
/** "met", or "missed by ×N" for a ratio that should reach `target`. */
const reached = (ratio: number, target: number): string => (ratio >= target ? 'met' : `missed by ×${(target / ratio).toFixed(1)}`);

/**
 * How to read the figures, with this run's numbers: what each measured path does and where
 * its time goes. The profiles and what an unmet target would take are kept by hand, dated,
 * in bench/findings.md ("What the unmet targets would take"); this text states no figure of
 * its own.
 */
export function notes({ ledger, start, pglite }: NoteFigures): string {
  const first = ledger.steps[0]!;
  const last = ledger.steps.at(-1)!;
  const tableGiB = (last.tableBytes / 2 ** 30).toFixed(1);
  const open = pglite.pglite.floor.median - pglite.native.floor.median;
  const ratioOf = (s: typeof first): number => s.copy.median / s.importSeconds;
  const perEvent = (s: typeof first): number => s.importSeconds / s.partEvents;
  const growth = perEvent(last) / perEvent(first);
  const scale = last.counted / first.counted;
  return `## Reading the figures

Absolute times depend on what else the machine's two cores were doing (load average at
start as shown); the ratios against baselines measured in the same run much less so. The
targets are issue 18's (the table at the top); the profiles behind the missed ones are in
"What the unmet targets would take" above.

- **REINFO import vs COPY (target ≥ 0.15).** The import does far more than COPY: a new Node
  process parses and validates every row (RUC check digit, UBIGEO names, dates, enumerations,
  duplicates), stages the file with COPY, tests every mining front against the department
  polygons (subdivided, GiST-indexed), then writes persons, mining rights, inscriptions and
  their status history set-based, under row-level security, in one transaction, with one audit
  entry. The writes are most of it (index upkeep and row-by-row foreign-key checks), and the
  file is validated whole before the first write, so Node and PostgreSQL never overlap.
- **Ledger import (target ≥ 0.05 at each size: ${reached(ratioOf(first), 0.05)} at ${short(first.counted)}, ${reached(ratioOf(last), 0.05)} at ${short(last.counted)}).**
  Every event is validated by the domain reducer against the state of the lots it touches
  (loaded per 20,000-event batch) and the events, moves, lot events, lots, origins and the
  per-actor day, month and year totals are written per batch, in one transaction per file.
  Time per event grew ×${growth.toFixed(2)} for ×${scale.toFixed(0)} events: the ledger's tables (${tableGiB} GiB at
  ${short(last.counted)}) outgrow shared_buffers (1 GiB), and the indexes' pages are read back to be updated.
- **Trace (target p50 < 5 ms, p99 < 20 ms: ${ms(first.trace.p50)} / ${ms(first.trace.p99)} at ${short(first.counted)}, ${ms(last.trace.p50)} / ${ms(last.trace.p99)} at ${short(last.counted)}).**
  The origin itself is a primary-key read of the lot's materialised origin vector (the key
  probe column: ${ms(last.probe.p50)} / ${ms(last.probe.p99)}). The rest is the contract's \`flags\`: the flag rules over the
  lot's lineage read the registry facts of every actor and site in it, the lineage's events,
  downstream claims, the month's production of its producers and plants, and two SQL rules
  (negative balance, fast resale), in about a dozen statements. Each trace reads lineage pages
  no earlier trace read, so at ${short(last.counted)} most of its reads miss the buffers; the per-statement
  table beside the ledger's figures says which statements the slowest traces spent it on. The
  trace's database functions run without JIT compilation (migration 0033): their estimates grow
  with the ledger, and above \`jit_above_cost\` PostgreSQL compiled them at every call.
- **Yearly balance** of every actor (target < 3 s and flat): whole years and months come from
  the per-actor rollups kept at import, the ragged days from the per-actor-day totals, so the
  answer reads about the same rows at every size: ${sec(first.balance.median)} at ${short(first.counted)}, ${sec(last.balance.median)} at ${short(last.counted)}.
- **Formalization report and \`veta policy measure\`** read the formalization read model that
  the expedientes' actions keep current (migration 0027) instead of
  re-deriving every expediente's milestones from its actions; \`policy measure --json\` counts
  without building the drill-down lists.
- **PGlite vs native.** In process the engines are close at small scale; a command on the
  embedded database pays ≈ ${sec(open)} more than on native PostgreSQL to start PostgreSQL + PostGIS
  in WebAssembly (the command floor: ${sec(pglite.pglite.floor.median)} vs ${sec(pglite.native.floor.median)}); the CLI compiles PGlite's WebAssembly
  while it loads its own modules.
- **Public API.** Public answers are served from an in-process cache keyed by the head of the
  audit chain (every write appends to the audit log in its transaction); the audit log's trigger
  notifies every server at commit (LISTEN/NOTIFY), and a hit costs no query. What remains on a hit
  beyond the bare route is Fastify's hooks (cookies, compression negotiation, the cache look-up)
  and three more headers (ETag, Cache-Control, X-Cache); the bare route runs in a process of its
  own, so the ratio also carries the two processes' share of two cores.
- **Warm start (target < 1.5 s: ${sec(start.warm.median)}).** \`veta serve\` runs from the compiled build, opens
  PGlite in a worker thread (the database opens, migrates and loads its reference data on one
  core while the server loads its routes on the other) with a slimmed PostGIS bundle written on
  the first start, and PostgreSQL starts with 32 MB of shared buffers.
`;
}
