/** The explanations BENCHMARKS.md carries below the figures. */
export const NOTES = `## Reading the figures

Absolute times depend on what else the machine's two cores were doing (load average at
start as shown); the ratios against baselines measured in the same run much less so.

- **REINFO import vs COPY (target 0.33 missed).** The import does far more than COPY: it
  parses and validates every row in Node (RUC check digit, UBIGEO names, dates,
  enumerations, duplicates), stages the file with chunked \`INSERT … SELECT FROM unnest(…)\`,
  tests every mining front against the department polygons (subdivided, GiST-indexed),
  then writes four indexed tables set-based — persons, mining rights (both with trigram
  indexes for search), inscriptions and their status history — under row-level security,
  in one transaction, in a new Node process (≈ 1–2 s of start-up). Profiled on 100k rows
  (\`VETA_SQL_TRACE=1\`, idle machine): validation ≈ 1.2 s, staging ≈ 1.2 s, geography ≈ 1 s,
  persons ≈ 1.3 s, rights ≈ 1.3 s, inscriptions + history ≈ 4.8 s. What would close most of
  it: staging with COPY instead of unnest (the platform's \`Queryable\` needs a copy method on
  both engines), building the trigram entries after the load (a search table refreshed
  after the import), validating in a worker thread while staging. Foreign keys to the static
  UBIGEO tables were already dropped for this reason (six trigger calls per row).
- **Ledger import (target 0.33 missed, by ~30×).** Every event is validated by the domain
  reducer against the state of the lots it touches (loaded per 20,000-event batch) and five
  indexed, RLS-protected tables are written per batch, in one transaction per file. Profiled on
  100k events (\`--cpu-prof\`, \`VETA_SQL_TRACE=1\`): about half the time is Node (the reducer,
  building the rows and their array literals, garbage collection), half PostgreSQL's inserts,
  one after the other. Growth to 10M is close to linear (time per event ×1.3 for ×10 events):
  the extra is index pages no longer in memory once the ledger's tables (12 GiB) outgrow
  shared_buffers (1 GiB). What would close most of the gap: pipelining — reducing batch n+1
  while PostgreSQL writes batch n, with the state batch n left in memory instead of re-read —
  COPY instead of \`INSERT … unnest\` for the writes (the platform's \`Queryable\` needs a copy
  method on both engines), and fewer derived tables written per event (moves and lot events
  could be derived from the events after the load). Right after a REINFO import the registry
  look-ups used to be planned on empty-table statistics (2 s per batch instead of 0.15 s):
  imports now ANALYZE what they filled.
- **Trace (p99 target 20 ms missed: 46 ms at 1M, 129 ms at 10M; p50 26 → 41 ms).** The origin
  itself is a primary-key read of the lot's materialised origin vector (the key probe column:
  0.4–0.6 ms p50). The rest is the contract's \`flags\` field: the flag rules over the lot's
  lineage need the registry facts of every actor in it (five look-ups), the lineage's entries,
  downstream claims and two SQL rules (negative balance, fast resale) — about 15 round trips,
  some over the actors' whole period, which is what grows with the ledger. Closing it: one
  security-definer function returning the lineage's context in a single round trip, and the
  flags of each event materialised at import (re-evaluated for the actors a later import
  touches), so that a trace is two key reads.
- **Yearly balance** of every actor reads per-actor-day totals kept at import time: 9.3 s for
  108,000 actors at 10M events, just under the 10 s target; it grows with the actor-days the
  year holds (×6 for ×10 events here), not with events. A per-actor-month rollup would make it
  flat.
- **Formalization report (no target).** Each of its six queries re-derives every expediente's
  milestones from all 808,000 actions through \`formalization_expedientes()\` (1–2.5 s each;
  the time-in-step query also sorts ~470 MB on disk with the default work_mem). Computing the
  rows once per report (a temporary table, or a read model kept by the actions' writes) would
  cut it to about a third. \`policy measure\` recomputes the population of each indicator with a
  correlated sub-query on the status history and builds the whole drill-down list even when
  only counts are printed.
- **PGlite vs native.** In process the engines are within ×1–1.7 at small scale; a PGlite command
  pays ≈ 6 s to open PostgreSQL + PostGIS as WebAssembly before it does anything (native ≈ 1 s,
  mostly Node's start), which dominates every small CLI command on the embedded database.
- **Public API.** Public answers are served from an in-process cache, keyed by the head of
  the audit chain: every write appends to the audit log in its transaction, so the head is a
  version of the whole database. The server keeps the head in memory and forgets it when the
  audit log's trigger notifies (LISTEN/NOTIFY, delivered at commit to every server, whichever
  process wrote; a server's own writes reach its cache before they return); the next request
  reads the head once, and hits cost no query. While the listening connection is down (it
  reconnects with backoff and is checked by a heartbeat), every request reads the head again,
  as before. What remains on a hit beyond the bare route is Fastify's plugin hooks (cookies,
  compression negotiation, the cache lookup) and three more headers (ETag, Cache-Control,
  X-Cache). In this run both endpoints beat the 0.7 target (the
  bare route serves from a separate process, so the two are within noise of each other). Answers sent
  compressed (br, gzip) are still compressed on every hit.
- **Warm start (target 3 s missed: 6.9 s).** Opening PGlite with PostGIS is ≈ 2.5 s on an idle
  machine (the profile: gunzip and untar of the 20 MB PostGIS bundle into a Blob on every start,
  WebAssembly compilation and dynamic linking of the extension), plus the server's modules
  through tsx (they load while PGlite compiles; exceljs and pdfmake are now loaded on first
  use). What remains needs a precompiled bundle of the sources and an uncompressed, cached
  extension bundle (PGlite 0.5.8 always gunzips it).
`;
