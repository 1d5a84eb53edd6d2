/**
 * Veta's vector tiles (`/api/public/tiles/{layer}/{z}/{x}/{y}.pbf`) drawn by Leaflet: a
 * GridLayer whose tiles are canvases, each painted from the decoded Mapbox Vector Tile
 * (@mapbox/vector-tile + pbf). Canvas 2D needs no WebGL, so it draws in headless Chromium.
 * Each tile canvas carries `data-layer` and `data-features` (what it drew).
 */
// @ts-nocheck

import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { L } from './base.ts';

export type TileLayerName = 'rights' | 'fronts' | 'areas' | 'situation';

export interface TileStyle {
  fill: string;
  stroke: string;
  /** Point radius in px (clusters grow with their count). */
  radius?: number;
}

export const SITUATION_COLORS: Record<string, string> = {
  LIBRE: '#2e7d32',
  CONSTRUCCION: '#6a1b9a',
  EXPLORACION: '#1565c0',
  EXPLOTACION: '#c62828',
  PARALIZADA: '#ef6c00',
  SIN_ACTIVIDAD: '#757575',
  SIN_DAC: '#f9a825',
  ATIPICA: '#000000',
};
const KIND_COLORS: Record<string, string> = {
  titled: '#0d47a1',
  in_process: '#00838f',
  extinguished: '#8d6e63',
  quarry: '#5d4037',
  plant: '#455a64',
  other: '#546e7a',
  unknown: '#546e7a',
};
const STATUS_COLORS: Record<string, string> = { vigente: '#1b5e20', suspendido: '#e65100', excluido: '#b71c1c' };

export function styleOf(layer: TileLayerName, p: Record<string, unknown>): TileStyle {
  switch (layer) {
    case 'rights':
      return { fill: `${KIND_COLORS[String(p['kind'])] ?? '#0d47a1'}33`, stroke: KIND_COLORS[String(p['kind'])] ?? '#0d47a1', radius: 3 };
    case 'fronts':
      return { fill: STATUS_COLORS[String(p['status'])] ?? '#333', stroke: '#fff', radius: 3 };
    case 'areas':
      return { fill: '#43a04733', stroke: '#1b5e20' };
    case 'situation':
      return { fill: SITUATION_COLORS[String(p['situation'])] ?? '#333', stroke: '#fff', radius: 4 };
  }
}

type Done = (err: Error | undefined, tile: HTMLElement) => void;

/** One layer of Veta's tiles as a Leaflet layer (`query` is appended to each tile URL, e.g. `year=2006`). */
export function vectorTileLayer(layer: TileLayerName, opts: { query?: string; pane?: string; zIndex?: number } = {}): L.GridLayer {
  const Layer = L.GridLayer.extend({
    createTile(coords: L.Coords, done: Done): HTMLElement {
      const size = (this as L.GridLayer).getTileSize();
      const canvas = document.createElement('canvas');
      canvas.width = size.x;
      canvas.height = size.y;
      canvas.dataset['layer'] = layer;
      const url = `/api/public/tiles/${layer}/${coords.z}/${coords.x}/${coords.y}.pbf${opts.query ? `?${opts.query}` : ''}`;
      fetch(url)
        .then(async (r) => {
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          const buf = new Uint8Array(await r.arrayBuffer());
          canvas.dataset['features'] = String(buf.length === 0 ? 0 : paint(canvas, new VectorTile(new Pbf(buf)), layer));
          done(undefined, canvas);
        })
        .catch((err: Error) => {
          canvas.dataset['features'] = '0';
          done(err, canvas);
        });
      return canvas;
    },
  });
  return new (Layer as unknown as new (o: L.GridLayerOptions) => L.GridLayer)({ pane: opts.pane ?? 'overlayPane', zIndex: opts.zIndex ?? 1, maxZoom: 18 });
}

function paint(canvas: HTMLCanvasElement, tile: VectorTile, layer: TileLayerName): number {
  const l = tile.layers[layer];
  if (!l) return 0;
  const ctx = canvas.getContext('2d')!;
  let drawn = 0;
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    const scale = canvas.width / f.extent;
    const style = styleOf(layer, f.properties);
    drawFeature(ctx, f, scale, style);
    drawn++;
  }
  return drawn;
}

function drawFeature(ctx: CanvasRenderingContext2D, f: VectorTileFeature, scale: number, style: TileStyle): void {
  const rings = f.loadGeometry();
  ctx.fillStyle = style.fill;
  ctx.strokeStyle = style.stroke;
  if (f.type === 1) {
    const count = Number(f.properties['count'] ?? 1);
    const r = (style.radius ?? 3) + Math.min(12, Math.log2(count) * 2);
    for (const ring of rings) {
      for (const p of ring) {
        ctx.beginPath();
        ctx.arc(p.x * scale, p.y * scale, r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.stroke();
        if (count > 1 && r >= 8) {
          ctx.fillStyle = '#fff';
          ctx.font = '10px sans-serif';
          ctx.textAlign = 'center';
          ctx.fillText(String(count), p.x * scale, p.y * scale + 3);
          ctx.fillStyle = style.fill;
        }
      }
    }
    return;
  }
  ctx.beginPath();
  for (const ring of rings) {
    ring.forEach((p, j) => (j === 0 ? ctx.moveTo(p.x * scale, p.y * scale) : ctx.lineTo(p.x * scale, p.y * scale)));
    if (f.type === 3) ctx.closePath();
  }
  if (f.type === 3) ctx.fill('evenodd');
  ctx.lineWidth = 1;
  ctx.stroke();
}
