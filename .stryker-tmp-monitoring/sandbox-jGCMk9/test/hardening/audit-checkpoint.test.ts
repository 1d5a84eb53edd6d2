/**
 * Audit truncation is visible: the head is public, a signed checkpoint kept outside the
 * database fails verification once entries up to its head are deleted (issue 19:
 * `DELETE FROM audit_log WHERE seq > 18` and `veta audit verify` said ok), and a deleted
 * middle row names the missing seq range.
 */
// @ts-nocheck

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { appendAudit, auditHead, verifyAudit } from '../../src/platform/audit/audit.ts';
import {
  checkAgainst,
  checkpointKey,
  LOG_FILE,
  readCheckpoints,
  signCheckpoint,
  writeCheckpoint,
  type Checkpoint,
} from '../../src/platform/audit/checkpoint.ts';
import type { Queryable } from '../../src/platform/db.ts';
import { testDb } from '../db.ts';
import { actor } from '../factories.ts';
import { testServer } from '../http.ts';

const db = await testDb();
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-checkpoint-'));
const other = mkdtempSync(path.join(os.tmpdir(), 'veta-other-'));
afterAll(() => {
  for (const d of [dir, other]) rmSync(d, { recursive: true, force: true });
});

class Rollback extends Error {}
/** Runs `fn` in a transaction that is always rolled back (the worker's audit log stays whole). */
async function rolledBack<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await db
    .transaction(async (tx) => {
      out = await fn(tx);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out!;
}

const append = async (tx: Queryable, n: number): Promise<number[]> => {
  for (let i = 0; i < n; i++) await appendAudit(tx, actor('national'), { action: 'test.write', entity: 'test', entityId: i, after: { i } });
  const { rows } = await tx.query<{ seq: number }>(`SELECT seq FROM audit_log ORDER BY seq DESC LIMIT $1`, [n]);
  return rows.map((r) => Number(r.seq)).reverse();
};

test('GET /api/public/audit/head names the newest entry, for anyone', async () => {
  const app = await testServer();
  await db.transaction((tx) => append(tx, 1));
  const res = await app.inject({ method: 'GET', url: '/api/public/audit/head' });
  expect(res.statusCode).toBe(200);
  const { rows } = await db.query<{ seq: number; hash: string; at: Date }>('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1');
  expect(res.json()).toEqual({ seq: Number(rows[0]!.seq), hash: rows[0]!.hash, at: new Date(rows[0]!.at).toISOString() });
});

describe('a checkpoint', () => {
  test('is written to the data folder, signed; an altered or foreign one is refused', async () => {
    const c = await writeCheckpoint(db, dir);
    const logged = readCheckpoints(readFileSync(path.join(dir, LOG_FILE), 'utf8'));
    expect(logged.at(-1)).toEqual(c);
    const key = checkpointKey(dir);
    expect(await checkAgainst(db, c, key)).toEqual({ ok: true, seq: c.seq });
    const altered: Checkpoint = { ...c, seq: c.seq - 1 };
    expect((await checkAgainst(db, altered, key)).reason).toMatch(/not signed/);
    const foreign = signCheckpoint({ seq: c.seq, hash: c.hash, at: c.at }, checkpointKey(other));
    expect((await checkAgainst(db, foreign, key)).ok).toBe(false);
  });

  test('fails once the entries up to its head are deleted from the end, naming them', async () => {
    const key = checkpointKey(dir);
    const verdict = await rolledBack(async (tx) => {
      const seqs = await append(tx, 6);
      const c = signCheckpoint(await auditHead(tx), key);
      expect(c.seq).toBe(seqs[5]);
      expect((await checkAgainst(tx, c, key)).ok).toBe(true);
      // The truncation of issue 19: the chain that is left is still a valid chain…
      await tx.query('DELETE FROM audit_log WHERE seq > $1', [seqs[2]]);
      const chain = await verifyAudit(tx);
      // …but not against the checkpoint.
      return { chain, against: await checkAgainst(tx, c, key), seqs };
    });
    expect(verdict.chain.ok).toBe(true);
    expect(verdict.against).toMatchObject({ ok: false, missing: { from: verdict.seqs[3], to: verdict.seqs[5] } });
    expect(verdict.against.reason).toContain(`entries ${verdict.seqs[3]}–${verdict.seqs[5]} were removed`);
  });
});

test('a deleted middle range names the gap, not only the row after it', async () => {
  const result = await rolledBack(async (tx) => {
    const seqs = await append(tx, 6);
    await tx.query('DELETE FROM audit_log WHERE seq BETWEEN $1 AND $2', [seqs[1], seqs[3]]);
    return { r: await verifyAudit(tx), seqs };
  });
  const { r, seqs } = result;
  expect(r.ok).toBe(false);
  expect(r.broken?.seq).toBe(seqs[4]);
  expect(r.problems).toEqual([
    { seq: seqs[4], missing: { from: seqs[1], to: seqs[3] }, reason: `link broken: entries ${seqs[1]}–${seqs[3]} are missing before entry ${seqs[4]}` },
  ]);
});
