/**
 * Not a test: measures how long GET /api/health takes while a 50,000-row REINFO list is
 * uploaded and imported on the embedded database (issue 19). Run:
 *   npx tsx test/imports/measure-health.mts [ROWS]
 * Prints the job's duration and the health latencies (p50, p95, max) during it.
 */
import { stringify } from 'csv-stringify/sync';
import { createApiToken, createUser } from '../../src/platform/auth/auth.ts';
import { demoReinfoTable } from '../../src/modules/demo/demo.ts';
import { createServer } from '../../src/server.ts';
import { testDb } from '../db.ts';

const rows = Number(process.argv[2] ?? 50_000);
const db = await testDb();
const app = await createServer(db);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const user = await createUser(db, {
  username: `measure-${Date.now()}`,
  displayName: 'm',
  password: 'measure-password-1',
  role: 'national',
  regionCode: null,
  ruc: null,
});
const token = await createApiToken(db, user.userId!, 'measure');
const auth = { authorization: `Bearer ${token}` };

const table = demoReinfoTable(rows, 11);
const csv = stringify([table.headers, ...table.rows.map((r) => r.cells)]);
const form = new FormData();
form.append('asOf', '2025-06-30');
form.append('file', new Blob([csv], { type: 'text/csv' }), 'big.csv');

let done = false;
let failures = 0;
/** Probes a URL every 50 ms until the job ends; the latencies. */
function prober(url: string): { latencies: number[]; running: Promise<void> } {
  const latencies: number[] = [];
  const running = (async () => {
    while (!done) {
      const t = performance.now();
      try {
        const res = await fetch(`${address}${url}`);
        await res.arrayBuffer();
      } catch {
        failures += 1; // a reset connection (the server's request timeout) counts with its time
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return { latencies, running };
}
// a baseline on this machine, before the upload
{
  const base: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    await (await fetch(`${address}/api/health`)).arrayBuffer();
    base.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
  base.sort((a, b) => a - b);
  process.stdout.write(`baseline GET /api/health without an import: p50 ${base[20]!.toFixed(0)} ms, max ${base.at(-1)!.toFixed(0)} ms\n`);
}
const health = prober('/api/health'); // reads the database
const light = prober('/api/no-such-route'); // answered without the database (404)

const started = performance.now();
const res = await fetch(`${address}/api/imports/reinfo`, { method: 'POST', headers: auth, body: form });
const { jobId } = (await res.json()) as { jobId: number };
let status = 'running';
let result: unknown = null;
while (status === 'running') {
  await new Promise((r) => setTimeout(r, 200));
  const job = (await (await fetch(`${address}/api/jobs/${jobId}`, { headers: auth })).json()) as { status: string; result: unknown };
  status = job.status;
  result = job.result;
}
const seconds = (performance.now() - started) / 1000;
done = true;
await Promise.all([health.running, light.running]);
const summary = (latencies: number[]): string => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return `${latencies.length} probes, p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`;
};
const r = result as { inserted?: number; rejected?: number };
process.stdout.write(
  `${rows} rows on ${db.engine}: job ${status} in ${seconds.toFixed(1)} s (inserted ${r?.inserted}, rejected ${r?.rejected})\n` +
    `  GET /api/health (reads the database): ${summary(health.latencies)}\n  GET /api/no-such-route (no database): ${summary(light.latencies)}\n  failed probes: ${failures}\n`,
);
await app.close();
await db.close();
