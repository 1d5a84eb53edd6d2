/** The charts of the formalization report of one scope (a region or national). */
import { useMemo } from 'react';
import type { ScopeReport } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { fmtDate, fmtDays, fmtInt, fmtMonth } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { useTerm } from '../ui/bits.tsx';
import { ChartCard, PALETTE } from '../ui/ChartCard.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { m } from './messages.ts';

const MILESTONES = [
  'inscribed',
  'igafom_approved',
  'mining_right_access_approved',
  'surface_land_approved',
  'technical_file_approved',
  'start_authorization_approved',
  'formalized',
] as const;
const POSITIONS = ['not_available', 'awaiting_filing', 'filed', 'under_review', 'observed', 'corrected', 'rejected', 'approved'] as const;
const POSITION_COLORS = ['#bdbdbd', '#8d6e63', '#1f6f8b', '#0d47a1', '#b26a00', '#6a4c93', '#c62828', '#2e7d32'];

export function FunnelCard({ report, csv }: { report: ScopeReport; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const rows = report.funnel.totals;
  const spec = useMemo(() => ({ kind: 'funnel' as const, steps: rows.map((r) => ({ label: term('milestone', r.milestone), value: r.count })) }), [rows, term]);
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'm', label: t('rd.milestone'), value: (r) => term('milestone', r.milestone) },
    { key: 'c', label: t('rd.count'), value: (r) => r.count, format: fmtInt, numeric: true },
  ];
  return (
    <ChartCard title={t('rd.funnel')} note={t('rd.funnelNote')} spec={spec} columns={columns} rows={rows} csvName={`${csv}-embudo`} height={rows.length * 34} />
  );
}

/** Cumulative milestones month by month: a dense series, drawn with ECharts (axis tooltip). */
export function ByMonthCard({ report, csv }: { report: ScopeReport; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const { lang } = useLang();
  const rows = report.funnel.byMonth;
  const option = useMemo(() => {
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const series = MILESTONES.map((ms) => {
      const by = new Map(rows.filter((r) => r.milestone === ms).map((r) => [r.month, r.cumulative]));
      let last = 0;
      return { name: term('milestone', ms), type: 'line', showSymbol: false, data: months.map((mo) => (last = by.get(mo) ?? last)) };
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
      xAxis: { type: 'category', data: months.map((mo) => fmtMonth(mo, lang)) },
      yAxis: { type: 'value' },
      series,
    };
  }, [rows, term, lang]);
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'month', label: t('rd.month'), value: (r) => r.month },
    { key: 'm', label: t('rd.milestone'), value: (r) => term('milestone', r.milestone) },
    { key: 'c', label: t('rd.count'), value: (r) => r.count, format: fmtInt, numeric: true },
    { key: 'cum', label: t('rd.cumulative'), value: (r) => r.cumulative, format: fmtInt, numeric: true },
  ];
  return <ChartCard title={t('rd.byMonth')} option={option} columns={columns} rows={rows} csvName={`${csv}-hitos-por-mes`} height={320} />;
}

export function TimeInStepsCard({ report, csv }: { report: ScopeReport; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const rows = report.timeInSteps;
  const spec = useMemo(
    () => ({
      kind: 'bar' as const,
      orientation: 'horizontal' as const,
      categories: rows.map((r) => `${term('req', r.requirement)} · ${term('step', r.step)}`),
      series: [
        { name: t('rd.median'), values: rows.map((r) => Math.round(r.medianDays)), color: PALETTE[1] },
        { name: t('rd.p90'), values: rows.map((r) => Math.round(r.p90Days)), color: '#b0bec5' },
      ],
      format: fmtInt,
    }),
    [rows, term, t],
  );
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'req', label: t('rd.requirement'), value: (r) => term('req', r.requirement) },
    { key: 'step', label: t('rd.step'), value: (r) => term('step', r.step) },
    { key: 'n', label: t('rd.steps'), value: (r) => r.count, format: fmtInt, numeric: true },
    { key: 'med', label: t('rd.median'), value: (r) => Math.round(r.medianDays * 10) / 10, format: fmtDays, numeric: true },
    { key: 'p90', label: t('rd.p90'), value: (r) => Math.round(r.p90Days * 10) / 10, format: fmtDays, numeric: true },
  ];
  return (
    <ChartCard
      title={t('rd.time')}
      note={t('rd.timeNote')}
      spec={spec}
      columns={columns}
      rows={rows}
      csvName={`${csv}-tiempo-por-paso`}
      height={rows.length * 26 + 30}
    />
  );
}

