/**
 * The list contract on the real engine (PGlite, or PostgreSQL with DATABASE_URL): keyset
 * pages of any size, in any order, give every row exactly once, in Spanish order for text
 * (accents folded, Ñ between N and O), ties by id ascending; a cursor is refused for another order.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { DomainError } from '../errors.ts';
import { keysetPage, type KeysetList } from './list-keyset.ts';
import { decodeCursor, encodeCursor, listRequest, type SortDir } from './list.ts';

const db = await testDb();

interface Row {
  id: number;
  name: string;
  amount: number | null;
  day: string | null;
}

const listOf = (rows: Row[]): KeysetList => ({
  base: 'SELECT * FROM unnest($1::bigint[], $2::text[], $3::numeric[], $4::date[]) AS t(id, name, amount, day)',
  params: [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.amount), rows.map((r) => r.day)],
  id: { sql: 'b.id', type: 'bigint' },
  sorts: { name: { sql: 'b.name', type: 'text' }, amount: { sql: 'b.amount', type: 'numeric' }, day: { sql: 'b.day', type: 'date' } },
});

/** The RAE alphabet written out independently of the SQL: accents folded, case folded, Ñ after N. */
const ALPHABET = 'ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
const FOLD: Record<string, string> = { Á: 'A', É: 'E', Í: 'I', Ó: 'O', Ú: 'U', Ü: 'U', À: 'A', È: 'E', Ì: 'I', Ò: 'O', Ù: 'U' };
function spanishCompare(a: string, b: string): number {
  const key = (s: string) => [...s.toUpperCase()].map((ch) => FOLD[ch] ?? ch).map((ch) => (ch === ' ' ? -1 : ALPHABET.indexOf(ch)));
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function expected(rows: Row[], sort: 'name' | 'amount' | 'day', dir: SortDir): number[] {
  const value = (r: Row): number | string => (sort === 'name' ? r.name : sort === 'amount' ? (r.amount ?? -1e30) : (r.day ?? '0000-00-00'));
  const cmp = (a: Row, b: Row): number => {
    const [va, vb] = [value(a), value(b)];
    const c = typeof va === 'string' && sort === 'name' ? spanishCompare(va, vb as string) : va < vb ? -1 : va > vb ? 1 : 0;
    // ties by id ascending in both directions
    return c !== 0 ? (dir === 'asc' ? c : -c) : a.id - b.id;
  };
  return [...rows].sort(cmp).map((r) => r.id);
}

async function readAll(rows: Row[], sort: 'name' | 'amount' | 'day', dir: SortDir, limit: number) {
  const ids: number[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await keysetPage<{ id: string }>(db, listOf(rows), listRequest({ sort, dir, limit, after }));
    expect(page.total).toBe(rows.length);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((r) => Number(r.id)));
    after = page.next ?? undefined;
    pages++;
  } while (after !== undefined && pages <= rows.length + 1);
  return { ids, pages };
}

const letters = [...'ABCDEÉÁNÑOÓUÜZaáeéñnoó '];
const nameArb = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 6 }).map((cs) => cs.join('').trim() || 'A');

describe('keyset pages', () => {
  test('CÁRDENAS before CUTIPA, Ñ between N and O, ties by id — on this engine', async () => {
    const names = ['CUTIPA', 'CÁRDENAS', 'OCHOA', 'ÑAHUI', 'NUÑEZ', 'NUNEZ', 'cárdenas', 'ÁLVAREZ'];
    const rows = names.map((name, i) => ({ id: i + 1, name, amount: null, day: null }));
    const { ids } = await readAll(rows, 'name', 'asc', 3);
    expect(ids.map((id) => names[id - 1])).toEqual(['ÁLVAREZ', 'CÁRDENAS', 'cárdenas', 'CUTIPA', 'NUNEZ', 'NUÑEZ', 'ÑAHUI', 'OCHOA']);
  });

  test('property: any rows, any page size, any sort and direction: every row once, in order', async () => {
    const rowArb = fc.record({
      name: nameArb,
      amount: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
      day: fc.option(fc.constantFrom('2024-01-01', '2024-06-30', '2025-02-28'), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 0, maxLength: 25 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('name' as const, 'amount' as const, 'day' as const),
        fc.constantFrom('asc' as const, 'desc' as const),
        async (raw, limit, sort, dir) => {
          const rows = raw.map((r, i) => ({ ...r, id: i + 1 }));
          const { ids, pages } = await readAll(rows, sort, dir, limit);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids).toEqual(expected(rows, sort, dir));
          expect(pages).toBe(Math.max(1, Math.ceil(rows.length / limit)));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('a cursor is refused for another order, or when it is not one', () => {
    const c = encodeCursor({ sort: 'name', dir: 'asc', key: 'X', id: '1' });
    expect(decodeCursor(c, 'name', 'asc')).toEqual({ sort: 'name', dir: 'asc', key: 'X', id: '1' });
    expect(() => decodeCursor(c, 'name', 'desc')).toThrow(DomainError);
    expect(() => decodeCursor(c, 'amount', 'asc')).toThrow(DomainError);
    expect(() => decodeCursor('bm9wZQ', 'name', 'asc')).toThrow(DomainError);
  });
});
