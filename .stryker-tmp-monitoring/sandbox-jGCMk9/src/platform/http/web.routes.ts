// @ts-nocheck
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteModule } from './app.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIST = join(REPO, 'web', 'dist');
const BOUNDARIES = join(REPO, 'reference', 'boundaries');

/** The boundary levels served for the map's base layer: source file and its code/name properties. */
const LEVELS = {
  departments: { file: 'peru_departamental_simple.geojson', code: 'FIRST_IDDP', name: 'NOMBDEP' },
  provinces: { file: 'peru_provincial_simple.geojson', code: 'FIRST_IDPR', name: 'NOMBPROV' },
  districts: { file: 'peru_distrital_simple.geojson', code: 'IDDIST', name: 'NOMBDIST' },
} as const;
type Level = keyof typeof LEVELS;

type Position = number[];
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

/** Coordinates rounded to 4 decimals (~11 m), repeated vertices dropped. */
function roundCoords(c: unknown): unknown {
  if (!Array.isArray(c)) return c;
  if (typeof c[0] === 'number') return (c as Position).map((x) => Math.round(x * 1e4) / 1e4);
  const out = (c as unknown[]).map(roundCoords);
  if (Array.isArray(out[0]) && typeof (out[0] as unknown[])[0] === 'number') {
    return (out as Position[]).filter((p, i, a) => i === 0 || i === a.length - 1 || p[0] !== a[i - 1]![0] || p[1] !== a[i - 1]![1]);
  }
  return out;
}

/** A boundary file as the map needs it: {code, name} and rounded geometry, minified. */
export function minifyBoundaries(text: string, level: Level): string {
  const { code, name } = LEVELS[level];
  const fc = JSON.parse(text) as { features: Feature[] };
  const features = fc.features
    .filter((f) => f.geometry !== null)
    .map((f) => ({
      type: 'Feature',
      properties: { code: String(f.properties?.[code] ?? ''), name: String(f.properties?.[name] ?? '') },
      geometry: { type: f.geometry!.type, coordinates: roundCoords(f.geometry!.coordinates) },
    }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

interface Prepared {
  raw: Buffer;
  gzip: Buffer;
  etag: string;
}

function wantsGzip(req: FastifyRequest): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

function sendPrepared(req: FastifyRequest, reply: FastifyReply, p: Prepared, type: string, cacheControl: string): FastifyReply {
  void reply.header('etag', p.etag).header('cache-control', cacheControl).header('vary', 'accept-encoding').type(type);
  if (req.headers['if-none-match'] === p.etag) return reply.status(304).send();
  if (wantsGzip(req)) return reply.header('content-encoding', 'gzip').send(p.gzip);
  return reply.send(p.raw);
}

function prepare(body: string): Prepared {
  const raw = Buffer.from(body);
  return { raw, gzip: gzipSync(raw, { level: 9 }), etag: `"${createHash('sha1').update(raw).digest('base64url')}"` };
}

/** index.html with the runtime settings of the page (a tile server for the map, when configured). */
function pageSettings(env: NodeJS.ProcessEnv): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const tiles = env['VETA_TILE_URL'];
  if (!tiles) return '';
  const attribution = env['VETA_TILE_ATTRIBUTION'] ?? '';
  return `<meta name="veta-tile-url" content="${esc(tiles)}" /><meta name="veta-tile-attribution" content="${esc(attribution)}" />`;
}

const NOT_BUILT = `<!doctype html><html lang="es-PE"><head><meta charset="utf-8"><title>Veta</title></head><body>
<h1>Veta</h1><p>La aplicación web no está construida: ejecute <code>npm run build:web</code> (o <code>npm start</code>, que la construye).</p>
<p>The web app is not built: run <code>npm run build:web</code>. The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/**
 * Serves the web app built by Vite (web/dist): hashed assets cached for a year, the page
 * itself never cached, every path that is not the API answered with the page (the app
 * routes in the browser), and the map's boundaries minified and compressed. Paths under
 * /api/ that match no route keep their problem+json 404.
 */
export function webRoutesFor(dist: string, env: NodeJS.ProcessEnv = process.env): RouteModule {
  return async (app) => {
    const built = existsSync(join(dist, 'index.html'));
    if (built && existsSync(join(dist, 'assets'))) {
      await app.register(fastifyStatic, {
        root: join(dist, 'assets'),
        prefix: '/assets/',
        preCompressed: true,
        maxAge: '365d',
        immutable: true,
        index: false,
        schemaHide: true,
      });
    }
    // The page is read again when a new build replaces it (its asset names change).
    let page = { mtime: -1, prepared: prepare(NOT_BUILT) };
    const currentPage = (): Prepared => {
      const file = join(dist, 'index.html');
      const mtime = existsSync(file) ? statSync(file).mtimeMs : -1;
      if (mtime !== page.mtime) {
        page = { mtime, prepared: prepare(mtime < 0 ? NOT_BUILT : readFileSync(file, 'utf8').replace('<!--veta:config-->', pageSettings(env))) };
      }
      return page.prepared;
    };

    const geo = new Map<Level, Promise<Prepared>>();
    app.get('/geo/:level', { schema: { hide: true } }, async (req, reply) => {
      const level = (req.params as { level: string }).level.replace(/\.json$/, '');
      if (!(level in LEVELS)) {
        reply.callNotFound();
        return reply;
      }
      let p = geo.get(level as Level);
      if (!p) {
        p = readFile(join(BOUNDARIES, LEVELS[level as Level].file), 'utf8').then((text) => prepare(minifyBoundaries(text, level as Level)));
        geo.set(level as Level, p);
      }
      return sendPrepared(req, reply, await p, 'application/geo+json', 'public, max-age=86400');
    });

    const spa = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const path = req.url.split('?')[0]!;
      // The API's unknown paths, and files that do not exist, are 404s — not the page.
      if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/') || /\.[a-z0-9]{2,5}$/i.test(path)) {
        reply.callNotFound();
        return reply;
      }
      return sendPrepared(req, reply, currentPage(), 'text/html; charset=utf-8', 'no-cache');
    };
    app.get('/', { schema: { hide: true } }, spa);
    app.get('/*', { schema: { hide: true } }, spa);
  };
}

/** The web app as one of the server's route modules. */
export const webRoutes: RouteModule = webRoutesFor(WEB_DIST);
