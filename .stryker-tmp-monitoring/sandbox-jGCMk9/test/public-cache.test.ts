/** Public answers are cached with an ETag and invalidated by any write, whichever process makes it. */
// @ts-nocheck

import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { readCsv } from '../src/platform/files/tabular.ts';
import { openDatabase, type Database, type ListenHandlers } from '../src/platform/db.ts';
import { createServer } from '../src/server.ts';
import { importReinfo } from '../src/modules/registry/reinfo.import.ts';
import { testDb } from './db.ts';
import { testServer } from './http.ts';
import { actor, buildReinfoRow, toCsv } from './factories.ts';

const url = '/api/public/registry/stats';

/** One more REINFO inscription, written (with its audit entry) through `db`. */
const addInscription = (db: Database) =>
  importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([buildReinfoRow()]))), {
    fileName: 'c.csv',
    sha256: randomBytes(32).toString('hex'),
    asOf: '2024-01-01',
  });

const total = (res: { json: <T>() => T }): number => res.json<{ total: number }>().total;

/**
 * The worker's database seen through a switchboard: the queries it answers are counted, the
 * public cache's notifications can be dropped (`deaf`) as a lost connection would, and the
 * listener can be reported down and up again, calling the cache's reset each time.
 */
function switchboard(db: Database) {
  let handlers: ListenHandlers | undefined;
  let down = false;
  const board = {
    queries: 0,
    deaf: false,
    db: {
      ...db,
      query: <T>(sql: string, params?: unknown[]) => {
        board.queries++;
        return db.query<T>(sql, params);
      },
      listen: (channel: string, h: ListenHandlers) => {
        handlers = h;
        const inner = db.listen(channel, { onNotify: (p) => (board.deaf ? undefined : h.onNotify(p)), onReset: () => h.onReset?.() });
        return {
          get live() {
            return inner.live && !down;
          },
          close: () => inner.close(),
        };
      },
    } satisfies Database,
    setDown(value: boolean) {
      down = value;
      handlers!.onReset!();
    },
  };
  return board;
}

/** Requests until the answer is a hit that cost no query (the listener is live and the head known). */
async function untilQuietHit(app: Awaited<ReturnType<typeof createServer>>, board: ReturnType<typeof switchboard>) {
  for (let i = 0; i < 100; i++) {
    const before = board.queries;
    const res = await app.inject({ method: 'GET', url });
    if (res.headers['x-cache'] === 'hit' && board.queries === before) return res;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('no hit without a query');
}

test('ETag, 304 Not Modified, and a fresh answer after a write', async () => {
  const db = await testDb();
  const app = await testServer();
  const first = await app.inject({ method: 'GET', url });
  expect(first.statusCode).toBe(200);
  const etag = first.headers['etag'] as string;
  expect(etag).toMatch(/^".+"$/);
  const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
  expect(again.statusCode).toBe(304);
  expect(again.body).toBe('');
  const cached = await app.inject({ method: 'GET', url });
  expect(cached.headers['x-cache']).toBe('hit');
  expect(cached.json()).toEqual(first.json());

  // Written in this process: its notification arrives before the write returns.
  await addInscription(db);
  const after = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
  expect(after.statusCode).toBe(200);
  expect(after.headers['etag']).not.toBe(etag);
  expect(total(after)).toBe(total(first) + 1);
  const revalidated = await app.inject({ method: 'GET', url, headers: { 'if-none-match': after.headers['etag'] as string } });
  expect(revalidated.statusCode).toBe(304);
});

test('a hit costs no query; a lost notification is made good by the reset that follows', async () => {
  const board = switchboard(await testDb());
  const app = await createServer(board.db);
  try {
    const warm = await untilQuietHit(app, board);
    const before = board.queries;
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url })).headers['x-cache']).toBe('hit');
    expect(board.queries).toBe(before);

    // The notification of this write is lost: the cache cannot know yet (the premise)…
    board.deaf = true;
    await addInscription(board.db);
    const stale = await app.inject({ method: 'GET', url });
    expect(total(stale)).toBe(total(warm));
    // …until the listener reports its connection lost: from then on every request checks.
    board.setDown(true);
    const checked = await app.inject({ method: 'GET', url });
    expect(total(checked)).toBe(total(warm) + 1);
    expect(checked.headers['etag']).not.toBe(warm.headers['etag']);
    await addInscription(board.db);
    expect(total(await app.inject({ method: 'GET', url }))).toBe(total(warm) + 2);

    // Listening again: the head is read once more, then hits are free again.
    board.deaf = false;
    board.setDown(false);
    const back = await untilQuietHit(app, board);
    expect(total(back)).toBe(total(warm) + 2);
    await addInscription(board.db);
    expect(total(await app.inject({ method: 'GET', url }))).toBe(total(warm) + 3);
  } finally {
    await app.close();
  }
});

