/**
 * The demo's deliveries, generated on the worker's database in a transaction that is
 * rolled back: every pilot region with miners gets its events, participants are the
 * population the indicators count, rates land near the targets, the accident index is
 * the published 8.21 whatever the number of organizations, and reviews carry their seed.
 */
import { expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor, buildReinfoRow, companyRuc, toCsv } from '../../../test/factories.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { withCheckDigit } from '../registry/registry.domain.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { SERVICE_BINDINGS } from '../monitoring/bindings/indicator-bindings.services.ts';
import { loadServicesDemo } from './services.demo.ts';

const db = await testDb();
class Rollback extends Error {}

// 300 miners in Ucayali (25), a department no other test uses, and three demo-range organizations
const rows = Array.from({ length: 300 }, (_, i) =>
  buildReinfoRow({
    DEPARTAMENTO: 'UCAYALI',
    PROVINCIA: 'CORONEL PORTILLO',
    DISTRITO: 'CALLERIA',
    LATITUD: '-8.3791',
    LONGITUD: '-74.5539',
    NOMBRE: `UCAYALI DEMO ${i}`,
  }),
);
await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv(rows))), { fileName: 'ucayali.csv', sha256: 'u'.repeat(64), asOf: '2022-01-01' });

test('the demo step generates deliveries that measure near the published values', async () => {
  const seen: Record<string, unknown> = {};
  await db
    .transaction(async (tx) => {
      // other test files of the worker record some of these; the demo step runs on an empty services schema
      // (the whole demo may have been loaded on this database by another file: its keys would collide)
      await tx.exec(
        `TRUNCATE service_events, service_participants, service_deliveries, dialogue_tables, dialogue_sessions, igafom_reviews, igafom_review_findings, official_certifications, regional_capacities, district_health_access, mining_workforce, mining_accidents, mercury_use, mercury_transitions CASCADE`,
      );
      for (const n of [1, 2, 3]) {
        await tx.query(
          `INSERT INTO organizations (ruc, name, search_key, type, region_code) VALUES ($1, $2, $2, 'cooperative', '25') ON CONFLICT (ruc) DO NOTHING`,
          [withCheckDigit(`206000099${n}`), `COOPERATIVA DEMO ${n}`],
        );
      }
      seen['summary'] = await loadServicesDemo(tx);
      const { rows: events } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_events WHERE code LIKE 'DEMO-SS.01.03.01-25-2024-%'`);
      seen['events'] = events[0]!.n;
      const { rows: outside } = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM service_participants p JOIN service_events e ON e.id = p.event_id
         WHERE e.code LIKE 'DEMO-%' AND NOT EXISTS (SELECT 1 FROM reinfo_inscriptions i WHERE i.ruc = p.beneficiary_ruc)`,
      );
      seen['outside'] = outside[0]!.n;
      for (const code of ['ISS.01.03.01.01', 'IOP.01.02', 'ISS.04.03.01.01', 'ISS.02.05.02.01']) seen[code] = await SERVICE_BINDINGS[code]!.compute(tx, 2024);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  expect(seen['summary']).toMatchObject({ events: expect.any(Number) });
  expect(seen['events']).toBe(4); // four events a year in the region
  expect(seen['outside']).toBe(0); // participants are declarants of P(Y)
  // Ucayali's own share: other test files of the worker add miners (without trainings) elsewhere
  const clean = (seen['ISS.01.03.01.01'] as { regions: { code: string; value: number }[] }).regions.find((r) => r.code === '25')!;
  expect(clean.value).toBeGreaterThan(18); // 26.2 % published; binomial noise on 300 miners (± 3 sd)
  expect(clean.value).toBeLessThan(34);
  expect(seen['IOP.01.02']).toMatchObject({ value: 8.21, numerator: 12, denominator: 2_000_000 });
  expect(seen['ISS.04.03.01.01']).toMatchObject({ value: 32, numerator: 8, denominator: 25 });
  expect((seen['ISS.02.05.02.01'] as { numerator: number }).numerator).toBeGreaterThan(0);
  expect(companyRuc()).toMatch(/^20/); // factories stay usable after the rollback
});
