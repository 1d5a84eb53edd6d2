import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

/** What both engines answer to: parameterised SQL returning rows. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations, SET LOCAL …). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` inside one transaction; a throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: the data folder as a tar, to start other databases from. */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenOptions {
  /** `postgres://…` selects native PostgreSQL; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data folder, or `memory` for a throwaway database. */
  dataDir?: string | undefined;
  /** PGlite: a dumped data folder (tar) to start from instead of initdb. */
  loadDataDir?: Blob | undefined;
}

// Same value types from both engines: counts as numbers, NUMERIC as exact strings,
// calendar dates as 'YYYY-MM-DD' strings (never a Date shifted by the local zone).
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const identity = (v: string): string => v;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir ?? './data', options.loadDataDir);
  return process.env['VETA_SQL_TRACE'] ? traced(db) : db;
}

/** VETA_SQL_TRACE=1: every statement's time on stderr (for profiling imports and reports). */
function traced(db: Database): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      const t = performance.now();
      try {
        return await q.query<T>(sql, params);
      } finally {
        process.stderr.write(`[sql ${(performance.now() - t).toFixed(1)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 100)}\n`);
      }
    },
    exec: async (sql: string) => {
      const t = performance.now();
      try {
        await q.exec(sql);
      } finally {
        process.stderr.write(`[sql ${(performance.now() - t).toFixed(1)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 100)}\n`);
      }
    },
  });
  return { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const memory = dataDir === 'memory';
  let lock: DataDirLock | undefined;
  if (!memory) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const [{ PGlite }, { postgis }, { pg_trgm }, { unaccent }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-postgis'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/unaccent'),
    ]);
    const pg: PGliteType = await PGlite.create(memory ? undefined : path.join(dataDir, 'pgdata'), {
      extensions: { postgis, pg_trgm, unaccent },
      parsers: { [INT8]: Number, [NUMERIC]: identity, [DATE]: identity },
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    return {
      engine: 'pglite',
      query: async <T>(sql: string, params?: unknown[]) => {
        const r = await pg.query<T>(sql, params);
        return { rows: r.rows };
      },
      exec: async (sql: string) => {
        await pg.exec(sql);
      },
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
        pg.transaction(async (tx) =>
          fn({
            query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<R>(sql, params)).rows }),
            exec: async (sql: string) => {
              await tx.exec(sql);
            },
          }),
        ),
      close: async () => {
        await pg.close();
        lock?.release();
      },
      dumpDataDir: () => pg.dumpDataDir('none'),
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pgModule = await import('pg');
  const pg = pgModule.default;
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === INT8 ? Number : oid === NUMERIC || oid === DATE ? identity : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max: 8, types: types as never });
  pool.on('error', () => undefined);
  const wrap = (c: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await c.query(sql, params)).rows as T[] }),
    exec: async (sql: string) => {
      await c.query(sql);
    },
  });
  const base = wrap(pool);
  return {
    engine: 'postgres',
    ...base,
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
