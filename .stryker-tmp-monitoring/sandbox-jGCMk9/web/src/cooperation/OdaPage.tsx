// @ts-nocheck
import { useApi } from '../api/client.ts';
import { fmtNum, fmtUsd } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { ChartCard } from '../ui/ChartCard.tsx';
import type { Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';
import { Downloads } from './ProjectsPage.tsx';
import type { Oda } from './types.ts';

const registerBar = async () => {
  await import('./echarts-bar.ts');
};

type AgencyRow = Oda['byAgency'][number];
type ReportedRow = Oda['reported'][number];

export function OdaPage() {
  const t = useT(m);
  const { lang } = useLang();
  const oda = useApi<Oda>('/api/cooperation/oda');
  const agencyColumns: Column<AgencyRow>[] = [
    { key: 'agency', label: t('col.agency'), value: (r) => r.agencyName },
    { key: 'year', label: t('col.year'), value: (r) => r.year },
    { key: 'disbursed', label: t('col.disbursed'), value: (r) => r.disbursedUsd, format: fmtUsd, numeric: true },
  ];
  const reportedColumns: Column<ReportedRow>[] = [
    { key: 'donor', label: t('col.donor'), value: (r) => (lang === 'en' ? r.donorEn : r.donorEs) },
    { key: 'year', label: t('col.year'), value: (r) => r.year },
    { key: 'usd', label: t('col.odaReported'), value: (r) => r.usdMillion, format: (n) => fmtNum(n, 1, true), numeric: true },
  ];
  return (
    <>
      <PageHeader title={t('oda.title')} subtitle={t('oda.subtitle')} />
      <Async state={oda}>
        {(o) => {
          const years = [...new Set(o.byAgency.map((r) => r.year))].sort();
          const agencies = [...new Set(o.byAgency.map((r) => r.agencyName))].sort();
          const value = (a: string, y: number) => o.byAgency.find((r) => r.agencyName === a && r.year === y)?.disbursedUsd ?? 0;
          const donors = o.reported.filter((r) => r.donor !== 'DAC');
          return (
            <div className="grid grid-2">
              <ChartCard
                title={t('oda.byAgency')}
                columns={agencyColumns}
                rows={o.byAgency}
                csvName="aod-por-agencia"
                height={360}
                register={registerBar}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { type: 'scroll', bottom: 0 },
                  grid: { left: 80, right: 16, top: 16, bottom: 60 },
                  xAxis: { type: 'category', data: years.map(String) },
                  yAxis: { type: 'value' },
                  series: agencies.map((a) => ({ name: a, type: 'bar', stack: 'usd', data: years.map((y) => value(a, y)) })),
                }}
              />
              <ChartCard
                title={t('oda.reported')}
                note={t('oda.reportedNote')}
                columns={reportedColumns}
                rows={o.reported}
                csvName="aod-cad"
                height={360}
                register={registerBar}
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 100, right: 16, top: 16, bottom: 30 },
                  xAxis: { type: 'value' },
                  yAxis: { type: 'category', data: donors.map((r) => `${lang === 'en' ? r.donorEn : r.donorEs} ${r.year}`) },
                  series: [{ type: 'bar', data: donors.map((r) => r.usdMillion) }],
                }}
              />
              <Downloads dataset="oda" />
            </div>
          );
        }}
      </Async>
    </>
  );
}
