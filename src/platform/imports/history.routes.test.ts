/**
 * The import history as a list (issue 12): total, keyset pages with no row twice, filters,
 * export; an upload's counters match its file (a 3-row file with 2 rejected rows reads
 * "3 rows, 2 rejected", not "2 of 2"); its errors download again; one import number.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { authHeaders, testServer } from '../../../test/http.ts';

const app = await testServer();
const BOUNDARY = 'vetaHistoryBoundary';
const tag = `hist${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function multipart(fileName: string, bytes: Buffer, fields: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

const headers = async () => authHeaders('national');
async function upload(fileName: string, csv: string): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/imports/reinfo',
    headers: { ...(await headers()), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: multipart(fileName, Buffer.from(csv), { asOf: '2024-02-01' }),
  });
  expect(res.statusCode, res.body).toBe(202);
  const jobId = res.json<{ jobId: number }>().jobId;
  for (let i = 0; i < 400; i++) {
    const job = (await app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: await headers() })).json<{ status: string }>();
    if (job.status !== 'running') return jobId;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the job did not end');
}

interface Entry {
  importId: number | null;
  jobId: number | null;
  fileName: string | null;
  status: string;
  records: number | null;
  counts: { inserted: number; rejected: number };
}
interface Page {
  total: number;
  items: Entry[];
  next: string | null;
}
const list = async (query: string): Promise<Page> => {
  const res = await app.inject({ method: 'GET', url: `/api/imports?q=${tag}&${query}`, headers: await headers() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};

const rejectedJob = await upload(`${tag}-mala.csv`, toCsv([buildReinfoRow(), buildReinfoRow({ ESTADO: 'ACTIVO' }), buildReinfoRow({ RUC: '123' })]));
const goodJobs: number[] = [];
for (let i = 0; i < 3; i++) goodJobs.push(await upload(`${tag}-buena-${i}.csv`, toCsv([buildReinfoRow(), buildReinfoRow()])));

describe('import history', () => {
  test('a 3-row file with 2 rejected rows: the job and the history say 3 rows, 2 rejected', async () => {
    const job = (await app.inject({ method: 'GET', url: `/api/jobs/${rejectedJob}`, headers: await headers() })).json<{
      status: string;
      processed: number;
      total: number | null;
    }>();
    expect(job).toMatchObject({ status: 'failed', processed: 3, total: 3 });
    const entry = (await list('status=failed')).items.find((e) => e.jobId === rejectedJob)!;
    expect(entry).toMatchObject({ records: 3, importId: null, counts: { inserted: 0, rejected: 2 } });
  });

  test('total, keyset pages of 1 with every upload once, sort by file name, filters', async () => {
    const all = await list('limit=500');
    expect(all.total).toBe(4);
    const seen: (number | null)[] = [];
    let after: string | null = null;
    do {
      const p: Page = await list(`limit=1&sort=file&dir=asc${after ? `&after=${after}` : ''}`);
      expect(p.total).toBe(4);
      seen.push(...p.items.map((e) => e.jobId));
      after = p.next;
    } while (after !== null && seen.length < 10);
    expect(seen).toEqual([...goodJobs, rejectedJob]);
    const done = await list('status=done');
    expect(done.total).toBe(3);
    expect(done.items.every((e) => e.importId !== null && e.status === 'done' && e.records === 2)).toBe(true);
    expect((await list('kind=recpo')).total).toBe(0);
  });

  test('export: the filtered rows as CSV and XLSX (numbers as numbers); the errors again', async () => {
    const csv = await app.inject({ method: 'GET', url: `/api/imports?q=${tag}&status=done&format=csv`, headers: await headers() });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r['jobId'])).sort()).toEqual([...goodJobs].sort());
    const xlsx = await app.inject({ method: 'GET', url: `/api/imports?q=${tag}&format=xlsx`, headers: await headers() });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(5);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(typeof ws.getRow(2).getCell(header.indexOf('records') + 1).value).toBe('number');
    const errors = await app.inject({ method: 'GET', url: `/api/imports/jobs/${rejectedJob}/errors?format=csv`, headers: await headers() });
    const errorRows = parse(errors.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(errorRows.map((e) => [e['row'], e['column']])).toEqual([
      ['3', 'ESTADO'],
      ['4', 'RUC'],
    ]);
  });
});
