/** "Reading the figures" states the run's numbers against issue 18's targets, not figures of its own. */
import { describe, expect, it } from 'vitest';
import { fig, ledgerStep } from './bench-fixtures.ts';
import { notes, type NoteFigures } from '../bench/notes.ts';

const step = (counted: number, partEvents: number, copy: number, importSeconds: number, p50: number, p99: number, balance: number) =>
  ledgerStep(counted, partEvents, copy, importSeconds, p50, p99, balance, 13.4 * 2 ** 30);

const figures = (firstImport: number): NoteFigures =>
  ({
    ledger: { steps: [step(1_000_000, 1_000_000, 1.5, firstImport, 11.5, 22.6, 0.62), step(10_000_000, 9_000_000, 9, 1800, 30.5, 121.3, 0.73)] },
    start: { first: 5, warm: fig(1.18) },
    pglite: { rows: 1, native: { floor: fig(0.2) }, pglite: { floor: fig(0.6) } },
  }) as unknown as NoteFigures;

describe('bench notes', () => {
  it('says how far each ratio is from its target, from the figures given', () => {
    const md = notes(figures(100));
    expect(md.startsWith('## Reading the figures\n')).toBe(true);
    // 1.5 / 100 = 0.015 → ×3.3 short of 0.05; 9 / 1800 = 0.005 → ×10.0
    expect(md).toContain('missed by ×3.3 at 1M, missed by ×10.0 at 10M');
    expect(md).toContain('11.5 ms / 22.6 ms at 1M, 30.5 ms / 121.3 ms at 10M');
    expect(md).toContain('13.4 GiB');
    expect(md).toContain('Warm start (target < 1.5 s: 1.18 s)');
    expect(md).toContain('(the command floor: 0.60 s vs 0.20 s)');
    // time per event: 1800 / 9M over 100 / 1M = ×2.00
    expect(md).toContain('×2.00 for ×10 events');
  });

  it('says met where a ratio reaches its target', () => {
    expect(notes(figures(20))).toContain('met at 1M, missed by ×10.0 at 10M');
  });
});
