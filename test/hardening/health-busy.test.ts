/**
 * /api/health answers while an import holds the database: on the embedded database (one
 * session) it says the database is busy instead of waiting for the import to commit.
 */
import { describe, expect, test } from 'vitest';
import { testDb } from '../db.ts';
import { testServer } from '../http.ts';

describe('/api/health during a long transaction', () => {
  test('answers at once; the embedded database is reported busy, a pooled server ok', async () => {
    const db = await testDb();
    const app = await testServer();
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const tx = db.transaction(async (t) => {
      await t.query('SELECT 1');
      inside();
      await held;
    });
    await entered;
    try {
      // the transaction is held until the end of this block: an answer at all means health did not wait for it
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: db.engine === 'pglite' ? 'busy' : 'ok' });
    } finally {
      release();
      await tx;
    }
    const after = await app.inject({ method: 'GET', url: '/api/health' });
    expect(after.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });
});
