// @ts-nocheck
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { authHeaders, testServer } from '../../../test/http.ts';
import { cadastreCode, feature, square, tmp, writeZippedShapefile } from './territory.fixtures.ts';

const app = await testServer();

const multipart = (fields: Record<string, string>, name: string, file: Buffer): { payload: Buffer; type: string } => {
  const b = 'vetaTerritoryBoundary';
  const parts = Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/zip\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  return { payload, type: `multipart/form-data; boundary=${b}` };
};

async function job(id: number, headers: Record<string, string>): Promise<{ status: string; result: Record<string, unknown> | null }> {
  let j = { status: 'running', result: null as Record<string, unknown> | null };
  for (let i = 0; i < 200 && j.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    j = (await app.inject({ url: `/api/jobs/${id}`, headers })).json();
  }
  return j;
}

describe('cadastre upload as a background job', () => {
  test('a zipped shapefile in UTM 19S without .prj, with srid as a form field; a re-upload is unchanged', async () => {
    const dir = tmp();
    const code = cadastreCode();
    const zip = await writeZippedShapefile(dir, 'catastro', [feature({ CODIGOU: code, HASDATUM: 100 }, square(390_000, 8_240_000, 1000))], 32719);
    // drop the .prj: the form field decides
    const JSZip = (await import('jszip')).default;
    const z = await JSZip.loadAsync(readFileSync(zip));
    for (const n of Object.keys(z.files)) if (n.endsWith('.prj')) z.remove(n);
    const bytes = Buffer.from(await z.generateAsync({ type: 'uint8array' }));
    const headers = await authHeaders('national');
    const send = async () => {
      const { payload, type } = multipart({ srid: '32719', asOf: '2024-05-01' }, 'catastro.zip', bytes);
      const res = await app.inject({ method: 'POST', url: '/api/imports/cadastre', headers: { ...headers, 'content-type': type }, payload });
      expect(res.statusCode, res.body).toBe(202);
      return job(res.json<{ jobId: number }>().jobId, headers);
    };
    const first = await send();
    expect(first.status).toBe('done');
    expect(first.result).toMatchObject({ inserted: 1, rejected: 0, warnings: [] });
    expect((await send()).result).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  test('a file that is neither GeoJSON nor a shapefile is a 400 at once; a miner may not upload', async () => {
    const { payload, type } = multipart({}, 'x.zip', Buffer.from('not a zip'));
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/cadastre',
      headers: { ...(await authHeaders('national')), 'content-type': type },
      payload,
    });
    expect(res.statusCode).toBe(400);
    const miner = await app.inject({
      method: 'POST',
      url: '/api/imports/cadastre',
      headers: { ...(await authHeaders('miner')), 'content-type': type },
      payload,
    });
    expect(miner.statusCode).toBe(403);
  });
});
