// @ts-nocheck
import { useState, type FormEvent } from 'react';
import { qs, useApi } from '../api/client.ts';
import type { PublicInscription } from '../api/types.ts';
import { setQuery } from '../app/router.tsx';
import { common } from '../i18n/common.ts';
import { fmtDate } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader, StatusBadge, useTerm } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { m } from './messages.ts';

export function RegistrySearch({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const tc = useT(common);
  const term = useTerm();
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  const results = useApi<PublicInscription[]>(q.trim().length >= 2 ? `/api/public/registry/search${qs({ q: q.trim(), limit: 100 })}` : null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setQuery({ q: text.trim() }, { replace: false });
  };
  const columns: Column<PublicInscription>[] = [
    { key: 'declarant', label: t('reg.declarant'), value: (r) => r.declarantName },
    { key: 'type', label: t('reg.kind'), value: (r) => t(r.declarantType === 'person' ? 'reg.type.person' : 'reg.type.organization') },
    { key: 'ruc', label: t('reg.ruc'), value: (r) => r.ruc },
    { key: 'code', label: t('reg.code'), value: (r) => r.miningRightCode },
    { key: 'right', label: t('reg.right'), value: (r) => r.miningRightName },
    { key: 'activity', label: t('reg.activity'), value: (r) => term('activity', r.activity) },
    { key: 'department', label: t('reg.department'), value: (r) => r.departmentName },
    { key: 'date', label: t('reg.date'), value: (r) => r.inscriptionDate, render: (r) => fmtDate(r.inscriptionDate) },
    { key: 'status', label: t('reg.status'), value: (r) => r.status, render: (r) => <StatusBadge status={r.status} /> },
    { key: 'since', label: t('reg.since'), value: (r) => r.statusSince, render: (r) => fmtDate(r.statusSince) },
  ];
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
      {q.trim().length >= 2 && (
        <Async state={results}>
          {(rows) => (
            <>
              <p role="status">{t('reg.results', { n: rows.length })}</p>
              <DataTable columns={columns} rows={rows} csvName="registro-publico" rowKey={(r) => String(r.id)} />
            </>
          )}
        </Async>
      )}
    </>
  );
}
