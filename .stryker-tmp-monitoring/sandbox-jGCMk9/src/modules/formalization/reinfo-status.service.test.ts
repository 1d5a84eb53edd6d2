/** The expediente follows the registry's REINFO status: through HTTP on the real database. */
// @ts-nocheck

import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { testDb } from '../../../test/db.ts';
import { actor, companyRuc, PLACES } from '../../../test/factories.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import { withActor } from '../../platform/context.ts';
import type * as s from './formalization-api.schema.ts';
import type { ActionBody } from './formalization-api.schema.ts';
import { importInscriptions, inscriptionRowIn } from './formalization-db.fixtures.ts';
import { followReinfoStatus } from './reinfo-status.service.ts';
import { appendAction } from './formalization.service.ts';
import { ForbiddenError } from '../../platform/errors.ts';

const app = await testServer();
const db = await testDb();
const { code: _p, ...PUNO } = PLACES.puno;
const ruc = companyRuc();
const [suspendedId, excludedId, nationalId] = await importInscriptions(db, [
  inscriptionRowIn(PUNO),
  inscriptionRowIn(PUNO, { RUC: ruc, NOMBRE: 'COOPERATIVA MINERA SIGUE REINFO' }),
  inscriptionRowIn(PUNO),
]);
const puno = await authHeaders('regional', { region: '21' });
const miner = await authHeaders('miner', { ruc });
type Detail = z.infer<typeof s.expedienteDetail>;

const call = async <T>(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
  const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T>() };
};
const open = async (inscriptionId: number) => (await call<Detail>('POST', '/api/formalization/expedientes', puno, { inscriptionId })).body.id;
const setStatus = (id: number, status: string, reason: string, headers = puno) =>
  app.inject({ method: 'POST', url: `/api/registry/inscriptions/${id}/status`, headers, payload: { status, effectiveDate: '2024-09-02', reason } });
const offered = (d: Detail, type: string) => d.allowedActions.some((a) => a.type === type);

describe('the expediente follows the REINFO status', () => {
  test('suspended in the registry: the expediente is suspended by the system with the reason, and decides nothing until reinstated', async () => {
    const expedienteId = await open(suspendedId!);
    expect((await setStatus(suspendedId!, 'suspendido', 'No declaró producción semestral')).statusCode).toBe(204);
    const after = (await call<Detail>('GET', `/api/formalization/expedientes/${expedienteId}`, puno)).body;
    expect(after.stage).toBe('suspended');
    expect(after.state.inscriptionStatus).toBe('suspended');
    const last = after.actions.at(-1)!;
    expect(last).toMatchObject({ type: 'suspend', actor: { role: 'system' }, payload: { reasonCode: 'other', effectiveOn: '2024-09-02' } });
    expect(String(last.payload['reason'])).toContain('No declaró producción semestral');
    // per the workflow, a suspended file may still be filed (to cure the cause) but no decision is issued
    expect(offered(after, 'approve')).toBe(false);
    expect(after.allowedActions.map((a) => a.type)).toContain('reinstate');
    expect((await setStatus(suspendedId!, 'vigente', 'Regularizó su declaración')).statusCode).toBe(204);
    const back = (await call<Detail>('GET', `/api/formalization/expedientes/${expedienteId}`, puno)).body;
    expect(back.stage).toBe('in_progress');
    expect(back.actions.at(-1)).toMatchObject({ type: 'reinstate', actor: { role: 'system' } });
  });

  test('excluded in the registry: the expediente is excluded and no longer offers "file" to the miner', async () => {
    const expedienteId = await open(excludedId!);
    const before = (await call<Detail>('GET', `/api/formalization/expedientes/${expedienteId}`, miner)).body;
    expect(offered(before, 'file')).toBe(true);
    expect((await setStatus(excludedId!, 'excluido', 'Área de exclusión')).statusCode).toBe(204);
    const after = (await call<Detail>('GET', `/api/formalization/expedientes/${expedienteId}`, miner)).body;
    expect(after.stage).toBe('excluded');
    expect(offered(after, 'file')).toBe(false);
    expect(after.allowedActions).toEqual([]);
    const audit = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'expediente' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`, [
      String(expedienteId),
    ]);
    expect(audit.rows[0]!.action).toBe('expediente.exclude');
  });

  test('an excluded inscription put back to suspended is reinstated then suspended; a national official (the REINFO import) may do it', async () => {
    const expedienteId = await open(nationalId!);
    const national = actor('national');
    const moved = await withActor(db, national, (tx) =>
      followReinfoStatus(tx, national, [
        { inscriptionId: nationalId!, status: 'excluido', asOf: '2024-05-01' },
        { inscriptionId: nationalId!, status: 'suspendido', asOf: '2024-06-01' },
        { inscriptionId: nationalId!, status: 'no-such-status', asOf: '2024-06-01' },
      ]),
    );
    expect(moved).toEqual([expedienteId]);
    const after = (await call<Detail>('GET', `/api/formalization/expedientes/${expedienteId}`, puno)).body;
    expect(after.actions.slice(-3).map((a) => a.type)).toEqual(['exclude', 'reinstate', 'suspend']);
    expect(after.stage).toBe('suspended');
    expect(String(after.actions.at(-1)!.payload['reason'])).toBe('REINFO: inscripción suspendido desde 2024-06-01');
  });

  test('an administrator (the system) cannot suspend an expediente by hand: the system only follows the registry', async () => {
    const list = await call<{ items: { id: number }[] }>('GET', `/api/formalization/expedientes?inscription=${suspendedId}`, puno);
    const body: ActionBody = { type: 'suspend', payload: { reasonCode: 'other', reason: 'a mano', effectiveOn: '2024-10-01' }, documents: [] };
    const refused = appendAction(db, actor('admin'), list.body.items[0]!.id, body);
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toMatchObject({ code: 'forbidden_role' });
  });
});
