import { useMemo } from 'react';
import { qs, useApi } from '../api/client.ts';
import { defaultPolicy } from '../api/policy.ts';
import type { NationalProduction as PublicProduction, PublicFunnel } from '../api/types.ts';
import type { Evaluation, PolicySummary, PublicStats } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { common } from '../i18n/common.ts';
import { domain, type DomainKey } from '../i18n/domain.ts';
import { fmtGrams, fmtInt, fmtPct } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { BandsChart } from '../ui/BandsChart.tsx';
import { Kpi, PageHeader } from '../ui/bits.tsx';
import { ChartCard, STATUS_COLORS } from '../ui/ChartCard.tsx';
import type { Column } from '../ui/DataTable.tsx';
import { Async, CardAsync, ErrorBox } from '../ui/states.tsx';
import { hm } from './home-messages.ts';
import { m } from './messages.ts';

const PUBLIC_FUNNEL = '/api/public/formalization/funnel';
const PUBLIC_PRODUCTION = '/api/public/ledger/production';

const STATUSES = ['vigente', 'suspendido', 'excluido'] as const;
type RegionRow = PublicStats['byDepartment'][number];

function ByRegion({ stats }: { stats: PublicStats }) {
  const t = useT(m);
  const tc = useT(common);
  const td = useT(domain);
  const rows = useMemo(() => [...stats.byDepartment].sort((a, b) => b.total - a.total), [stats]);
  const columns: Column<RegionRow>[] = [
    { key: 'name', label: t('reg.department'), value: (r) => r.name },
    ...STATUSES.map((s) => ({ key: s, label: td(`status.${s}`), value: (r: RegionRow) => r[s], format: fmtInt, numeric: true })),
    { key: 'total', label: tc('common.total'), value: (r) => r.total, format: fmtInt, numeric: true },
  ];
  const spec = useMemo(
    () => ({
      kind: 'bar' as const,
      orientation: 'horizontal' as const,
      stacked: true,
      categories: rows.map((r) => r.name),
      series: STATUSES.map((st) => ({ name: td(`status.${st}`), color: STATUS_COLORS[st], values: rows.map((r) => r[st]) })),
      format: fmtInt,
    }),
    [rows, td],
  );
  return (
    <ChartCard
      title={t('dash.byRegion')}
      columns={columns}
      rows={rows}
      spec={spec}
      csvName="inscripciones-por-region"
      height={Math.max(160, rows.length * 30 + 30)}
      note={<Link to="/mapa">{t('dash.mapLink')}</Link>}
    />
  );
}

type FunnelRow = { milestone: string; count: number };
const milestoneLabel = (td: (k: DomainKey) => string, ms: string): string => (`milestone.${ms}` in domain.es ? td(`milestone.${ms}` as DomainKey) : ms);
function Funnel({ funnel, inscriptions }: { funnel: PublicFunnel; inscriptions: number | null }) {
  const t = useT(m);
  const th = useT(hm);
  const td = useT(domain);
  const rows = funnel.national.totals;
  const columns: Column<FunnelRow>[] = [
    { key: 'milestone', label: t('dash.milestone'), value: (r) => milestoneLabel(td, r.milestone) },
    { key: 'count', label: t('dash.count'), value: (r) => r.count, format: fmtInt, numeric: true },
  ];
  const spec = useMemo(() => ({ kind: 'funnel' as const, steps: rows.map((r) => ({ label: milestoneLabel(td, r.milestone), value: r.count })) }), [rows, td]);
  return (
    <ChartCard
      title={t('dash.funnel')}
      note={inscriptions === null ? t('dash.funnelNote') : th('home.funnelNote', { opened: fmtInt(rows[0]?.count ?? 0), total: fmtInt(inscriptions) })}
      columns={columns}
      rows={rows}
      spec={spec}
      csvName="embudo-formalizacion"
      height={rows.length * 34}
    />
  );
}