export function PipelineCard({ report, csv }: { report: ScopeReport; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const rows = report.pipeline;
  const requirements = useMemo(() => [...new Set(rows.map((r) => r.requirement))], [rows]);
  const spec = useMemo(
    () => ({
      kind: 'bar' as const,
      orientation: 'horizontal' as const,
      stacked: true,
      categories: requirements.map((r) => term('req', r)),
      series: POSITIONS.map((p, i) => ({
        name: term('step', p),
        color: POSITION_COLORS[i],
        values: requirements.map((req) => rows.find((r) => r.requirement === req && r.position === p)?.count ?? 0),
      })),
      format: fmtInt,
    }),
    [rows, requirements, term],
  );
  const columns: Column<(typeof rows)[number]>[] = [
    { key: 'req', label: t('rd.requirement'), value: (r) => term('req', r.requirement) },
    { key: 'pos', label: t('rd.position'), value: (r) => term('step', r.position) },
    { key: 'n', label: t('rd.count'), value: (r) => r.count, format: fmtInt, numeric: true },
  ];
  return (
    <ChartCard
      title={t('rd.pipeline')}
      spec={spec}
      columns={columns}
      rows={rows}
      csvName={`${csv}-situacion-requisitos`}
      height={requirements.length * 36 + 30}
    />
  );
}

export function StalledCard({ report, csv }: { report: ScopeReport; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  type Item = ScopeReport['stalled']['items'][number];
  const byStep = report.stalled.byStep;
  const spec = useMemo(
    () => ({
      kind: 'bar' as const,
      orientation: 'horizontal' as const,
      categories: byStep.map((r) => `${term('req', r.requirement)} · ${term('step', r.step)}`),
      series: [{ name: t('rd.count'), values: byStep.map((r) => r.count), color: PALETTE[3] }],
      format: fmtInt,
    }),
    [byStep, term, t],
  );
  const stepColumns: Column<(typeof byStep)[number]>[] = [
    { key: 'req', label: t('rd.requirement'), value: (r) => term('req', r.requirement) },
    { key: 'step', label: t('rd.step'), value: (r) => term('step', r.step) },
    { key: 'n', label: t('rd.count'), value: (r) => r.count, format: fmtInt, numeric: true },
  ];
  const itemColumns: Column<Item>[] = [
    {
      key: 'exp',
      label: t('rd.expediente'),
      value: (r) => r.expedienteId,
      render: (r) => <Link to={`/expedientes/${r.expedienteId}`}>{`#${r.expedienteId}`}</Link>,
    },
    { key: 'req', label: t('rd.requirement'), value: (r) => term('req', r.requirement) },
    { key: 'status', label: t('rd.status'), value: (r) => term('reqStatus', r.status) },
    { key: 'since', label: t('rd.since'), value: (r) => r.since, render: (r) => fmtDate(r.since) },
    { key: 'days', label: t('rd.days'), value: (r) => Math.floor(r.days), format: fmtInt, numeric: true },
    { key: 'rev', label: t('rd.reviewer'), value: (r) => r.reviewer ?? t('rd.unassigned') },
  ];
  return (
    <>
      <div className="grid-wide">
        <ChartCard
          title={t('rd.stalledByStep')}
          spec={spec}
          columns={stepColumns}
          rows={byStep}
          csvName={`${csv}-detenidos-por-paso`}
          height={byStep.length * 24 + 30}
        />
      </div>
      <section className="card grid-wide">
        <h3>{t('rd.stalledItems')}</h3>
        <DataTable
          columns={itemColumns}
          rows={report.stalled.items}
          csvName={`${csv}-detenidos`}
          pageSize={20}
          rowKey={(r) => `${r.expedienteId}-${r.requirement}`}
        />
      </section>
    </>
  );
}

export function BacklogCard({ report, csv }: { report: ScopeReport; csv: string }) {
  const t = useT(m);
  type Row = ScopeReport['backlog'][number];
  const columns: Column<Row>[] = [
    { key: 'rev', label: t('rd.reviewer'), value: (r) => r.reviewer ?? t('rd.unassigned') },
    { key: 'n', label: t('rd.pending'), value: (r) => r.pending, format: fmtInt, numeric: true },
    { key: 'old', label: t('rd.oldest'), value: (r) => r.oldestSince, render: (r) => fmtDate(r.oldestSince) },
  ];
  return (
    <section className="card">
      <h3>{t('rd.backlog')}</h3>
      <DataTable columns={columns} rows={report.backlog} csvName={`${csv}-carga-evaluadores`} />
    </section>
  );
}
