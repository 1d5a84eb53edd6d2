/**
 * The count-only path (`count`, `measurePolicyCounts`: what `veta policy measure` prints
 * and what is stored) against the path with the records (`compute`, `measurePolicy`: the
 * drill-down), on the demo data: every figure the same, and the counts of records and
 * population units the lengths of the lists, nationally and for regional officials.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withActor, type Actor } from '../../../platform/context.ts';
import { openDatabase, type Database } from '../../../platform/db.ts';
import { migrate } from '../../../platform/migrate.ts';
import { loadDemo } from '../../demo/demo.ts';
import { loadTerritory } from '../../territory/territory.load.ts';
import { cachePath, testDb, workerDatabase } from '../../../../test/db.ts';
import { actor, buildReinfoRow, companyRuc, toCsv } from '../../../../test/factories.ts';
import { readCsv } from '../../../platform/files/tabular.ts';
import { importReinfo } from '../../registry/reinfo.import.ts';
import { DEFAULT_POLICY_CODE } from '../policy.catalog.ts';
import { countBinding, countOf, type BindingCount } from './binding.contract.ts';
import { boundIndicators } from './indicator-bindings.ts';
import { measurePolicy, measurePolicyCounts } from './measure.service.ts';

let db: Database;
const YEARS = [2024, 2025];
const ROLES: Record<string, Actor> = {
  national: actor('national'),
  'regional of Puno': actor('regional', '21'),
  'regional of Madre de Dios': actor('regional', '17'),
};

beforeAll(async () => {
  const url = process.env['DATABASE_URL'];
  if (!url) await testDb();
  const blob = !url && existsSync(cachePath()) ? new Blob([readFileSync(cachePath())]) : undefined;
  db = await openDatabase(url ? { databaseUrl: await workerDatabase(url, '_counts') } : { dataDir: 'memory', loadDataDir: blob });
  await migrate(db);
  await db.transaction((tx) => loadTerritory(tx));
  expect(await loadDemo(db)).toMatchObject({ loaded: true });
  // two declarants with an inscription in Puno and a later one in Madre de Dios: one is
  // counted through its later inscription only (its region stays Puno, nationally), the
  // other through its first
  const [first, second] = [companyRuc(), companyRuc()];
  const rows = [
    buildReinfoRow({ RUC: first, NOMBRE: 'COOPERATIVA DOS REGIONES UNO' }, 'puno'),
    buildReinfoRow({ RUC: first, NOMBRE: 'COOPERATIVA DOS REGIONES UNO' }, 'madreDeDios'),
    buildReinfoRow({ RUC: second, NOMBRE: 'COOPERATIVA DOS REGIONES DOS' }, 'puno'),
    buildReinfoRow({ RUC: second, NOMBRE: 'COOPERATIVA DOS REGIONES DOS' }, 'madreDeDios'),
  ];
  await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(rows))), { fileName: 'two-regions.csv', sha256: 't'.repeat(64), asOf: '2024-01-01' });
  for (const [row, holder] of [
    [rows[1]!, first],
    [rows[2]!, second],
  ] as const)
    await db.query(`UPDATE mining_rights SET holder_ruc = $2, verification = 'verified' WHERE code = $1`, [row['CODIGO UNICO'], holder]);
}, 300_000);

afterAll(async () => {
  await db.close();
});

const bindings = boundIndicators(DEFAULT_POLICY_CODE);

describe.each(Object.entries(ROLES))('as %s', (_name, who) => {
  test.each(YEARS)('every binding counts what it computes (%i)', async (year) => {
    // each path in a transaction of its own: the count never leans on records built before it
    const full: BindingCount[] = [];
    const counted: BindingCount[] = [];
    for (const [, binding] of bindings) {
      full.push(countOf(await withActor(db, who, (tx) => binding.compute(tx, year))));
      counted.push(await withActor(db, who, (tx) => countBinding(binding, tx, year)));
    }
    expect(counted).toEqual(full);
    // the demo has miners, counted ones and regions for the shares of the population
    const share = full[bindings.findIndex(([c]) => c === 'IOP.03.02')]!;
    expect(share.denominator).toBeGreaterThan(0);
    expect(share.numerator).toBeGreaterThan(0);
    expect(share.records).toBe(share.numerator);
    expect(share.population).toBe(share.denominator);
    expect(share.regions!.length).toBeGreaterThan(0);
    // both in one transaction (one read of the population): still the same
    const together = await withActor(db, who, async (tx) => {
      const out: BindingCount[] = [];
      for (const [, binding] of bindings) out.push(await countBinding(binding, tx, year), countOf(await binding.compute(tx, year)));
      return out;
    });
    expect(together).toEqual(full.flatMap((f) => [f, f]));
  });

  test('measurePolicyCounts is measurePolicy with its lists counted', async () => {
    const full = await measurePolicy(db, who, DEFAULT_POLICY_CODE, 2024);
    const counted = await measurePolicyCounts(db, who, DEFAULT_POLICY_CODE, 2024);
    expect(full.length).toBeGreaterThan(10);
    expect(counted).toEqual(full.map((m) => ({ ...m, records: m.records.length, population: m.population === null ? null : m.population.length })));
    if (who.role === 'regional') {
      // national figures as the national reader, the scope through the caller's row-level security
      const national = await measurePolicy(db, actor('national'), DEFAULT_POLICY_CODE, 2024);
      expect(counted.map((m) => [m.value, m.numerator, m.denominator, m.regions])).toEqual(
        national.map((m) => [m.value, m.numerator, m.denominator, m.regions]),
      );
      expect(counted.every((m) => m.scope.scoped && m.scope.regionCode === who.region)).toBe(true);
      expect(counted.some((m) => m.scope.denominator < m.denominator)).toBe(true);
    }
  });
});
