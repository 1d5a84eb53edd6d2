import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite as PGliteType } from '@electric-sql/pglite';
import type { Client as PgClient, ClientBase as PgClientBase } from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { libraryOnFirstUse, slimPostgis } from './postgis-bundle.ts';
import { prefetchedPgliteFiles } from './db/pglite-files.ts';
import { listenerHandle, type Listener, type ListenerState, type ListenHandlers } from './db/listener.ts';

/** What both engines answer to: parameterised SQL returning rows. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations, SET LOCAL …). */
  exec(sql: string): Promise<void>;
  /**
   * `COPY … FROM STDIN` (text format): `sql` names the table and columns, `data` is the
   * input, whole or in parts (see `copyText`); answers the rows copied. Both engines have
   * it; a wrapper that leaves it out makes `copyRows` fall back to INSERTs.
   */
  copyFrom?(sql: string, data: string | readonly string[]): Promise<number>;
}

/**
 * A value in COPY's text format: `\N` for null, backslash escapes for the separators.
 * Arrays are PostgreSQL arrays (as node-postgres sends them); other objects are JSON.
 */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  let text: string;
  if (typeof v === 'string') text = v;
  else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  else if (v instanceof Date) return v.toISOString();
  else if (Array.isArray(v)) text = arrayLiteral(v);
  else text = JSON.stringify(v);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A PostgreSQL array literal (`{a,"b c",NULL}`) of scalars or nested arrays. */
function arrayLiteral(items: readonly unknown[]): string {
  const item = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const t = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${t.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  };
  return `{${items.map(item).join(',')}}`;
}

/** Rows as COPY text input, in parts of `perPart` lines (a part is one string). */
export function copyText(rows: Iterable<readonly unknown[]>, perPart = 10_000): string[] {
  const parts: string[] = [];
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(`${row.map(copyValue).join('\t')}\n`);
    if (lines.length >= perPart) {
      parts.push(lines.join(''));
      lines = [];
    }
  }
  if (lines.length) parts.push(lines.join(''));
  return parts;
}

/**
 * Writes `rows` into `table (columns)` with COPY where the connection has it, else with
 * multi-row INSERTs; answers the rows written. `table` and `columns` are SQL identifiers
 * written by the caller, never input.
 */
export async function copyRows(q: Queryable, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  const target = `${table} (${columns.join(', ')})`;
  if (q.copyFrom) return q.copyFrom(`COPY ${target} FROM STDIN`, copyText(rows));
  const perStatement = Math.max(1, Math.floor(60_000 / columns.length));
  for (let at = 0; at < rows.length; at += perStatement) {
    const chunk = rows.slice(at, at + perStatement);
    const params: unknown[] = [];
    const values = chunk.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    await q.query(`INSERT INTO ${target} VALUES ${values.join(', ')}`, params);
  }
  return rows.length;
}

