// @ts-nocheck
import { expect, test } from 'vitest';
import { testServer } from '../../../test/http.ts';

test('the public formalization funnel has national and regional milestone counts, nothing else', async () => {
  const app = await testServer();
  const res = await app.inject({ method: 'GET', url: '/api/public/formalization/funnel' });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ national: { totals: { milestone: string; count: number }[] }; regions: { code: string; totals: unknown[] }[] }>();
  expect(Array.isArray(body.national.totals)).toBe(true);
  expect(Object.keys(body).sort()).toEqual(['cutoff', 'national', 'regions']);
  expect(res.body).not.toMatch(/expedienteId|inscriptionId|reviewer/);
});
