/** The bench's statement profile: every statement timed, inside transactions too, on the real engine. */
import { expect, test } from 'vitest';
import { profileStatements, profileTable } from '../bench/statement-profile.ts';
import { testDb } from './db.ts';

test('counts each statement per run, in and out of transactions, and leaves the answers as they are', async () => {
  const db = await testDb();
  const answers: number[] = [];
  const p = await profileStatements(db, 3, async (timed) => {
    const { rows } = await timed.query<{ n: number }>('SELECT   1 +\n 1 AS n');
    answers.push(rows[0]!.n);
    await timed.transaction(async (tx) => {
      await tx.query('SELECT pg_sleep(0.02)');
      await tx.exec('SELECT 2');
    });
  });
  expect(answers).toEqual([2, 2, 2]);
  expect(p.runs).toBe(3);
  const by = new Map(p.statements.map((s) => [s.sql, s]));
  expect(by.get('SELECT 1 + 1 AS n')?.calls).toBe(3);
  expect(by.get('SELECT 2')?.calls).toBe(3);
  const sleep = by.get('SELECT pg_sleep(0.02)')!;
  expect(sleep.calls).toBe(3);
  expect(sleep.ms).toBeGreaterThanOrEqual(55);
  // largest first, and never more time in statements than the runs took
  expect(p.statements[0]!.sql).toBe('SELECT pg_sleep(0.02)');
  expect(p.statements.reduce((s, c) => s + c.ms, 0)).toBeLessThanOrEqual(p.wallMs + 1);

  const table = profileTable(p, 1);
  expect(table).toContain('| `SELECT pg_sleep(0.02)` | 1 |');
  expect(table).toContain('| 2 other statements | 2 |');
  expect(table).toMatch(/\| \*\*whole run\*\* \| — \| \*\*\d+(\.\d+)?\*\* \| 100 % \|/);
});
