/** An actor's gold: production and trade, certifications, premium, lots. */
import { qs, useApi } from '../api/client.ts';
import type { ActorLots, Balance, Certificate, Premium } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { fmtDate, fmtGrams, fmtInt, fmtUsd, peruToday } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { useState } from 'react';
import { useTerm } from '../ui/bits.tsx';
import { listMessages } from '../ui/list-messages.ts';
import { ListTable, type ListColumn } from '../ui/ListTable.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
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

/** The lots the actor produced, bought, sold, processed or exported: newest first, sortable, filtered, paged, exported. */
export function LotsCard({ ruc }: { ruc: string }) {
  const t = useT(m);
  const tl = useT(listMessages);
  const term = useTerm();
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [code, setCode] = useState('');
  type Row = ActorLots['items'][number];
  const columns: ListColumn<Row>[] = [
    { key: 'lot', sort: 'lot', label: t('o.lot'), value: (r) => r.lot, render: (r) => <Link to={`/trazabilidad/${encodeURIComponent(r.lot)}`}>{r.lot}</Link> },
    { key: 'd', sort: 'last', numeric: true, label: t('o.lastDate'), value: (r) => r.lastDate, render: (r) => fmtDate(r.lastDate) },
    { key: 'roles', label: t('o.lotRoles'), value: (r) => r.roles.map((x) => t(`o.role.${x}`)).join(', ') },
    { key: 'mat', sort: 'material', label: t('o.material'), value: (r) => term('material', r.material) },
    { key: 'g', sort: 'fine', label: t('o.fine'), value: (r) => r.fineGrams, format: fmtGrams, numeric: true },
    { key: 'st', sort: 'status', label: t('o.lotStatus'), value: (r) => (r.status ? t(`o.st.${r.status}`) : '—') },
    {
      key: 'holder',
      sort: 'holder',
      label: t('o.holder'),
      value: (r) => (r.holder ? `${r.holder.name ?? ''} ${r.holder.ruc}`.trim() : t('o.hidden')),
      render: (r) =>
        r.holder ? (
          r.holder.ruc === ruc ? (
            (r.holder.name ?? r.holder.ruc)
          ) : (
            `${r.holder.name ?? ''} (${r.holder.ruc})`.trim()
          )
        ) : (
          <span className="note">{t('o.hidden')}</span>
        ),
    },
    { key: 'flags', label: t('o.flags'), value: (r) => r.flags, format: fmtInt, numeric: true },
  ];
  const filters = (
    <>
      <div className="field">
        <label htmlFor={`lots-role-${ruc}`}>{t('o.lotRoles')}</label>
        <select id={`lots-role-${ruc}`} value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">{tl('list.any')}</option>
          {(['produced', 'bought', 'sold', 'processed', 'output', 'exported'] as const).map((x) => (
            <option key={x} value={x}>
              {t(`o.role.${x}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`lots-status-${ruc}`}>{t('o.lotStatus')}</label>
        <select id={`lots-status-${ruc}`} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{tl('list.any')}</option>
          {(['open', 'depleted', 'consumed', 'exported'] as const).map((x) => (
            <option key={x} value={x}>
              {t(`o.st.${x}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`lots-q-${ruc}`}>{tl('col.lotCode')}</label>
        <input id={`lots-q-${ruc}`} type="search" value={code} maxLength={128} onChange={(e) => setCode(e.target.value)} />
      </div>
    </>
  );
  return (
    <section className="card" data-testid="actor-lots">
      <h3>{t('o.lots')}</h3>
      <ListTable
        path="/api/ledger/lots"
        params={{ actor: ruc, role, status, q: code.trim() }}
        columns={columns}
        rowKey={(r) => r.lot}
        sort="last"
        dir="desc"
        pageSize={50}
        exportName={`lotes-${ruc}`}
        filters={filters}
      />
    </section>
  );
}
