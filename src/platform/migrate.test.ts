/**
 * The migrations check every command runs: on a database without `schema_migrations` the
 * table is created and everything applied; applied migrations are never re-run; a changed
 * one is refused; any other failure of the check is the caller's error, not a new table.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase, type Database } from './db.ts';
import { listMigrations, migrate } from './migrate.ts';

let db: Database;
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-migrate-'));

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory' });
}, 120_000);

afterAll(async () => {
  await db.close();
});

test('a new database gets the table and every migration, once; a changed one is refused', async () => {
  writeFileSync(path.join(dir, '0001_first.sql'), 'CREATE TABLE first_t (id int);');
  writeFileSync(path.join(dir, '0002_second.sql'), 'CREATE TABLE second_t (id int);');
  expect(await migrate(db, listMigrations(dir))).toEqual(['0001_first', '0002_second']);
  const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
  expect(rows.map((r) => r.version)).toEqual(['0001', '0002']);
  expect(await migrate(db, listMigrations(dir))).toEqual([]);

  writeFileSync(path.join(dir, '0003_third.sql'), 'CREATE TABLE third_t (id int);');
  expect(await migrate(db, listMigrations(dir))).toEqual(['0003_third']);

  writeFileSync(path.join(dir, '0002_second.sql'), 'CREATE TABLE second_t (id bigint);');
  await expect(migrate(db, listMigrations(dir))).rejects.toThrow(/0002_second was changed after it was applied/);
}, 60_000);

test('a check that fails for another reason than a missing table is not answered by creating one', async () => {
  const denied = Object.assign(new Error('permission denied for table schema_migrations'), { code: '42501' });
  const statements: string[] = [];
  const refusing = {
    ...db,
    query: async (sql: string) => {
      statements.push(sql);
      throw denied;
    },
    exec: async (sql: string) => {
      statements.push(sql);
    },
  } as Database;
  await expect(migrate(refusing, listMigrations(dir))).rejects.toBe(denied);
  expect(statements).toEqual(['SELECT version, checksum FROM schema_migrations']);
});
