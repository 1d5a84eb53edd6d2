import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection, Geometry, Point } from 'geojson';
import { api, ApiError, useApi } from '../api/client.ts';
import { PUBLIC_FRONTS, PUBLIC_RIGHTS, type RightProps } from '../api/proposed.ts';
import type { PublicStats } from '../api/types.ts';
import { fmtInt, fmtNum, fmtPct } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async, Unavailable } from '../ui/states.tsx';
import { boundaries, createMap, isAlive, L } from './base.ts';
import { choropleth, classBreaks, clusterLayer, CLASS_COLORS, NO_DATA, outlines, type PointProps } from './layers.ts';
import { m } from './messages.ts';

const FIGURES = ['total', 'vigente', 'suspendido', 'excluido', 'pctVigente'] as const;
type Figure = (typeof FIGURES)[number];
type Dept = PublicStats['byDepartment'][number];
type Overlay = 'provinces' | 'districts' | 'fronts' | 'rights';

const figureOf = (d: Dept, f: Figure): number => (f === 'pctVigente' ? (d.total ? (d.vigente / d.total) * 100 : 0) : d[f]);
const fmtFigure = (v: number, f: Figure): string => (f === 'pctVigente' ? fmtPct(v) : fmtInt(v));

function useOutlines(mp: L.Map | undefined, level: 'provinces' | 'districts', enabled: boolean): void {
  useEffect(() => {
    if (!mp || !enabled) return;
    let layer: L.GeoJSON | undefined;
    let cancelled = false;
    void boundaries(level).then((fc) => {
      if (!cancelled && isAlive(mp)) layer = outlines(fc, level === 'provinces' ? '#3d2a15' : '#7d6a55', level === 'provinces' ? 1.2 : 0.5).addTo(mp);
    });
    return () => {
      cancelled = true;
      layer?.remove();
    };
  }, [mp, level, enabled]);
}

