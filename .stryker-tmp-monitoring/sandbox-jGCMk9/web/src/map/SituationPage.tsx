// @ts-nocheck
import { useState } from 'react';
import { useApi } from '../api/client.ts';
import { fmtInt, fmtNum } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';
import { SITUATION_COLORS } from './vector-tiles.ts';

interface Row {
  situation: string;
  cases: number;
  percent: number;
}
interface Report {
  year: number;
  regions: string[];
  total: number;
  rows: Row[];
  byRegion: { region: string; name: string; total: number; rows: Row[] }[];
}

/** Seed 004's table for any year and regions, computed from the cadastre, the DAC and the fronts (public aggregates). */
export function SituationPage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const [year, setYear] = useState(Number(query.get('year')) || 2006);
  const [regions, setRegions] = useState(query.get('regions') ?? '13,19,18');
  const qs = `year=${year}${regions.trim() ? `&regions=${encodeURIComponent(regions.replace(/\s/g, ''))}` : ''}`;
  const report = useApi<Report>(`/api/public/territory/situation?${qs}`);
  const columns: Column<Row>[] = [
    {
      key: 'situation',
      label: t('situationCol'),
      value: (r) => t(`situation.${r.situation}` as 'situation.LIBRE'),
      render: (r) => (
        <span className="legend">
          <i style={{ background: SITUATION_COLORS[r.situation] }} />
          {t(`situation.${r.situation}` as 'situation.LIBRE')}
        </span>
      ),
    },
    { key: 'cases', label: t('cases'), value: (r) => r.cases, format: fmtInt, numeric: true },
    { key: 'percent', label: '%', value: (r) => r.percent, format: (v) => fmtNum(v, 1), numeric: true },
  ];
  return (
    <>
      <PageHeader title={t('situationTitle')} subtitle={t('situationSubtitle')} />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="sit-year">{t('situationYear')}</label>
          <input id="sit-year" type="number" min={1990} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || 2006)} />
        </div>
        <div className="field">
          <label htmlFor="sit-regions">{t('regionsCodes')}</label>
          <input id="sit-regions" value={regions} onChange={(e) => setRegions(e.target.value)} />
        </div>
        <a className="button" href={`/api/public/territory/situation.xlsx?${qs}`}>
          XLSX
        </a>
        <a className="button" href={`/api/public/territory/situation?${qs}&format=csv`}>
          CSV
        </a>
      </form>
      <Async state={report}>
        {(r) => (
          <>
            <DataTable caption={t('totalCases', { n: fmtInt(r.total) })} columns={columns} rows={r.rows} rowKey={(row) => row.situation} />
            {r.byRegion.map((g) => (
              <DataTable
                key={g.region}
                caption={`${g.name} (${fmtInt(g.total)})`}
                columns={columns}
                rows={g.rows}
                rowKey={(row) => `${g.region}-${row.situation}`}
              />
            ))}
          </>
        )}
      </Async>
    </>
  );
}
