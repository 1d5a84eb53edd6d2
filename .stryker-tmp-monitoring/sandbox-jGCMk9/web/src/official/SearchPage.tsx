// @ts-nocheck
import { useState, type FormEvent } from 'react';
import { qs, useApi } from '../api/client.ts';
import type { SearchHit } from '../api/types.ts';
import { Link, setQuery } from '../app/router.tsx';
import { common } from '../i18n/common.ts';
import { useT } from '../i18n/i18n.tsx';
import { Badge, PageHeader } from '../ui/bits.tsx';
import { Async } from '../ui/states.tsx';
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

export function SearchPage({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const tc = useT(common);
  const q = (query.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  const hits = useApi<SearchHit[]>(q.length >= 2 ? `/api/registry/search${qs({ q, limit: 50 })}` : null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setQuery({ q: text.trim() }, { replace: false });
  };
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
        <Async state={hits}>
          {(list) => (
            <>
              <p role="status">{t('s.results', { n: list.length })}</p>
              <ul className="hits">
                {list.map((h) => (
                  <li key={`${h.kind}-${h.id}`}>
                    <Badge kind="not_started">{t(`s.kind.${h.kind}`)}</Badge> <Link to={hitHref(h)}>{h.label}</Link> <span className="note">{h.detail}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Async>
      )}
    </>
  );
}
