/**
 * Signed checkpoints of the audit chain's head, kept outside the database. The hash chain
 * shows an edited, reordered or deleted entry, but not the newest entries cut off the end:
 * the shortened chain is a valid chain. A checkpoint — the head's seq and hash, signed
 * with an Ed25519 key kept in the data folder (never in the database) — proves that the
 * chain once reached that entry: verifying against it fails when the entry is gone or
 * changed. The server writes one periodically (audit-checkpoints.jsonl in the data
 * folder); `veta audit checkpoint` prints one for operators to keep elsewhere.
 */
// @ts-nocheck

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import type { Queryable } from '../db.ts';
import { auditHead } from './audit.ts';

export const CHECKPOINT_FORMAT = 'veta-audit-checkpoint/1';
export const KEY_FILE = 'audit-checkpoint.key';
export const LOG_FILE = 'audit-checkpoints.jsonl';
export const LATEST_FILE = 'audit-checkpoint.json';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  hash: string;
  /** Time of the head entry. */
  at: string | null;
  signedAt: string;
  /** SHA-256 of the public key (SPKI DER), hex: which key signed. */
  key: string;
  /** Ed25519 signature (base64) of the canonical JSON of every other field. */
  signature: string;
}

/** The data folder's signing key, created (readable by its owner only) on first use. */
export function checkpointKey(dir: string): KeyObject {
  const file = path.join(dir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return createPrivateKey(readFileSync(file));
}

export const keyFingerprint = (key: KeyObject): string =>
  createHash('sha256')
    .update(createPublicKey(key).export({ type: 'spki', format: 'der' }))
    .digest('hex');

const signedPart = (c: Omit<Checkpoint, 'signature'>): Buffer => Buffer.from(canonicalize(c) ?? '');

export function signCheckpoint(head: { seq: number; hash: string; at: string | null }, key: KeyObject, now = new Date()): Checkpoint {
  const body = { format: CHECKPOINT_FORMAT, seq: head.seq, hash: head.hash, at: head.at, signedAt: now.toISOString(), key: keyFingerprint(key) } as const;
  return { ...body, signature: sign(null, signedPart(body), key).toString('base64') };
}

/** Whether the checkpoint was signed by `key` (its private or public half) and not altered since. */
export function checkpointSignatureOk(c: Checkpoint, key: KeyObject): boolean {
  if (c.format !== CHECKPOINT_FORMAT || c.key !== keyFingerprint(key)) return false;
  const { signature, ...body } = c;
  try {
    return verify(null, signedPart(body), createPublicKey(key), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Signs the current head and appends it to the data folder's checkpoint log (and the latest one beside it). */
export async function writeCheckpoint(db: Queryable, dir: string, now = new Date()): Promise<Checkpoint> {
  const c = signCheckpoint(await auditHead(db), checkpointKey(dir), now);
  const line = `${JSON.stringify(c)}\n`;
  appendFileSync(path.join(dir, LOG_FILE), line, { mode: 0o600 });
  const tmp = path.join(dir, `${LATEST_FILE}.${process.pid}`);
  writeFileSync(tmp, line, { mode: 0o600 });
  renameSync(tmp, path.join(dir, LATEST_FILE));
  return c;
}

/** The checkpoints of a file: one JSON object, or JSON lines (the data folder's log). */
export function readCheckpoints(text: string): Checkpoint[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') && !trimmed.includes('\n')) return [JSON.parse(trimmed) as Checkpoint];
  return trimmed
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Checkpoint);
}

export interface CheckpointVerdict {
  ok: boolean;
  seq: number;
  reason?: string;
  /** Entries the database lacks up to the checkpoint's head. */
  missing?: { from: number; to: number };
}

/**
 * Checks the log against one checkpoint: signed by the data folder's key, and its head
 * entry still there with the same hash. Together with the chain check (`verifyAudit`),
 * which proves every entry before a present one intact, this proves nothing up to the
 * checkpoint was removed or changed.
 */
export async function checkAgainst(db: Queryable, c: Checkpoint, key: KeyObject): Promise<CheckpointVerdict> {
  if (!checkpointSignatureOk(c, key))
    return { ok: false, seq: c.seq, reason: "the checkpoint is not signed by this data folder's key (forged, altered or from elsewhere)" };
  if (c.seq === 0) return { ok: true, seq: 0 };
  const { rows } = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq <= $1 ORDER BY seq DESC LIMIT 1', [c.seq]);
  const last = rows[0];
  if (!last || Number(last.seq) !== c.seq) {
    const from = last ? Number(last.seq) + 1 : 1;
    return {
      ok: false,
      seq: c.seq,
      missing: { from, to: c.seq },
      reason: `entries ${from === c.seq ? c.seq : `${from}–${c.seq}`} were removed: the checkpoint of ${c.signedAt} saw the chain reach entry ${c.seq}`,
    };
  }
  if (last.hash !== c.hash) return { ok: false, seq: c.seq, reason: `entry ${c.seq} is not the one the checkpoint saw (its hash differs)` };
  return { ok: true, seq: c.seq };
}
