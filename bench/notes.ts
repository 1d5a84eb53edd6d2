/** The explanations BENCHMARKS.md carries below the figures. */
export const NOTES = `## Reading the figures

The run above shared the machine's two cores with other work (load average at start
as shown); absolute times are inflated, the ratios less so.

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
- **Ledger import (target 0.33 missed by ~40×).** Every event is validated by the domain
  reducer against the state of the lots it touches (loaded per 20,000-event batch), and
  five indexed, RLS-protected tables are written per batch. Growth is linear or better
  (×3 events → ×2 time). Closing the gap: COPY into staging, the reducer in worker threads
  pipelined with the writes, fewer derived tables written per event.
- **Trace (p99 target 20 ms missed).** The origin part alone is a primary-key read of the
  lot's materialised origin vector (p50 ≈ 4 ms, p99 ≈ 18 ms measured at 1M events on an
  idle machine); the contract's \`flags\` field runs the lineage's flag rules, ≈ 15 more
  round trips. Materialising each lot's flags at import time would make the whole trace a
  key read. The trace gets faster as the ledger grows because lots deeper in larger runs
  share cached lineage pages.
- **Yearly balance** of every actor reads per-actor-day totals kept at import time: well
  under the 10 s target and linear in the number of actor-days.
- **Public API.** Public answers are served from an in-process cache, keyed by the head of
  the audit chain: every write appends to the audit log in its transaction, so the head is a
  version of the whole database. The server keeps the head in memory and forgets it when the
  audit log's trigger notifies (LISTEN/NOTIFY, delivered at commit to every server, whichever
  process wrote; a server's own writes reach its cache before they return); the next request
  reads the head once, and hits cost no query. While the listening connection is down (it
  reconnects with backoff and is checked by a heartbeat), every request reads the head again,
  as before. What remains on a hit beyond the bare route is Fastify's plugin hooks (cookies,
  compression negotiation, the cache lookup) and three more headers (ETag, Cache-Control,
  X-Cache). Measured outside a benchmark run, on the demo data with the two cores shared with
  other work, alternating 5 s autocannon runs (20 connections, identity): medians of 0.78–0.84
  of the bare route per endpoint over two series (single runs mostly 0.66–0.89), against medians
  of 0.18–0.29 for the previous per-request check on the same machine and data. Answers sent
  compressed (br, gzip) are still compressed on every hit.
- **Warm start (target 3 s missed).** Opening PGlite with PostGIS is ≈ 2.5 s on an idle
  machine (the profile: untar of the 20 MB PostGIS bundle, WebAssembly compilation and
  dynamic linking of the extension), plus loading the server's modules through tsx. The
  server's modules now load while PGlite compiles; what remains needs a precompiled bundle
  of the sources and a cached, uncompressed extension bundle.
`;
