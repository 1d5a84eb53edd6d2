import { useMemo, useState, type FormEvent } from 'react';
import { qs, useApi } from '../api/client.ts';
import type { Flag, FlagsResult, NationalProduction, Passport, Trace } from '../api/types.ts';
import { Link, navigate } from '../app/router.tsx';
import { common } from '../i18n/common.ts';
import { fmtDate, fmtGrams, fmtPct, peruToday } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useServerT } from '../i18n/server.tsx';
import { Badge, Facts, PageHeader, useTerm } from '../ui/bits.tsx';
import { ChartCard } from '../ui/ChartCard.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { LazyMap } from './LazyMap.tsx';
import { useDepartmentName } from './PeoplePages.tsx';
import { m } from './ops-messages.ts';

const registerGraph = async (): Promise<void> => {
  await import('../ui/echarts-graph.ts');
};

function FlagsTable({ flags, csv }: { flags: readonly Flag[]; csv: string }) {
  const t = useT(m);
  const term = useTerm();
  const server = useServerT();
  const columns: Column<Flag>[] = [
    { key: 'date', label: t('tr.date'), value: (f) => f.date, render: (f) => fmtDate(f.date) },
    { key: 'sev', label: t('tr.severity'), value: (f) => f.severity, render: (f) => <Badge kind={f.severity}>{term('severity', f.severity)}</Badge> },
    { key: 'code', label: t('tr.code'), value: (f) => server.label('alert', f.code) },
    { key: 'actor', label: t('tr.actor'), value: (f) => f.actor },
    {
      key: 'lot',
      label: t('tr.lotCol'),
      value: (f) => f.lot,
      render: (f) => (f.lot ? <Link to={`/trazabilidad/${encodeURIComponent(f.lot)}`}>{f.lot}</Link> : '—'),
    },
    // the flag's English message is more specific; a Spanish screen shows what the alert means
    { key: 'msg', label: t('tr.message'), value: (f) => (server.lang === 'en' ? f.message : server.label('alertInfo', f.code)) },
    { key: 'ev', label: t('tr.evidence'), value: (f) => f.eventIds.join(' ') },
  ];
  return <DataTable columns={columns} rows={flags} csvName={csv} pageSize={25} />;
}

function ChainGraph({ passport }: { passport: Passport }) {
  const t = useT(m);
  type Step = Passport['chain'][number];
  const option = useMemo(() => {
    const nodes = new Map<string, { name: string; category: number }>();
    const node = (label: string, kind: string): string => {
      if (!nodes.has(label)) nodes.set(label, { name: label, category: ['producer', 'miner'].includes(kind) ? 0 : kind === 'trader' ? 1 : 2 });
      return label;
    };
    const links = passport.chain
      .filter((c) => c.from && c.to)
      .map((c) => ({
        source: node(c.from!.label, c.from!.kind),
        target: node(c.to!.label, c.to!.kind),
        label: { show: true, formatter: `${fmtDate(c.date)}${c.fineGrams !== null ? ` · ${fmtGrams(c.fineGrams)}` : ''}` },
      }));
    return {
      tooltip: {},
      series: [
        {
          type: 'graph',
          layout: 'force',
          force: { repulsion: 900, edgeLength: [140, 220], gravity: 0.05 },
          roam: true,
          symbolSize: 22,
          edgeSymbol: ['none', 'arrow'],
          label: { show: true, position: 'right' },
          categories: [{ name: 'productor' }, { name: 'comercializador' }, { name: 'planta / refinería / exportador' }],
          data: [...nodes.values()],
          links,
        },
      ],
    };
  }, [passport]);
  const columns: Column<Step>[] = [
    { key: 'date', label: t('tr.date'), value: (c) => c.date, render: (c) => fmtDate(c.date) },
    { key: 'type', label: t('tr.type'), value: (c) => c.type },
    { key: 'from', label: t('tr.from'), value: (c) => c.from?.label ?? null },
    { key: 'to', label: t('tr.to'), value: (c) => c.to?.label ?? c.country ?? null },
    { key: 'g', label: t('tr.fine'), value: (c) => c.fineGrams, format: fmtGrams, numeric: true },
  ];
  return (
    <ChartCard
      title={t('tr.chain')}
      option={option}
      register={registerGraph}
      columns={columns}
      rows={passport.chain}
      csvName={`cadena-${passport.lot}`}
      height={360}
    />
  );
}

