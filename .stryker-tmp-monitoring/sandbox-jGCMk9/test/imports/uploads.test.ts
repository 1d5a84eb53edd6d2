/**
 * Uploads through HTTP on the real database (issue 19): no file can end the server or
 * leave a job's bookkeeping throwing — a NUL byte, 4 KB of random bytes, a spreadsheet
 * bomb, a truncated multipart body — and a Windows-1252 list keeps its accents.
 */
// @ts-nocheck

import { describe, expect, test } from 'vitest';
import { withActor } from '../../src/platform/context.ts';
import { startJob } from '../../src/platform/jobs/jobs.ts';
import { testDb } from '../db.ts';
import { actor, buildReinfoRow, toCsv } from '../factories.ts';
import { authHeaders, testServer } from '../http.ts';
import { bomb, randomBytes } from './fixtures.ts';

const app = await testServer();
const db = await testDb();
const BOUNDARY = 'vetaImportBoundary';

function multipart(fileName: string, bytes: Buffer, fields: Record<string, string> = {}): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
  );
  parts.push(bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

async function upload(kind: string, fileName: string, bytes: Buffer, role: 'national' | 'regional' = 'national', fields: Record<string, string> = {}) {
  const headers = { ...(await authHeaders(role, { region: '21' })), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
  return app.inject({ method: 'POST', url: `/api/imports/${kind}`, headers, payload: multipart(fileName, bytes, fields) });
}

interface Job {
  status: string;
  result: { inserted?: number; rejected?: number; errors?: { row: number; column?: string; field?: string; message: string; code?: string }[] } | null;
}

async function settle(jobId: number, role: 'national' | 'regional' = 'national'): Promise<Job> {
  let job: Job = { status: 'running', result: null };
  for (let i = 0; i < 400 && job.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 25));
    job = (await app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: await authHeaders(role, { region: '21' }) })).json<Job>();
  }
  return job;
}

async function healthy(): Promise<void> {
  const res = await app.inject({ method: 'GET', url: '/api/health' });
  expect(res.statusCode).toBe(200);
}

describe('the server survives any upload', () => {
  test('a 2-byte "\\x00\\n" ledger upload fails its job with the row and why; the server answers', async () => {
    const res = await upload('ledger', 'n.jsonl', Buffer.from([0x00, 0x0a]));
    expect(res.statusCode, res.body).toBe(202);
    const job = await settle(res.json<{ jobId: number }>().jobId);
    expect(job.status).toBe('failed');
    expect(job.result?.errors).toEqual([expect.objectContaining({ row: 1, message: expect.stringContaining('NUL') })]);
    await healthy();
  });

  test('a REINFO list with a NUL in a RUC cell, uploaded by a regional official: row 2, column RUC, code cell.nul', async () => {
    const csv = toCsv([buildReinfoRow()]).replace(/\n(\d{3})/, '\n$1\u0000');
    const res = await upload('reinfo', 'nul.csv', Buffer.from(csv), 'regional');
    expect(res.statusCode, res.body).toBe(202);
    const job = await settle(res.json<{ jobId: number }>().jobId, 'regional');
    expect(job.status).toBe('failed');
    expect(job.result?.errors).toEqual([expect.objectContaining({ row: 2, column: 'RUC', code: 'cell.nul' })]);
    await healthy();
  });

  test('4 KB of random bytes is refused at once (400, file.encoding) as a ledger and as a list', async () => {
    for (const [kind, name] of [
      ['ledger', 'r.jsonl'],
      ['reinfo', 'r.csv'],
      ['recpo', 'r.csv'],
    ] as const) {
      const res = await upload(kind, name, randomBytes());
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'file.encoding' });
    }
    await healthy();
  });

  test('a spreadsheet bomb is refused before it is unzipped (400, file.too_large)', async () => {
    const res = await upload('reinfo', 'bomb.xlsx', await bomb());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'file.too_large' });
    await healthy();
  });

  test('a truncated multipart body is a 400, not a 500', async () => {
    const body = multipart('lista.csv', Buffer.from(toCsv([buildReinfoRow()])));
    const headers = { ...(await authHeaders('national')), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
    const res = await app.inject({ method: 'POST', url: '/api/imports/reinfo', headers, payload: body.subarray(0, body.length - 40) });
    expect(res.statusCode, res.body).toBe(400);
    await healthy();
  });

  test("a job's bookkeeping never throws out of the process: an unstorable result fails the job, a NUL in it is stored", async () => {
    const national = actor('national');
    const nul = await startJob(db, national, 'test.nul', () => Promise.reject(new Error('bad \u0000 byte')));
    const bigint = await startJob(db, national, 'test.bigint', () => Promise.resolve({ n: 1n }));
    const logged: string[] = [];
    const failedLog = await startJob(db, national, 'test.log', () => Promise.resolve({ ok: '\uD800' }), { log: (m) => logged.push(m) });
    await new Promise((r) => setTimeout(r, 200));
    const { rows } = await db.query<{ id: number; status: string; result: { message?: string; ok?: string } }>(
      'SELECT id, status, result FROM jobs WHERE id = ANY($1::bigint[]) ORDER BY id',
      [[nul, bigint, failedLog]],
    );
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed', 'done']);
    expect(rows[0]!.result.message).toBe('bad \u2400 byte');
    expect(rows[1]!.result.message).toMatch(/could not be stored/);
    expect(rows[2]!.result.ok).toBe('\uFFFD');
    expect(logged).toEqual([]);
  });
});

