import { createHash } from 'node:crypto';
import { openDatabase } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import { loadTerritory } from '../territory/territory.load.ts';
import { demoReinfoTable } from '../demo/demo.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { registerModules } from '../../platform/module.ts';
import { MODULES } from '../index.ts';
registerModules(MODULES);
const db = await openDatabase({ dataDir: process.argv[2]! });
if (!process.argv[3]) await migrate(db);
if (!process.argv[3]) await db.transaction((tx) => loadTerritory(tx));
const SYSTEM = { username: 'system:demo', role: 'admin' as const, region: null, ruc: null, userId: null };
const only = process.argv[3];
if (!only) {
  const table = demoReinfoTable();
  const sha256 = createHash('sha256').update(JSON.stringify(table)).digest('hex');
  await importReinfo(db, SYSTEM, table, { fileName: 'demo-reinfo.csv', sha256, asOf: '2025-06-30', skipInvalid: true });
}
for (const m of MODULES) {
  if (!m.demo || (only && m.name !== only)) continue;
  const step = await m.demo();
  const t = Date.now();
  try {
    const r = await db.transaction((tx) => step(tx));
    console.error(m.name, 'ok', Date.now() - t, 'ms', JSON.stringify(r)?.slice(0, 200));
  } catch (e) {
    console.error(m.name, 'FAILED', (e as Error).message);
  }
}
await db.exec('ANALYZE');
await db.close?.();
process.exit(0);
