/**
 * JSON answers are compressed (brotli or gzip) for clients that accept it, after the
 * public cache: the same ETag and 304 whatever the encoding, and the plain bytes for
 * clients that accept neither (the benchmarks send identity).
 */
// @ts-nocheck

import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { authHeaders, testServer } from './http.ts';

const url = '/api/public/territory/departments';

test('a JSON answer is compressed for br and gzip, plain for identity, with one ETag and its 304', async () => {
  const app = await testServer();
  const plain = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
  expect(plain.statusCode).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.rawPayload.length).toBeGreaterThan(1024);
  const etag = plain.headers['etag'] as string;

  const gzip = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate' } });
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
  expect(gzip.headers['etag']).toBe(etag);
  expect(gzip.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(plain.body);

  const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['x-cache']).toBe('hit');
  expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);

  const notModified = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
  expect(notModified.statusCode).toBe(304);
  expect(notModified.rawPayload.length).toBe(0);
});

test('an answer outside the public cache is compressed; one under 1 KB is not', async () => {
  const app = await testServer();
  const headers = { ...(await authHeaders('national')), 'accept-encoding': 'gzip' };
  const doc = await app.inject({ method: 'GET', url: '/api/openapi.json', headers });
  expect(doc.headers['content-encoding']).toBe('gzip');
  expect(JSON.parse(gunzipSync(doc.rawPayload).toString('utf8'))).toHaveProperty('openapi', '3.1.0');
  const small = await app.inject({ method: 'GET', url: '/api/auth/me', headers });
  expect(small.statusCode).toBe(200);
  expect(small.headers['content-encoding']).toBeUndefined();
  expect(small.json()).toMatchObject({ role: 'national' });
});
