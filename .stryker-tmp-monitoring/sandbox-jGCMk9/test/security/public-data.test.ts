/**
 * No public response carries personal data: DNI, birth date, phone, address, or a
 * natural person's RUC (which embeds the DNI). Every public GET route is called.
 */
// @ts-nocheck

import { expect, test } from 'vitest';
import { withActor } from '../../src/platform/context.ts';
import { readCsv } from '../../src/platform/files/tabular.ts';
import { importReinfo } from '../../src/modules/registry/reinfo.import.ts';
import { testDb } from '../db.ts';
import { testServer } from '../http.ts';
import { actor, buildReinfoRow, toCsv } from '../factories.ts';

test('public endpoints never return personal data', async () => {
  const db = await testDb();
  const app = await testServer();
  const row = buildReinfoRow({ NOMBRE: 'PUBLICA PRUEBA ZAPATA' });
  await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([row]))), { fileName: 'p.csv', sha256: 'p'.repeat(64), asOf: '2024-01-01' });
  const dni = row.RUC!.slice(2, 10);
  await withActor(db, actor('national'), (tx) =>
    tx.query(`UPDATE persons SET birth_date = '1971-02-03', phone = '987654321', address = 'Jr. Secreto 123' WHERE dni = $1`, [dni]),
  );
  const secrets = [dni, row.RUC!, '1971-02-03', '987654321', 'Secreto'];

  const publicGets = app.routeTable.filter((r) => r.method === 'GET' && r.access.includes('public') && !r.url.includes('openapi'));
  expect(publicGets.length).toBeGreaterThan(3);
  const samples: Record<string, string> = { q: 'PUBLICA PRUEBA', limit: '100' };
  for (const route of publicGets) {
    const url = route.url.replace(/:(\w+)/g, '1');
    const res = await app.inject({ method: 'GET', url: `${url}?${new URLSearchParams(samples).toString()}` });
    const body = res.body;
    for (const s of secrets) expect(body, `${route.url} leaks ${s}`).not.toContain(s);
    if (route.url === '/api/public/registry/search') {
      expect(res.statusCode).toBe(200);
      // the inscription is found, with its RUC masked
      expect(body).toContain('PUBLICA PRUEBA ZAPATA');
      expect(body).toContain(`10********${row.RUC!.slice(10)}`);
    }
  }
});
