import { afterEach, describe, expect, test } from 'vitest';
import { appendAudit } from '../src/platform/audit/audit.ts';
import { applyDataAsOf } from '../src/platform/bootstrap.ts';
import type { Actor } from '../src/platform/context.ts';
import { getDataAsOf, peruToday, setDataAsOf } from '../src/platform/time.ts';
import { testDb } from './db.ts';
import { testServer } from './http.ts';

class Rollback extends Error {}
const SYSTEM: Actor = { username: 'system:test', role: 'admin', region: null, ruc: null, userId: null };

afterEach(() => setDataAsOf(null));

describe('a database whose records stop at a date (the demo) is read as of that date', () => {
  test('"today" never passes the as-of date, and follows the clock before it', () => {
    const now = new Date('2026-12-02T15:00:00Z');
    expect(peruToday(now)).toBe('2026-12-02');
    setDataAsOf('2025-06-30');
    expect(peruToday(now)).toBe('2025-06-30');
    expect(peruToday(new Date('2025-03-01T15:00:00Z'))).toBe('2025-03-01');
  });

  test('the demo load records its as-of date and opening the database applies it; a live database has none', async () => {
    const db = await testDb();
    await db
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'demo.load'`);
        // a live database (no demo loaded in this worker's database yet) has no as-of date
        if (rows[0]?.n === 0) expect(await applyDataAsOf(tx)).toBeNull();
        await appendAudit(tx, SYSTEM, { action: 'demo.load', entity: 'demo', after: { inscriptions: 1, skipped: 0, asOf: '2025-07-15' } });
        expect(await applyDataAsOf(tx)).toBe('2025-07-15');
        expect(getDataAsOf()).toBe('2025-07-15');
        expect(peruToday()).toBe('2025-07-15');
        throw new Rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof Rollback)) throw err;
      });
  });

  test('the public endpoint says the as-of date the app shows on every page', async () => {
    const app = await testServer();
    expect((await app.inject({ method: 'GET', url: '/api/public/data-as-of' })).json()).toEqual({ dataAsOf: null });
    setDataAsOf('2025-06-30');
    expect((await app.inject({ method: 'GET', url: '/api/public/data-as-of' })).json()).toEqual({ dataAsOf: '2025-06-30' });
  });
});
