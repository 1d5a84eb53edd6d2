// @ts-nocheck
import { useState, type FormEvent } from 'react';
import { qs, useApi } from '../api/client.ts';
import type { Department } from '../api/types.ts';
import type { PageProps } from '../app/routes.ts';
import { Link, setQuery } from '../app/router.tsx';
import { common } from '../i18n/common.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { Async } from '../ui/states.tsx';
import { DatasetPage } from './DatasetPage.tsx';
import { filterQuery } from './filters.ts';
import { m } from './messages.ts';
import type { DatasetEntry } from './types.ts';

const THEMES = ['registry', 'formalization', 'traceability', 'monitoring', 'territory', 'services', 'cooperation', 'surveys'] as const;

/** `/datos`: the open data catalog; `/datos/:id`: one dataset. Public, no login. */
export default function OpendataArea({ params, query }: PageProps) {
  const id = params['id'];
  return id ? <DatasetPage key={id} id={id} query={query} /> : <Catalog query={query} />;
}

function Catalog({ query }: { query: URLSearchParams }) {
  const t = useT(m);
  const tc = useT(common);
  const { lang } = useLang();
  const q = query.get('q') ?? '';
  const theme = query.get('theme') ?? '';
  const region = query.get('region') ?? '';
  const [text, setText] = useState(q);
  const datasets = useApi<DatasetEntry[]>(`/api/public/datasets${qs({ q: q.trim(), theme })}`);
  const departments = useApi<Department[]>('/api/public/territory/departments');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setQuery({ q: text.trim() }, { replace: false });
  };
  return (
    <>
      <PageHeader title={t('od.title')} subtitle={t('od.subtitle')} />
      <form className="inline-form" role="search" onSubmit={submit}>
        <div className="field">
          <label htmlFor="od-q">{t('od.search')}</label>
          <input id="od-q" type="search" value={text} maxLength={200} size={32} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{tc('common.search')}</button>
        <div className="field">
          <label htmlFor="od-theme">{t('od.theme')}</label>
          <select id="od-theme" value={theme} onChange={(e) => setQuery({ theme: e.target.value })}>
            <option value="">{t('od.allThemes')}</option>
            {THEMES.map((th) => (
              <option key={th} value={th}>
                {t(`od.theme.${th}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="od-region">{t('od.region')}</label>
          <select id="od-region" value={region} onChange={(e) => setQuery({ region: e.target.value })}>
            <option value="">{t('od.allRegions')}</option>
            {(departments.data ?? []).map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      <Async state={datasets}>
        {(list) => {
          // A region chosen: the datasets that can be cut by region (and, once published, cover it).
          const shown = region ? list.filter((d) => d.filters.includes('region') && (d.regions === null || d.regions.includes(region))) : list;
          return (
            <>
              <p role="status">{t('od.results', { n: shown.length })}</p>
              {shown.length === 0 && <p>{t('od.none')}</p>}
              <ul className="grid dataset-list" aria-label={t('od.title')}>
                {shown.map((d) => (
                  <li key={d.id} className="card">
                    <h2>
                      <Link to={`/datos/${d.id}${qs(filterQuery(query))}`} aria-label={t('od.open', { title: d.title[lang] })}>
                        {d.title[lang]}
                      </Link>
                    </h2>
                    <p>{d.description[lang]}</p>
                    <p className="hint">
                      {t(`od.theme.${d.theme}`)} · {d.distributions.map((x) => x.format.toUpperCase()).join(' · ')}
                      {d.spatial ? ` · ${t('od.spatial')}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </Async>
    </>
  );
}
