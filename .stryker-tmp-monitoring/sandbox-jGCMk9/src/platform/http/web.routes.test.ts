/** Serving the web app: the page for every non-API path, cached assets, the map's boundaries. */
// @ts-nocheck

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { buildApp, type VetaServer } from './app.ts';
import { webRoutesFor } from './web.routes.ts';

let dist: string;
let app: VetaServer;
const SCRIPT = 'console.log("veta")';

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'veta-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><!--veta:config--></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'app-abc123.js.br'), brotliCompressSync(Buffer.from(SCRIPT)));
  app = await buildApp({ db: await testDb() }, [webRoutesFor(dist, { VETA_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png' })]);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it('answers every page path with index.html, never cached, with the tile server setting', async () => {
    for (const url of ['/', '/expedientes/12', '/registro?q=mamani']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<meta name="veta-tile-url" content="https://tiles.example/{z}/{x}/{y}.png" />');
    }
  });

  it('leaves unknown API paths and missing files to the problem+json 404', async () => {
    for (const url of ['/api/nope', '/api', '/assets/missing-1.js', '/favicon.ico']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('serves hashed assets pre-compressed and immutable', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['cache-control']).toContain('max-age=31536000');
  });

  it('serves the department boundaries minified, compressed and revalidated by ETag', async () => {
    const res = await app.inject({ method: 'GET', url: '/geo/departments.json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const fc = JSON.parse(gunzipSync(res.rawPayload).toString()) as { features: { properties: Record<string, string> }[] };
    expect(fc.features).toHaveLength(25);
    expect(fc.features.find((f) => f.properties['code'] === '21')?.properties).toEqual({ code: '21', name: 'PUNO' });
    const again = await app.inject({ method: 'GET', url: '/geo/departments.json', headers: { 'if-none-match': String(res.headers['etag']) } });
    expect(again.statusCode).toBe(304);
    expect((await app.inject({ method: 'GET', url: '/geo/countries.json' })).statusCode).toBe(404);
  });

  it('says how to build the app when web/dist is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'veta-web-empty-'));
    const bare = await buildApp({ db: await testDb() }, [webRoutesFor(empty, {})]);
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    await bare.close();
    rmSync(empty, { recursive: true, force: true });
  });
});
