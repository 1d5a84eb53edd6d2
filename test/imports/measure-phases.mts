/** Not a test: where a 50k-row REINFO import spends its time on the embedded database (npx tsx test/imports/measure-phases.mts [ROWS]). */
import { demoReinfoTable } from '../../src/modules/demo/demo.ts';
import { importReinfo } from '../../src/modules/registry/reinfo.import.ts';
import { testDb } from '../db.ts';

const rows = Number(process.argv[2] ?? 50_000);
const db = await testDb();
const table = demoReinfoTable(rows, 13);
const t0 = performance.now();
const first = new Map<string, number>();
let last = t0;
await importReinfo(db, { username: 'measure', role: 'admin', region: null, ruc: null, userId: null }, table, {
  fileName: 'm.csv',
  sha256: 'm',
  asOf: '2025-06-30',
  onProgress: (phase) => {
    last = performance.now();
    if (!first.has(phase)) first.set(phase, last - t0);
  },
});
const total = performance.now() - t0;
process.stdout.write(
  `${rows} rows: total ${(total / 1000).toFixed(1)} s; first report of each phase (s): ${[...first].map(([p, t]) => `${p} ${(t / 1000).toFixed(1)}`).join(', ')}\n`,
);
await db.close();
