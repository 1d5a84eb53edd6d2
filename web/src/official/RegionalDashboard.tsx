import { useMemo, useState, type FormEvent } from 'react';
import { qs, useApi } from '../api/client.ts';
import type { PublicFunnel } from '../api/types.ts';
import type { Department, FormalizationReport, PublicStats, ScopeReport } from '../api/types.ts';
import { setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { common } from '../i18n/common.ts';
import { fmtDateTime, fmtInt, fmtPct } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Kpi, PageHeader, useTerm } from '../ui/bits.tsx';
import { ChartCard, PALETTE } from '../ui/ChartCard.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';
import { BacklogCard, ByMonthCard, FunnelCard, PipelineCard, StalledCard, TimeInStepsCard } from './report-charts.tsx';

const PUBLIC_FUNNEL = '/api/public/formalization/funnel';

interface CompareRow {
  code: string;
  name: string;
  expedientes: number | null;
  formalized: number | null;
  inscriptions: number | null;
  vigente: number | null;
}
const pct = (a: number | null, b: number | null): number | null => (a !== null && b ? (a / b) * 100 : null);

function compareRows(report: FormalizationReport, stats: PublicStats | undefined, funnel: PublicFunnel | undefined): CompareRow[] {
  const rows = new Map<string, CompareRow>();
  const row = (code: string, name: string): CompareRow => {
    let r = rows.get(code);
    if (!r) rows.set(code, (r = { code, name, expedientes: null, formalized: null, inscriptions: null, vigente: null }));
    return r;
  };
  if (report.regions.length > 1) {
    for (const s of report.regions) Object.assign(row(s.scope, s.name), { expedientes: s.expedientes, formalized: s.byStage.formalized ?? 0 });
  } else if (funnel) {
    for (const f of funnel.regions) {
      const count = (ms: string): number | null => f.totals.find((x) => x.milestone === ms)?.count ?? null;
      Object.assign(row(f.code, f.name), { expedientes: count('inscribed'), formalized: count('formalized') });
    }
  }
  for (const d of stats?.byDepartment ?? []) Object.assign(row(d.code, d.name), { inscriptions: d.total, vigente: d.vigente });
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, 'es'));
}

function Comparison({ report, own }: { report: FormalizationReport; own: string | null }) {
  const t = useT(m);
  const stats = useApi<PublicStats>('/api/public/registry/stats');
  const funnel = useApi<PublicFunnel>(PUBLIC_FUNNEL);
  const rows = useMemo(() => compareRows(report, stats.data, funnel.data), [report, stats.data, funnel.data]);
  const withFiles = rows.some((r) => r.expedientes !== null);
  const spec = useMemo(
    () => ({
      kind: 'bar' as const,
      orientation: 'horizontal' as const,
      categories: rows.map((r) => (r.code === own ? `▶ ${r.name}` : r.name)),
      series: [
        ...(withFiles ? [{ name: t('rd.pctFormalized'), values: rows.map((r) => pct(r.formalized, r.expedientes) ?? 0), color: PALETTE[2] }] : []),
        { name: t('rd.pctVigente'), values: rows.map((r) => pct(r.vigente, r.inscriptions) ?? 0), color: PALETTE[1] },
      ],
      format: (v: number) => fmtPct(v, 0),
    }),
    [rows, own, withFiles, t],
  );
  const columns: Column<CompareRow>[] = [
    { key: 'name', label: t('rd.region'), value: (r) => r.name, render: (r) => (r.code === own ? <strong>{r.name}</strong> : r.name) },
    { key: 'exp', label: t('rd.expedientes'), value: (r) => r.expedientes, format: fmtInt, numeric: true },
    { key: 'form', label: t('rd.formalized'), value: (r) => r.formalized, format: fmtInt, numeric: true },
    { key: 'pf', label: t('rd.pctFormalized'), value: (r) => pct(r.formalized, r.expedientes), format: (v) => fmtPct(v), numeric: true },
    { key: 'ins', label: t('rd.inscriptions'), value: (r) => r.inscriptions, format: fmtInt, numeric: true },
    { key: 'pv', label: t('rd.pctVigente'), value: (r) => pct(r.vigente, r.inscriptions), format: (v) => fmtPct(v), numeric: true },
  ];
  return (
    <ChartCard
      title={t('rd.compare')}
      note={withFiles ? t('rd.compareNote') : t('rd.compareOnlyRegistry')}
      spec={spec}
      columns={columns}
      rows={rows}
      csvName="comparacion-regiones"
      height={rows.length * (withFiles ? 40 : 26) + 30}
    />
  );
}

