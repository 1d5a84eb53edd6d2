/**
 * The expediente list as a list that scales (issue 12): total, keyset pages with every
 * expediente once, sort by declarant in Spanish order, filters (name/RUC, stage, region,
 * dates), and the export of what is filtered.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { PLACES } from '../../../test/factories.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { peruToday } from '../../platform/time.ts';
import { importInscriptions, inscriptionRowIn } from './formalization-db.fixtures.ts';

const app = await testServer();
const db = await testDb();
const { code: _p, ...PUNO } = PLACES.puno;
const token = `EXPL${Array.from({ length: 8 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('')}`;
const NAMES = ['CUTIPA MAMANI ANA', 'CÁRDENAS QUISPE LUIS', 'ÑAHUI CCAMA ROSA', 'NUNEZ APAZA JUAN', 'OCHOA TICONA EVA'];
const SPANISH = ['CÁRDENAS QUISPE LUIS', 'CUTIPA MAMANI ANA', 'NUNEZ APAZA JUAN', 'ÑAHUI CCAMA ROSA', 'OCHOA TICONA EVA'];
const ids = await importInscriptions(
  db,
  NAMES.map((n) => inscriptionRowIn(PUNO, { NOMBRE: `${n} ${token}` })),
);
const puno = await authHeaders('regional', { region: '21' });
for (const inscriptionId of ids) {
  const res = await app.inject({ method: 'POST', url: '/api/formalization/expedientes', headers: puno, payload: { inscriptionId } });
  expect(res.statusCode, res.body).toBe(201);
}

interface Item {
  id: number;
  declarantName: string;
  stage: string;
}
interface Page {
  total: number;
  items: Item[];
  next: string | null;
}
const get = async (query: string, headers = puno): Promise<Page> => {
  const res = await app.inject({ method: 'GET', url: `/api/formalization/expedientes?q=${token}&${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};
const name = (i: Item) => i.declarantName.replace(` ${token}`, '');

describe('expediente list', () => {
  test('pages of 2 by keyset: the total, every expediente once, by declarant in Spanish order', async () => {
    const seen: Item[] = [];
    let after: string | null = null;
    do {
      const p: Page = await get(`limit=2&sort=declarant&dir=asc${after ? `&after=${after}` : ''}`);
      expect(p.total).toBe(NAMES.length);
      seen.push(...p.items);
      after = p.next;
    } while (after !== null && seen.length < 20);
    expect(seen.map(name)).toEqual(SPANISH);
    expect(new Set(seen.map((i) => i.id)).size).toBe(NAMES.length);
  });

  test('filters: stage, region, dates opened; a RUC', async () => {
    expect((await get('stage=in_progress')).total).toBe(NAMES.length);
    expect((await get('stage=formalized')).total).toBe(0);
    expect((await get('region=04', await authHeaders('national'))).total).toBe(0);
    const today = peruToday();
    expect((await get(`from=${today}&to=${today}`)).total).toBe(NAMES.length);
    expect((await get('to=2000-01-01')).total).toBe(0);
    const one = (await get('sort=declarant&dir=asc&limit=1')).items[0]!;
    const detail = await app.inject({ method: 'GET', url: `/api/formalization/expedientes/${one.id}`, headers: puno });
    const ruc = detail.json<{ inscription: { ruc: string } }>().inscription.ruc;
    expect((await get(`ruc=${ruc}`)).items.map((i) => i.id)).toEqual([one.id]);
  });

  test('export: the CSV has the filtered rows in the same order', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/formalization/expedientes?q=${token}&sort=declarant&dir=asc&format=csv`, headers: puno });
    expect(res.statusCode).toBe(200);
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['declarantName']!.replace(` ${token}`, ''))).toEqual(SPANISH);
  });
});
