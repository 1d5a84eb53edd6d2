/** Public answers are cached with an ETag and invalidated by any write. */
import { expect, test } from 'vitest';
import { readCsv } from '../src/platform/files/tabular.ts';
import { importReinfo } from '../src/modules/registry/reinfo.import.ts';
import { testDb } from './db.ts';
import { testServer } from './http.ts';
import { actor, buildReinfoRow, toCsv } from './factories.ts';

test('ETag, 304 Not Modified, and a fresh answer after a write', async () => {
  const db = await testDb();
  const app = await testServer();
  const url = '/api/public/registry/stats';
  const first = await app.inject({ method: 'GET', url });
  expect(first.statusCode).toBe(200);
  const etag = first.headers['etag'] as string;
  expect(etag).toMatch(/^".+"$/);
  const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
  expect(again.statusCode).toBe(304);
  expect(again.body).toBe('');
  const cached = await app.inject({ method: 'GET', url });
  expect(cached.headers['x-cache']).toBe('hit');
  expect(cached.json()).toEqual(first.json());

  await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([buildReinfoRow()]))), { fileName: 'c.csv', sha256: 'c'.repeat(64), asOf: '2024-01-01' });
  const after = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
  expect(after.statusCode).toBe(200);
  expect(after.headers['etag']).not.toBe(etag);
  expect(after.json<{ total: number }>().total).toBe(first.json<{ total: number }>().total + 1);
});
