// @ts-nocheck
import { qs, useApi } from '../api/client.ts';
import type { Department } from '../api/types.ts';
import { setQuery } from '../app/router.tsx';
import { fmtInt, fmtUsd, peruToday } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { labels, m } from './messages.ts';
import { Downloads, Select } from './ProjectsPage.tsx';
import type { Agency, GapMatrix } from './types.ts';

type Breakdown = GapMatrix['byRegion'][number];

/** US$ 1.5 M: the cells stay narrow; the exact figure is in the cell's title, the tables and the downloads. */
const compactUsd = (n: number, lang: string): string =>
  `US$ ${new Intl.NumberFormat(lang === 'en' ? 'en' : 'es-PE', { notation: 'compact', maximumFractionDigits: 1 }).format(n)}`;

function Matrix({ g }: { g: GapMatrix }) {
  const t = useT(m);
  const { lang } = useLang();
  const l = useT(labels);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('matrix.caption', { year: g.year })}>
      <table className="gap-matrix" data-testid="gap-matrix">
        <caption>{t('matrix.caption', { year: g.year })}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {g.aspects.map((a) => (
              <th key={a} scope="col">
                {l(`aspect.${a}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {g.strata.map((s) => (
            <tr key={s}>
              <th scope="row">{l(`stratum.${s}`)}</th>
              {g.aspects.map((a) => {
                const c = g.cells[s]?.[a] ?? { projects: 0, budgetUsd: 0 };
                return c.projects === 0 ? (
                  <td key={a} className="gap" data-cell={`${s}:${a}`} title={t('matrix.gap')}>
                    <span aria-hidden="true">—</span>
                    <span className="sr-only">{t('matrix.gap')}</span>
                  </td>
                ) : (
                  <td key={a} className="covered" data-cell={`${s}:${a}`} title={fmtUsd(c.budgetUsd)}>
                    {t('matrix.cell', { projects: c.projects, budget: compactUsd(c.budgetUsd, lang) })}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GapMatrixPage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const thisYear = Number(peruToday().slice(0, 4));
  const filter = {
    year: query.get('year') ?? String(thisYear),
    region: query.get('region') ?? '',
    agency: query.get('agency') ?? '',
    objective: query.get('objective') ?? '',
  };
  const matrix = useApi<GapMatrix>(`/api/cooperation/gap-matrix${qs(filter)}`);
  const agencies = useApi<Agency[]>('/api/cooperation/agencies');
  const departments = useApi<Department[]>('/api/public/territory/departments');
  const all: [string, string] = ['', t('filter.all')];
  const years = Array.from({ length: 10 }, (_, i) => String(thisYear + 2 - i));
  const columns: Column<Breakdown>[] = [
    {
      key: 'name',
      label: t('matrix.name'),
      value: (b) => (b.name === b.key ? b.name : `${b.key} ${b.name}`),
      render: (b) => (b.name === b.key || !b.key.startsWith('OP.') ? b.name : <span title={b.name}>{b.key}</span>),
    },
    { key: 'projects', label: t('col.projects'), value: (b) => b.projects, format: fmtInt, numeric: true },
    { key: 'budget', label: t('col.budget'), value: (b) => b.budgetUsd, format: fmtUsd, numeric: true },
  ];
  return (
    <>
      <PageHeader title={t('matrix.title')} subtitle={t('matrix.subtitle')} />
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <Select
          id="gap-year"
          label={t('filter.year')}
          value={filter.year}
          options={years.map((y) => [y, y] as const)}
          onChange={(v) => setQuery({ year: v })}
        />
        <Select
          id="gap-region"
          label={t('filter.region')}
          value={filter.region}
          options={[all, ...(departments.data ?? []).map((d) => [d.code, d.name] as const)]}
          onChange={(v) => setQuery({ region: v })}
        />
        <Select
          id="gap-agency"
          label={t('filter.agency')}
          value={filter.agency}
          options={[all, ...(agencies.data ?? []).map((a) => [a.code, a.acronym] as const)]}
          onChange={(v) => setQuery({ agency: v })}
        />
        <Select
          id="gap-objective"
          label={t('filter.objective')}
          value={filter.objective}
          options={[all, ...(matrix.data?.objectives ?? []).map((o) => [o.code, `${o.code} ${o.name.slice(0, 60)}${o.name.length > 60 ? '…' : ''}`] as const)]}
          onChange={(v) => setQuery({ objective: v })}
        />
      </form>
      <Async state={matrix}>
        {(g) => (
          <>
            <p className="note" data-testid="gap-summary">
              {t('matrix.gaps', { gaps: g.gaps, cells: g.strata.length * g.aspects.length, n: g.activeProjects })}
              {g.unclassified > 0 && ` · ${t('matrix.unclassified', { n: g.unclassified })}`}
            </p>
            <Matrix g={g} />
            <Downloads dataset="gap-matrix" query={qs(filter)} />
            <div className="grid grid-3">
              {(
                [
                  ['matrix.byRegion', g.byRegion],
                  ['matrix.byAgency', g.byAgency],
                  ['matrix.byObjective', g.byObjective],
                ] as const
              ).map(([title, rows]) => (
                <section key={title} className="card">
                  <h2>{t(title)}</h2>
                  <DataTable columns={columns} rows={rows} csvName={`brechas-${title.split('.')[1]}-${g.year}`} rowKey={(b) => b.key} />
                </section>
              ))}
            </div>
          </>
        )}
      </Async>
    </>
  );
}
