/** The expediente through HTTP on the real database: officials, the miner, other regions, the auditor. */
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { testDb } from '../../../test/db.ts';
import { companyRuc, PLACES } from '../../../test/factories.ts';
import { authHeaders, testServer } from '../../../test/http.ts';
import type { Problem } from '../../platform/http/problem.ts';
import { peruToday } from '../../platform/time.ts';
import { addBusinessDays, businessDaysBetween } from '../../kernel/business-days.ts';
import { toPeruDate } from '../../kernel/peru-date.ts';
import type * as s from './formalization-api.schema.ts';
import { importInscriptions, inscriptionRowIn, sha256Hex, upload } from './formalization-db.fixtures.ts';

const app = await testServer();
const db = await testDb();
const { code: _p, ...PUNO } = PLACES.puno;
const minerRuc = companyRuc();
const [inscriptionId, otherInscriptionId] = await importInscriptions(db, [
  inscriptionRowIn(PUNO, { RUC: minerRuc, NOMBRE: 'COOPERATIVA MINERA FORMALIZA PUNO' }),
  inscriptionRowIn(PUNO),
]);
const puno = await authHeaders('regional', { region: '21' });
const arequipa = await authHeaders('regional', { region: '04' });
const miner = await authHeaders('miner', { ruc: minerRuc });
const otherMiner = await authHeaders('miner', { ruc: companyRuc() });

type Detail = z.infer<typeof s.appendResult>;
type Window = z.infer<typeof s.minerExpediente>[];
type List = z.infer<typeof s.listOut>;
const call = async <T>(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
  const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T>(), type: String(res.headers['content-type']) };
};
const act = (id: number, headers: Record<string, string>, body: object) => call<Detail>('POST', `/api/formalization/expedientes/${id}/actions`, headers, body);
const refused = (id: number, headers: Record<string, string>, body: object) =>
  call<Problem>('POST', `/api/formalization/expedientes/${id}/actions`, headers, body);
