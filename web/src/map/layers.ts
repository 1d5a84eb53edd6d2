/** Map layers drawn from data: shaded departments, clustered points. */
import type { FeatureCollection, Point } from 'geojson';
import { L, type Areas } from './base.ts';

export const CLASS_COLORS = ['#f6e7c8', '#e9c07a', '#d08f3c', '#a45f1c', '#6b3a0c'];
export const NO_DATA = '#ffffff';
const STATUS = { vigente: '#2e7d32', suspendido: '#b26a00', excluido: '#c62828' } as const;

/** Upper bounds of five classes (equal intervals between the smallest and largest non-zero value). */
export function classBreaks(values: readonly number[]): number[] {
  const v = values.filter((x) => x > 0);
  if (v.length === 0) return [];
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  if (lo === hi) return [hi];
  return CLASS_COLORS.map((_, i) => lo + ((hi - lo) * (i + 1)) / CLASS_COLORS.length);
}

export function colorOf(value: number | undefined, breaks: readonly number[]): string {
  if (!value || value <= 0 || breaks.length === 0) return NO_DATA;
  const i = breaks.findIndex((b) => value <= b + 1e-9);
  return CLASS_COLORS[i < 0 ? CLASS_COLORS.length - 1 : Math.min(i, CLASS_COLORS.length - 1)]!;
}

export function choropleth(
  areas: Areas,
  values: ReadonlyMap<string, number>,
  breaks: readonly number[],
  label: (code: string, name: string) => string,
): L.GeoJSON {
  return L.geoJSON(areas, {
    style: (f) => ({ color: '#5d4b38', weight: 1, fillOpacity: 0.85, fillColor: colorOf(f ? values.get(f.properties.code) : undefined, breaks) }),
    onEachFeature: (f, layer) => {
      layer.bindTooltip(label(f.properties.code, f.properties.name), { sticky: true });
    },
  });
}

export function outlines(areas: Areas, color: string, weight: number): L.GeoJSON {
  return L.geoJSON(areas, { interactive: false, style: { color, weight, fill: false, opacity: 0.7 } });
}

export interface PointProps {
  status: keyof typeof STATUS;
}

/** Points grouped on a pixel grid at each zoom: one bubble with the count per cell. */
export function clusterLayer(map: L.Map, fc: FeatureCollection<Point, PointProps>, countLabel: (n: number) => string): L.LayerGroup {
  const group = L.layerGroup();
  const draw = (): void => {
    group.clearLayers();
    const zoom = map.getZoom();
    const bounds = map.getBounds().pad(0.2);
    const cells = new Map<string, { n: number; lat: number; lon: number; status: PointProps['status'] }>();
    for (const f of fc.features) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      if (!bounds.contains([lat, lon])) continue;
      const p = map.project([lat, lon], zoom);
      const key = zoom >= 13 ? `${lat},${lon}` : `${Math.floor(p.x / 64)}:${Math.floor(p.y / 64)}`;
      const c = cells.get(key);
      if (c) {
        c.n++;
        c.lat += lat;
        c.lon += lon;
      } else cells.set(key, { n: 1, lat, lon, status: f.properties.status });
    }
    for (const c of cells.values()) {
      const at = L.latLng(c.lat / c.n, c.lon / c.n);
      if (c.n === 1) {
        L.circleMarker(at, { radius: 5, color: '#fff', weight: 1, fillColor: STATUS[c.status], fillOpacity: 1 }).addTo(group);
        continue;
      }
      const d = Math.round(22 + Math.min(26, Math.log2(c.n) * 4));
      L.marker(at, {
        icon: L.divIcon({ className: 'cluster', html: String(c.n), iconSize: [d, d] }),
        keyboard: false,
        title: countLabel(c.n),
        zIndexOffset: c.n,
      })
        .on('click', () => map.setView(at, Math.min(map.getZoom() + 2, 17)))
        .addTo(group);
    }
  };
  map.on('zoomend moveend', draw);
  group.on('remove', () => map.off('zoomend moveend', draw));
  draw();
  return group;
}
