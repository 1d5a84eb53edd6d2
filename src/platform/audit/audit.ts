import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Queryable } from '../db.ts';
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

/**
 * Appends one entry to the hash chain inside the caller's transaction, so the audit
 * row commits or rolls back with the change it records. An advisory lock serialises
 * appenders so that two transactions never chain onto the same head.
 */
export async function appendAudit(tx: Queryable, actor: Actor, e: AuditEntry, now = new Date()): Promise<string> {
  await tx.query('SELECT pg_advisory_xact_lock(7002)');
  const { rows } = await tx.query<{ head: string }>('SELECT veta_audit_head() AS head');
  const entry: ChainedEntry = {
    at: now.toISOString(),
    actor: actor.username,
    actorRole: actor.role,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    regionCode: e.regionCode ?? null,
    before: asStored(e.before),
    after: asStored(e.after),
    prevHash: rows[0]?.head ?? GENESIS_HASH,
  };
  const hash = entryHash(entry);
  await tx.query(
    `INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id, region_code, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`,
    [
      entry.at,
      entry.actor,
      entry.actorRole,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.regionCode,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      entry.prevHash,
      hash,
    ],
  );
  return hash;
}

export interface AuditRow {
  seq: number;
  at: Date;
  actor: string;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string | null;
  region_code: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  head: string;
  /** The first broken link, when there is one. */
  broken?: { seq: number; reason: string };
}

/**
 * Walks the chain in sequence order and reports the first entry whose stored hash
 * does not match its content or whose link does not point at the previous entry —
 * an edit, a deletion and a reordering each break one of the two. The head hash is
 * returned so that it can be kept outside the database (truncating the newest
 * entries is only detectable against such an anchor).
 */
export async function verifyAudit(db: Queryable): Promise<VerifyResult> {
  const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const seq = Number(row.seq);
    if (row.prev_hash !== prev) {
      return {
        ok: false,
        entries: rows.length,
        head: prev,
        broken: { seq, reason: 'link broken: prev_hash does not match the previous entry (deleted or reordered entries)' },
      };
    }
    const recomputed = entryHash({
      at: new Date(row.at).toISOString(),
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
    if (recomputed !== row.hash) {
      return {
        ok: false,
        entries: rows.length,
        head: prev,
        broken: { seq, reason: 'content changed: the entry no longer matches its hash' },
      };
    }
    prev = row.hash;
  }
  return { ok: true, entries: rows.length, head: prev };
}
