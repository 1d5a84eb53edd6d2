import { useMemo, useState, type FormEvent } from 'react';
import { qs, useApi } from '../api/client.ts';
import type { PublicFunnel } from '../api/types.ts';
import type { Department, FormalizationReport, PublicStats, ScopeReport } from '../api/types.ts';
import { setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { common } from '../i18n/common.ts';
import { fmtDateTime, fmtInt, fmtPct } from '../i18n/format.ts';
import { defineMessages, useT } from '../i18n/i18n.tsx';
import { Kpi, PageHeader, useTerm } from '../ui/bits.tsx';
import { ChartCard, PALETTE } from '../ui/ChartCard.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';
import { BacklogCard, ByMonthCard, FunnelCard, PipelineCard, StalledCard, TimeInStepsCard } from './report-charts.tsx';

const PUBLIC_FUNNEL = '/api/public/formalization/funnel';

const own = defineMessages(
  {
    'rd.noData': '{region} no tiene expedientes de formalización en Veta: no hay embudo, tiempos ni pasos detenidos que mostrar.',
    'rd.noDataHint': 'Elija una región con expedientes (aparecen primero en la lista).',
    'rd.withData': 'Con expedientes',
    'rd.withoutData': 'Sin expedientes',
  },
  {
    'rd.noData': '{region} has no formalization files in Veta: there is no funnel, time or stalled step to show.',
    'rd.noDataHint': 'Choose a region with files (they come first in the list).',
    'rd.withData': 'With files',
    'rd.withoutData': 'Without files',
  },
);

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

const STAGE_ORDER = ['in_progress', 'technical_file', 'start_authorization', 'formalized', 'suspended', 'excluded'] as const;

function Typology({ scope, csv }: { scope: ScopeReport; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const tab = scope.typology.byStage.stratum;
  type Row = { stage: string } & Record<string, number | string>;
  // the stages in the order an expediente goes through them, whatever order the report lists them in
  const order = (s: string): number => {
    const i = STAGE_ORDER.indexOf(s as (typeof STAGE_ORDER)[number]);
    return i < 0 ? STAGE_ORDER.length : i;
  };
  const rows: Row[] = [...tab.rows]
    .sort((a, b) => order(a) - order(b))
    .map((stage) => ({
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
  const to = useT(own);
  const { me } = useSession();
  const regional = me?.role === 'regional';
  const region = regional ? (me?.region ?? '') : (query.get('region') ?? '');
  const stalledDays = Number(query.get('stalledDays') ?? 90) || 90;
  const [days, setDays] = useState(String(stalledDays));
  const [chosen, setChosen] = useState(region);
  const stageTerm = useTerm();
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
        const withData = new Set(r.regions.filter((x) => x.expedientes > 0).map((x) => x.scope));
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
                    {(
                      [
                        ['rd.withData', true],
                        ['rd.withoutData', false],
                      ] as const
                    ).map(([label, has]) => (
                      <optgroup key={label} label={to(label)}>
                        {(departments.data ?? [])
                          .filter((d) => withData.has(d.code) === has)
                          .map((d) => (
                            <option key={d.code} value={d.code}>
                              {d.name}
                            </option>
                          ))}
                      </optgroup>
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
            ) : scope.expedientes === 0 ? (
              <div className="state" role="note" data-testid="region-no-data">
                <p>{to('rd.noData', { region: name })}</p>
                {!regional && <p>{to('rd.noDataHint')}</p>}
              </div>
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
                  {/* the cards add up to the expedientes: formalized + in progress + suspended + excluded */}
                  <Kpi label={stageTerm('stage', 'excluded')} value={fmtInt(scope.byStage.excluded ?? 0)} />
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
                  <div className="grid-wide">
                    <Typology scope={scope} csv={csv} />
                  </div>
                </div>
              </>
            )}
          </>
        );
      }}
    </Async>
  );
}
