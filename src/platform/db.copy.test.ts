import { describe, expect, it } from 'vitest';
import { testDb } from '../../test/db.ts';
import { copyRows, copyText, copyValue, type Queryable } from './db.ts';

class Rollback extends Error {}

const rolledBack = async (fn: (tx: Queryable) => Promise<void>): Promise<void> => {
  const db = await testDb();
  await db
    .transaction(async (tx) => {
      await fn(tx);
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
};

const ROWS: unknown[][] = [
  [1, 'plain', null, ['a', 'b c', null], true, '2024-01-31', { k: 'v\tw' }],
  [2, 'tab\there, new\nline, cr\rand back\\slash', '', [], false, null, null],
  [3, '\\.', 'ñandú — “quotes” "double"', ['x"y', 'back\\slash', '{}', ','], null, '2024-12-01', { list: [1, 2] }],
];

describe('COPY on the platform’s Queryable (copyRows)', () => {
  it('copies values of every shape (nulls, escapes, arrays, JSON) and reads them back the same', async () => {
    await rolledBack(async (tx) => {
      await tx.exec(`CREATE TEMP TABLE copy_probe (id int, t text, u text, arr text[], b boolean, d date, j jsonb) ON COMMIT DROP`);
      expect(tx.copyFrom).toBeTypeOf('function');
      const n = await copyRows(tx, 'copy_probe', ['id', 't', 'u', 'arr', 'b', 'd', 'j'], ROWS);
      expect(n).toBe(3);
      const { rows } = await tx.query<{ id: number; t: string; u: string | null; arr: string[]; b: boolean | null; d: string | null; j: unknown }>(
        `SELECT id, t, u, arr, b, d::text AS d, j FROM copy_probe ORDER BY id`,
      );
      expect(rows.map((r) => [r.id, r.t, r.u, r.arr, r.b, r.d, r.j])).toEqual([
        [1, 'plain', null, ['a', 'b c', null], true, '2024-01-31', { k: 'v\tw' }],
        [2, 'tab\there, new\nline, cr\rand back\\slash', '', [], false, null, null],
        [3, '\\.', 'ñandú — “quotes” "double"', ['x"y', 'back\\slash', '{}', ','], null, '2024-12-01', { list: [1, 2] }],
      ]);
    });
  });

  it('falls back to INSERTs on a connection without copyFrom, with the same result', async () => {
    await rolledBack(async (tx) => {
      await tx.exec(`CREATE TEMP TABLE copy_probe2 (id int, t text, u text, arr text[], b boolean, d date, j jsonb) ON COMMIT DROP`);
      const bare: Queryable = { query: (sql, params) => tx.query(sql, params), exec: (sql) => tx.exec(sql) };
      expect(await copyRows(bare, 'copy_probe2', ['id', 't', 'u', 'arr', 'b', 'd', 'j'], ROWS)).toBe(3);
      const { rows } = await tx.query<{ t: string; arr: string[] }>(`SELECT t, arr FROM copy_probe2 ORDER BY id`);
      expect(rows.map((r) => r.t)).toEqual(ROWS.map((r) => r[1]));
      expect(rows[2]!.arr).toEqual(['x"y', 'back\\slash', '{}', ',']);
    });
  });

  it('copies many rows in parts, and a bad value fails the whole COPY', async () => {
    await rolledBack(async (tx) => {
      await tx.exec(`CREATE TEMP TABLE copy_many (id int PRIMARY KEY, t text) ON COMMIT DROP`);
      const rows = Array.from({ length: 25_000 }, (_, i) => [i, `row ${i}`]);
      expect(copyText(rows, 10_000)).toHaveLength(3);
      expect(await copyRows(tx, 'copy_many', ['id', 't'], rows)).toBe(25_000);
      const { rows: counted } = await tx.query<{ n: number; s: number }>(`SELECT count(*) AS n, sum(id)::int AS s FROM copy_many`);
      expect(counted[0]).toEqual({ n: 25_000, s: (25_000 * 24_999) / 2 });
    });
    await rolledBack(async (tx) => {
      await tx.exec(`CREATE TEMP TABLE copy_bad (id int) ON COMMIT DROP`);
      await expect(copyRows(tx, 'copy_bad', ['id'], [[1], ['not a number']])).rejects.toThrow(/integer/);
    });
  });

  it('copies as an actor (SET LOCAL ROLE veta_app) into a staging table, the role kept; refused under row-level security', async () => {
    await rolledBack(async (tx) => {
      await tx.query(`SELECT set_config('role', 'veta_app', true)`);
      await tx.exec(`CREATE TEMP TABLE copy_staged (id int, t text) ON COMMIT DROP`);
      expect(
        await copyRows(
          tx,
          'copy_staged',
          ['id', 't'],
          [
            [1, 'uno'],
            [2, 'dos'],
          ],
        ),
      ).toBe(2);
      const { rows } = await tx.query<{ who: string; n: number }>(`SELECT current_user AS who, (SELECT count(*) FROM copy_staged) AS n`);
      expect(rows[0]).toEqual({ who: 'veta_app', n: 2 });
    });
    await rolledBack(async (tx) => {
      await tx.query(`SELECT set_config('role', 'veta_app', true)`);
      await expect(copyRows(tx, 'lot_origins', ['lot', 'site', 'mg'], [['L-1', 'S-1', 1]])).rejects.toThrow(/row-level security/);
    });
  });

  it('writes COPY text escapes', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyValue(['a', null, 'b"c'])).toBe('{"a",NULL,"b\\\\"c"}');
    expect(copyValue(12.5)).toBe('12.5');
  });
});
