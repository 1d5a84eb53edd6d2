/**
 * The national speed targets (issue 18), each against the figure the run measured: the
 * table at the top of BENCHMARKS.md. The raw figures of every section are kept in
 * BENCHMARKS.json with the date of the run that measured them, so a section rerun alone
 * (`--only`) updates its rows and the table says which rows come from which run.
 */
import type { StartBench } from './embedded-start.bench.ts';
import type { FormalizationBench } from './formalization.bench.ts';
import type { LedgerBench, LedgerStep } from './ledger.bench.ts';
import type { PgliteBench } from './pglite.bench.ts';
import type { ImportBench } from './reinfo-import.bench.ts';
import { fmt } from './stats.ts';

export interface Measured {
  reinfo?: ImportBench[];
  ledger?: LedgerBench;
  formalization?: FormalizationBench;
  pglite?: PgliteBench;
  start?: StartBench;
}

/** When each section was measured (UTC, `YYYY-MM-DD HH:MM`). */
export type MeasuredAt = Partial<Record<keyof Measured, string>>;

export interface TargetRow {
  figure: string;
  measured: string;
  target: string;
  /** null: not measured. */
  met: boolean | null;
  section: keyof Measured;
}

const events = (n: number): string => (n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : `${+(n / 1e3).toFixed(0)}k`);
const ledgerRatio = (s: LedgerStep): number => s.copy.median / s.importSeconds;

/** Every target of the issue, met or not, or not measured. */
export function targetRows(m: Measured): TargetRow[] {
  const rows: TargetRow[] = [];
  const none = (figure: string, target: string, section: keyof Measured): TargetRow => ({ figure, measured: 'not measured', target, met: null, section });

  const reinfo = m.reinfo?.find((x) => x.rows === 100_000) ?? m.reinfo?.at(-1);
  const reinfoFigure = `REINFO import, ${reinfo ? reinfo.rows.toLocaleString('en-US') : '100,000'} rows, whole process, vs plain COPY of the file`;
  if (reinfo) {
    const r = reinfo.copy.median / reinfo.cli.median;
    rows.push({
      figure: reinfoFigure,
      measured: `${fmt(r, 3)} (${fmt(reinfo.cli.median, 1)} s vs ${fmt(reinfo.copy.median, 2)} s)`,
      target: '≥ 0.15',
      met: r >= 0.15,
      section: 'reinfo',
    });
  } else rows.push(none(reinfoFigure, '≥ 0.15', 'reinfo'));

  const steps = m.ledger?.steps ?? [];
  const first = steps[0];
  const last = steps.at(-1);
  if (first && last) {
    const ratios = [first, ...(last === first ? [] : [last])];
    rows.push({
      figure: `ledger import vs COPY of the same lines, at ${ratios.map((s) => events(s.counted)).join(' and at ')} events`,
      measured: ratios.map((s) => `${fmt(ledgerRatio(s), 3)} (${fmt(s.importSeconds / (s.partEvents / 1e6), 0)} s per 1M)`).join('; '),
      target: '≥ 0.05 at each',
      met: ratios.every((s) => ledgerRatio(s) >= 0.05),
      section: 'ledger',
    });
    rows.push({
      figure: `lot trace p50 / p99 (origin, certification, flags), ${events(last.counted)} events`,
      measured: `${fmt(last.trace.p50, 1)} / ${fmt(last.trace.p99, 1)} ms`,
      target: 'p50 < 5 ms, p99 < 20 ms',
      met: last.trace.p50 < 5 && last.trace.p99 < 20,
      section: 'ledger',
    });
    const growth = last.balance.median / first.balance.median;
    rows.push({
      figure: `yearly balance of every actor, ${events(last.counted)} events (growth from ${events(first.counted)})`,
      measured: `${fmt(last.balance.median, 2)} s (×${fmt(growth, 2)})`,
      target: '< 3 s, flat (growth ≤ ×1.5)',
      met: last.balance.median < 3 && growth <= 1.5,
      section: 'ledger',
    });
  } else {
    rows.push(none('ledger import vs COPY of the same lines, at 1M and at 10M events', '≥ 0.05 at each', 'ledger'));
    rows.push(none('lot trace p50 / p99 (origin, certification, flags), 10M events', 'p50 < 5 ms, p99 < 20 ms', 'ledger'));
    rows.push(none('yearly balance of every actor, 10M events', '< 3 s, flat (growth ≤ ×1.5)', 'ledger'));
  }

  // a whole-process time under a limit, or not measured
  const underSeconds = (figure: string, limit: number, section: keyof Measured, median: number | undefined): TargetRow =>
    median === undefined
      ? none(figure, `< ${limit} s`, section)
      : { figure, measured: `${fmt(median, 2)} s`, target: `< ${limit} s`, met: median < limit, section };
  rows.push(underSeconds('formalization report, national, whole process', 3, 'formalization', m.formalization?.report.cli.median));
  rows.push(underSeconds('`veta policy measure`, national, whole process', 1.5, 'formalization', m.formalization?.policy.cli.median));
  rows.push(underSeconds('embedded warm start (`npm start` on a folder already set up)', 1.5, 'start', m.start?.warm.median));
  rows.push(underSeconds("every CLI command's floor on the embedded database (`veta migrate`, nothing to do)", 1.2, 'pglite', m.pglite?.pglite.floor.median));
  return rows;
}

export function targetsSection(m: Measured, at: MeasuredAt): string {
  const rows = targetRows(m);
  const met = rows.filter((r) => r.met === true).length;
  const runs = new Set(rows.map((r) => at[r.section]).filter(Boolean));
  return [
    '## Targets (issue 18)',
    '',
    `${met} of ${rows.length} targets met. Each figure as its section below measured it${runs.size > 1 ? '; the sections were not all measured in the same run (column "measured on")' : ', in one run'}.`,
    '',
    '| figure | measured | target | met | measured on |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.figure} | ${r.measured} | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} | ${at[r.section] ?? '—'} |`),
    '',
    ...(rows.some((r) => r.met !== true)
      ? ['Why a target is missed, from its profile, and what it would take: "What the unmet targets would take" below (kept by hand, dated).', '']
      : []),
  ].join('\n');
}