test('a notification that arrives while the head is being read is not lost', async () => {
  const db = await testDb();
  const board = switchboard(db);
  let gate: Promise<void> | undefined;
  // Holds the answer of the cache's head read (the read itself is done) until the test opens the gate.
  const slowed: Database = {
    ...board.db,
    query: async <T>(sql: string, params?: unknown[]) => {
      const held = sql.includes('veta_audit_head') ? gate : undefined;
      const result = await board.db.query<T>(sql, params);
      if (held) await held;
      return result;
    },
  };
  const app = await createServer(slowed);
  try {
    const warm = await untilQuietHit(app, board);
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    await addInscription(db); // notified: the head is forgotten
    const waiting = app.inject({ method: 'GET', url }); // reads the head; its answer is held
    await new Promise((r) => setTimeout(r, 100));
    gate = undefined;
    await addInscription(db); // notified while that answer is held
    open();
    await waiting;
    // Had the held head been kept, this server would tag the new data with it; the shared
    // server (which did not race) and this one must agree, ETags being derived from head and body.
    const res = await app.inject({ method: 'GET', url });
    expect(total(res)).toBe(total(warm) + 2);
    const reference = await (await testServer()).inject({ method: 'GET', url });
    expect(res.headers['etag']).toBe(reference.headers['etag']);
  } finally {
    await app.close();
  }
});

test.runIf(process.env['DATABASE_URL'])('a write by another process (its own connections) invalidates the cache', async () => {
  const db = await testDb();
  const app = await testServer();
  const first = await app.inject({ method: 'GET', url });
  expect((await app.inject({ method: 'GET', url })).headers['x-cache']).toBe('hit');
  const { rows } = await db.query<{ name: string }>('SELECT current_database() AS name');
  const other = new URL(process.env['DATABASE_URL']!);
  other.pathname = `/${rows[0]!.name}`;
  const elsewhere = await openDatabase({ databaseUrl: other.toString() });
  try {
    await addInscription(elsewhere);
  } finally {
    await elsewhere.close();
  }
  // Delivered through the listener's connection a moment after the other process commits.
  let res = await app.inject({ method: 'GET', url });
  for (let i = 0; i < 100 && total(res) === total(first); i++) {
    await new Promise((r) => setTimeout(r, 20));
    res = await app.inject({ method: 'GET', url });
  }
  expect(total(res)).toBe(total(first) + 1);
  expect(res.headers['etag']).not.toBe(first.headers['etag']);
});

describe('bounded memory (issue 19: 2,600 `?cachebust=N` took the server from 0.70 to 2.08 GB)', () => {
  const fronts = '/api/public/registry/fronts';

  test('unknown query parameters are not part of the key: a cache-busting flood makes no new entries', async () => {
    const app = await testServer();
    const first = await app.inject({ method: 'GET', url: `${fronts}?department=21` });
    expect(first.statusCode).toBe(200);
    const before = app.publicCacheStats();
    let hits = 0;
    let maxBytes = before.bytes;
    for (let n = 0; n < 2600; n++) {
      const res = await app.inject({ method: 'GET', url: `${fronts}?cachebust=${n}&department=21` });
      expect(res.statusCode).toBe(200);
      if (res.headers['x-cache'] === 'hit') hits++;
      maxBytes = Math.max(maxBytes, app.publicCacheStats().bytes);
    }
    // Every answer came from the one entry (a write elsewhere in the worker may force a refill or two).
    expect(hits).toBeGreaterThan(2590);
    expect(maxBytes).toBe(before.bytes);
    expect(app.publicCacheStats().entries).toBeLessThanOrEqual(before.entries);
    // A repeated parameter is refused by the schema; unknown ones, in any order, leave the key as it is.
    expect((await app.inject({ method: 'GET', url: `${fronts}?department=21&department=21&x=1` })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `${fronts}?x=1&department=21` })).headers['x-cache']).toBe('hit');
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  test('an invalid query is not cached: the route answers 400', async () => {
    const app = await testServer();
    const before = app.publicCacheStats().entries;
    const res = await app.inject({ method: 'GET', url: `${fronts}?department=999` });
    expect(res.statusCode).toBe(400);
    expect(app.publicCacheStats().entries).toBe(before);
  });

  test('the cache is bounded by bytes, least recently used out first', async () => {
    const { publicMapRoutes } = await import('../src/modules/registry/public-map.routes.ts');
    const { buildApp } = await import('../src/platform/http/app.ts');
    const bound = 32 * 1024;
    const app = await buildApp({ db: await testDb(), publicCacheBytes: bound }, [publicMapRoutes]);
    try {
      const bbox = (i: number) => `/api/public/registry/rights?bbox=${-75 + i / 1000},-16,${-73 + i / 1000},-14`;
      for (let i = 0; i < 200; i++) {
        const res = await app.inject({ method: 'GET', url: bbox(i) });
        expect(res.statusCode).toBe(200);
        const s = app.publicCacheStats();
        expect(s.bytes).toBeLessThanOrEqual(bound);
      }
      const s = app.publicCacheStats();
      // Each entry is counted at its body, its key and a bookkeeping allowance: 200 of them do not fit.
      expect(s.bytes).toBeGreaterThan(bound / 2);
      expect(s.entries).toBeGreaterThan(0);
      expect(s.entries).toBeLessThan(200);
      // The newest is still there; the oldest was evicted.
      expect((await app.inject({ method: 'GET', url: bbox(199) })).headers['x-cache']).toBe('hit');
      expect((await app.inject({ method: 'GET', url: bbox(0) })).headers['x-cache']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
