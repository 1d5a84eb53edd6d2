import { useState, type FormEvent } from 'react';
import { useApi } from '../api/client.ts';
import type { Department, ExpedienteListItem } from '../api/types.ts';
import { Link, setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { common } from '../i18n/common.ts';
import { fmtDate } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader, StageBadge, useTerm } from '../ui/bits.tsx';
import { listMessages } from '../ui/list-messages.ts';
import { ListTable, type ListColumn } from '../ui/ListTable.tsx';
import { m } from './messages.ts';

const STAGES = ['in_progress', 'technical_file', 'start_authorization', 'formalized', 'suspended', 'excluded'] as const;
const PAGE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function ExpedienteList({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const tc = useT(common);
  const tl = useT(listMessages);
  const term = useTerm();
  const { me } = useSession();
  const stage = query.get('stage') ?? '';
  const region = me?.role === 'regional' ? '' : (query.get('region') ?? '');
  const ruc = /^\d{11}$/.test(query.get('ruc') ?? '') ? query.get('ruc')! : '';
  const q = (query.get('q') ?? '').trim();
  const from = DATE.test(query.get('from') ?? '') ? query.get('from')! : '';
  const to = DATE.test(query.get('to') ?? '') ? query.get('to')! : '';
  const [text, setText] = useState(q);
  const departments = useApi<Department[]>(me?.role === 'regional' ? null : '/api/public/territory/departments');
  const columns: ListColumn<ExpedienteListItem>[] = [
    {
      key: 'id',
      sort: 'id',
      numeric: true,
      label: t('p.expediente'),
      value: (r) => r.id,
      render: (r) => <Link to={`/expedientes/${r.id}`}>{`#${r.id}`}</Link>,
    },
    { key: 'decl', sort: 'declarant', label: t('l.declarant'), value: (r) => r.declarantName },
    { key: 'ruc', sort: 'ruc', label: 'RUC', value: (r) => r.ruc },
    { key: 'right', sort: 'right', label: t('l.right'), value: (r) => r.miningRightCode },
    { key: 'dept', sort: 'department', label: t('rd.region'), value: (r) => r.departmentName },
    { key: 'stage', sort: 'stage', label: t('l.stage'), value: (r) => term('stage', r.stage), render: (r) => <StageBadge stage={r.stage} /> },
    { key: 'opened', sort: 'opened', numeric: true, label: t('l.opened'), value: (r) => r.openedAt, render: (r) => fmtDate(r.openedAt) },
    { key: 'last', sort: 'last', numeric: true, label: t('l.last'), value: (r) => r.lastActionAt, render: (r) => fmtDate(r.lastActionAt) },
  ];
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setQuery({ q: text.trim().length >= 2 ? text.trim() : null });
  };
  const filters = (
    <>
      <form className="inline-form" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="l-q">{tl('col.q')}</label>
          <input id="l-q" type="search" value={text} maxLength={100} size={28} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{tc('common.search')}</button>
      </form>
      <div className="field">
        <label htmlFor="l-stage">{t('l.stage')}</label>
        <select id="l-stage" value={stage} onChange={(e) => setQuery({ stage: e.target.value })}>
          <option value="">{t('l.any')}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {term('stage', s)}
            </option>
          ))}
        </select>
      </div>
      {me?.role !== 'regional' && (
        <div className="field">
          <label htmlFor="l-region">{t('rd.region')}</label>
          <select id="l-region" value={region} onChange={(e) => setQuery({ region: e.target.value })}>
            <option value="">{t('l.any')}</option>
            {(departments.data ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="l-from">
          {t('l.opened')}: {tl('list.from')}
        </label>
        <input id="l-from" type="date" value={from} onChange={(e) => setQuery({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="l-to">{tl('list.to')}</label>
        <input id="l-to" type="date" value={to} onChange={(e) => setQuery({ to: e.target.value })} />
      </div>
      {ruc && (
        <p className="field">
          {t('l.ruc', { ruc })}{' '}
          <button type="button" className="secondary" onClick={() => setQuery({ ruc: null })}>
            {t('l.clearRuc')}
          </button>
        </p>
      )}
    </>
  );
  return (
    <>
      <PageHeader title={t('l.title')} />
      <ListTable
        testId="expediente-list"
        path="/api/formalization/expedientes"
        params={{ stage, region, ruc, q, from, to }}
        columns={columns}
        rowKey={(r) => String(r.id)}
        sort="last"
        dir="desc"
        pageSize={PAGE}
        exportName="expedientes"
        filters={filters}
      />
    </>
  );
}
