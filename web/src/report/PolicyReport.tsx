import { qs, useApi } from '../api/client.ts';
import { defaultPolicy } from '../api/policy.ts';
import type { Band, Evaluation, PolicySummary } from '../api/types.ts';
import { setQuery } from '../app/router.tsx';
import { fmtPct } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useServerT } from '../i18n/server.tsx';
import { BandsChart } from '../ui/BandsChart.tsx';
import { BandLight, Kpi, PageHeader, useTerm } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { AvanceBars } from './AvanceBars.tsx';
import { m } from './messages.ts';

/** Avances and the management index: one decimal with the percent sign (as the home page), ND when there is none. */
const av = (v: number | null): string => (v === null ? 'ND' : fmtPct(v, 1));

type Indicator = Evaluation['indicators'][number];
type Objective = Evaluation['objectives'][number];
type Discrepancy = Evaluation['discrepancies'][number];

function Tables({ ev, csv }: { ev: Evaluation; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const server = useServerT();
  const band = (b: Band) => <BandLight band={b} />;
  const names = new Map<string, string>([...ev.objectives, ...ev.indicators].map((e) => [e.code, e.name]));
  const objColumns: Column<Objective>[] = [
    { key: 'code', label: t('code'), value: (o) => o.code },
    { key: 'name', label: t('objective'), value: (o) => o.name },
    { key: 'a1', label: t('avance1'), value: (o) => o.avance1, render: (o) => av(o.avance1), numeric: true },
    { key: 'a2', label: t('avance2'), value: (o) => o.avance2, render: (o) => av(o.avance2), numeric: true },
    { key: 'band', label: t('light'), value: (o) => term('band', o.band), render: (o) => band(o.band) },
  ];
  const indColumns: Column<Indicator>[] = [
    { key: 'code', label: t('code'), value: (i) => i.code },
    { key: 'name', label: t('indicator'), value: (i) => i.name },
    { key: 'level', label: t('level'), value: (i) => i.level },
    { key: 'a1', label: t('avance1'), value: (i) => i.avance1, render: (i) => av(i.avance1), numeric: true },
    { key: 'a2', label: t('avance2'), value: (i) => i.avance2, render: (i) => av(i.avance2), numeric: true },
    { key: 'band', label: t('light'), value: (i) => term('band', i.band), render: (i) => band(i.band) },
  ];
  const discColumns: Column<Discrepancy>[] = [
    { key: 'code', label: t('code'), value: (d) => d.code, render: (d) => <abbr title={names.get(d.code)}>{d.code}</abbr> },
    { key: 'field', label: t('field'), value: (d) => (d.field === 'avance1' ? t('avance1') : t('avance2')) },
    { key: 'pub', label: t('published'), value: (d) => d.published, render: (d) => av(d.published), numeric: true },
    { key: 'comp', label: t('computed'), value: (d) => d.computed, render: (d) => av(d.computed), numeric: true },
    { key: 'kind', label: t('kind'), value: (d) => server.label('observation', d.kind) },
    { key: 'why', label: t('reason'), value: (d) => d.reason },
  ];
  return (
    <>
      <h2>{t('objectives')}</h2>
      <DataTable columns={objColumns} rows={ev.objectives} csvName={`${csv}-objetivos`} />
      <h2>{t('indicators')}</h2>
      <DataTable columns={indColumns} rows={ev.indicators} csvName={`${csv}-indicadores`} pageSize={100} />
      <section className="card chart-card" aria-label={t('chart1')}>
        <h3>{t('chart1')}</h3>
        <div className="note">{t('chart1Note')}</div>
        <div role="img" aria-label={t('chart1')}>
          <AvanceBars bars={ev.indicators.map((i) => ({ code: i.code, value: i.avance1, band: i.band }))} cappedLabel={t('capped')} />
        </div>
      </section>
      <h2>{t('discrepancies', { n: ev.discrepancies.length })}</h2>
      <DataTable columns={discColumns} rows={ev.discrepancies} csvName={`${csv}-observaciones`} />
    </>
  );
}

export function PolicyReport({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const policies = useApi<PolicySummary[]>('/api/public/policies');
  const list = policies.data ?? [];
  const fallback = defaultPolicy(list);
  const code = query.get('policy') ?? fallback?.code ?? null;
  const policy = list.find((p) => p.code === code);
  const year = Number(query.get('year')) || fallback?.year || null;
  const targetYear = Number(query.get('targetYear')) || year;
  // The report built from Veta's records by default; the matrix as typed on request.
  const values = query.get('values') === 'matrix' ? 'matrix' : 'measured';
  const params = qs({ year, targetYear, values });
  const evaluation = useApi<Evaluation>(code && year ? `/api/public/policies/${encodeURIComponent(code)}/evaluation${params}` : null);
  const base = code ? `/api/public/policies/${encodeURIComponent(code)}/report` : '';
  return (
    <>
      <PageHeader title={t('title')} subtitle={policy?.name ?? t('subtitle')} />
      <Async state={policies}>
        {() =>
          policy && year ? (
            <>
              <p className="note">{t('sector', { sector: policy.sector ?? '—', lead: policy.leadEntity ?? '—', type: policy.policyType ?? '—' })}</p>
              <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
                {list.length > 1 && (
                  <div className="field">
                    <label htmlFor="pr-policy">{t('policy')}</label>
                    <select id="pr-policy" value={code ?? ''} onChange={(e) => setQuery({ policy: e.target.value, year: null, targetYear: null })}>
                      {list.map((p) => (
                        <option key={p.code} value={p.code}>
                          {p.code}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
                <div className="field">
                  <label htmlFor="pr-year">{t('year')}</label>
                  <select id="pr-year" value={year} onChange={(e) => setQuery({ year: e.target.value, targetYear: null })}>
                    {policy.valueYears.map((y) => (
                      <option key={y}>{y}</option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="pr-target">{t('targetYear')}</label>
                  <select id="pr-target" value={targetYear ?? ''} onChange={(e) => setQuery({ targetYear: e.target.value })}>
                    {policy.targetYears.map((y) => (
                      <option key={y}>{y}</option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="pr-values">{t('values')}</label>
                  <select id="pr-values" value={values} onChange={(e) => setQuery({ values: e.target.value })}>
                    <option value="measured">{t('valuesMeasured')}</option>
                    <option value="matrix">{t('valuesMatrix')}</option>
                  </select>
                </div>
              </form>
              <p className="note">{values === 'measured' ? t('valuesMeasuredNote') : t('valuesMatrixNote')}</p>
              <p>
                {t('download')}: <a href={`${base}.pdf${params}`}>{t('pdf')}</a> · <a href={`${base}.xlsx${params}`}>{t('xlsx')}</a> ·{' '}
                <a href={`${base}.html${params}`} target="_blank" rel="noopener">
                  {t('html')}
                </a>
              </p>
              <Async state={evaluation}>
                {(ev) => (
                  <>
                    <p>{t('compare', { year: ev.year, targetYear: ev.targetYear })}</p>
                    <div className="kpis">
                      <Kpi label={t('index')} value={<span data-testid="management-index">{av(ev.managementIndex)}</span>} />
                    </div>
                    <BandsChart evaluation={ev} title={t('bands')} csvName={`semaforo-${ev.year}-${ev.targetYear}`} />
                    <Tables ev={ev} csv={`seguimiento-${ev.year}-${ev.targetYear}`} />
                  </>
                )}
              </Async>
            </>
          ) : (
            <p className="state">—</p>
          )
        }
      </Async>
    </>
  );
}
