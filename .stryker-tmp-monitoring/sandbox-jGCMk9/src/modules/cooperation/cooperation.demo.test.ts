/** The cooperation demo step, in a transaction rolled back afterwards (the worker's database is shared). */
// @ts-nocheck

import { expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { login } from '../../platform/auth/auth.ts';
import { departmentOf } from './cooperation.domain.ts';
import { demoProjects, loadCooperationDemo, ODA_2000 } from './cooperation.demo.ts';
import * as q from './cooperation.queries.ts';
import { gapMatrix } from './gap-matrix.domain.ts';

class Rollback extends Error {}

test('the demo stores seed 000’s ODA table, three dozen projects in the pilot regions and Puno, Madre de Dios, Arequipa, and the cooperacion user', async () => {
  const db = await testDb();
  let checked = false;
  await db
    .transaction(async (tx) => {
      const summary = await loadCooperationDemo(tx);
      expect(summary.projects).toBe(36);
      const oda = await q.odaReported(tx);
      expect(oda.map((r) => [r.donor, r.usdMillion])).toEqual(
        expect.arrayContaining([
          ['JP', 191.7],
          ['US', 92.3],
          ['DE', 34],
          ['DAC', 372.7],
        ]),
      );
      expect(oda.filter((r) => r.year === 2000)).toHaveLength(ODA_2000.length);

      const rows = (await q.projectRows(tx)).filter((r) => r.identifier.startsWith('PE-VETA-COOP-'));
      expect(rows).toHaveLength(36);
      const departments = new Set(rows.flatMap((r) => r.regions.map(departmentOf)));
      for (const d of ['21', '17', '04']) expect(departments).toContain(d);
      expect(new Set(rows.map((r) => r.agencyCode)).size).toBe(14);

      const rates = await q.usdRates(tx);
      const m = gapMatrix(
        rows.map((r) => ({ ...r, departments: r.regions.map(departmentOf) })),
        rates,
        { year: 2025 },
      );
      expect(m.activeProjects).toBeGreaterThan(5);
      expect(m.gaps).toBeGreaterThan(0); // seed 000: whole aspects and strata nobody covers
      expect(m.gaps).toBeLessThan(84);
      expect(m.cells.pallaqueras.organizational.projects + m.cells.pma.legal.projects).toBeGreaterThan(0);

      const session = await login(tx, 'cooperacion', 'veta-cooperacion');
      expect(session?.actor.role).toBe('cooperation');
      checked = true;
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  expect(checked).toBe(true);
});

test('the demo projects are the same every time and drop policy codes the stored policy lacks', () => {
  const a = demoProjects(new Set(['OP.01']));
  expect(a).toEqual(demoProjects(new Set(['OP.01'])));
  expect(new Set(a.flatMap((p) => p.policyCodes ?? []))).toEqual(new Set(['OP.01']));
  expect(demoProjects(new Set()).every((p) => (p.policyCodes ?? []).length === 0)).toBe(true);
});
