import { useEffect, useRef } from 'react';
import type { Geometry } from 'geojson';
import { fmtPct } from '../i18n/format.ts';
import { boundaries, createMap, isAlive, L } from './base.ts';
import { choropleth, classBreaks } from './layers.ts';

export interface MiniMapProps {
  label: string;
  points?: readonly { lat: number; lon: number; label: string }[];
  geometry?: Geometry | null;
  /** Department code → share (0–1) of something, shaded. */
  shares?: ReadonlyMap<string, number>;
}

const NO_POINTS: NonNullable<MiniMapProps['points']> = [];

/** A small map for one record: a mining front, a right's polygon, a lot's regions of origin. */
export default function MiniMap({ label, points = NO_POINTS, geometry, shares }: MiniMapProps) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const map = createMap(el.current, { label });
    const bounds = L.latLngBounds([]);
    if (shares && shares.size > 0) {
      void boundaries('departments').then((fc) => {
        if (!isAlive(map)) return;
        const pctValues = new Map([...shares].map(([k, v]) => [k, v * 100]));
        const layer = choropleth(
          { ...fc, features: fc.features.filter((f) => shares.has(f.properties.code)) },
          pctValues,
          classBreaks([...pctValues.values()]),
          (code, name) => `${name}: ${fmtPct(pctValues.get(code))}`,
        ).addTo(map);
        if (points.length === 0 && !geometry) map.fitBounds(layer.getBounds(), { maxZoom: 7 });
      });
    }
    if (geometry) {
      const layer = L.geoJSON(geometry, { style: { color: '#0d47a1', weight: 2, fillOpacity: 0.2 } }).addTo(map);
      bounds.extend(layer.getBounds());
    }
    for (const p of points) {
      L.circleMarker([p.lat, p.lon], { radius: 7, color: '#fff', weight: 2, fillColor: '#7a4a12', fillOpacity: 1 }).bindTooltip(p.label).addTo(map);
      bounds.extend([p.lat, p.lon]);
    }
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.5), { maxZoom: 13 });
    return () => {
      map.remove();
    };
  }, [label, points, geometry, shares]);
  return <div ref={el} className="map map-small" />;
}
