// @ts-nocheck
import { useMemo } from 'react';
import type { Evaluation } from '../api/types.ts';
import { domain } from '../i18n/domain.ts';
import { fmtInt } from '../i18n/format.ts';
import { defineMessages, useT } from '../i18n/i18n.tsx';
import { BAND_COLORS, ChartCard } from './ChartCard.tsx';
import type { Column } from './DataTable.tsx';

const m = defineMessages(
  {
    level: 'Nivel',
    objectives: 'Objetivos prioritarios',
    objectiveIndicators: 'Indicadores de objetivos prioritarios',
    serviceIndicators: 'Indicadores de servicios',
  },
  {
    level: 'Level',
    objectives: 'Priority objectives',
    objectiveIndicators: 'Priority objective indicators',
    serviceIndicators: 'Service indicators',
  },
);

const LEVELS = ['objectives', 'objectiveIndicators', 'serviceIndicators'] as const;
const BANDS = ['green', 'yellow', 'red', 'nd'] as const;
type Row = { level: string } & Record<(typeof BANDS)[number], number>;

/** The traffic light of the Avance Tipo 1: elements per band at each level. */
export function BandsChart({ evaluation, title, csvName }: { evaluation: Evaluation; title: string; csvName: string }) {
  const t = useT(m);
  const td = useT(domain);
  const rows: Row[] = useMemo(() => LEVELS.map((l) => ({ level: t(l), ...evaluation.bands[l] })), [evaluation, t]);
  const columns: Column<Row>[] = [
    { key: 'level', label: t('level'), value: (r) => r.level },
    ...BANDS.map((b) => ({ key: b, label: td(`band.${b}`), value: (r: Row) => r[b], format: fmtInt, numeric: true })),
  ];
  const spec = useMemo(
    () => ({
      kind: 'bar' as const,
      orientation: 'horizontal' as const,
      stacked: true,
      categories: rows.map((r) => r.level),
      series: BANDS.map((b) => ({ name: td(`band.${b}`), color: BAND_COLORS[b], values: rows.map((r) => r[b]) })),
      format: fmtInt,
    }),
    [rows, td],
  );
  return <ChartCard title={title} columns={columns} rows={rows} spec={spec} csvName={csvName} height={150} />;
}
