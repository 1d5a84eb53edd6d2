import { describe, expect, it } from 'vitest';
import { splice } from '../bench/only.ts';
import { fig, ledgerStep } from './bench-fixtures.ts';
import { targetRows, targetsSection, type Measured } from '../bench/targets.ts';

const step = (counted: number, copy: number, importSeconds: number, p50: number, p99: number, balance: number) =>
  ledgerStep(counted, counted, copy, importSeconds, p50, p99, balance);

describe('the targets of issue 18 against a run', () => {
  it('says met, not met or not measured for each, from the sections’ figures', () => {
    const m = {
      reinfo: [{ rows: 100_000, copy: fig(0.3), cli: fig(1.5), peakMiB: fig(400), counted: 100_000, rights: 60_000 }],
      ledger: { scale: 'national', registry: {}, generateSeconds: 1, steps: [step(1e6, 1.2, 20, 2, 10, 1.0), step(1e7, 10, 250, 4, 25, 1.4)] },
      start: { first: 30, warm: fig(1.4) },
    } as unknown as Measured;
    const rows = targetRows(m);
    const by = (prefix: string) => rows.find((r) => r.figure.startsWith(prefix))!;
    expect(rows).toHaveLength(8);
    expect(by('REINFO').met).toBe(true); // 0.3 / 1.5 = 0.2
    expect(by('ledger import').met).toBe(false); // 10 / 250 = 0.04 at 10M
    expect(by('ledger import').figure).toContain('at 1M and at 10M');
    expect(by('lot trace').met).toBe(false); // p99 25 ms
    expect(by('yearly balance').met).toBe(true); // 1.4 s, ×1.4
    expect(by('embedded warm start').met).toBe(true);
    expect(by('formalization report').met).toBeNull();
    expect(by('`veta policy measure`').measured).toBe('not measured');
    const md = targetsSection(m, { reinfo: '2026-12-03 07:00', ledger: '2026-12-03 07:30', start: '2026-12-03 07:00' });
    expect(md).toContain('3 of 8 targets met');
    expect(md).toContain('not all measured in the same run');
    expect(md).toContain('What the unmet targets would take');
  });

  it('says nothing of unmet targets when every target is met', () => {
    const m = {
      reinfo: [{ rows: 100_000, copy: fig(0.3), cli: fig(1.5), peakMiB: fig(400), counted: 100_000, rights: 60_000 }],
      ledger: { scale: 'national', registry: {}, generateSeconds: 1, steps: [step(1e6, 1.2, 20, 2, 10, 1.0), step(1e7, 10, 150, 4, 15, 1.4)] },
      formalization: { report: { cli: fig(2.5) }, policy: { cli: fig(1.2) } },
      pglite: { pglite: { floor: fig(1.1) } },
      start: { first: 30, warm: fig(1.4) },
    } as unknown as Measured;
    const md = targetsSection(m, {});
    expect(md).toContain('8 of 8 targets met');
    expect(md).not.toContain('What the unmet targets would take');
  });

  it('opens the page when first spliced in', () => {
    const md = '# Benchmarks\n\n- Machine: x\n\n## A\n\nold a\n\n## Reading the figures\n\nnotes\n';
    expect(splice(md, ['## Targets (issue 18)\n\nt\n'], '- rerun')).toBe(
      '# Benchmarks\n\n- Machine: x\n- rerun\n\n## Targets (issue 18)\n\nt\n\n## A\n\nold a\n\n## Reading the figures\n\nnotes\n',
    );
  });
});