function LotView({ lot }: { lot: string }) {
  const t = useT(m);
  const tc = useT(common);
  const trace = useApi<Trace>(`/api/ledger/lots/${encodeURIComponent(lot)}/trace`);
  const passport = useApi<Passport>(`/api/public/lots/${encodeURIComponent(lot)}`);
  const shares = useMemo(
    () => new Map((passport.data?.regions ?? []).filter((r) => r.departmentCode).map((r) => [r.departmentCode!, r.share])),
    [passport.data],
  );
  if (trace.error?.status === 404) return <p className="state">{t('tr.notFound', { lot })}</p>;
  type Origin = Trace['origins'][number];
  const byDept = new Map((passport.data?.origins ?? []).map((o) => [o.site, o]));
  const columns: Column<Origin>[] = [
    { key: 'site', label: t('tr.site'), value: (o) => o.site },
    { key: 'dept', label: t('tr.region'), value: (o) => byDept.get(o.site)?.departmentName ?? null },
    { key: 'share', label: t('tr.share'), value: (o) => o.share * 100, format: (v) => fmtPct(v), numeric: true },
    { key: 'g', label: t('tr.fine'), value: (o) => o.fineGrams, format: fmtGrams, numeric: true },
  ];
  return (
    <Async state={trace}>
      {(tr) => (
        <>
          <h2>{t('tr.origin')}</h2>
          <Facts
            items={[
              [t('tr.fine'), fmtGrams(tr.fineGrams)],
              [t('tr.certified'), tr.certified ? tc('common.yes') : tc('common.no')],
              [t('tr.unknownLabel'), fmtPct(tr.unknownShare * 100)],
              [t('tr.flags'), String(tr.flags.length)],
            ]}
          />
          <div className="grid grid-2">
            <section className="card">
              <h3>{t('tr.originMap')}</h3>
              <LazyMap label={t('tr.originMap')} shares={shares} />
            </section>
            <section className="card">
              <h3>{t('tr.origin')}</h3>
              <DataTable columns={columns} rows={tr.origins} csvName={`origen-${lot}`} />
            </section>
            {passport.data && (
              <div className="grid-wide">
                <ChainGraph passport={passport.data} />
              </div>
            )}
          </div>
          <h2>{t('tr.flagsLot')}</h2>
          <FlagsTable flags={tr.flags} csv={`alertas-${lot}`} />
        </>
      )}
    </Async>
  );
}

export function TraceabilityPage({ lot, query }: { lot: string | undefined; query: URLSearchParams }) {
  const t = useT(m);
  const tc = useT(common);
  const [text, setText] = useState(lot ?? '');
  const today = peruToday();
  const from = query.get('from') ?? `${Number(today.slice(0, 4)) - 1}-01-01`;
  const to = query.get('to') ?? today;
  const [period, setPeriod] = useState({ from, to });
  const flags = useApi<FlagsResult>(`/api/ledger/flags${qs({ from, to })}`);
  const national = useApi<NationalProduction>('/api/ledger/national');
  const dept = useDepartmentName();
  type Row = NationalProduction['rows'][number];
  const natColumns: Column<Row>[] = [
    { key: 'y', label: t('tr.year'), value: (r) => r.year },
    { key: 'r', label: t('tr.region'), value: (r) => dept(r.region) },
    { key: 'p', label: t('tr.produced'), value: (r) => r.producedFineGrams, format: fmtGrams, numeric: true },
    { key: 'e', label: t('tr.exported'), value: (r) => r.exportedFineGrams, format: fmtGrams, numeric: true },
  ];
  const go = (e: FormEvent): void => {
    e.preventDefault();
    if (text.trim()) navigate(`/trazabilidad/${encodeURIComponent(text.trim())}`);
  };
  return (
    <>
      <PageHeader title={t('tr.title')} subtitle={t('tr.subtitle')} />
      <form className="inline-form" onSubmit={go}>
        <div className="field">
          <label htmlFor="tr-lot">{t('tr.lot')}</label>
          <input id="tr-lot" required value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{t('tr.trace')}</button>
      </form>
      {lot && <LotView key={lot} lot={lot} />}
      <h2>{t('tr.flagsPeriod')}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`${window.location.pathname}${qs(period)}`);
        }}
      >
        <div className="field">
          <label htmlFor="tr-from">{tc('common.from')}</label>
          <input id="tr-from" type="date" value={period.from} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </div>
        <div className="field">
          <label htmlFor="tr-to">{tc('common.to')}</label>
          <input id="tr-to" type="date" value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </div>
        <button type="submit">{tc('common.apply')}</button>
      </form>
      <Async state={flags}>{(f) => <FlagsTable flags={f.flags} csv={`alertas-${from}-${to}`} />}</Async>
      <h2>{t('tr.national')}</h2>
      <Async state={national}>{(n) => <DataTable columns={natColumns} rows={n.rows} csvName="produccion-exportaciones" />}</Async>
    </>
  );
}
