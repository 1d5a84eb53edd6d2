/**
 * PGlite in a worker thread (what `veta serve` opens) answers as PGlite in this thread:
 * values, transactions, errors with their fields, COPY, LISTEN, the data folder's lock.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase, type Database } from '../src/platform/db.ts';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'veta-thread-'));
  db = await openDatabase({ dataDir: dir, thread: true });
  await db.exec(`CREATE TABLE t (id int PRIMARY KEY, n numeric, big int8, d date, note text);
                 CREATE TABLE seen (at int)`);
}, 60_000);

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('values come back as in this thread: int8 as number, numeric and date as strings', async () => {
  const { rows } = await db.query<{ a: number; n: string; d: string; s: string }>(
    `SELECT 9007199254740991::int8 AS a, 1.10::numeric AS n, '2024-02-29'::date AS d, $1::text AS s`,
    ['año ñ'],
  );
  expect(rows).toEqual([{ a: 9007199254740991, n: '1.10', d: '2024-02-29', s: 'año ñ' }]);
});

test('a transaction commits its statements, or rolls them all back when it throws', async () => {
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO t (id, note) VALUES ($1, $2)', [1, 'kept']);
    await tx.exec(`INSERT INTO t (id, note) VALUES (2, 'kept too')`);
  });
  await expect(
    db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id, note) VALUES ($1, $2)', [3, 'gone']);
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  const { rows } = await db.query<{ id: number }>('SELECT id FROM t ORDER BY id');
  expect(rows.map((r) => r.id)).toEqual([1, 2]);
});

test("an error keeps PostgreSQL's fields, and the transaction it broke rolls back", async () => {
  type PgError = Error & { code?: string; constraint?: string; detail?: string };
  const err = await db
    .transaction<PgError | null>(async (tx) => {
      await tx.query(`INSERT INTO t (id, note) VALUES (10, 'first')`);
      await tx.query(`INSERT INTO t (id, note) VALUES (1, 'duplicate')`);
      return null;
    })
    .catch((e: unknown) => e as PgError);
  expect(err).toBeInstanceOf(Error);
  if (!err) return;
  expect(err.code).toBe('23505');
  expect(err.constraint).toBe('t_pkey');
  expect(err.detail).toContain('(id)=(1)');
  const { rows } = await db.query('SELECT 1 FROM t WHERE id = 10');
  expect(rows).toEqual([]);
  await expect(db.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' });
});

test('a statement outside a transaction waits until the open one ends', async () => {
  await db.exec('TRUNCATE seen');
  let outside: Promise<unknown> | undefined;
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO seen VALUES (1)');
    outside = db.query('INSERT INTO seen VALUES (3)');
    await new Promise((r) => setTimeout(r, 50));
    await tx.query('INSERT INTO seen VALUES (2)');
  });
  await outside;
  const { rows } = await db.query<{ at: number }>('SELECT at FROM seen');
  expect(rows.map((r) => r.at)).toEqual([1, 2, 3]);
});

test('COPY FROM STDIN, whole or in parts, in and out of a transaction', async () => {
  expect(await db.copyFrom!('COPY t (id, note) FROM STDIN', '20\tveinte\n21\t\\N\n')).toBe(2);
  await db.transaction(async (tx) => {
    expect(await tx.copyFrom!('COPY t (id, note) FROM STDIN', ['22\ta\n', '23\tb\n'])).toBe(2);
  });
  const { rows } = await db.query<{ id: number; note: string | null }>('SELECT id, note FROM t WHERE id >= 20 ORDER BY id');
  expect(rows).toEqual([
    { id: 20, note: 'veinte' },
    { id: 21, note: null },
    { id: 22, note: 'a' },
    { id: 23, note: 'b' },
  ]);
});

test('a committed notification reaches the listener before the commit returns; a rolled-back one never', async () => {
  const notified: string[] = [];
  let resets = 0;
  const listener = db.listen('veta_thread', { onNotify: (p) => notified.push(p), onReset: () => resets++ });
  for (const end = Date.now() + 5_000; !listener.live;) {
    if (Date.now() > end) throw new Error('the listener never became live');
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(resets).toBe(1);
  await db.transaction((tx) => tx.query("SELECT pg_notify('veta_thread', 'one')"));
  expect(notified).toEqual(['one']);
  await db
    .transaction(async (tx) => {
      await tx.query("SELECT pg_notify('veta_thread', 'two')");
      throw new Error('roll back');
    })
    .catch(() => undefined);
  await listener.close();
  expect(listener.live).toBe(false);
  await db.query("SELECT pg_notify('veta_thread', 'three')");
  await new Promise((r) => setTimeout(r, 50));
  expect(notified).toEqual(['one']);
});

test('the data folder is locked by this process while open, and released when closed', async () => {
  const other = mkdtempSync(path.join(tmpdir(), 'veta-thread-'));
  try {
    const a = await openDatabase({ dataDir: other, thread: true });
    const lock = JSON.parse(readFileSync(path.join(other, 'veta.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await a.close();
    expect(existsSync(path.join(other, 'veta.lock'))).toBe(false);
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
}, 60_000);

test('a closed database refuses statements, and its folder opens again', async () => {
  const other = mkdtempSync(path.join(tmpdir(), 'veta-thread-'));
  try {
    const a = await openDatabase({ dataDir: other, thread: true });
    await a.exec('CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)');
    await a.close();
    await expect(a.query('SELECT 1')).rejects.toThrow();
    const b = await openDatabase({ dataDir: other });
    try {
      expect((await b.query<{ x: number }>('SELECT x FROM kept')).rows).toEqual([{ x: 7 }]);
    } finally {
      await b.close();
    }
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
}, 60_000);
