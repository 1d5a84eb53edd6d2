// @ts-nocheck
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../api/client.ts';
import type { PublicStats } from '../api/types.ts';
import { fmtInt, fmtPct } from '../i18n/format.ts';
import { useT } from '../i18n/i18n.tsx';
import { PageHeader } from '../ui/bits.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Async } from '../ui/states.tsx';
import { boundaries, createMap, isAlive, L } from './base.ts';
import { choropleth, classBreaks, CLASS_COLORS, NO_DATA, outlines } from './layers.ts';
import { SITUATION_COLORS, vectorTileLayer, type TileLayerName } from './vector-tiles.ts';
import { m } from './messages.ts';

const TILE_LAYERS = ['areas', 'rights', 'fronts', 'situation'] as const satisfies readonly TileLayerName[];
const SITUATIONS = Object.keys(SITUATION_COLORS);

const FIGURES = ['total', 'vigente', 'suspendido', 'excluido', 'pctVigente'] as const;
type Figure = (typeof FIGURES)[number];
type Dept = PublicStats['byDepartment'][number];
type Overlay = 'provinces' | 'districts' | TileLayerName;

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
  const [on, setOn] = useState<Record<Overlay, boolean>>({ provinces: false, districts: false, areas: true, rights: true, fronts: true, situation: true });
  const [year, setYear] = useState(2006);
  const el = useRef<HTMLDivElement>(null);
  const [mp, setMp] = useState<L.Map | undefined>(undefined);

  useEffect(() => {
    if (!el.current) return;
    const created = createMap(el.current, { label: t('mapLabel') });
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
      layer = choropleth(
        fc,
        values,
        breaks,
        (code, name) => `${names.get(code) ?? name}: ${values.has(code) ? fmtFigure(values.get(code)!, figure) : t('noData')}`,
      ).addTo(mp);
    });
    return () => {
      cancelled = true;
      layer?.remove();
    };
  }, [mp, stats.data, values, breaks, names, figure, t]);

  useOutlines(mp, 'provinces', on.provinces);
  useOutlines(mp, 'districts', on.districts);

  // Protected areas, rights, fronts and situation classes: Veta's vector tiles, at every zoom.
  useEffect(() => {
    if (!mp) return;
    const layers = TILE_LAYERS.filter((l) => on[l]).map((l, i) =>
      vectorTileLayer(l, { zIndex: 10 + i, ...(l === 'situation' ? { query: `year=${year}` } : {}) }).addTo(mp),
    );
    return () => layers.forEach((l) => l.remove());
  }, [mp, on.areas, on.rights, on.fronts, on.situation, year]);

  const columns: Column<Dept>[] = [
    { key: 'name', label: t('department'), value: (d) => d.name },
    ...FIGURES.map((f) => ({ key: f, label: t(`figure.${f}`), value: (d: Dept) => figureOf(d, f), format: (v: number) => fmtFigure(v, f), numeric: true })),
  ];
  const legend = [{ color: NO_DATA, label: t('noData') }, ...breaks.map((b, i) => ({ color: CLASS_COLORS[i]!, label: `≤ ${fmtFigure(b, figure)}` }))];
  const situationLegend = SITUATIONS.map((s) => ({ color: SITUATION_COLORS[s]!, label: t(`situation.${s}` as 'situation.LIBRE') }));

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
          {(['provinces', 'districts', ...TILE_LAYERS] as const).map((o) => (
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
      {on.situation && (
        <div className="row" aria-label={t('situationLegend')} role="group" style={{ justifyContent: 'flex-start', marginBottom: 8 }}>
          <label htmlFor="map-year">{t('situationYear')}</label>
          <input
            id="map-year"
            type="number"
            min={1990}
            max={2100}
            value={year}
            onChange={(e) => setYear(Number(e.target.value) || 2006)}
            style={{ width: '6em' }}
          />
          {situationLegend.map((l) => (
            <span key={l.label} className="legend">
              <i style={{ background: l.color }} />
              {l.label}
            </span>
          ))}
          <a href={`/territorio/situacion?year=${year}`}>{t('situationTable')}</a>
        </div>
      )}
      <div ref={el} className="map" data-testid="map" />
      <h2>{t('tableTitle')}</h2>
      <Async state={stats}>{(s) => <DataTable columns={columns} rows={s.byDepartment} csvName="cifras-por-departamento" />}</Async>
    </>
  );
}