function Typology({ scope, csv }: { scope: ScopeReport; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const tab = scope.typology.byStage.stratum;
  type Row = { stage: string } & Record<string, number | string>;
  const rows: Row[] = tab.rows.map((stage) => ({
    stage,
    ...Object.fromEntries(tab.columns.map((c) => [c, tab.cells.find((x) => x.row === stage && x.column === c)?.count ?? 0])),
  }));
  const columns: Column<Row>[] = [
    { key: 'stage', label: t('rd.stage'), value: (r) => term('stage', r.stage) },
    ...tab.columns.map((c) => ({ key: c, label: term('stratum', c), value: (r: Row) => Number(r[c] ?? 0), format: fmtInt, numeric: true })),
  ];
  return (
    <section className="card">
      <h3>{t('rd.typology')}</h3>
      <DataTable columns={columns} rows={rows} csvName={`${csv}-estrato-etapa`} />
    </section>
  );
}

export function RegionalDashboard({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const tc = useT(common);
  const { me } = useSession();
  const regional = me?.role === 'regional';
  const region = regional ? (me?.region ?? '') : (query.get('region') ?? '');
  const stalledDays = Number(query.get('stalledDays') ?? 90) || 90;
  const [days, setDays] = useState(String(stalledDays));
  const [chosen, setChosen] = useState(region);
  const departments = useApi<Department[]>(regional ? null : '/api/public/territory/departments');
  const report = useApi<FormalizationReport>(`/api/formalization/report${qs({ region: region || undefined, stalledDays })}`);
  const apply = (e: FormEvent): void => {
    e.preventDefault();
    setQuery({ region: regional ? null : chosen, stalledDays: days === '90' ? null : days });
  };
  return (
    <Async state={report}>
      {(r) => {
        const scope = region ? r.regions.find((s) => s.scope === region) : (r.national ?? r.regions[0]);
        const name = scope?.name ?? region;
        const csv = `formalizacion-${scope?.scope ?? 'region'}`;
        const inProgress = scope ? (scope.byStage.in_progress ?? 0) + (scope.byStage.technical_file ?? 0) + (scope.byStage.start_authorization ?? 0) : 0;
        return (
          <>
            <PageHeader
              title={region || regional ? t('rd.title', { region: name }) : t('rd.titleNational')}
              subtitle={t('rd.subtitle', { cutoff: fmtDateTime(r.cutoff) })}
            />
            <form className="inline-form" onSubmit={apply}>
              {!regional && (
                <div className="field">
                  <label htmlFor="rd-region">{t('rd.region')}</label>
                  <select id="rd-region" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                    <option value="">{t('rd.allRegions')}</option>
                    {(departments.data ?? []).map((d) => (
                      <option key={d.code} value={d.code}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <div className="field">
                <label htmlFor="rd-days">{t('rd.stalledDays')}</label>
                <input id="rd-days" type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} style={{ width: 100 }} />
              </div>
              <button type="submit">{tc('common.apply')}</button>
            </form>
            {!scope ? (
              <p className="state">{tc('state.empty')}</p>
            ) : (
              <>
                <div className="kpis">
                  <Kpi label={t('rd.expedientes')} value={fmtInt(scope.expedientes)} />
                  <Kpi
                    label={t('rd.formalized')}
                    value={fmtInt(scope.byStage.formalized ?? 0)}
                    hint={fmtPct(pct(scope.byStage.formalized ?? 0, scope.expedientes))}
                  />
                  <Kpi label={t('rd.inProgress')} value={fmtInt(inProgress)} />
                  <Kpi label={t('rd.suspended')} value={fmtInt(scope.byStage.suspended ?? 0)} />
                  <Kpi label={t('rd.stalled', { days: scope.stalled.thresholdDays })} value={fmtInt(scope.stalled.count)} />
                </div>
                <div className="grid grid-2">
                  <FunnelCard report={scope} csv={csv} />
                  <PipelineCard report={scope} csv={csv} />
                  <div className="grid-wide">
                    <ByMonthCard report={scope} csv={csv} />
                  </div>
                  <div className="grid-wide">
                    <TimeInStepsCard report={scope} csv={csv} />
                  </div>
                  <Comparison report={r} own={scope.scope} />
                  <BacklogCard report={scope} csv={csv} />
                  <StalledCard report={scope} csv={csv} />
                  <Typology scope={scope} csv={csv} />
                </div>
              </>
            )}
          </>
        );
      }}
    </Async>
  );
}
