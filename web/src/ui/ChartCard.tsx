import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { common } from '../i18n/common.ts';
import { defineMessages, useT } from '../i18n/i18n.tsx';
import { downloadText } from './csv.ts';
import { csvOf, DataTable, type Column } from './DataTable.tsx';
import { SvgChart, type ChartSpec } from './svg-charts.tsx';

export { PALETTE } from './svg-charts.tsx';
export const STATUS_COLORS = { vigente: '#2e7d32', suspendido: '#b26a00', excluido: '#c62828' } as const;
export const BAND_COLORS = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828', nd: '#9e9e9e' } as const;

const own = defineMessages(
  { 'chart.noData': 'No hay datos para este gráfico en el ámbito elegido.' },
  { 'chart.noData': 'There are no data for this chart in the chosen scope.' },
);

/** A chart with nothing to draw: no categories, or every value zero (an axis "0…1" would say nothing). */
export function specIsEmpty(spec: ChartSpec): boolean {
  switch (spec.kind) {
    case 'bar':
    case 'line':
      return (spec.categories?.length ?? 0) === 0 || (spec.series ?? []).every((x) => (x.values ?? []).every((v) => !v));
    case 'funnel':
      return (spec.steps ?? []).every((x) => !x.value);
    case 'donut':
      return (spec.slices ?? []).every((x) => !x.value);
  }
}

const EChart = lazy(() => import('./EChart.tsx').then((m) => ({ default: m.EChart })));

type Chart = { spec: ChartSpec; option?: never; register?: never } | { option: EChartsCoreOption; register?: () => Promise<void>; spec?: never };

type Props<R> = Chart & {
  title: string;
  /** The numbers behind the chart: shown as a table and downloadable as CSV. */
  columns: readonly Column<R>[];
  rows: readonly R[];
  csvName: string;
  height?: number;
  note?: ReactNode;
  /** Nothing to draw (default: no rows, or a spec whose values are all zero): the card says so instead of drawing empty axes. */
  empty?: boolean;
};

/** A chart with its numbers one click away (table and CSV). */
export function ChartCard<R>({ title, columns, rows, csvName, height = 300, note, empty, ...chart }: Props<R>) {
  const t = useT(common);
  const tn = useT(own);
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  if (empty ?? (chart.spec !== undefined ? specIsEmpty(chart.spec) : (rows?.length ?? 0) === 0)) {
    return (
      <section className="card chart-card" aria-label={title}>
        <h3>{title}</h3>
        <p className="state chart-empty">{tn('chart.noData')}</p>
      </section>
    );
  }
  return (
    <section className="card chart-card" aria-label={title}>
      <h3>{title}</h3>
      {note && <div className="note">{note}</div>}
      <div role="img" aria-label={t('chart.imgLabel', { title })}>
        {chart.spec ? (
          <SvgChart spec={chart.spec} height={height} />
        ) : (
          <Suspense fallback={<div className="chart" style={{ height }} />}>
            <EChart option={chart.option} height={height} register={chart.register} />
          </Suspense>
        )}
      </div>
      <div className="chart-tools">
        <button type="button" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((s) => !s)}>
          {showTable ? t('chart.hideTable') : t('chart.showTable')}
        </button>
        <button type="button" className="link-button" onClick={() => downloadText(`${csvName}.csv`, csvOf(columns, rows))}>
          {t('chart.csv')}
        </button>
      </div>
      <div id={tableId} hidden={!showTable}>
        {showTable && <DataTable columns={columns} rows={rows} caption={title} />}
      </div>
    </section>
  );
}
