// @ts-nocheck
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { testServer } from '../../../test/http.ts';
import { explode, toCsv } from './csv-format.ts';

const rowsOf = (csv: string) => parse(csv, { bom: true, columns: true }) as Record<string, string>[];

describe('the JSON → CSV table', () => {
  test('an array of objects is a row each; nested objects flatten', () => {
    expect(
      explode([
        { a: 1, b: { c: 'x' } },
        { a: 2, b: { c: 'y' } },
      ]),
    ).toEqual([
      { a: 1, 'b.c': 'x' },
      { a: 2, 'b.c': 'y' },
    ]);
  });

  test('an array inside an object repeats the object values; several arrays follow one another', () => {
    expect(explode({ cutoff: 'T', rows: [{ y: 1 }, { y: 2 }] })).toEqual([
      { cutoff: 'T', y: 1 },
      { cutoff: 'T', y: 2 },
    ]);
    const funnel = {
      cutoff: 'T',
      national: { totals: [{ m: 'a', n: 3 }] },
      regions: [
        {
          code: '21',
          totals: [
            { m: 'a', n: 2 },
            { m: 'b', n: 1 },
          ],
        },
      ],
    };
    expect(explode(funnel)).toEqual([
      { cutoff: 'T', 'national.m': 'a', 'national.n': 3 },
      { cutoff: 'T', 'regions.code': '21', 'regions.m': 'a', 'regions.n': 2 },
      { cutoff: 'T', 'regions.code': '21', 'regions.m': 'b', 'regions.n': 1 },
    ]);
  });

  test('GeoJSON features give properties, geometry type and point coordinates', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-70.1, -15.8] }, properties: { id: 7, status: 'vigente' } },
        { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [] }, properties: { id: 8, status: 'excluido' } },
      ],
    };
    expect(explode(fc)).toEqual([
      { id: 7, status: 'vigente', geometry_type: 'Point', longitude: -70.1, latitude: -15.8 },
      { id: 8, status: 'excluido', geometry_type: 'MultiPolygon' },
    ]);
  });

  test('CSV: BOM, the union of the columns, CRLF, quoting; arrays of values joined with |', () => {
    const csv = toCsv([{ a: 'x,y', b: ['p', 'q'] }, { c: true }]);
    expect(csv.startsWith('\uFEFFa,b,c\r\n')).toBe(true);
    expect(rowsOf(csv)).toEqual([
      { a: 'x,y', b: 'p|q', c: '' },
      { a: '', b: '', c: 'true' },
    ]);
  });
});

describe('?format=csv on the public endpoints', () => {
  test('every public route flagged csv answers CSV with the numbers of its JSON', async () => {
    const app = await testServer();
    const json = await app.inject({ method: 'GET', url: '/api/public/territory/departments' });
    const csv = await app.inject({ method: 'GET', url: '/api/public/territory/departments?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const departments = json.json<{ code: string; name: string }[]>();
    expect(rowsOf(csv.body).map((r) => [r['code'], r['name']])).toEqual(departments.map((d) => [d.code, d.name]));
    // the public cache keeps both answers apart
    expect((await app.inject({ method: 'GET', url: '/api/public/territory/departments' })).headers['content-type']).toContain('application/json');
    const again = await app.inject({
      method: 'GET',
      url: '/api/public/territory/departments?format=csv',
      headers: { 'if-none-match': String(csv.headers['etag']) },
    });
    expect(again.statusCode).toBe(304);

    const stats = await app.inject({ method: 'GET', url: '/api/public/registry/stats?format=csv' });
    expect(stats.statusCode).toBe(200);
    expect(stats.body.startsWith('\uFEFF')).toBe(true);

    const flagged = app.routeTable.filter((r) => r.method === 'GET' && r.access.includes('public') && r.url.startsWith('/api/public/'));
    let csvRoutes = 0;
    for (const r of flagged) {
      const url = r.url.replace(/:(\w+)/g, 'X');
      const res = await app.inject({
        method: 'GET',
        url: `${url}${url.includes('?') ? '&' : '?'}format=csv${r.url.includes('rights') ? '&bbox=-70,-16,-69,-15' : ''}`,
      });
      if (res.statusCode === 200 && String(res.headers['content-type']).startsWith('text/csv')) csvRoutes++;
    }
    expect(csvRoutes).toBeGreaterThanOrEqual(7);
  });
});
