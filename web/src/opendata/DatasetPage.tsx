import { lazy, Suspense, useMemo } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import { qs, useApi } from '../api/client.ts';
import type { Department } from '../api/types.ts';
import { Link, setQuery } from '../app/router.tsx';
import { fmtDate, fmtDateTime } from '../i18n/format.ts';
import { useLang, useT } from '../i18n/i18n.tsx';
import { Facts, PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { filterQuery } from './filters.ts';
import { m } from './messages.ts';
import type { DatasetEntry, DatasetField, DatasetRow } from './types.ts';

const MiniMap = lazy(() => import('../map/MiniMap.tsx'));
const PREVIEW_ROWS = 20;
const MAP_FEATURES = 500;
const FORMAT_LABEL: Record<string, string> = { csv: 'CSV', xlsx: 'Excel (XLSX)', json: 'JSON', geojson: 'GeoJSON', 'shp.zip': 'Shapefile (ZIP)' };

export function DatasetPage({ id, query }: { id: string; query: URLSearchParams }) {
  const entry = useApi<DatasetEntry>(`/api/public/datasets/${encodeURIComponent(id)}`);
  return <Async state={entry}>{(d) => <Dataset d={d} query={query} />}</Async>;
}

function Dataset({ d, query }: { d: DatasetEntry; query: URLSearchParams }) {
  const t = useT(m);
  const { lang } = useLang();
  const departments = useApi<Department[]>('/api/public/territory/departments');
  const wanted = filterQuery(query);
  // Only the filters the dataset honours go into its addresses.
  const filters = {
    region: d.filters.includes('region') ? wanted.region : undefined,
    year: d.filters.includes('year') ? wanted.year : undefined,
  };
  const suffix = qs(filters);
  const preview = useApi<DatasetRow[]>(`/api/public/datasets/${d.id}.json${qs({ ...filters, limit: PREVIEW_ROWS })}`);
  const map = useApi<FeatureCollection>(d.spatial ? `/api/public/datasets/${d.id}.geojson${qs({ ...filters, limit: MAP_FEATURES })}` : null);
  const columns: Column<DatasetRow>[] = d.fields.map((f) => ({
    key: f.name,
    label: f.name,
    value: (r) => (typeof r[f.name] === 'boolean' ? String(r[f.name]) : (r[f.name] as string | number | null)),
    numeric: f.type === 'integer' || f.type === 'number',
  }));
  const dictionary: Column<DatasetField>[] = [
    { key: 'name', label: t('od.field'), value: (f) => f.name, render: (f) => <code>{f.name}</code> },
    { key: 'type', label: t('od.type'), value: (f) => f.type },
    { key: 'unit', label: t('od.unit'), value: (f) => f.unit ?? '' },
    { key: 'meaning', label: t('od.meaning'), value: (f) => `${f.description[lang]}${f.nullable ? ` (${t('od.nullable')})` : ''}` },
    { key: 'allowed', label: t('od.allowed'), value: (f) => (f.allowedValues ?? []).join(', ') },
  ];
  const apiUrl = `${window.location.origin}/api/public/datasets/${d.id}.csv${suffix}`;
  const snapshot = d.latestSnapshot;
  return (
    <>
      <p>
        <Link to={`/datos${qs(wanted)}`}>← {t('od.back')}</Link>
      </p>
      <PageHeader title={d.title[lang]} subtitle={d.description[lang]} />
      <Facts
        items={[
          [t('od.theme'), t(`od.theme.${d.theme}`)],
          [t('od.publisher'), d.publisher.name],
          [t('od.license'), <a href={d.license.url}>{d.license.title}</a>],
          [t('od.frequency'), t(`od.freq.${d.frequency}`)],
          [t('od.modified'), d.modified ? fmtDateTime(d.modified) : '—'],
          [t('od.coverage'), d.temporal?.start ? `${fmtDate(d.temporal.start)} – ${fmtDate(d.temporal.end)}` : '—'],
          [t('od.snapshot'), snapshot ? t('od.snapshotRows', { date: fmtDate(snapshot.date), n: snapshot.rows }) : t('od.noSnapshot')],
          [t('od.contact'), <a href={`mailto:${d.contact.email}`}>{d.contact.name}</a>],
        ]}
      />
      <form className="inline-form" aria-label={t('od.download')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="od-ds-region">{t('od.region')}</label>
          <select
            id="od-ds-region"
            value={filters.region ?? ''}
            disabled={!d.filters.includes('region')}
            onChange={(e) => setQuery({ region: e.target.value })}
          >
            <option value="">{t('od.allRegions')}</option>
            {(departments.data ?? []).map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="od-ds-year">{t('od.year')}</label>
          <input
            id="od-ds-year"
            type="number"
            min={1990}
            max={2100}
            value={filters.year ?? ''}
            disabled={!d.filters.includes('year')}
            onChange={(e) => setQuery({ year: e.target.value })}
          />
        </div>
      </form>
      {!d.filters.includes('region') && wanted.region && <p className="hint">{t('od.filterNote')}</p>}
      {!d.filters.includes('year') && wanted.year && <p className="hint">{t('od.yearNote')}</p>}
      <section aria-labelledby="od-downloads">
        <h2 id="od-downloads">{t('od.download')}</h2>
        <p className="downloads">
          {d.distributions.map((x) => (
            <a
              key={x.format}
              className="button"
              href={`${new URL(x.url).pathname}${suffix}`}
              download
              aria-label={t('od.downloadAs', { title: d.title[lang], format: FORMAT_LABEL[x.format] ?? x.format })}
            >
              {FORMAT_LABEL[x.format] ?? x.format}
            </a>
          ))}
        </p>
        {d.alternates.length > 0 && (
          <p className="downloads">
            {t('od.alternate')}{' '}
            {d.alternates.map((x) => (
              <a key={x.url} className="button" href={new URL(x.url).pathname} download>
                {x.title[lang]}
              </a>
            ))}
          </p>
        )}
        <h3>{t('od.api')}</h3>
        <pre className="api-call">
          <code>curl -O &apos;{apiUrl}&apos;</code>
        </pre>
        <p className="hint">
          {t('od.apiNote')} <a href="/api/public/catalog.jsonld">catalog.jsonld</a> · <a href={`/api/3/action/package_show?id=${d.id}`}>package_show</a>
        </p>
      </section>
      {d.spatial && (
        <section aria-labelledby="od-map">
          <h2 id="od-map">{t('od.map', { n: MAP_FEATURES })}</h2>
          <Async state={map}>{(fc) => <FeatureMap fc={fc} label={d.title[lang]} />}</Async>
        </section>
      )}
      <section aria-labelledby="od-preview">
        <h2 id="od-preview">{t('od.preview', { n: PREVIEW_ROWS })}</h2>
        <Async state={preview}>{(rows) => <DataTable columns={columns} rows={rows} pageSize={PREVIEW_ROWS} rowKey={(_r, i) => String(i)} />}</Async>
      </section>
      <section aria-labelledby="od-dictionary">
        <h2 id="od-dictionary">{t('od.dictionary')}</h2>
        <DataTable columns={dictionary} rows={d.fields} pageSize={100} rowKey={(f) => f.name} csvName={`${d.id}-diccionario`} />
      </section>
    </>
  );
}

function FeatureMap({ fc, label }: { fc: FeatureCollection; label: string }) {
  const { points, geometry } = useMemo(() => {
    const pts: { lat: number; lon: number; label: string }[] = [];
    const shapes: Geometry[] = [];
    for (const f of fc.features) {
      if (f.geometry?.type === 'Point')
        pts.push({ lon: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]!, label: String(Object.values(f.properties ?? {})[0] ?? '') });
      else if (f.geometry) shapes.push(f.geometry);
    }
    return { points: pts, geometry: shapes.length > 0 ? ({ type: 'GeometryCollection', geometries: shapes } as Geometry) : null };
  }, [fc]);
  return (
    <Suspense fallback={<div className="map map-small" />}>
      <MiniMap label={label} points={points} geometry={geometry} />
    </Suspense>
  );
}