type ProdRow = { year: number; produced: number; exported: number };
function Production({ data }: { data: PublicProduction }) {
  const t = useT(m);
  const tc = useT(common);
  const rows = useMemo(() => {
    const by = new Map<number, ProdRow>();
    for (const r of data.rows) {
      const y = by.get(r.year) ?? { year: r.year, produced: 0, exported: 0 };
      y.produced += r.producedFineGrams;
      y.exported += r.exportedFineGrams;
      by.set(r.year, y);
    }
    return [...by.values()].sort((a, b) => a.year - b.year);
  }, [data]);
  const columns: Column<ProdRow>[] = [
    { key: 'year', label: tc('common.year'), value: (r) => r.year },
    { key: 'produced', label: t('dash.produced'), value: (r) => r.produced, format: fmtGrams, numeric: true },
    { key: 'exported', label: t('dash.exported'), value: (r) => r.exported, format: fmtGrams, numeric: true },
  ];
  const spec = useMemo(
    () => ({
      kind: 'bar' as const,
      orientation: 'vertical' as const,
      categories: rows.map((r) => String(r.year)),
      series: [
        { name: t('dash.produced'), values: rows.map((r) => r.produced) },
        { name: t('dash.exported'), values: rows.map((r) => r.exported) },
      ],
      format: fmtGrams,
    }),
    [rows, t],
  );
  return <ChartCard title={t('dash.production')} columns={columns} rows={rows} spec={spec} csvName="produccion" />;
}

function Policy() {
  const t = useT(m);
  const policies = useApi<PolicySummary[]>('/api/public/policies');
  const chosen = policies.data ? defaultPolicy(policies.data) : null;
  const evaluation = useApi<Evaluation>(chosen ? `/api/public/policies/${encodeURIComponent(chosen.code)}/evaluation${qs({ year: chosen.year })}` : null);
  let body;
  if (policies.error) body = <ErrorBox error={policies.error} onRetry={policies.reload} />;
  else if (policies.data && !chosen) body = <p className="state">{t('dash.noPolicy')}</p>;
  else
    body = (
      <Async state={evaluation}>
        {(ev) => (
          <>
            <div className="kpis">
              <Kpi label={t('dash.policyIndex', { year: ev.year })} value={fmtPct(ev.managementIndex)} />
            </div>
            <BandsChart evaluation={ev} title={t('dash.policyChart', { year: ev.year, targetYear: ev.targetYear })} csvName={`semaforo-${ev.year}`} />
            <p>
              <Link to={`/seguimiento${qs({ year: ev.year, targetYear: ev.targetYear })}`}>{t('dash.policyLink')}</Link>
            </p>
          </>
        )}
      </Async>
    );
  return (
    <section className="grid-wide" aria-labelledby="policy-h">
      <h2 id="policy-h">{t('dash.policy')}</h2>
      {body}
    </section>
  );
}

export function Dashboard() {
  const t = useT(m);
  const td = useT(domain);
  const th = useT(hm);
  const stats = useApi<PublicStats>('/api/public/registry/stats');
  const funnel = useApi<PublicFunnel>(PUBLIC_FUNNEL);
  const production = useApi<PublicProduction>(PUBLIC_PRODUCTION);
  return (
    <>
      <PageHeader title={t('dash.title')} subtitle={t('dash.subtitle')} />
      <Async state={stats}>
        {(s) => (
          <>
            <div className="kpis">
              <Kpi label={th('home.total')} value={fmtInt(s.total)} hint={th('home.totalHint')} />
              {funnel.data && (
                <Kpi
                  label={th('home.withExpediente')}
                  value={fmtInt(funnel.data.national.totals[0]?.count ?? 0)}
                  hint={s.total ? th('home.withExpedienteHint', { pct: fmtPct(((funnel.data.national.totals[0]?.count ?? 0) / s.total) * 100) }) : undefined}
                />
              )}
              {STATUSES.map((st) => (
                <Kpi
                  key={st}
                  label={td(`status.${st}`)}
                  value={fmtInt(s.byStatus[st] ?? 0)}
                  hint={s.total ? fmtPct(((s.byStatus[st] ?? 0) / s.total) * 100) : undefined}
                />
              ))}
            </div>
            <div className="grid">
              <div className="grid-wide">
                <ByRegion stats={s} />
              </div>
            </div>
          </>
        )}
      </Async>
      <div className="grid grid-2" style={{ marginTop: 16 }}>
        <CardAsync title={t('dash.funnel')} state={funnel} optional={PUBLIC_FUNNEL}>
          {(f) => <Funnel funnel={f} inscriptions={stats.data?.total ?? null} />}
        </CardAsync>
        <CardAsync title={t('dash.production')} state={production} optional={PUBLIC_PRODUCTION}>
          {(p) => <Production data={p} />}
        </CardAsync>
        <Policy />
      </div>
    </>
  );
}
