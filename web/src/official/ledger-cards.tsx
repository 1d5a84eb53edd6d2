/** An actor's gold: production and trade, certifications, premium, lots. */
import { qs, useApi } from '../api/client.ts';
import { ACTOR_LOTS, type ActorLots } from '../api/proposed.ts';
import type { Balance, Certificate, Premium } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { fmtDate, fmtGrams, fmtInt, fmtUsd, peruToday } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async, CardAsync } from '../ui/states.tsx';
import { m } from './messages.ts';

function useYearBalance(ruc: string, year: number) {
  const today = peruToday();
  const to = `${year}-12-31` < today ? `${year}-12-31` : today;
  return useApi<Balance>(`/api/ledger/balance${qs({ actor: ruc, from: `${year}-01-01`, to })}`);
}

export function ProductionCard({ ruc }: { ruc: string }) {
  const t = useT(m);
  const year = Number(peruToday().slice(0, 4));
  const current = useYearBalance(ruc, year);
  const previous = useYearBalance(ruc, year - 1);
  const rows = [previous.data, current.data].filter((b): b is Balance => !!b);
  const columns: Column<Balance>[] = [
    { key: 'p', label: t('o.period'), value: (b) => `${b.from} – ${b.to}`, render: (b) => `${fmtDate(b.from)} – ${fmtDate(b.to)}` },
    { key: 'prod', label: t('o.produced'), value: (b) => b.producedFineGrams, format: fmtGrams, numeric: true },
    { key: 'bought', label: t('o.bought'), value: (b) => b.boughtFineGrams, format: fmtGrams, numeric: true },
    { key: 'sold', label: t('o.sold'), value: (b) => b.soldFineGrams, format: fmtGrams, numeric: true },
    { key: 'close', label: t('o.closing'), value: (b) => b.closingFineGrams, format: fmtGrams, numeric: true },
    { key: 'flags', label: t('o.flags'), value: (b) => b.flags.length, format: fmtInt, numeric: true },
  ];
  return (
    <section className="card">
      <h3>{t('o.production')}</h3>
      <Async state={current}>{() => <DataTable columns={columns} rows={rows} csvName={`produccion-${ruc}`} />}</Async>
    </section>
  );
}

export function CertificationsCard({ ruc }: { ruc: string }) {
  const t = useT(m);
  const certs = useApi<Certificate[]>(`/api/ledger/certificates${qs({ organization: ruc })}`);
  const columns: Column<Certificate>[] = [
    { key: 'scheme', label: t('o.scheme'), value: (c) => c.scheme },
    { key: 'from', label: t('o.validFrom'), value: (c) => c.from, render: (c) => fmtDate(c.from) },
    { key: 'to', label: t('o.validTo'), value: (c) => c.to, render: (c) => fmtDate(c.to) },
    { key: 'sites', label: t('o.sites'), value: (c) => (c.sites ?? []).join(', ') },
  ];
  return (
    <section className="card">
      <h3>{t('o.certifications')}</h3>
      <Async state={certs}>{(list) => <DataTable columns={columns} rows={list} />}</Async>
    </section>
  );
}

export function PremiumCard({ ruc }: { ruc: string }) {
  const t = useT(m);
  const premium = useApi<Premium>(`/api/ledger/premium${qs({ organization: ruc })}`);
  type Row = Premium['organizations'][number];
  const columns: Column<Row>[] = [
    { key: 'acc', label: t('o.accrued'), value: (r) => r.accruedUsd, format: fmtUsd, numeric: true },
    { key: 'inv', label: t('o.invested'), value: (r) => r.investedUsd, format: fmtUsd, numeric: true },
    { key: 'av', label: t('o.available'), value: (r) => r.availableUsd, format: fmtUsd, numeric: true },
  ];
  return (
    <section className="card">
      <h3>{t('o.premium')}</h3>
      <Async state={premium}>{(p) => <DataTable columns={columns} rows={p.organizations} />}</Async>
    </section>
  );
}

export function LotsCard({ ruc }: { ruc: string }) {
  const t = useT(m);
  const lots = useApi<ActorLots>(`${ACTOR_LOTS}${qs({ actor: ruc })}`);
  type Row = ActorLots['lots'][number];
  const columns: Column<Row>[] = [
    { key: 'lot', label: t('o.lots'), value: (r) => r.lot, render: (r) => <Link to={`/trazabilidad/${encodeURIComponent(r.lot)}`}>{r.lot}</Link> },
    { key: 'mat', label: 'Material', value: (r) => r.material },
    { key: 'g', label: t('o.produced'), value: (r) => r.fineGrams, format: fmtGrams, numeric: true },
    { key: 'd', label: t('o.period'), value: (r) => r.date, render: (r) => fmtDate(r.date) },
  ];
  return (
    <CardAsync title={t('o.lots')} state={lots} optional={ACTOR_LOTS}>
      {(l) => (
        <section className="card">
          <h3>{t('o.lots')}</h3>
          <DataTable columns={columns} rows={l.lots} csvName={`lotes-${ruc}`} />
        </section>
      )}
    </CardAsync>
  );
}
