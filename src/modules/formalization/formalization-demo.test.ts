/**
 * The formalization demo on a synthetic REINFO list, inside a transaction that is always
 * rolled back (the worker's database is shared with the other tests).
 */
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import type { Queryable } from '../../platform/db.ts';
import { loadFormalizationDemo } from '../demo/demo-formalization.ts';
import { reduce } from './formalization.domain.ts';
import { loadActions, type StoredAction } from './formalization.queries.ts';

const db = await testDb();
const RUC = '20999999991';
class Rollback extends Error {}

/** 400 inscriptions of one organization over the demo's departments, with REINFO-like statuses (from the row number, not the ids). */
async function syntheticInscriptions(tx: Queryable): Promise<void> {
  await tx.query(
    `WITH o AS (
       INSERT INTO organizations (ruc, name, search_key, type, region_code)
       VALUES ($1, 'ASOCIACION DEMO DE PRUEBA', 'ASOCIACION DEMO DE PRUEBA', 'association', '21') RETURNING id),
     r AS (
       INSERT INTO mining_rights (code, name, search_key, department_code)
       SELECT 'DEMO-T-' || g, 'DERECHO ' || g, 'DERECHO ' || g, (ARRAY['21', '17', '04', '05', '13', '19', '18', '20'])[1 + g % 8]
       FROM generate_series(1, 400) g RETURNING id, code, department_code)
     INSERT INTO reinfo_inscriptions (ruc, declarant_name, organization_id, mining_right_id, mining_right_code, activity,
                                      department_code, inscription_date, status, status_since)
     SELECT $1, 'ASOCIACION DEMO DE PRUEBA', (SELECT id FROM o), r.id, r.code,
            CASE WHEN g % 15 = 0 THEN 'beneficio' ELSE 'explotacion' END, r.department_code,
            date '2017-08-01' + (g * 37 % 2190),
            CASE WHEN g % 20 < 11 THEN 'suspendido' WHEN g % 20 < 19 THEN 'vigente' ELSE 'excluido' END, '2025-06-30'
     FROM r CROSS JOIN LATERAL (SELECT split_part(r.code, '-', 3)::int AS g) n
     ORDER BY g`,
    [RUC],
  );
}

async function playDemo(): Promise<StoredAction[][]> {
  let logs: StoredAction[][] = [];
  await db
    .transaction(async (tx) => {
      await syntheticInscriptions(tx);
      await loadFormalizationDemo(tx);
      const { rows } = await tx.query<{ id: number }>('SELECT id FROM expedientes WHERE ruc = $1 ORDER BY inscription_id', [RUC]);
      const byId = await loadActions(
        tx,
        rows.map((r) => Number(r.id)),
      );
      logs = rows.map((r) => byId.get(Number(r.id)) ?? []);
      const bad = await tx.query<{ n: number }>(
        `SELECT count(*) AS n FROM expediente_actions a WHERE a.type IN ('file', 'correct')
           AND NOT EXISTS (SELECT 1 FROM expediente_documents d WHERE d.action_id = a.id)`,
      );
      expect(Number(bad.rows[0]!.n)).toBe(0);
      // every stored action has its audit entry, as the service writes one (the expediente page's audit panel once read none)
      const unaudited = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM expediente_actions a JOIN expedientes e ON e.id = a.expediente_id
          WHERE e.ruc = $1 AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'expediente' AND l.entity_id = a.expediente_id::text
                                             AND l.action = 'expediente.' || a.type AND l.after->>'actionId' = a.id::text)`,
        [RUC],
      );
      expect(unaudited.rows[0]!.n).toBe(0);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return logs;
}

const first = await playDemo();

describe('the formalization demo', () => {
  test('opens expedientes for a good share of the inscriptions, every stored history valid', () => {
    expect(first.length).toBeGreaterThan(180);
    expect(first.length).toBeLessThan(300);
    for (const log of first) expect(() => reduce(log.map((s) => s.action))).not.toThrow();
  });

  test('files in every stage, dated 2019 to mid-2025, reviewed by the demo officials', () => {
    const states = first.map((log) => reduce(log.map((s) => s.action)));
    const stages = new Set(states.map((s) => s.stage));
    for (const stage of ['in_progress', 'technical_file', 'formalized', 'suspended', 'excluded']) expect(stages).toContain(stage);
    const statuses = new Set(states.flatMap((s) => Object.values(s.requirements).map((r) => r.status)));
    for (const status of ['not_started', 'filed', 'under_review', 'approved', 'rejected']) expect(statuses).toContain(status);
    const actions = first.flat().map((s) => s.action);
    expect(new Set(actions.map((a) => a.type))).toEqual(
      new Set(['open', 'file', 'start_review', 'observe', 'correct', 'approve', 'reject', 'suspend', 'exclude', 'reinstate']),
    );
    const times = actions.map((a) => a.at).sort();
    expect(times[0]! >= '2019-01-01').toBe(true);
    expect(times.at(-1)! <= '2025-07-01').toBe(true);
    const officials = new Set(actions.filter((a) => a.actor.role === 'regional_official').map((a) => a.actor.userId));
    for (const user of ['puno', 'arequipa', 'madrededios']) expect(officials).toContain(user);
  });

  test('is deterministic: the same list gives the same histories', async () => {
    const again = await playDemo();
    const shape = (logs: StoredAction[][]) =>
      logs.map((log) => log.map((s) => [s.action.type, s.action.at, s.action.actor.userId, s.documents.map((d) => d.sha256)]));
    // Action ids differ (the sequence moves on); what happened, when and by whom does not.
    expect(shape(again)).toEqual(shape(first));
  });
});
