/**
 * An actor's lots as a list that scales (issue 12): total, keyset pages with every lot once,
 * sort by its columns, filters (role, status, dates, code), the export of what is filtered;
 * and a lot code typed in lower case finds the lot (passport, QR, trace).
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { createCast, lines, type Cast } from './ledger/ledger-db.factories.ts';
import { importLedgerFile } from './ledger/ledger.import.ts';
import { ledgerEventSchema, type LedgerEventInput } from './ledger/ledger.schema.ts';

const db = await testDb();
const app = await testServer();
let cast: Cast;
const p = `LL${Date.now().toString(36).toUpperCase()}-`;

beforeAll(async () => {
  cast = await createCast(db);
  const events: LedgerEventInput[] = [
    { id: `${p}1`, type: 'produce', date: '2024-05-01', actor: cast.miner, site: cast.siteA, lot: `${p}B`, material: 'dore', grams: 100, fineness: 0.9 },
    { id: `${p}2`, type: 'produce', date: '2024-05-02', actor: cast.miner, site: cast.siteA, lot: `${p}A`, material: 'dore', grams: 300, fineness: 0.9 },
    { id: `${p}3`, type: 'produce', date: '2024-05-03', actor: cast.miner, site: cast.siteA, lot: `${p}D`, material: 'dore', grams: 200, fineness: 0.9 },
    { id: `${p}4`, type: 'produce', date: '2024-05-04', actor: cast.miner, site: cast.siteA, lot: `${p}C`, material: 'dore', grams: 50, fineness: 0.9 },
    { id: `${p}5`, type: 'transfer', date: '2024-05-06', from: cast.miner, to: cast.trader, lot: `${p}B` },
  ];
  await importLedgerFile(db, actor('national'), lines(...events.map((e) => ledgerEventSchema.parse(e))), {
    fileName: `${p}.jsonl`,
    sha256: () => p,
    asOf: '2024-06-01',
  });
});

interface Lot {
  lot: string;
  roles: string[];
  fineGrams: number | null;
  status: string | null;
}
interface Page {
  total: number;
  items: Lot[];
  next: string | null;
}
const lotsOf = async (query: string): Promise<Page> => {
  const res = await app.inject({ method: 'GET', url: `/api/ledger/lots?actor=${cast.miner}&${query}`, headers: await authHeaders('national') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};

describe("an actor's lots", () => {
  test('pages of 1 by keyset: the total and every lot once, newest activity first; sorted by code and by fine gold', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = await lotsOf(`limit=1${after ? `&after=${after}` : ''}`);
      expect(page.total).toBe(4);
      seen.push(...page.items.map((l) => l.lot));
      after = page.next;
    } while (after !== null && seen.length < 10);
    expect(seen).toEqual([`${p}B`, `${p}C`, `${p}D`, `${p}A`]);
    expect((await lotsOf('sort=lot&dir=asc')).items.map((l) => l.lot)).toEqual([`${p}A`, `${p}B`, `${p}C`, `${p}D`]);
    expect((await lotsOf('sort=fine&dir=desc')).items.map((l) => l.fineGrams)).toEqual([270, 180, 90, 45]);
  });

  test('filters: role, dates, part of the code in any case', async () => {
    expect((await lotsOf('role=sold')).items.map((l) => l.lot)).toEqual([`${p}B`]);
    expect((await lotsOf('from=2024-05-02&to=2024-05-03')).total).toBe(2);
    expect((await lotsOf(`q=${p.toLowerCase()}c`)).items.map((l) => l.lot)).toEqual([`${p}C`]);
  });

  test('export: the CSV holds the filtered lots in the same order', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/ledger/lots?actor=${cast.miner}&sort=lot&dir=asc&format=csv`,
      headers: await authHeaders('national'),
    });
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['lot'])).toEqual([`${p}A`, `${p}B`, `${p}C`, `${p}D`]);
    expect(rows.map((r) => Number(r['fineGrams']))).toEqual([270, 90, 45, 180]);
  });

  test('a lot code in lower case finds the lot: passport, QR code and trace', async () => {
    const lower = `${p}A`.toLowerCase();
    const passport = await app.inject({ method: 'GET', url: `/api/public/lots/${lower}` });
    expect(passport.statusCode, passport.body).toBe(200);
    expect(passport.json<{ lot: string }>().lot).toBe(`${p}A`);
    expect((await app.inject({ method: 'GET', url: `/api/public/lots/${lower}/qr.svg` })).statusCode).toBe(200);
    const trace = await app.inject({ method: 'GET', url: `/api/ledger/lots/${lower}/trace`, headers: await authHeaders('national') });
    expect(trace.statusCode, trace.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/public/lots/${lower}-NADA` })).statusCode).toBe(404);
  });
});
