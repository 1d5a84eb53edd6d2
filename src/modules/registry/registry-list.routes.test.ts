/**
 * The public registry as a list that scales (issue 12): the total of the filter, keyset
 * pages that together give every row once, Spanish alphabetical order (CÁRDENAS before
 * CUTIPA, Ñ between N and O) on both engines, and the filters.
 */
import { describe, expect, test } from 'vitest';
import { readCsv } from '../../platform/files/tabular.ts';
import { importReinfo } from './reinfo.import.ts';
import { testDb } from '../../../test/db.ts';
import { testServer } from '../../../test/http.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';

const db = await testDb();
const app = await testServer();
const token = `LISTA${Array.from({ length: 8 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('')}`;
const NAMES = [
  'CUTIPA MAMANI ANA',
  'CÁRDENAS QUISPE LUIS',
  'ÑAHUI CCAMA ROSA',
  'NUÑEZ APAZA JUAN',
  'NUNEZ APAZA JUAN',
  'OCHOA TICONA EVA',
  'ÁLVAREZ CONDORI PEDRO',
  'CARDENAS QUISPE LUZ',
];
const rows = NAMES.map((name, i) =>
  buildReinfoRow({
    NOMBRE: name,
    'NOMBRE DERECHO MINERO': `${token} ${i}`,
    ESTADO: i % 3 === 0 ? 'SUSPENDIDO' : 'VIGENTE',
    'FECHA INSCRIPCION': `1${i}/03/2021`,
  }),
);
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(rows))), { fileName: `${token}.csv`, sha256: token.padEnd(64, 'x'), asOf: '2024-01-01' });

interface Page {
  total: number;
  items: Array<{ declarantName: string; status: string; inscriptionDate: string }>;
  next: string | null;
}
const page = async (query: string): Promise<Page> => {
  const res = await app.inject({ method: 'GET', url: `/api/public/registry/inscriptions?q=${token}&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};

/** The Spanish alphabet order of the test's names, written out from the RAE alphabet (accents folded, Ñ its own letter). */
const SPANISH = [
  'ÁLVAREZ CONDORI PEDRO',
  'CÁRDENAS QUISPE LUIS',
  'CARDENAS QUISPE LUZ',
  'CUTIPA MAMANI ANA',
  'NUNEZ APAZA JUAN',
  'NUÑEZ APAZA JUAN',
  'ÑAHUI CCAMA ROSA',
  'OCHOA TICONA EVA',
];

describe('public registry list', () => {
  test('pages of 3 by keyset give every row once, in Spanish order, with the total', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: Page = await page(`limit=3${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(p.total).toBe(NAMES.length);
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items.map((i) => i.declarantName));
      cursor = p.next;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(Math.ceil(NAMES.length / 3));
    expect(seen).toEqual(SPANISH);
  });

  test('filters: status and dates, the total following them', async () => {
    const suspended = await page('status=suspendido');
    const expected = NAMES.filter((_, i) => i % 3 === 0);
    expect(suspended.total).toBe(expected.length);
    expect(suspended.items.map((i) => i.declarantName).sort()).toEqual([...expected].sort());
    expect(suspended.items.every((i) => i.status === 'suspendido')).toBe(true);
    const dated = await page('from=2021-03-12&to=2021-03-14');
    expect(dated.items.map((i) => i.inscriptionDate).sort()).toEqual(['2021-03-12', '2021-03-13', '2021-03-14']);
    expect(dated.total).toBe(3);
  });

  test('an unreadable cursor is a 400', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/public/registry/inscriptions?q=${token}&cursor=bm9wZQ` });
    expect(res.statusCode).toBe(400);
  });
});
