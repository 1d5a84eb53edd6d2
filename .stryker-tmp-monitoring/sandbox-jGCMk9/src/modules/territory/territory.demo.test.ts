// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import { SITUATIONS } from './situation.domain.ts';
import { situationIn } from './situation.service.ts';
import { pilotCases, SEED_004_CASES } from './territory-pilot.demo.ts';
import { territoryDemo } from './territory.demo.ts';

class Rollback extends Error {}

describe('the demo reproduces seed 004 from geometry', () => {
  it('gives 43, 46, 60, 308, 53, 248, 92, 8 = 858 for 2006 in La Libertad, Pasco and Moquegua', async () => {
    const db = await testDb();
    let report: Awaited<ReturnType<typeof situationIn>> | undefined;
    let again: Awaited<ReturnType<typeof territoryDemo>> | undefined;
    await db
      .transaction(async (tx) => {
        const placed = await territoryDemo(tx);
        expect(Object.values(placed).reduce((a, b) => a + b, 0)).toBe(858);
        report = await situationIn(tx, actor('national'), 2006, ['13', '19', '18']);
        // the table is not stored: removing the DAC of one concession moves its front to SIN_DAC
        await tx.query(`DELETE FROM dac_statuses WHERE mining_right_id = (SELECT r.id FROM mining_rights r JOIN dac_statuses d ON d.mining_right_id = r.id
                        WHERE r.code LIKE '13%' AND d.year = 2006 AND d.situation = 'EXPLOTACION' ORDER BY r.code LIMIT 1) AND year = 2006`);
        const after = await situationIn(tx, actor('national'), 2006, ['13', '19', '18']);
        expect(after.rows.find((r) => r.situation === 'EXPLOTACION')!.cases).toBe(307);
        expect(after.rows.find((r) => r.situation === 'SIN_DAC')!.cases).toBe(93);
        again = undefined;
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
    void again;
    expect(report!.total).toBe(858);
    expect(report!.rows.map((r) => r.situation)).toEqual([...SITUATIONS]);
    expect(Object.fromEntries(report!.rows.map((r) => [r.situation, r.cases]))).toEqual(SEED_004_CASES);
    expect(report!.rows.find((r) => r.situation === 'ATIPICA')!.percent).toBe(0.9);
    expect(report!.rows.find((r) => r.situation === 'EXPLOTACION')!.percent).toBe(35.9);
    const byRegion = Object.fromEntries(report!.byRegion.map((r) => [r.region, Object.fromEntries(r.rows.map((x) => [x.situation, x.cases]))]));
    for (const [region, cases] of pilotCases()) expect(byRegion[region]).toEqual(Object.fromEntries(cases));
    expect(report!.inscriptions!.LIBRE).toHaveLength(43);
  }, 240_000);
});
