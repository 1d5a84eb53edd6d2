/** The hash chain detects an edited, a deleted and a reordered entry. */
import { describe, expect, test } from 'vitest';
import { appendAudit, appendAuditMany, verifyAudit } from '../../src/platform/audit/audit.ts';
import type { Queryable } from '../../src/platform/db.ts';
import { testDb } from '../db.ts';
import { actor } from '../factories.ts';

const db = await testDb();

class Rollback extends Error {}

/** Appends entries, tampers, verifies — inside a transaction that is always rolled back. */
async function tamper(change: (tx: Queryable, seqs: number[]) => Promise<void>) {
  let result: Awaited<ReturnType<typeof verifyAudit>> | undefined;
  let seqs: number[] = [];
  await db
    .transaction(async (tx) => {
      for (let i = 0; i < 4; i++) {
        await appendAudit(tx, actor('national'), { action: 'test.write', entity: 'test', entityId: i, after: { i, note: 'ñandú' } });
      }
      const { rows } = await tx.query<{ seq: number }>(`SELECT seq FROM audit_log WHERE entity = 'test' ORDER BY seq DESC LIMIT 4`);
      seqs = rows.map((r) => Number(r.seq)).reverse();
      expect((await verifyAudit(tx)).ok).toBe(true);
      await change(tx, seqs);
      result = await verifyAudit(tx);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return { result: result!, seqs };
}

describe('audit chain', () => {
  test('an intact chain verifies and names its head', async () => {
    const r = await verifyAudit(db);
    expect(r.ok).toBe(true);
    expect(r.head).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an edited entry is the first broken link', async () => {
    const { result, seqs } = await tamper((tx, s) => tx.query(`UPDATE audit_log SET after = '{"i": 99}' WHERE seq = $1`, [s[1]]).then(() => undefined));
    expect(result.ok).toBe(false);
    expect(result.broken).toMatchObject({ seq: seqs[1], reason: expect.stringContaining('content changed') });
  });

  test('an edited actor is detected too', async () => {
    const { result, seqs } = await tamper((tx, s) => tx.query(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = $1`, [s[2]]).then(() => undefined));
    expect(result.broken?.seq).toBe(seqs[2]);
  });

  test('a deleted entry breaks the link of the next one', async () => {
    const { result, seqs } = await tamper((tx, s) => tx.query('DELETE FROM audit_log WHERE seq = $1', [s[1]]).then(() => undefined));
    expect(result.broken).toMatchObject({ seq: seqs[2], reason: expect.stringContaining('link broken') });
  });

  test('two swapped entries are detected', async () => {
    const { result, seqs } = await tamper(async (tx, s) => {
      const cols = ['at', 'actor', 'actor_role', 'action', 'entity', 'entity_id', 'region_code', 'before', 'after', 'prev_hash', 'hash'];
      await tx.query('CREATE TEMP TABLE audit_snap ON COMMIT DROP AS SELECT * FROM audit_log WHERE seq = ANY($1::bigint[])', [[s[1], s[2]]]);
      await tx.query(`UPDATE audit_log SET hash = 'tmp' || seq WHERE seq = ANY($1::bigint[])`, [[s[1], s[2]]]);
      await tx.query(
        `UPDATE audit_log t SET ${cols.map((c) => `${c} = o.${c}`).join(', ')}
         FROM audit_snap o WHERE t.seq = ANY($3::bigint[]) AND o.seq = CASE WHEN t.seq = $1 THEN $2::bigint ELSE $1::bigint END`,
        [s[1], s[2], [s[1], s[2]]],
      );
    });
    expect(result.ok).toBe(false);
    expect(result.broken!.seq).toBe(seqs[1]);
  });
});

describe('bulk appends', () => {
  test('appendAuditMany chains in order, one entry per item, the same chain as one by one (null before, past dates)', async () => {
    await db
      .transaction(async (tx) => {
        const before = await verifyAudit(tx);
        const items = Array.from({ length: 1203 }, (_, i) => ({
          actor: actor('regional'),
          entry: { action: 'test.bulk', entity: 'test-bulk', entityId: i, regionCode: '21', after: i % 2 ? { i, note: 'ñandú' } : null },
          at: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
        }));
        await appendAuditMany(tx, items);
        const after = await verifyAudit(tx);
        expect(after.ok).toBe(true);
        expect(after.entries).toBe(before.entries + 1203);
        const { rows } = await tx.query<{ entity_id: string; at: string; after: unknown }>(
          `SELECT entity_id, at, after FROM audit_log WHERE entity = 'test-bulk' ORDER BY seq`,
        );
        expect(rows.map((r) => Number(r.entity_id))).toEqual(items.map((_, i) => i));
        expect(rows[0]?.after).toBeNull();
        expect(rows[1]?.after).toEqual({ i: 1, note: 'ñandú' });
        // one more appended one by one chains onto the bulk's head
        await appendAudit(tx, actor('national'), { action: 'test.write', entity: 'test', entityId: 'x' });
        expect((await verifyAudit(tx)).ok).toBe(true);
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
  });
});