export function MapPage() {
  const t = useT(m);
  const stats = useApi<PublicStats>('/api/public/registry/stats');
  const [figure, setFigure] = useState<Figure>('total');
  const [on, setOn] = useState<Record<Overlay, boolean>>({ provinces: false, districts: false, fronts: true, rights: true });
  const [missing, setMissing] = useState<Partial<Record<Overlay, string>>>({});
  const [zoom, setZoom] = useState(5);
  const el = useRef<HTMLDivElement>(null);
  const [mp, setMp] = useState<L.Map | undefined>(undefined);

  useEffect(() => {
    if (!el.current) return;
    const created = createMap(el.current, { label: t('mapLabel') });
    created.on('zoomend', () => setZoom(created.getZoom()));
    setMp(created);
    return () => {
      created.remove();
      setMp(undefined);
    };
    // The map is created once; its label follows the language below.
  }, []);
  useEffect(() => el.current?.setAttribute('aria-label', t('mapLabel')), [t]);

  const values = useMemo(() => new Map((stats.data?.byDepartment ?? []).map((d) => [d.code, figureOf(d, figure)])), [stats.data, figure]);
  const breaks = useMemo(() => classBreaks([...values.values()]), [values]);
  const names = useMemo(() => new Map((stats.data?.byDepartment ?? []).map((d) => [d.code, d.name])), [stats.data]);

  // Shaded departments.
  useEffect(() => {
    if (!mp || !stats.data) return;
    let layer: L.GeoJSON | undefined;
    let cancelled = false;
    void boundaries('departments').then((fc) => {
      if (cancelled || !isAlive(mp)) return;
      layer = choropleth(fc, values, breaks, (code, name) => `${names.get(code) ?? name}: ${values.has(code) ? fmtFigure(values.get(code)!, figure) : t('noData')}`).addTo(mp);
    });
    return () => {
      cancelled = true;
      layer?.remove();
    };
  }, [mp, stats.data, values, breaks, names, figure, t]);

  useOutlines(mp, 'provinces', on.provinces);
  useOutlines(mp, 'districts', on.districts);

  // Mining fronts, clustered.
  useEffect(() => {
    if (!mp || !on.fronts) return;
    let layer: L.LayerGroup | undefined;
    let cancelled = false;
    api<FeatureCollection<Point, PointProps>>(PUBLIC_FRONTS).then(
      (fc) => {
        if (!cancelled && isAlive(mp)) layer = clusterLayer(mp, fc, (n) => t('fronts_n', { n: fmtInt(n) })).addTo(mp);
      },
      (err: unknown) => err instanceof ApiError && setMissing((s) => ({ ...s, fronts: PUBLIC_FRONTS })),
    );
    return () => {
      cancelled = true;
      layer?.remove();
    };
  }, [mp, on.fronts, t]);

  // Mining rights' polygons in view, when zoomed in.
  useEffect(() => {
    if (!mp || !on.rights || missing.rights) return;
    const layer = L.geoJSON(undefined, { style: { color: '#0d47a1', weight: 1, fillOpacity: 0.15 } }).addTo(mp);
    const load = (): void => {
      if (mp.getZoom() < 10) return void layer.clearLayers();
      const b = mp.getBounds();
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(4)).join(',');
      api<FeatureCollection<Geometry, RightProps>>(`${PUBLIC_RIGHTS}?bbox=${bbox}`).then(
        (fc) => {
          layer.clearLayers();
          layer.addData(fc);
          layer.eachLayer((l) => {
            const p = (l as L.GeoJSON & { feature?: { properties: RightProps } }).feature?.properties;
            if (p) l.bindTooltip(`${p.code} · ${p.name}${p.hectares ? ` · ${fmtNum(p.hectares, 2)} ha` : ''}`);
          });
        },
        () => setMissing((s) => ({ ...s, rights: PUBLIC_RIGHTS })),
      );
    };
    mp.on('moveend', load);
    load();
    return () => {
      mp.off('moveend', load);
      layer.remove();
    };
  }, [mp, on.rights, missing.rights]);

  const columns: Column<Dept>[] = [
    { key: 'name', label: t('department'), value: (d) => d.name },
    ...FIGURES.map((f) => ({ key: f, label: t(`figure.${f}`), value: (d: Dept) => figureOf(d, f), format: (v: number) => fmtFigure(v, f), numeric: true })),
  ];
  const legend = [{ color: NO_DATA, label: t('noData') }, ...breaks.map((b, i) => ({ color: CLASS_COLORS[i]!, label: `≤ ${fmtFigure(b, figure)}` }))];

  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="map-figure">{t('figure')}</label>
          <select id="map-figure" value={figure} onChange={(e) => setFigure(e.target.value as Figure)}>
            {FIGURES.map((f) => (
              <option key={f} value={f}>
                {t(`figure.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field">
          <legend>{t('layers')}</legend>
          {(['provinces', 'districts', 'fronts', 'rights'] as const).map((o) => (
            <label key={o} className="check">
              <input type="checkbox" checked={on[o]} onChange={(e) => setOn((s) => ({ ...s, [o]: e.target.checked }))} />
              {t(o)}
            </label>
          ))}
        </fieldset>
      </form>
      <div className="row" aria-label={t('legend')} role="group" style={{ justifyContent: 'flex-start', marginBottom: 8 }}>
        {legend.map((l) => (
          <span key={l.label} className="legend">
            <i style={{ background: l.color }} />
            {l.label}
          </span>
        ))}
      </div>
      {(missing.fronts || missing.rights) && (
        <div style={{ marginBottom: 8 }}>
          {missing.fronts && on.fronts && <Unavailable endpoint={missing.fronts} />}
          {missing.rights && on.rights && <Unavailable endpoint={missing.rights} />}
        </div>
      )}
      {on.rights && !missing.rights && zoom < 10 && <p className="note">{t('zoomForRights')}</p>}
      <div ref={el} className="map" data-testid="map" />
      <h2>{t('tableTitle')}</h2>
      <Async state={stats}>{(s) => <DataTable columns={columns} rows={s.byDepartment} csvName="cifras-por-departamento" />}</Async>
    </>
  );
}
