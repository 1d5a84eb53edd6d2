import { useState, type FormEvent } from 'react';
import { useApi } from '../api/client.ts';
import type { Department, PublicInscription } from '../api/types.ts';
import { setQuery } from '../app/router.tsx';
import { common } from '../i18n/common.ts';
import { fmtDate, fmtInt } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader, StatusBadge, useTerm } from '../ui/bits.tsx';
import { listMessages } from '../ui/list-messages.ts';
import { ListTable, type ListColumn } from '../ui/ListTable.tsx';
import { m } from './messages.ts';

const STATUSES = ['vigente', 'suspendido', 'excluido'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `/registro`: the whole public registry, filtered, sorted by any column (Spanish order), paged by keyset, exported. */
export function RegistrySearch({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const tc = useT(common);
  const tl = useT(listMessages);
  const term = useTerm();
  const q = (query.get('q') ?? '').trim();
  const status = query.get('status') ?? '';
  const department = query.get('department') ?? '';
  const from = DATE.test(query.get('from') ?? '') ? query.get('from')! : '';
  const to = DATE.test(query.get('to') ?? '') ? query.get('to')! : '';
  const [text, setText] = useState(q);
  const departments = useApi<Department[]>('/api/public/territory/departments');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setQuery({ q: text.trim() }, { replace: false });
  };
  const columns: ListColumn<PublicInscription>[] = [
    { key: 'declarant', sort: 'declarant', label: t('reg.declarant'), value: (r) => r.declarantName },
    { key: 'type', label: t('reg.kind'), value: (r) => t(r.declarantType === 'person' ? 'reg.type.person' : 'reg.type.organization') },
    { key: 'ruc', sort: 'ruc', label: t('reg.ruc'), value: (r) => r.ruc },
    { key: 'code', sort: 'code', label: t('reg.code'), value: (r) => r.miningRightCode },
    { key: 'right', sort: 'right', label: t('reg.right'), value: (r) => r.miningRightName },
    { key: 'activity', sort: 'activity', label: t('reg.activity'), value: (r) => term('activity', r.activity) },
    { key: 'department', sort: 'department', label: t('reg.department'), value: (r) => r.departmentName },
    { key: 'date', sort: 'date', label: t('reg.date'), value: (r) => r.inscriptionDate, render: (r) => fmtDate(r.inscriptionDate) },
    { key: 'status', sort: 'status', label: t('reg.status'), value: (r) => r.status, render: (r) => <StatusBadge status={r.status} /> },
    { key: 'since', sort: 'since', label: t('reg.since'), value: (r) => r.statusSince, render: (r) => fmtDate(r.statusSince) },
  ];
  const filters = (
    <>
      <div className="field">
        <label htmlFor="reg-status">{tl('col.status')}</label>
        <select id="reg-status" value={status} onChange={(e) => setQuery({ status: e.target.value })}>
          <option value="">{tl('list.any')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {term('status', s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reg-dept">{t('reg.department')}</label>
        <select id="reg-dept" value={department} onChange={(e) => setQuery({ department: e.target.value })}>
          <option value="">{tl('list.any')}</option>
          {(departments.data ?? []).map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reg-from">
          {t('reg.date')}: {tl('list.from')}
        </label>
        <input id="reg-from" type="date" value={from} onChange={(e) => setQuery({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="reg-to">{tl('list.to')}</label>
        <input id="reg-to" type="date" value={to} onChange={(e) => setQuery({ to: e.target.value })} />
      </div>
    </>
  );
  return (
    <>
      <PageHeader title={t('reg.title')} subtitle={t('reg.subtitle')} />
      <form className="inline-form" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="reg-q">
            {t('reg.q')} <span className="hint">({t('reg.hint')})</span>
          </label>
          <input id="reg-q" type="search" value={text} minLength={2} maxLength={100} size={40} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{tc('common.search')}</button>
      </form>
      <ListTable
        testId="registry-list"
        path="/api/public/registry/inscriptions"
        params={{ q: q.length >= 2 ? q : '', status, department, from, to }}
        columns={columns}
        rowKey={(r) => String(r.id)}
        sort="declarant"
        dir="asc"
        pageSize={100}
        exportName="registro-publico"
        filters={filters}
        countText={(n) => t('reg.results', { n: fmtInt(n) })}
      />
    </>
  );
}
