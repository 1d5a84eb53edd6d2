import { openDatabase } from '../../platform/db.ts';
import { withActor } from '../../platform/context.ts';
import { boundIndicators } from '../monitoring/indicator-bindings.ts';
const db = await openDatabase({ dataDir: process.argv[2]! });
const a = { username: 'x', role: 'national' as const, region: null, ruc: null, userId: null };
for (const [code, b] of boundIndicators('PNMPMMA-2030')) {
  const t = Date.now();
  await withActor(db, a, (tx) => b.compute(tx, 2024));
  console.log(code, Date.now() - t);
}
process.exit(0);