export type { ListenHandlers, Listener } from './db/listener.ts';

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` inside one transaction; a throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on `channel` (lower-case name) until the listener or the database is closed. Not
   * live at first: it becomes live, calling `onReset`, once the LISTEN is in place.
   */
  listen(channel: string, handlers: ListenHandlers): Listener;
  /** Closes the listeners too. */
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
  /**
   * PGlite: run PostgreSQL in a worker thread (see db/pglite-thread.ts), so that opening it
   * and this thread's own work (a server loading its routes) run on two cores at once.
   */
  thread?: boolean | undefined;
}

// Same value types from both engines: counts as numbers, NUMERIC as exact strings,
// calendar dates as 'YYYY-MM-DD' strings (never a Date shifted by the local zone).
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const identity = (v: string): string => v;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const dataDir = options.dataDir ?? './data';
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : options.thread
      ? await (await import('./db/pglite-thread.ts')).openPgliteThread(dataDir, options.loadDataDir)
      : await openPglite(dataDir, options.loadDataDir);
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
    ...(q.copyFrom
      ? {
          copyFrom: async (sql: string, data: string | readonly string[]) => {
            const t = performance.now();
            try {
              return await q.copyFrom!(sql, data);
            } finally {
              process.stderr.write(`[sql ${(performance.now() - t).toFixed(1)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 100)}\n`);
            }
          },
        }
      : {}),
  });
  return { ...db, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

/** PGlite in this thread (the worker thread of db/pglite-thread.ts calls it too). */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const memory = dataDir === 'memory';
  let lock: DataDirLock | undefined;
  if (!memory) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const [{ PGlite }, postgis, { pg_trgm }, { unaccent }, files] = await Promise.all([
      import('@electric-sql/pglite'),
      slimPostgis(),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/unaccent'),
      prefetchedPgliteFiles(),
    ]);
    const pg: PGliteType = await PGlite.create(memory ? undefined : path.join(dataDir, 'pgdata'), {
      extensions: { libraryOnFirstUse, postgis, pg_trgm, unaccent },
      ...(files ? { pgliteWasmModule: files.wasmModule, fsBundle: files.fsBundle } : {}),
      parsers: { [INT8]: Number, [NUMERIC]: identity, [DATE]: identity },
      ...(loadDataDir ? { loadDataDir } : {}),
      // PostgreSQL zeroes its shared buffers at start, and in WebAssembly that runs in
      // not-yet-optimised code: 128 MB (the default) cost 0.4 s of every start. The data
      // files sit in the operating system's page cache behind these buffers anyway.
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
    });
    const listeners = new Set<Listener>();
    return {
      engine: 'pglite',
      query: async <T>(sql: string, params?: unknown[]) => {
        const r = await pg.query<T>(sql, params);
        return { rows: r.rows };
      },
      exec: async (sql: string) => {
        await pg.exec(sql);
      },
      copyFrom: (sql, data) => pgliteCopy(pg, sql, data),
      transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
        pg.transaction(async (tx) =>
          fn({
            query: async <R>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<R>(sql, params)).rows }),
            exec: async (sql: string) => {
              await tx.exec(sql);
            },
            copyFrom: (sql, data) => pgliteCopy(tx, sql, data),
          }),
        ),
      // PGlite is the only connection to its data folder (locked), so every write is made
      // here and its notifications arrive as its COMMIT is answered: nothing to reconnect.
      listen: (channel, handlers) => {
        const state: ListenerState = { live: false, closed: false };
        const unlisten = pg
          .listen(channel, (payload) => handlers.onNotify(payload))
          .then((unsub) => {
            if (!state.closed) {
              state.live = true;
              handlers.onReset?.();
            }
            return unsub;
          });
        unlisten.catch(() => undefined);
        const listener = listenerHandle(state, async () => {
          listeners.delete(listener);
          const unsub = await unlisten.catch(() => undefined);
          await unsub?.().catch(() => undefined);
        });
        listeners.add(listener);
        return listener;
      },
      close: async () => {
        await Promise.all([...listeners].map((l) => l.close()));
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

type PgliteQueryable = {
  query: <T>(sql: string, params?: unknown[], options?: { blob?: Blob }) => Promise<{ rows: T[]; affectedRows?: number }>;
};

/**
 * PGlite reads COPY's input from a Blob it mounts as `/dev/blob`: a file to PostgreSQL,
 * which only its own user may COPY from. Under `SET LOCAL ROLE` (an actor's transaction)
 * the COPY runs as that user and the role is restored after it; since that user is not
 * held by row-level security, a table that has it is refused (as on PostgreSQL, where
 * COPY FROM is refused under row-level security): COPY into staging tables, then INSERT.
 */
async function pgliteCopy(pg: PgliteQueryable, sql: string, data: string | readonly string[]): Promise<number> {
  const fromBlob = sql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
  const table = /^\s*COPY\s+([^\s(]+)/i.exec(sql)?.[1];
  if (fromBlob === sql || !table) throw new Error('copyFrom: the statement must be COPY table (columns) FROM STDIN');
  const blob = new Blob(typeof data === 'string' ? [data] : [...data]);
  const { rows } = await pg.query<{ role: string; rls: boolean }>(
    `SELECT current_setting('role') AS role, (SELECT relrowsecurity FROM pg_class WHERE oid = $1::regclass) AS rls`,
    [table],
  );
  const role = rows[0]!.role;
  if (role === 'none') return (await pg.query(fromBlob, [], { blob })).affectedRows ?? 0;
  if (rows[0]!.rls) throw new Error(`copyFrom: ${table} has row-level security; COPY into a staging table instead`);
  await pg.query('RESET ROLE');
  let copied: number;
  try {
    copied = (await pg.query(fromBlob, [], { blob })).affectedRows ?? 0;
  } catch (err) {
    // the transaction is aborted and will roll back, role included
    await pg.query(`SELECT set_config('role', $1, true)`, [role]).catch(() => undefined);
    throw err;
  }
  await pg.query(`SELECT set_config('role', $1, true)`, [role]);
  return copied;
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
  const { from: copyStream } = await import('pg-copy-streams');
  const copyOn = async (client: PgClientBase, sql: string, data: string | readonly string[]): Promise<number> => {
    const stream = client.query(copyStream(sql));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    for (const part of typeof data === 'string' ? [data] : data) {
      if (!stream.write(part))
        await new Promise<void>((resolve, reject) => {
          stream.once('drain', resolve);
          stream.once('error', reject);
        });
    }
    stream.end();
    await done;
    return stream.rowCount;
  };
  const wrap = (c: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }, client?: PgClientBase): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await c.query(sql, params)).rows as T[] }),
    exec: async (sql: string) => {
      await c.query(sql);
    },
    copyFrom: async (sql, data) => {
      if (client) return copyOn(client, sql, data);
      const own = await pool.connect();
      try {
        return await copyOn(own, sql, data);
      } finally {
        own.release();
      }
    },
  });
  const base = wrap(pool);

  // This process's listeners, by channel. Other processes' notifications reach them through
  // each listener's own connection, a moment after those processes commit. For this process's
  // own writes that moment would be a race (a client writes, then reads a stale cached
  // answer), so pool connections LISTEN too: PostgreSQL sends a session its own notifications
  // before the COMMIT's ReadyForQuery, i.e. before the transaction's promise resolves.
  const local = new Map<string, Set<ListenHandlers>>();
  const listeners = new Set<Listener>();
  const listenedBy = new WeakMap<PgClientBase, Set<string>>();
  const ensureListening = async (client: PgClientBase): Promise<void> => {
    let channels = listenedBy.get(client);
    if (!channels) {
      channels = new Set();
      listenedBy.set(client, channels);
      const backend = client as unknown as { processID?: number };
      client.on('notification', (n) => {
        if (n.processId !== backend.processID) return;
        for (const h of local.get(n.channel) ?? []) h.onNotify(n.payload ?? '');
      });
    }
    for (const channel of local.keys()) {
      if (channels.has(channel)) continue;
      await client.query(`LISTEN ${quoteIdent(channel)}`);
      channels.add(channel);
    }
  };

  return {
    engine: 'postgres',
    ...base,
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
      const client = await pool.connect();
      try {
        await ensureListening(client);
        await client.query('BEGIN');
        const result = await fn(wrap(client, client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    listen: (channel, handlers) => {
      let set = local.get(channel);
      if (!set) local.set(channel, (set = new Set()));
      set.add(handlers);
      const listener = postgresListener(
        () => new pg.Client({ connectionString: url, application_name: 'veta-listen', keepAlive: true }),
        channel,
        handlers,
        () => {
          set.delete(handlers);
          listeners.delete(listener);
        },
      );
      listeners.add(listener);
      return listener;
    },
    close: async () => {
      await Promise.all([...listeners].map((l) => l.close()));
      await pool.end();
    },
  };
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** How often the listening connection is checked, and how long it may take to answer. */
const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;

/**
 * A dedicated connection that LISTENs on `channel`. When it fails (error, end, or a heartbeat
 * not answered: a silently dropped connection would otherwise look live forever) it is
 * replaced, retrying with backoff; `onReset` is called as it stops and again once it listens.
 */
function postgresListener(newClient: () => PgClient, channel: string, handlers: ListenHandlers, onClosed: () => void): Listener {
  const state: ListenerState = { live: false, closed: false };
  let client: PgClient | undefined;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  const setLive = (value: boolean): void => {
    if (state.live === value) return;
    state.live = value;
    handlers.onReset?.();
  };
  const drop = (c: PgClient): void => {
    if (client !== c) return;
    client = undefined;
    clearInterval(heartbeat);
    setLive(false);
    c.end().catch(() => undefined);
    if (state.closed) return;
    retry = setTimeout(() => void start(), Math.min(100 * 2 ** attempt++, 5_000));
    retry.unref();
  };
  const start = async (): Promise<void> => {
    const c = newClient();
    client = c;
    c.on('notification', (n) => {
      if (client === c && n.channel === channel) handlers.onNotify(n.payload ?? '');
    });
    c.on('error', () => drop(c));
    c.on('end', () => drop(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${quoteIdent(channel)}`);
    } catch {
      drop(c);
      return;
    }
    if (client !== c) return;
    attempt = 0;
    heartbeat = setInterval(() => {
      const timeout = setTimeout(() => drop(c), HEARTBEAT_TIMEOUT_MS);
      timeout.unref();
      c.query('SELECT 1').then(
        () => clearTimeout(timeout),
        () => drop(c),
      );
    }, HEARTBEAT_MS);
    heartbeat.unref();
    setLive(true);
  };
  void start();
  return listenerHandle(state, async () => {
    clearTimeout(retry);
    clearInterval(heartbeat);
    onClosed();
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  });
}
