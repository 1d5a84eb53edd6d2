/**
 * The JavaScript a public page loads before it can draw: from Vite's manifest, the
 * entry with its static imports plus the page's area chunk and its static imports,
 * counted as the gzip files the server sends (web/dist/assets/*.js.gz).
 */
// @ts-nocheck

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export const DIST = path.resolve('web/dist');

/** The public pages and the area module each one loads (src/app/App.tsx). */
export const PUBLIC_PAGES = [
  { page: 'Panorama (/)', area: 'src/public/PublicArea.tsx' },
  { page: 'Registro público (/registro)', area: 'src/public/PublicArea.tsx' },
  { page: 'Verificar lote (/lotes/…)', area: 'src/public/PublicArea.tsx' },
  { page: 'Mapa (/mapa)', area: 'src/map/MapArea.tsx' },
  { page: 'Seguimiento (/seguimiento)', area: 'src/report/ReportArea.tsx' },
] as const;

export interface PageBundle {
  page: string;
  files: number;
  jsGzip: number;
  cssGzip: number;
}

function readManifest(): Manifest {
  const file = path.join(DIST, '.vite', 'manifest.json');
  if (!existsSync(file)) throw new Error('web/dist/.vite/manifest.json is missing: run `npm run build:web`');
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

const gz = (file: string): number => {
  const p = path.join(DIST, `${file}.gz`);
  return existsSync(p) ? statSync(p).size : statSync(path.join(DIST, file)).size;
};

/** Every chunk a key pulls in through static imports. */
function closure(manifest: Manifest, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return seen;
}

export function publicBundles(): PageBundle[] {
  const manifest = readManifest();
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)?.[0];
  if (!entry) throw new Error('no entry in the Vite manifest');
  return PUBLIC_PAGES.map(({ page, area }) => {
    // index.html preloads the public area with the entry (web/vite.config.ts): every page loads it.
    const keys = closure(manifest, [entry, 'src/public/PublicArea.tsx', area]);
    let jsGzip = 0;
    let cssGzip = 0;
    const css = new Set<string>();
    for (const k of keys) {
      jsGzip += gz(manifest[k]!.file);
      for (const c of manifest[k]!.css ?? []) css.add(c);
    }
    for (const c of css) cssGzip += gz(c);
    return { page, files: keys.size, jsGzip, cssGzip };
  });
}
