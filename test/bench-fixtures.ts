/** Figures for the bench's page-writing tests: one ledger step as the bench records it. */
import type { Figure } from '../bench/stats.ts';

export const fig = (median: number): Figure => ({ median, min: median, max: median, runs: 3 });

export const ledgerStep = (
  counted: number,
  partEvents: number,
  copy: number,
  importSeconds: number,
  p50: number,
  p99: number,
  balance: number,
  tableBytes = 1,
) => ({
  counted,
  partEvents,
  copy: fig(copy),
  importSeconds,
  importPeakMiB: 500,
  trace: { p50, p99, samples: 300 },
  probe: { p50: 0.4, p99: 3, samples: 300 },
  balance: fig(balance),
  actors: 100_000,
  lots: 1,
  tableBytes,
});
