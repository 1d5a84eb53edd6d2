/**
 * Officials' search and the public registry as lists that scale (issue 12): the real total,
 * keyset pages with every hit once, sort by name in Spanish order (CÁRDENAS before CUTIPA),
 * filters, and exports that hold the same rows as the pages.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { readCsv } from '../../platform/files/tabular.ts';
import { importReinfo } from './reinfo.import.ts';
import { testDb } from '../../../test/db.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';

const db = await testDb();
const app = await testServer();
const token = `BUSQ${Array.from({ length: 8 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('')}`;
const NAMES = [
  'CUTIPA MAMANI ANA',
  'CÁRDENAS QUISPE LUIS',
  'ÑAHUI CCAMA ROSA',
  'NUÑEZ APAZA JUAN',
  'OCHOA TICONA EVA',
  'ÁLVAREZ CONDORI PEDRO',
  'CARDENAS QUISPE LUZ',
];
const SPANISH = [
  'ÁLVAREZ CONDORI PEDRO',
  'CÁRDENAS QUISPE LUIS',
  'CARDENAS QUISPE LUZ',
  'CUTIPA MAMANI ANA',
  'NUÑEZ APAZA JUAN',
  'ÑAHUI CCAMA ROSA',
  'OCHOA TICONA EVA',
];
const rows = NAMES.map((name, i) =>
  buildReinfoRow({ NOMBRE: `${name} ${token}`, ESTADO: i % 2 === 0 ? 'VIGENTE' : 'SUSPENDIDO', 'FECHA INSCRIPCION': `1${i}/04/2022` }),
);
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(rows))), { fileName: `${token}.csv`, sha256: token.padEnd(64, 'y'), asOf: '2024-01-01' });
const national = await authHeaders('national');

interface Hit {
  kind: string;
  id: number;
  label: string;
}
interface Page<T> {
  total: number;
  items: T[];
  next: string | null;
}
const get = async <T>(url: string, headers: Record<string, string> = national): Promise<Page<T>> => {
  const res = await app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page<T>>();
};
async function everyPage<T>(url: string, limit: number, headers?: Record<string, string>): Promise<{ items: T[]; total: number }> {
  const items: T[] = [];
  let after: string | null = null;
  let total: number;
  do {
    const p: Page<T> = await get<T>(`${url}&limit=${limit}${after ? `&after=${after}` : ''}`, headers);
    total = p.total;
    items.push(...p.items);
    after = p.next;
  } while (after !== null && items.length <= 100);
  return { items, total };
}
const label = (h: Hit) => h.label.replace(` ${token}`, '');

describe("officials' search", () => {
  test('the real total, pages of 2 with every hit once, by name in Spanish order', async () => {
    const { items, total } = await everyPage<Hit>(`/api/registry/search?q=${token}&kind=person&sort=name&dir=asc`, 2);
    expect(total).toBe(NAMES.length);
    expect(new Set(items.map((h) => h.id)).size).toBe(items.length);
    expect(items.map(label)).toEqual(SPANISH);
    const desc = await everyPage<Hit>(`/api/registry/search?q=${token}&kind=person&sort=name&dir=desc`, 3);
    expect(desc.items.map(label)).toEqual([...SPANISH].reverse());
  });

  test('filters: kind and department; a cursor of another order is a 400', async () => {
    expect((await get<Hit>(`/api/registry/search?q=${token}&kind=mining_right`)).total).toBe(0);
    expect((await get<Hit>(`/api/registry/search?q=${token}&kind=person&department=21`)).total).toBe(NAMES.length);
    expect((await get<Hit>(`/api/registry/search?q=${token}&kind=person&department=04`)).total).toBe(0);
    const first = await get<Hit>(`/api/registry/search?q=${token}&sort=name&limit=2`);
    const res = await app.inject({ method: 'GET', url: `/api/registry/search?q=${token}&sort=kind&after=${first.next}`, headers: national });
    expect(res.statusCode).toBe(400);
  });

  test('export: the CSV holds the same hits as the pages', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/registry/search?q=${token}&kind=person&sort=name&dir=asc&format=csv`, headers: national });
    expect(res.headers['content-type']).toContain('text/csv');
    const csv = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r['label']!.replace(` ${token}`, ''))).toEqual(SPANISH);
  });
});

describe('public registry list', () => {
  interface Ins {
    declarantName: string;
    inscriptionDate: string;
    status: string;
  }
  test('sort by date descending in pages; the status filter; XLSX export with the same rows', async () => {
    const byDate = await everyPage<Ins>(`/api/public/registry/inscriptions?q=${token}&sort=date&dir=desc`, 3, {});
    expect(byDate.total).toBe(NAMES.length);
    expect(byDate.items.map((i) => i.inscriptionDate)).toEqual(NAMES.map((_, i) => `2022-04-1${i}`).reverse());
    const suspended = await get<Ins>(`/api/public/registry/inscriptions?q=${token}&status=suspendido`, {});
    expect(suspended.total).toBe(3);
    const res = await app.inject({ method: 'GET', url: `/api/public/registry/inscriptions?q=${token}&sort=declarant&format=xlsx` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const names: string[] = [];
    ws.eachRow((row, n) => n > 1 && names.push(String(row.getCell(header.indexOf('declarantName') + 1).value).replace(` ${token}`, '')));
    expect(names).toEqual(SPANISH);
    expect(typeof ws.getRow(2).getCell(header.indexOf('id') + 1).value).toBe('number');
  });
});
