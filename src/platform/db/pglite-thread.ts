import { Worker } from 'node:worker_threads';
import type { Database, Queryable } from '../db.ts';
import { DataDirLockedError } from '../data-dir-lock.ts';
import { listenerHandle, type Listener, type ListenerState, type ListenHandlers } from './listener.ts';

/**
 * PGlite in a worker thread, behind the same `Database` as PGlite in this thread.
 *
 * PGlite runs PostgreSQL as WebAssembly on the thread that opened it: opening a data folder
 * (≈ 0.5–1 s) and every statement's execution take that thread. `veta serve` opens the
 * database while it loads every module's routes (≈ 0.7 s), and on one thread the two only
 * take turns; here they run on two cores. Each statement costs a message each way
 * (tens of microseconds), which a server answering over the network does not notice.
 *
 * The worker (pglite-worker.ts) forwards each request to its PGlite as it arrives, so the
 * ordering and the single connection's rules are PGlite's own: a statement outside a
 * transaction waits while one is open, as it does in one thread. A transaction is held open
 * in the worker between `begin` and `end`, its statements tagged with its id. Errors come
 * back with their fields (`code`, `constraint`, `detail`…) as own properties of an Error,
 * as PGlite's own errors carry them.
 */

/** What this thread asks of the worker. */
export type Request =
  | { op: 'query'; sql: string; params?: unknown[] | undefined; tx?: number | undefined }
  | { op: 'exec'; sql: string; tx?: number | undefined }
  | { op: 'copy'; sql: string; data: string | readonly string[]; tx?: number | undefined }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'listen'; channel: string; listener: number }
  | { op: 'unlisten'; listener: number }
  | { op: 'dump' }
  | { op: 'close' };

/** A plain copy of an error: what crosses the thread boundary. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string | undefined;
  fields: Record<string, string | number | boolean | null>;
}

/** What the worker sends back: an answer to request `id`, or an event of a listener. */
export type Reply =
  | { kind: 'opened' }
  | { kind: 'open-failed'; error: ErrorData }
  | { kind: 'answer'; id: number; value: unknown }
  | { kind: 'failed'; id: number; error: ErrorData }
  | { kind: 'notify'; listener: number; payload: string }
  | { kind: 'live'; listener: number };

export interface WorkerData {
  dataDir: string;
  loadDataDir?: ArrayBuffer | undefined;
}

export function errorData(err: unknown): ErrorData {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: ErrorData['fields'] = {};
  for (const [k, v] of Object.entries(err)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) fields[k] = v as string | number | boolean | null;
  }
  return { name: err.name, message: err.message, stack: err.stack, fields };
}

function toError(data: ErrorData): Error {
  if (data.name === 'DataDirLockedError') {
    const f = data.fields;
    return new DataDirLockedError(String(f['dataDir']), Number(f['holderPid']), String(f['holderCommand']));
  }
  const err = Object.assign(new Error(data.message), data.fields);
  if (data.name !== 'Error') Object.defineProperty(err, 'name', { value: data.name, configurable: true, writable: true });
  // where it was thrown (the worker's stack), then where it was asked (this thread's)
  err.stack = `${data.stack ?? `${data.name}: ${data.message}`}\n    --- asked from ---\n${new Error().stack?.split('\n').slice(2).join('\n') ?? ''}`;
  return err;
}

/**
 * The worker beside this file: compiled (.js), or, run from the sources, the .ts file
 * through tsx's loader, registered in the worker's own thread first.
 */
function startWorker(data: WorkerData): Worker {
  const transferList = data.loadDataDir ? [data.loadDataDir] : [];
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: data, transferList });
  const entry = new URL('./pglite-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: data, transferList });
}

export async function openPgliteThread(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const worker = startWorker({ dataDir, ...(loadDataDir ? { loadDataDir: await loadDataDir.arrayBuffer() } : {}) });

  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<number, { state: ListenerState; handlers: ListenHandlers }>();
  let nextId = 1;
  let dead: Error | null = null;
  // the worker keeps the process alive only while something waits on it
  const holdWhileWaiting = (): void => {
    if (pending.size > 0) worker.ref();
    else worker.unref();
  };

  const ask = <T>(request: Request): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      holdWhileWaiting();
      worker.postMessage({ id, ...request });
    });
  };

  const opened = new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => {
      dead ??= err;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
      for (const l of listeners.values()) l.state.live = false;
      reject(err);
    };
    worker.on('message', (reply: Reply) => {
      switch (reply.kind) {
        case 'opened':
          resolve();
          break;
        case 'open-failed':
          fail(toError(reply.error));
          break;
        case 'answer':
        case 'failed': {
          const p = pending.get(reply.id);
          if (!p) break;
          pending.delete(reply.id);
          holdWhileWaiting();
          if (reply.kind === 'answer') p.resolve(reply.value);
          else p.reject(toError(reply.error));
          break;
        }
        case 'notify':
          listeners.get(reply.listener)?.handlers.onNotify(reply.payload);
          break;
        case 'live': {
          const l = listeners.get(reply.listener);
          if (l && !l.state.closed) {
            l.state.live = true;
            l.handlers.onReset?.();
          }
          break;
        }
      }
    });
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`the embedded database's thread stopped (exit code ${code})`)));
  });
  try {
    await opened;
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  worker.unref();

  const on = (tx?: number): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: await ask<T[]>({ op: 'query', sql, params, tx }) }),
    exec: async (sql: string) => {
      await ask({ op: 'exec', sql, tx });
    },
    copyFrom: (sql: string, data: string | readonly string[]) => ask<number>({ op: 'copy', sql, data, tx }),
  });
  let nextTx = 1;
  let nextListener = 1;
  const db: Database = {
    engine: 'pglite',
    ...on(),
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
      const tx = nextTx++;
      await ask({ op: 'begin', tx });
      let result: T;
      try {
        result = await fn(on(tx));
      } catch (err) {
        await ask({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw err;
      }
      await ask({ op: 'end', tx, commit: true });
      return result;
    },
    listen: (channel: string, handlers: ListenHandlers): Listener => {
      const id = nextListener++;
      const state: ListenerState = { live: false, closed: false };
      listeners.set(id, { state, handlers });
      const listening = ask({ op: 'listen', channel, listener: id });
      listening.catch(() => undefined);
      return listenerHandle(state, async () => {
        listeners.delete(id);
        await listening.catch(() => undefined);
        await ask({ op: 'unlisten', listener: id }).catch(() => undefined);
      });
    },
    close: async () => {
      if (dead) return;
      // the worker's own close ends its subscriptions
      for (const { state } of listeners.values()) Object.assign(state, { closed: true, live: false });
      listeners.clear();
      try {
        await ask({ op: 'close' });
      } finally {
        dead = new Error('the database is closed');
        await worker.terminate();
      }
    },
    dumpDataDir: async () => new Blob([await ask<ArrayBuffer>({ op: 'dump' })]),
  };
  return db;
}
