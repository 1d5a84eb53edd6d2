/** The explanations BENCHMARKS.md carries below the figures. */
export const NOTES = `## Reading the figures

- **REINFO import vs COPY.** The import does far more than COPY: it parses and validates
  every row in Node (RUC check digit, UBIGEO names, dates, enumerations, duplicates),
  stages the file with chunked \`INSERT … SELECT FROM unnest(…)\`, tests every mining
  front against the department polygons (subdivided, GiST-indexed), then writes four
  indexed tables set-based — persons, mining rights (both with trigram indexes for
  search), inscriptions and their status history — under row-level security, in one
  transaction. Profiled on 100k rows (\`VETA_SQL_TRACE=1\`): validation ≈ 1.2 s,
  staging ≈ 1.2 s, geography ≈ 1 s, persons ≈ 1.3 s, rights ≈ 1.3 s, inscriptions +
  history ≈ 4.8 s. The target of 0.33 × COPY is missed; what would close most of it:
  staging with COPY instead of unnest (−1 s), building the trigram indexes' entries
  after the load (a deferred index or a separate search table refreshed after the
  import, −0.8 s), validating in a worker thread while staging (−1 s), and writing the
  inscriptions with COPY into a partition attached after checks. Foreign keys to the
  static UBIGEO tables were already dropped for this reason (six trigger calls per row).
- **Warm start** is dominated by opening PGlite (≈ 2.5 s to reopen a data folder with
  PostGIS on this machine) plus compiling the TypeScript sources through tsx.
`;