const auditCount = async (id: number) =>
  Number((await db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'expediente' AND entity_id = $1`, [String(id)])).rows[0]!.n);

const opened = await call<Detail>('POST', '/api/formalization/expedientes', puno, { inscriptionId });
const expedienteId = opened.body.id;

describe('an expediente through HTTP', () => {
  test('a Puno official opens it: in progress, the miner may file the three parallel requirements', async () => {
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ stage: 'in_progress', inscription: { id: inscriptionId, ruc: minerRuc, departmentCode: '21' } });
    expect(opened.body.allowedActions.map((a) => a.type)).toEqual(['suspend', 'exclude']);
    const mine = await call<Window>('GET', '/api/me/expedientes', miner);
    expect(mine.status).toBe(200);
    const window = mine.body;
    expect(window.map((e) => e.id)).toEqual([expedienteId]);
    expect(window[0]!.missing).toHaveLength(5);
    expect(window[0]!.missing[0]).toMatchObject({ requirement: 'igafom', status: 'not_started', available: true, yourActions: ['file'] });
    expect(window[0]!.missing[3]).toMatchObject({
      requirement: 'technical_file',
      available: false,
      waitingFor: ['igafom', 'mining_right_access', 'surface_land'],
    });
    expect(window[0]!.processDeadline).toMatchObject({ on: peruToday(), processOpen: expect.any(Boolean) });
  });

  test('review, observation with a business-day deadline, correction with a stored SHA-256, approval; one audit entry per write', async () => {
    const before = await auditCount(expedienteId);
    const filing = upload('igafom.pdf', 'IGAFOM de prueba, versión 1');
    const filed = await act(expedienteId, miner, { type: 'file', requirement: 'igafom', documents: [filing] });
    expect(filed.status).toBe(201);
    expect(filed.body.documents[0]).toMatchObject({ name: 'igafom.pdf', sha256: sha256Hex('IGAFOM de prueba, versión 1'), requirement: 'igafom' });

    expect((await act(expedienteId, puno, { type: 'start_review', requirement: 'igafom' })).status).toBe(201);
    const observed = await act(expedienteId, puno, {
      type: 'observe',
      requirement: 'igafom',
      payload: { observations: ['Falta el plano de ubicación'], deadlineBusinessDays: 10 },
    });
    expect(observed.status).toBe(201);
    const observation = observed.body.state.openObservations[0]!;
    const observedOn = toPeruDate(observation.observedAt);
    expect(observation).toMatchObject({ requirement: 'igafom', actionId: observed.body.actionId, dueOn: addBusinessDays(observedOn, 10) });

    const window = (await call<Window>('GET', '/api/me/expedientes', miner)).body;
    expect(window[0]!.openObservations[0]).toMatchObject({
      observationActionId: observed.body.actionId,
      dueOn: observation.dueOn,
      businessDaysLeft: businessDaysBetween(peruToday(), observation.dueOn),
      overdue: false,
    });
    expect(window[0]!.missing[0]).toMatchObject({ status: 'observed', yourActions: ['correct'] });

    const fix = upload('plano-ubicacion.pdf', 'Plano de ubicación del frente minero', true);
    const corrected = await act(expedienteId, miner, {
      type: 'correct',
      requirement: 'igafom',
      payload: { observationActionId: observed.body.actionId },
      documents: [fix],
    });
    expect(corrected.status).toBe(201);
    const stored = corrected.body.documents.find((d) => d.name === 'plano-ubicacion.pdf')!;
    expect(stored.sha256).toBe(fix.sha256);
    expect(corrected.body.state.requirements.igafom.observations[0]).toMatchObject({ correctionActionId: corrected.body.actionId, late: false });

    const download = await app.inject({ method: 'GET', url: stored.url, headers: miner });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('Plano de ubicación del frente minero');
    expect(download.headers['etag']).toBe(`"${fix.sha256}"`);

    expect((await act(expedienteId, puno, { type: 'start_review', requirement: 'igafom' })).status).toBe(201);
    const approved = await act(expedienteId, puno, { type: 'approve', requirement: 'igafom', payload: { resolutionNumber: 'RD-021-2025' } });
    expect(approved.status).toBe(201);
    expect(approved.body.state.requirements.igafom).toMatchObject({ status: 'approved', decision: { outcome: 'approved', resolutionNumber: 'RD-021-2025' } });
    expect(approved.body.actions.map((a) => a.type)).toEqual(['open', 'file', 'start_review', 'observe', 'correct', 'start_review', 'approve']);
    expect(await auditCount(expedienteId)).toBe(before + 6);
    const last = await db.query<{ action: string; actor: string; region_code: string }>(
      `SELECT action, actor, region_code FROM audit_log WHERE entity = 'expediente' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [String(expedienteId)],
    );
    expect(last.rows[0]).toMatchObject({ action: 'expediente.approve', region_code: '21' });
  });

  test('a refused action is a 409 problem with the reason (403 for the wrong role) and writes nothing', async () => {
    const before = await auditCount(expedienteId);
    const early = await refused(expedienteId, puno, { type: 'approve', requirement: 'surface_land' });
    expect(early.status).toBe(409);
    expect(early.type).toContain('application/problem+json');
    expect(early.body).toMatchObject({ status: 409, code: 'not_allowed_in_status', detail: expect.stringContaining('surface_land: it is not_started') });
    const prerequisites = await refused(expedienteId, miner, {
      type: 'file',
      requirement: 'technical_file',
      payload: { technicalFileKind: 'exploitation' },
      documents: [upload('expediente-tecnico.pdf', 'Expediente técnico')],
    });
    expect(prerequisites.body).toMatchObject({ status: 409, code: 'prerequisites_not_met' });
    const wrongRole = await refused(expedienteId, miner, { type: 'reject', requirement: 'igafom', payload: { reason: 'x' } });
    expect(wrongRole.body).toMatchObject({ status: 403, code: 'forbidden_role' });
    const twice = await call<Problem>('POST', '/api/formalization/expedientes', puno, { inscriptionId });
    expect(twice.status).toBe(409);
    expect(await auditCount(expedienteId)).toBe(before);
  });

  test('an official amends a decision: the log keeps the original, the state shows the correction', async () => {
    const detail = (await call<Detail>('GET', `/api/formalization/expedientes/${expedienteId}`, puno)).body;
    const approval = detail.actions.find((a) => a.type === 'approve')!;
    const replacement = { type: 'approve', requirement: 'igafom', payload: { resolutionNumber: 'RD-022-2025' }, documents: [] };
    const amended = await act(expedienteId, puno, {
      type: 'amend',
      payload: { amendsActionId: approval.id, reason: 'Número de resolución errado', replacement },
    });
    expect(amended.status).toBe(201);
    expect(amended.body.state.requirements.igafom.decision?.resolutionNumber).toBe('RD-022-2025');
    expect(amended.body.state.timeline.find((e) => e.actionId === approval.id)?.amendedBy).toEqual([amended.body.actionId]);
    expect(amended.body.actions.find((a) => a.id === approval.id)?.payload).toEqual({ resolutionNumber: 'RD-021-2025' });
    // A miner may not amend an official's decision; a replacement document must be uploaded with the amendment.
    expect((await refused(expedienteId, miner, { type: 'amend', payload: { amendsActionId: approval.id, reason: 'x', replacement } })).body).toMatchObject({
      status: 403,
      code: 'forbidden_role',
    });
    const filing = detail.actions.find((a) => a.type === 'file')!;
    const ghost = { name: 'otro.pdf', sha256: sha256Hex('nunca subido'), size: 12 };
    const missing = await refused(expedienteId, miner, {
      type: 'amend',
      payload: {
        amendsActionId: filing.id,
        reason: 'Archivo equivocado',
        replacement: { type: 'file', requirement: 'igafom', payload: {}, documents: [ghost] },
      },
    });
    expect(missing.status).toBe(400);
  });

  test('invalid payloads and forged hashes are 400 with the failing fields', async () => {
    const noAccess = await refused(expedienteId, miner, { type: 'file', requirement: 'mining_right_access' });
    expect(noAccess.status).toBe(400);
    expect(noAccess.body.errors).toEqual([expect.objectContaining({ path: 'body.payload.access' }), expect.objectContaining({ path: 'body.documents' })]);
    // A filing with nothing attached (the "Autorización de inicio" once went through empty) is refused.
    const empty = await refused(expedienteId, miner, { type: 'file', requirement: 'start_authorization' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'body.documents' })]);
    const forged = await refused(expedienteId, miner, {
      type: 'file',
      requirement: 'surface_land',
      documents: [{ ...upload('a.pdf', 'uno'), sha256: sha256Hex('otro') }],
    });
    expect(forged.status).toBe(400);
    expect(forged.body.errors?.[0]?.path).toBe('body.documents.0.sha256');
  });

  test('an official of another region gets 404 and cannot act; another miner sees nothing', async () => {
    expect((await call<Problem>('GET', `/api/formalization/expedientes/${expedienteId}`, arequipa)).status).toBe(404);
    expect((await refused(expedienteId, arequipa, { type: 'start_review', requirement: 'igafom' })).status).toBe(404);
    expect((await call<Problem>('POST', '/api/formalization/expedientes', arequipa, { inscriptionId: otherInscriptionId })).status).toBe(404);
    const list = await call<List>('GET', '/api/formalization/expedientes?region=21', arequipa);
    expect(list.body).toEqual({ total: 0, items: [], next: null });
    expect((await call<Problem>('GET', `/api/formalization/expedientes/${expedienteId}`, otherMiner)).status).toBe(404);
    expect((await call<Window>('GET', '/api/me/expedientes', otherMiner)).body).toEqual([]);
  });

  test('the auditor and national officials read but cannot act', async () => {
    for (const role of ['auditor', 'national'] as const) {
      const headers = await authHeaders(role);
      const read = await call<Detail>('GET', `/api/formalization/expedientes/${expedienteId}`, headers);
      expect(read.status).toBe(200);
      expect(read.body.allowedActions).toEqual([]);
      expect((await refused(expedienteId, headers, { type: 'start_review', requirement: 'surface_land' })).status).toBe(403);
      expect((await call<Problem>('POST', '/api/formalization/expedientes', headers, { inscriptionId: otherInscriptionId })).status).toBe(403);
    }
    const list = await call<List>('GET', `/api/formalization/expedientes?region=21&stage=in_progress&limit=1000`, await authHeaders('auditor'));
    expect(list.body.items.map((i) => i.id)).toContain(expedienteId);
  });

  test('the list finds the expediente of an inscription or of a RUC, only where the caller may see it', async () => {
    const byInscription = await call<List>('GET', `/api/formalization/expedientes?inscription=${inscriptionId}`, puno);
    expect(byInscription.body).toMatchObject({ total: 1, items: [{ id: expedienteId, inscriptionId, ruc: minerRuc, departmentCode: '21' }] });
    const byRuc = await call<List>('GET', `/api/formalization/expedientes?ruc=${minerRuc}`, await authHeaders('national'));
    expect(byRuc.body.items.map((i) => i.id)).toEqual([expedienteId]);
    expect((await call<List>('GET', `/api/formalization/expedientes?ruc=${minerRuc}&region=04`, puno)).body).toEqual({ total: 0, items: [], next: null });
    expect((await call<List>('GET', `/api/formalization/expedientes?ruc=${companyRuc()}`, puno)).body).toEqual({ total: 0, items: [], next: null });
    expect((await call<List>('GET', `/api/formalization/expedientes?inscription=${inscriptionId}`, arequipa)).body).toEqual({
      total: 0,
      items: [],
      next: null,
    });
    expect((await call<Problem>('GET', '/api/formalization/expedientes?ruc=2060', puno)).status).toBe(400);
  });

  test('an administrator opens as the system, and may take no other action', async () => {
    const admin = await authHeaders('admin');
    const res = await call<Detail>('POST', '/api/formalization/expedientes', admin, { inscriptionId: otherInscriptionId });
    expect(res.status).toBe(201);
    expect(res.body.actions[0]).toMatchObject({ type: 'open', actor: { role: 'system' } });
    expect(res.body.allowedActions).toEqual([]);
    expect((await refused(res.body.id, admin, { type: 'start_review', requirement: 'igafom' })).status).toBe(403);
  });
});

describe('the database enforces it too', () => {
  test('the application role cannot rewrite the log, and a miner cannot record an official action', async () => {
    const { withActor } = await import('../../platform/context.ts');
    const { actor } = await import('../../../test/factories.ts');
    await expect(withActor(db, actor('admin'), (tx) => tx.query('DELETE FROM expediente_actions'))).rejects.toThrow(/permission denied/);
    await expect(withActor(db, actor('regional', '21'), (tx) => tx.query(`UPDATE expediente_documents SET name = 'x'`))).rejects.toThrow(/permission denied/);
    const forged = withActor(db, actor('miner', null, minerRuc), (tx) =>
      tx.query(
        `INSERT INTO expediente_actions (expediente_id, seq, type, requirement, payload, actor_username, actor_role, at, department_code)
         VALUES ($1, 99, 'approve', 'surface_land', '{}', 'test-miner', 'miner', now(), '21')`,
        [expedienteId],
      ),
    );
    await expect(forged).rejects.toThrow(/row-level security/);
  });
});
