import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Queryable } from '../db.ts';
import type { Row } from '../db/schema.generated.ts';
import type { Actor } from '../context.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

interface ChainedEntry {
  at: string;
  actor: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** JSON as it comes back from jsonb: what the hash is computed over. */
const asStored = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

/** sha256 over the RFC 8785 canonical JSON of the entry, which includes the previous hash. */
export function entryHash(entry: ChainedEntry): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalised');
  return createHash('sha256').update(canonical).digest('hex');
}

/** The entry as it is chained and stored: the fields the hash covers, in canonical form. */
function chainedEntry(actor: Actor, e: AuditEntry, at: Date, prevHash: string): ChainedEntry {
  return {
    at: at.toISOString(),
    actor: actor.username,
    actorRole: actor.role,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    regionCode: e.regionCode ?? null,
    before: asStored(e.before),
    after: asStored(e.after),
    prevHash,
  };
}

/**
 * Appends entries to the hash chain in order, inside the caller's transaction, so the
 * audit rows commit or roll back with the change they record. An advisory lock
 * serialises appenders so that two transactions never chain onto the same head; the head
 * is read once and the chain computed here, rows written in batches (a bulk load, such as
 * the demo's thousands of expediente actions, pays three round trips in all, not per
 * entry). Returns the new head.
 */
export async function appendAuditMany(tx: Queryable, entries: readonly { actor: Actor; entry: AuditEntry; at: Date }[]): Promise<string | null> {
  if (entries.length === 0) return null;
  await tx.query('SELECT pg_advisory_xact_lock(7002)');
  const { rows } = await tx.query<{ head: string }>('SELECT veta_audit_head() AS head');
  let prevHash = rows[0]?.head ?? GENESIS_HASH;
  const chained: (ChainedEntry & { hash: string })[] = [];
  for (const { actor, entry, at } of entries) {
    const c = chainedEntry(actor, entry, at, prevHash);
    prevHash = entryHash(c);
    chained.push({ ...c, hash: prevHash });
  }
  for (let i = 0; i < chained.length; i += 1000) {
    const batch = chained.slice(i, i + 1000);
    await tx.query(
      `INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id, region_code, before, after, prev_hash, hash)
       SELECT (r->>'at')::timestamptz, r->>'actor', r->>'actorRole', r->>'action', r->>'entity', r->>'entityId', r->>'regionCode',
              NULLIF(r->'before', 'null'::jsonb), NULLIF(r->'after', 'null'::jsonb), r->>'prevHash', r->>'hash'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(r, n)
        ORDER BY n`,
      [JSON.stringify(batch)],
    );
  }
  return prevHash;
}

/** Appends one entry to the hash chain inside the caller's transaction (see `appendAuditMany`); returns its hash. */
export async function appendAudit(tx: Queryable, actor: Actor, e: AuditEntry, now = new Date()): Promise<string> {
  return (await appendAuditMany(tx, [{ actor, entry: e, at: now }]))!;
}

export type AuditRow = Row<'audit_log'>;

/** Entries missing between two that remain: seq `from` to `to`, inclusive. */
export interface AuditGap {
  from: number;
  to: number;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: string;
  /** seq of the newest entry (0 for an empty log). */
  headSeq: number;
  /** The first broken link, when there is one. */
  broken?: { seq: number; reason: string };
  /** Every broken link, each with the entries missing before it when its seq does not follow the previous one. */
  problems?: { seq: number; reason: string; missing?: AuditGap }[];
}

/** The newest entry: what is published at GET /api/public/audit/head and signed in checkpoints. */
export async function auditHead(db: Queryable): Promise<{ seq: number; hash: string; at: string | null }> {
  const { rows } = await db.query<Pick<AuditRow, 'seq' | 'hash' | 'at'>>('SELECT seq, hash, at FROM veta_audit_head_entry()');
  const r = rows[0];
  return r ? { seq: r.seq, hash: r.hash, at: r.at.toISOString() } : { seq: 0, hash: GENESIS_HASH, at: null };
}

/**
 * Walks the chain in sequence order and reports every entry whose stored hash does not
 * match its content or whose link does not point at the previous entry — an edit, a
 * deletion and a reordering each break one of the two. A broken link after a jump in seq
 * names the missing entries (seq values also jump, harmlessly, where a transaction rolled
 * back — then the link holds). The head (hash and seq) is returned so that it can be kept
 * outside the database: truncating the newest entries is only detectable against such an
 * anchor (checkpoint.ts).
 */
export async function verifyAudit(db: Queryable): Promise<VerifyResult> {
  const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  const problems: NonNullable<VerifyResult['problems']> = [];
  for (const row of rows) {
    const seq = row.seq;
    const expected = prev;
    prev = row.hash;
    const afterSeq = prevSeq;
    prevSeq = seq;
    if (row.prev_hash !== expected) {
      const missing = seq > afterSeq + 1 ? { from: afterSeq + 1, to: seq - 1 } : undefined;
      problems.push({
        seq,
        reason: missing
          ? `link broken: entries ${missing.from === missing.to ? missing.from : `${missing.from}–${missing.to}`} are missing before entry ${seq}`
          : 'link broken: prev_hash does not match the previous entry (deleted or reordered entries)',
        ...(missing ? { missing } : {}),
      });
      continue;
    }
    const recomputed = entryHash({
      at: row.at.toISOString(),
      actor: row.actor,
      actorRole: row.actor_role,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      regionCode: row.region_code === null ? null : row.region_code.trim(),
      before: asStored(typeof row.before === 'string' ? JSON.parse(row.before) : row.before),
      after: asStored(typeof row.after === 'string' ? JSON.parse(row.after) : row.after),
      prevHash: row.prev_hash,
    });
    if (recomputed !== row.hash) problems.push({ seq, reason: 'content changed: the entry no longer matches its hash' });
  }
  const result = { ok: problems.length === 0, entries: rows.length, head: prev, headSeq: prevSeq };
  return problems.length === 0 ? result : { ...result, broken: { seq: problems[0]!.seq, reason: problems[0]!.reason }, problems };
}

/** The newest audit entries (as the transaction's actor may see them), optionally of one entity. */
export async function listAudit(tx: Queryable, filter: { entity: string | null; entityId: string | null; limit: number }) {
  const { rows } = await tx.query<AuditRow>(
    `SELECT * FROM audit_log WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2)
       ORDER BY seq DESC LIMIT $3`,
    [filter.entity, filter.entityId, filter.limit],
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    actor: r.actor,
    actorRole: r.actor_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    regionCode: r.region_code?.trim() ?? null,
    before: r.before,
    after: r.after,
    hash: r.hash,
  }));
}