describe('no file loses a letter', () => {
  test('a Windows-1252 REINFO CSV (Excel "CSV") round-trips PEÑA NÚÑEZ', async () => {
    const row = buildReinfoRow({ NOMBRE: 'PEÑA NÚÑEZ JOSÉ ÁNGEL' });
    const res = await upload('reinfo', 'latin1.csv', Buffer.from(toCsv([row]), 'latin1'), 'regional');
    expect(res.statusCode, res.body).toBe(202);
    const job = await settle(res.json<{ jobId: number }>().jobId, 'regional');
    expect(job, JSON.stringify(job.result)).toMatchObject({ status: 'done', result: { inserted: 1 } });
    const { rows } = await withActor(db, actor('national'), (tx) =>
      tx.query<{ declarant_name: string }>('SELECT declarant_name FROM reinfo_inscriptions WHERE ruc = $1', [row.RUC]),
    );
    expect(rows).toEqual([{ declarant_name: 'PEÑA NÚÑEZ JOSÉ ÁNGEL' }]);
  });
});

describe('the import history', () => {
  test('lists uploads that wrote (with their import number and counts) and those rejected (with their errors)', async () => {
    const rows = [buildReinfoRow(), buildReinfoRow()];
    const good = await upload('reinfo', 'historia.csv', Buffer.from(toCsv(rows)), 'regional');
    const goodJob = await settle(good.json<{ jobId: number }>().jobId, 'regional');
    const bad = await upload('reinfo', 'historia-mala.csv', Buffer.from(toCsv([buildReinfoRow({ ESTADO: 'ACTIVO' })])), 'regional');
    const badJob = await settle(bad.json<{ jobId: number }>().jobId, 'regional');
    expect([goodJob.status, badJob.status]).toEqual(['done', 'failed']);
    const headers = await authHeaders('regional', { region: '21' });
    const list = (await app.inject({ method: 'GET', url: '/api/imports?kind=reinfo&limit=10', headers })).json<{ imports: Record<string, unknown>[] }>()
      .imports;
    const mine = list.filter((i) => i['fileName'] === 'historia.csv' || i['fileName'] === 'historia-mala.csv');
    expect(mine).toEqual([
      expect.objectContaining({
        jobId: bad.json<{ jobId: number }>().jobId,
        importId: null,
        status: 'failed',
        committed: false,
        errorCount: 1,
        counts: { inserted: 0, updated: 0, unchanged: 0, rejected: 1 },
      }),
      expect.objectContaining({
        jobId: good.json<{ jobId: number }>().jobId,
        importId: expect.any(Number),
        status: 'done',
        committed: true,
        counts: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
      }),
    ]);
    // the import number is the one the audit log and the inscriptions carry
    const importId = mine[1]!['importId'] as number;
    const audit = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import.reinfo' AND entity_id = $1`, [
      String(importId),
    ]);
    expect(audit.rows[0]!.n).toBe(1);
    const detail = (await app.inject({ method: 'GET', url: `/api/imports/jobs/${bad.json<{ jobId: number }>().jobId}`, headers })).json<{
      errors: { row: number; column: string; code: string }[];
    }>();
    expect(detail.errors).toEqual([expect.objectContaining({ row: 2, column: 'ESTADO', code: 'reinfo.status.unknown' })]);
    // another official's history does not show them
    const other = (await app.inject({ method: 'GET', url: '/api/imports?kind=reinfo', headers: await authHeaders('regional', { region: '04' }) })).json<{
      imports: { fileName: string }[];
    }>();
    expect(other.imports.some((i) => i.fileName === 'historia.csv')).toBe(false);
  });
});
