import { openDatabase } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import { loadTerritory } from '../territory/territory.load.ts';
import { loadDemo } from '../demo/demo.ts';
import { measurePolicy } from '../monitoring/measure.service.ts';
import { registerModules } from '../../platform/module.ts';
import { MODULES } from '../index.ts';
import { readFileSync } from 'node:fs';
registerModules(MODULES);
const db = await openDatabase({ dataDir: process.argv[2]! });


let t = Date.now();
//
console.error('demo', Date.now() - t, 'ms');
t = Date.now();
const ms = await measurePolicy(db, { username: 'x', role: 'national', region: null, ruc: null, userId: null }, 'PNMPMMA-2030', 2024);
console.error('measure', Date.now() - t, 'ms');
const pub = new Map(readFileSync('/work/shared/data/pnmpmma-seguimiento-2024.csv', 'utf8').split('\n').map((l) => { const c = l.split(','); return [c[0], l]; }));
for (const m of ms) console.log(m.indicator.padEnd(16), String(m.value).padStart(8), `${m.numerator}/${m.denominator}`.padStart(14), m.unit, m.availability, m.regions.length, m.records.length);
process.exit(0);
