/** LISTEN/NOTIFY through the Database abstraction, on both engines. */
import { expect, test } from 'vitest';
import type { Database, Listener } from '../src/platform/db.ts';
import { testDb } from './db.ts';

const until = async (what: string, ok: () => boolean, ms = 5_000): Promise<void> => {
  for (const end = Date.now() + ms; !ok();) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

function listenTo(db: Database, channel: string) {
  const seen = { notified: [] as string[], resets: 0 };
  const listener: Listener = db.listen(channel, { onNotify: (p) => seen.notified.push(p), onReset: () => seen.resets++ });
  return { seen, listener };
}

test('a committed notification reaches the listener before the commit returns; a rolled-back one never', async () => {
  const db = await testDb();
  const { seen, listener } = listenTo(db, 'veta_test_commit');
  try {
    await until('live', () => listener.live);
    expect(seen.resets).toBe(1);
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_notify('veta_test_commit', 'one')");
      expect(seen.notified).toEqual([]); // delivered at commit, not before
    });
    expect(seen.notified).toContain('one');
    await db
      .transaction(async (tx) => {
        await tx.query("SELECT pg_notify('veta_test_commit', 'two')");
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db.transaction((tx) => tx.query("SELECT pg_notify('veta_test_commit', 'three')"));
    expect(seen.notified).toContain('three');
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    await listener.close();
  }
  expect(listener.live).toBe(false);
  await db.transaction((tx) => tx.query("SELECT pg_notify('veta_test_commit', 'after close')"));
  await new Promise((r) => setTimeout(r, 100));
  // On PostgreSQL this process's own notifications may also come back through the listener's connection.
  expect(new Set(seen.notified)).toEqual(new Set(['one', 'three']));
});

test.runIf(process.env['DATABASE_URL'])('a lost listening connection resets, reconnects and hears again', async () => {
  const db = await testDb();
  const { seen, listener } = listenTo(db, 'veta_test_lost');
  const backends = async () =>
    (
      await db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'veta-listen' AND query = 'LISTEN "veta_test_lost"'`,
      )
    ).rows.map((r) => r.pid);
  try {
    await until('live', () => listener.live);
    const [pid] = await backends();
    expect(pid).toBeGreaterThan(0);
    await db.query('SELECT pg_terminate_backend($1)', [pid]);
    await until('reported lost', () => seen.resets >= 2);
    await until('listening again', () => listener.live);
    expect(seen.resets).toBe(3); // live, lost, live again
    expect(await backends()).not.toContain(pid);
    // A notification from a connection of the pool, i.e. not the listener's: through the new connection.
    await db.query("SELECT pg_notify('veta_test_lost', 'heard')");
    await until('heard', () => seen.notified.includes('heard'));
  } finally {
    await listener.close();
  }
  for (let i = 0; i < 100 && (await backends()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(await backends()).toEqual([]);
});
