import { expect, test } from 'vitest';
import { readCsv } from '../../platform/files/tabular.ts';
import { importReinfo } from './reinfo.import.ts';
import { testDb } from '../../../test/db.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { actor, buildReinfoRow, rightCode, toCsv } from '../../../test/factories.ts';

test('public map layers: fronts and rights without personal data; production aggregates', async () => {
  const db = await testDb();
  const app = await testServer();
  const row = buildReinfoRow({ NOMBRE: 'FRENTE PUBLICO PRUEBA' }, 'arequipa');
  await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([row]))), { fileName: 'm.csv', sha256: 'm'.repeat(64), asOf: '2024-01-01' });
  const code = rightCode();
  const put = await app.inject({
    method: 'PUT',
    url: `/api/registry/rights/${code}`,
    headers: await authHeaders('national'),
    payload: {
      name: 'POLIGONO PUBLICO',
      holderName: 'TITULAR SECRETO',
      substance: 'metallic',
      departmentCode: '21',
      utmZone: 19,
      datum: 'WGS84',
      vertices: [
        { east: 390000, north: 8248000 },
        { east: 391000, north: 8248000 },
        { east: 391000, north: 8249000 },
        { east: 390000, north: 8249000 },
      ],
    },
  });
  expect(put.statusCode, put.body).toBe(200);

  const fronts = await app.inject({ method: 'GET', url: '/api/public/registry/fronts?department=04' });
  expect(fronts.statusCode).toBe(200);
  const fc = fronts.json<{ features: { geometry: { type: string }; properties: { departmentCode: string; status: string } }[] }>();
  expect(fc.features.length).toBeGreaterThan(0);
  expect(fc.features.every((f) => f.properties.departmentCode === '04' && f.geometry.type === 'Point')).toBe(true);
  expect(fronts.body).not.toContain(row.RUC!.slice(2, 10));
  expect(fronts.body).not.toContain('FRENTE PUBLICO');

  const rights = await app.inject({ method: 'GET', url: '/api/public/registry/rights?bbox=-70.2,-15.9,-69.8,-15.6' });
  expect(rights.statusCode).toBe(200);
  const codes = rights.json<{ features: { properties: { code: string } }[] }>().features.map((f) => f.properties.code);
  expect(codes).toContain(code);
  expect(rights.body).not.toContain('TITULAR SECRETO');
  expect((await app.inject({ method: 'GET', url: '/api/public/registry/rights?bbox=-80,-18,-69,-1' })).statusCode).toBe(400);

  const production = await app.inject({ method: 'GET', url: '/api/public/ledger/production' });
  expect(production.statusCode, production.body).toBe(200);
});
