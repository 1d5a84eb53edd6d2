/**
 * The map's base: Peru's department boundaries served by Veta itself (no tile server
 * needed on a slow or closed network), plus a tile layer when the server is configured
 * with one (VETA_TILE_URL, passed in a meta tag of the page).
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { FeatureCollection, Geometry } from 'geojson';

export type Level = 'departments' | 'provinces' | 'districts';
export interface AreaProps {
  code: string;
  name: string;
}
export type Areas = FeatureCollection<Geometry, AreaProps>;

const cache = new Map<Level, Promise<Areas>>();

/** Boundaries of a level, fetched once per visit (the server sends them compressed and cacheable). */
export function boundaries(level: Level): Promise<Areas> {
  let p = cache.get(level);
  if (!p) {
    p = fetch(`/geo/${level}.json`).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json() as Promise<Areas>;
    });
    p.catch(() => cache.delete(level));
    cache.set(level, p);
  }
  return p;
}

function meta(name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || null;
}

export const PERU_BOUNDS = L.latLngBounds([-18.4, -81.4], [-0.03, -68.6]);

/** A map on `el` with the base layers; the department outlines are drawn when they arrive. */
export function createMap(el: HTMLElement, opts: { label: string; outlines?: boolean }): L.Map {
  const map = L.map(el, { zoomSnap: 0.25, minZoom: 4, maxZoom: 17, attributionControl: true });
  map.fitBounds(PERU_BOUNDS);
  el.setAttribute('aria-label', opts.label);
  el.setAttribute('role', 'region');
  const tiles = meta('veta-tile-url');
  if (tiles) L.tileLayer(tiles, { attribution: meta('veta-tile-attribution') ?? '', maxZoom: 18 }).addTo(map);
  map.attributionControl.setPrefix('Leaflet · peru-geojson (MPL-2.0)');
  if (opts.outlines !== false) {
    void boundaries('departments').then((fc) => {
      if (!isAlive(map)) return;
      L.geoJSON(fc, { interactive: false, style: { color: '#6d5c4a', weight: 1, fill: !tiles, fillColor: '#f4efe6', fillOpacity: 1 } })
        .addTo(map)
        .bringToBack();
    });
  }
  return map;
}

/** False once the map was removed (its page left): late answers must not draw on it. */
export function isAlive(map: L.Map): boolean {
  return !!(map as L.Map & { _container?: HTMLElement; _panes?: Record<string, HTMLElement> })._panes?.['overlayPane'] && map.getContainer().isConnected;
}

export { L };
