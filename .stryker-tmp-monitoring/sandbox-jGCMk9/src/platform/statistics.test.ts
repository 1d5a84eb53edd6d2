// @ts-nocheck
import { describe, expect, test } from 'vitest';
import { testDb } from '../../test/db.ts';
import { BULK_ROWS, refreshStatistics } from './statistics.ts';

const db = await testDb();

const reltuples = async (table: string): Promise<number> =>
  Number((await db.query<{ n: number }>('SELECT reltuples::float8 AS n FROM pg_class WHERE relname = $1', [table])).rows[0]!.n);

describe('planner statistics after bulk writes', () => {
  test('a bulk write refreshes the statistics; a small one leaves them to autovacuum', async () => {
    const table = `stats_probe_${process.pid}`;
    await db.exec(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (n int)`);
    try {
      await db.query(`INSERT INTO ${table} SELECT generate_series(1, $1::int)`, [BULK_ROWS * 2]);
      const before = await reltuples(table);
      await refreshStatistics(db, [table], 10);
      expect(await reltuples(table)).toBe(before);
      await refreshStatistics(db, [table], BULK_ROWS * 2);
      expect(await reltuples(table)).toBe(BULK_ROWS * 2);
    } finally {
      await db.exec(`DROP TABLE ${table}`);
    }
  });

  test('refuses anything but a plain table name', async () => {
    await expect(refreshStatistics(db, ['persons; DROP TABLE users'], BULK_ROWS)).rejects.toThrow(/not a table name/);
  });
});
