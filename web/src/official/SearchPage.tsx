import { useState, type FormEvent } from 'react';
import { useApi } from '../api/client.ts';
import type { Department, SearchHit } from '../api/types.ts';
import { Link, setQuery } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { common } from '../i18n/common.ts';
import { fmtInt, fmtNum } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { Badge, PageHeader } from '../ui/bits.tsx';
import { listMessages } from '../ui/list-messages.ts';
import { ListTable, type ListColumn } from '../ui/ListTable.tsx';
import { m } from './messages.ts';

/** Where a search hit opens. */
export function hitHref(h: SearchHit): string {
  switch (h.kind) {
    case 'person':
      return `/personas/${h.id}`;
    case 'organization':
      return `/organizaciones/${h.id}`;
    case 'inscription':
      return `/inscripciones/${h.id}`;
    case 'mining_right': {
      const code = /(\S+)\s*$/.exec(h.detail)?.[1] ?? String(h.id);
      return `/derechos/${encodeURIComponent(code)}`;
    }
  }
}

const KINDS = ['person', 'organization', 'mining_right', 'inscription'] as const;

export function SearchPage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const tc = useT(common);
  const tl = useT(listMessages);
  const { me } = useSession();
  const q = (query.get('q') ?? '').trim();
  const kind = query.get('kind') ?? '';
  const department = me?.role === 'regional' ? '' : (query.get('department') ?? '');
  const [text, setText] = useState(q);
  const departments = useApi<Department[]>('/api/public/territory/departments');
  const departmentName = (code: string | null): string | null => (code === null ? null : (departments.data?.find((d) => d.code === code)?.name ?? code));
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setQuery({ q: text.trim() }, { replace: false });
  };
  const columns: ListColumn<SearchHit>[] = [
    {
      key: 'kind',
      label: tl('col.kind'),
      sort: 'kind',
      value: (h) => t(`s.kind.${h.kind}`),
      render: (h) => <Badge kind="not_started">{t(`s.kind.${h.kind}`)}</Badge>,
    },
    { key: 'name', label: tl('col.name'), sort: 'name', value: (h) => h.label, render: (h) => <Link to={hitHref(h)}>{h.label}</Link> },
    { key: 'detail', label: tl('col.detail'), value: (h) => h.detail },
    { key: 'department', label: tl('col.region'), sort: 'department', value: (h) => departmentName(h.departmentCode) },
    { key: 'score', label: tl('col.relevance'), sort: 'relevance', value: (h) => h.score, format: (v) => fmtNum(v, 2), numeric: true },
  ];
  const filters = (
    <>
      <div className="field">
        <label htmlFor="s-kind">{tl('col.kind')}</label>
        <select id="s-kind" value={kind} onChange={(e) => setQuery({ kind: e.target.value })}>
          <option value="">{tl('list.any')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`s.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {me?.role !== 'regional' && (
        <div className="field">
          <label htmlFor="s-dept">{tl('col.region')}</label>
          <select id="s-dept" value={department} onChange={(e) => setQuery({ department: e.target.value })}>
            <option value="">{tl('list.any')}</option>
            {(departments.data ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
  return (
    <>
      <PageHeader title={t('s.title')} subtitle={t('s.subtitle')} />
      <form className="inline-form" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="s-q">{t('s.q')}</label>
          <input id="s-q" type="search" value={text} minLength={2} maxLength={100} size={40} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{tc('common.search')}</button>
      </form>
      {q.length >= 2 && (
        <ListTable
          testId="search-results"
          path="/api/registry/search"
          params={{ q, kind, department }}
          columns={columns}
          rowKey={(h) => `${h.kind}-${h.id}`}
          sort="relevance"
          dir="desc"
          pageSize={50}
          exportName="busqueda"
          filters={filters}
          countText={(n) => t('s.results', { n: fmtInt(n) })}
        />
      )}
    </>
  );
}
