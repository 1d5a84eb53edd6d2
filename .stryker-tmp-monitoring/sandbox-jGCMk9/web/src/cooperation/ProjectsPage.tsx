// @ts-nocheck
import { lazy, Suspense, useMemo } from 'react';
import { qs, useApi } from '../api/client.ts';
import type { Department } from '../api/types.ts';
import { Link, setQuery } from '../app/router.tsx';
import { fmtUsd } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { labels, m } from './messages.ts';
import { ASPECTS, STATUSES, type Agency, type ProjectSummary } from './types.ts';

const MiniMap = lazy(() => import('../map/MiniMap.tsx'));
/** Stable across renders: MiniMap re-creates its map when a prop changes identity (its `points` default is a new array each render). */
const NO_POINTS: readonly { lat: number; lon: number; label: string }[] = [];

export function Select({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (v: string) => void;
}) {
  return (
    <label htmlFor={id}>
      {label}{' '}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Downloads({ dataset, query = '' }: { dataset: string; query?: string }) {
  const t = useT(m);
  return (
    <p className="chart-tools">
      <a href={`/api/cooperation/downloads/${dataset}.csv${query}`} download>
        {t('download.csv')}
      </a>{' '}
      ·{' '}
      <a href={`/api/cooperation/downloads/${dataset}.xlsx${query}`} download>
        {t('download.xlsx')}
      </a>
    </p>
  );
}

export function ProjectsPage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const l = useT(labels);
  const filter = { region: query.get('region') ?? '', agency: query.get('agency') ?? '', status: query.get('status') ?? '', aspect: query.get('aspect') ?? '' };
  const projects = useApi<ProjectSummary[]>(`/api/cooperation/projects${qs(filter)}`);
  // the map shows every project, whatever the filters: it is drawn once (re-creating Leaflet mid-animation throws)
  const everyProject = useApi<ProjectSummary[]>('/api/cooperation/projects');
  const counts = useMemo(() => {
    const by = new Map<string, number>();
    for (const p of everyProject.data ?? []) for (const d of new Set(p.regions.map((r) => r.slice(0, 2)))) by.set(d, (by.get(d) ?? 0) + 1);
    return by;
  }, [everyProject.data]);
  const shares = useMemo(() => {
    const max = Math.max(1, ...counts.values());
    return new Map([...counts].map(([k, v]) => [k, v / max]));
  }, [counts]);
  const agencies = useApi<Agency[]>('/api/cooperation/agencies');
  const departments = useApi<Department[]>('/api/public/territory/departments');
  const depName = useMemo(() => new Map((departments.data ?? []).map((d) => [d.code, d.name])), [departments.data]);
  const all: [string, string] = ['', t('filter.all')];
  const columns: Column<ProjectSummary>[] = [
    {
      key: 'title',
      label: t('col.title'),
      value: (p) => p.titleEs ?? p.titleEn,
      render: (p) => <Link to={`/cooperacion/proyectos/${p.id}`}>{p.titleEs ?? p.titleEn}</Link>,
    },
    { key: 'agency', label: t('col.agency'), value: (p) => p.agencyName ?? p.reportingOrgName },
    { key: 'status', label: t('col.status'), value: (p) => l(`status.${p.status}`) },
    { key: 'period', label: t('col.period'), value: (p) => `${p.startDate?.slice(0, 4) ?? '…'}–${p.endDate?.slice(0, 4) ?? '…'}` },
    { key: 'regions', label: t('col.regions'), value: (p) => [...new Set(p.regions.map((r) => depName.get(r.slice(0, 2)) ?? r))].join(', ') },
    { key: 'budget', label: t('col.budget'), value: (p) => p.budgetUsd, format: fmtUsd, numeric: true },
    { key: 'disbursed', label: t('col.disbursed'), value: (p) => p.disbursedUsd, format: fmtUsd, numeric: true },
  ];
  return (
    <>
      <PageHeader title={t('projects.title')} subtitle={t('projects.subtitle')} />
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <Select
          id="coop-region"
          label={t('filter.region')}
          value={filter.region}
          options={[all, ...(departments.data ?? []).map((d) => [d.code, d.name] as const)]}
          onChange={(v) => setQuery({ region: v })}
        />
        <Select
          id="coop-agency"
          label={t('filter.agency')}
          value={filter.agency}
          options={[all, ...(agencies.data ?? []).map((a) => [a.code, a.acronym] as const)]}
          onChange={(v) => setQuery({ agency: v })}
        />
        <Select
          id="coop-status"
          label={t('filter.status')}
          value={filter.status}
          options={[all, ...STATUSES.map((s) => [s, l(`status.${s}`)] as const)]}
          onChange={(v) => setQuery({ status: v })}
        />
        <Select
          id="coop-aspect"
          label={t('filter.aspect')}
          value={filter.aspect}
          options={[all, ...ASPECTS.map((a) => [a, l(`aspect.${a}`)] as const)]}
          onChange={(v) => setQuery({ aspect: v })}
        />
      </form>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="coop-list-h">
          <Async state={projects}>
            {(rows) => (
              <>
                <h2 id="coop-list-h">{t('projects.count', { n: rows.length })}</h2>
                <DataTable columns={columns} rows={rows} csvName="proyectos-cooperacion" rowKey={(p) => String(p.id)} empty={t('projects.none')} />
              </>
            )}
          </Async>
          <Downloads dataset="projects" />
          <p>
            <a href="/api/cooperation/iati.xml">{t('projects.iati')}</a>
          </p>
        </section>
        <section className="card" aria-labelledby="coop-map-h">
          <h2 id="coop-map-h">{t('projects.map')}</h2>
          {everyProject.data && (
            <Suspense fallback={<div className="map map-small" />}>
              <MiniMap label={t('projects.mapLabel')} shares={shares} points={NO_POINTS} />
            </Suspense>
          )}
          <ul className="legend-list">
            {[...counts]
              .sort((a, b) => b[1] - a[1])
              .map(([code, n]) => (
                <li key={code}>
                  {depName.get(code) ?? code}: {t('projects.count', { n })}
                </li>
              ))}
          </ul>
        </section>
      </div>
    </>
  );
}
