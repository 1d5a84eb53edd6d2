/**
 * `veta user …` and `veta audit …` as an operator runs them: a real process on a data
 * folder (or its own PostgreSQL database), exit codes, JSON on stdout.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { cachePath, testDb, workerDatabase } from '../db.ts';

const BIN = path.resolve('bin/veta.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'veta-hcli-'));
const dataDir = path.join(dir, 'data');
const env: NodeJS.ProcessEnv = { ...process.env, VETA_DATA_DIR: dataDir, VETA_PASSWORD: 'ichu-y-queñua-del-altiplano' };

function veta(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...extra }, cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The CLI's database, opened by the test between commands (the data folder is free then). */
async function withCliDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : { dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  if (process.env['DATABASE_URL']) {
    env['DATABASE_URL'] = await workerDatabase(process.env['DATABASE_URL'], '_hcli');
    await withCliDb((db) => migrate(db));
  } else {
    await testDb(); // the migrated dump is cached
    const db = await openDatabase({ dataDir, loadDataDir: existsSync(cachePath()) ? new Blob([readFileSync(cachePath())]) : undefined });
    await migrate(db);
    await db.close();
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('veta user add', () => {
  test("refuses issue 19's inputs before opening the database, listing every problem", async () => {
    const r = await veta(['user', 'add', 'evil<script>', '--role', 'regional', '--region', '99', '--json'], { VETA_PASSWORD: 'x' });
    expect(r.code).toBe(1);
    const fields = (JSON.parse(r.stdout) as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['username', 'password', 'region']));
    const miner = await veta(['user', 'add', 'minero', '--role', 'miner', '--ruc', '123']);
    expect(miner.code).toBe(1);
    expect(miner.stderr).toContain('ruc:');
  });

  test('creates a valid user; tokens are issued (audited), listed and revoked', async () => {
    const add = await veta(['user', 'add', 'op.puno', '--role', 'regional', '--region', '21', '--json']);
    expect(add.code, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ username: 'op.puno', region: '21' });

    const issued = await veta(['user', 'token', 'op.puno', '--name', 'etl', '--days', '30', '--json']);
    expect(issued.code, issued.stderr).toBe(0);
    const t = JSON.parse(issued.stdout) as { id: number; token: string; expiresAt: string };
    expect(Math.round((new Date(t.expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(30);

    const listed = await veta(['user', 'tokens', 'op.puno', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id: t.id, name: 'etl', active: true }]);
    expect(listed.stdout).not.toContain(t.token);

    const revoked = await veta(['user', 'revoke-token', String(t.id), '--json']);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toEqual({ id: t.id, revoked: true, username: 'op.puno' });

    const { actions, revokedAt } = await withCliDb(async (db) => {
      const { rows } = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'api_token' AND entity_id = $1 ORDER BY seq`, [
        String(t.id),
      ]);
      const token = await db.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM api_tokens WHERE id = $1', [t.id]);
      return { actions: rows.map((r) => r.action), revokedAt: token.rows[0]!.revoked_at };
    });
    expect(actions).toEqual(['auth.token_issued', 'auth.token_revoked']);
    expect(revokedAt).not.toBeNull();
  }, 120_000);
});

describe('veta audit', () => {
  test('verify --checkpoint fails after the newest entries are deleted, naming them', async () => {
    const cp = await veta(['audit', 'checkpoint']);
    expect(cp.code, cp.stderr).toBe(0);
    const c = JSON.parse(cp.stdout) as { seq: number; hash: string; signature: string };
    expect(c.seq).toBeGreaterThan(2); // the user and the token of the test before
    const log = path.join(dataDir, 'audit-checkpoints.jsonl');
    expect(readFileSync(log, 'utf8')).toContain(c.signature);

    const intact = await veta(['audit', 'verify', '--checkpoint', log, '--json']);
    expect(intact.code, intact.stderr).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ ok: true, headSeq: c.seq });

    // Issue 19's truncation, as the database owner would do it.
    const keep = c.seq - 2;
    await withCliDb((db) => db.query('DELETE FROM audit_log WHERE seq > $1', [keep]));
    const plain = await veta(['audit', 'verify', '--json']);
    expect(JSON.parse(plain.stdout)).toMatchObject({ ok: true }); // the chain alone cannot tell
    const against = await veta(['audit', 'verify', '--checkpoint', log]);
    expect(against.code).toBe(1);
    expect(against.stderr).toContain(`entries ${keep + 1}–${c.seq} were removed`);
  }, 120_000);
});
