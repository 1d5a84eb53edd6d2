/**
 * One migrated database per test worker (vitest runs with isolate: false, so this
 * module and its promise are shared by every test file of the worker). Tests isolate
 * themselves inside it: unique keys from the factories, or a rolled-back transaction.
 * With DATABASE_URL the worker gets its own database on that server; otherwise an
 * in-memory PGlite, started from a cached dump of the migrated data folder when one
 * exists for the current migrations (a fresh PGlite with PostGIS takes ~12 s).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { listMigrations, migrate } from '../src/platform/migrate.ts';
import { loadTerritory } from '../src/modules/territory/territory.load.ts';

let current: Promise<Database> | undefined;

export function testDb(): Promise<Database> {
  current ??= create();
  return current;
}

async function prepare(db: Database): Promise<Database> {
  await migrate(db);
  await db.transaction((tx) => loadTerritory(tx));
  return db;
}

async function create(): Promise<Database> {
  const url = process.env['DATABASE_URL'];
  if (url) return prepare(await openDatabase({ databaseUrl: await workerDatabase(url) }));
  const cached = cachePath();
  if (existsSync(cached)) {
    const db = await openDatabase({ dataDir: 'memory', loadDataDir: new Blob([readFileSync(cached)]) });
    return prepare(db);
  }
  const db = await prepare(await openDatabase({ dataDir: 'memory' }));
  const dump = await db.dumpDataDir!();
  mkdirSync(path.dirname(cached), { recursive: true });
  const tmp = `${cached}.${process.pid}`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, cached);
  return db;
}

/** The cached dump of a migrated PGlite data folder for the current migrations. */
export function cachePath(): string {
  const key = createHash('sha256')
    .update(
      listMigrations()
        .map((m) => m.checksum)
        .join(),
    )
    .update(readFileSync(new URL('../src/modules/territory/territory.load.ts', import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  return path.resolve('node_modules/.cache/veta', `pglite-${key}.tar`);
}

/** A fresh database of its own on the server of `url` (dropped first if left over). */
export async function workerDatabase(url: string, suffix = ''): Promise<string> {
  const pg = (await import('pg')).default;
  const name = `veta_test_${process.env['VITEST_POOL_ID'] ?? '0'}${suffix}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
