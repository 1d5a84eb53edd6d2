/** The committed openapi.json is what the route schemas generate (regenerate: npm run openapi). */
// @ts-nocheck

import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { testServer } from './http.ts';

test('openapi.json is up to date with the routes', async () => {
  const app = await testServer();
  const committed = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as unknown;
  const generated = JSON.parse(JSON.stringify(app.swagger())) as unknown;
  expect(generated, 'openapi.json is stale: run `npm run openapi` and commit it').toEqual(committed);
});

test('the document is OpenAPI 3.1 and served at /api/openapi.json', async () => {
  const app = await testServer();
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toContain('/api/public/registry/search');
});

test('errors are problem+json with the failing fields listed', async () => {
  const app = await testServer();
  const res = await app.inject({ method: 'GET', url: '/api/public/registry/search?q=a&limit=1000' });
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json<{ status: number; errors: { path: string; message: string }[] }>();
  expect(body.status).toBe(400);
  expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining([expect.stringContaining('q'), expect.stringContaining('limit')]));
});
