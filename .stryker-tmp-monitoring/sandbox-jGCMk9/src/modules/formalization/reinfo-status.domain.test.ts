// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { INSCRIPTION_STATUSES, type InscriptionStatus } from '../../kernel/registry.types.ts';
import { applyAction, initialState, type ApplyResult } from './formalization.domain.ts';
import { actorFor, buildAction } from './formalization.factories.ts';
import type { ExpedienteState } from './formalization-state.schema.ts';
import { followActions } from './reinfo-status.domain.ts';

const EXPECTED: Record<InscriptionStatus, ExpedienteState['inscriptionStatus']> = { vigente: 'active', suspendido: 'suspended', excluido: 'excluded' };
let clock = Date.parse('2024-02-01T15:00:00Z');
const envelope = (role: Parameters<typeof actorFor>[0]) => ({
  id: `a${clock}`,
  expedienteId: 'exp-1',
  at: new Date((clock += 3_600_000)).toISOString(),
  actor: actorFor(role),
});
const ok = (r: ApplyResult): ExpedienteState => {
  if (!r.ok) throw new Error(r.rejection.message);
  return r.state;
};

/** An opened expediente whose inscription has the given REINFO status, reached by an official. */
function openedAs(status: InscriptionStatus): ExpedienteState {
  let state = ok(applyAction(initialState(), buildAction(initialState(), 'open', undefined, envelope('regional_official'))));
  if (status !== 'vigente')
    state = ok(applyAction(state, buildAction(state, status === 'suspendido' ? 'suspend' : 'exclude', undefined, envelope('regional_official'))));
  return state;
}

describe('the expediente follows the REINFO status', () => {
  it.each(INSCRIPTION_STATUSES.flatMap((from) => INSCRIPTION_STATUSES.map((to) => [from, to] as const)))(
    'from %s to %s, as the system, by the moves the workflow allows',
    (from, to) => {
      let state = openedAs(from);
      const moves = followActions(state, to);
      expect(moves.length).toBe(from === to ? 0 : from === 'excluido' && to === 'suspendido' ? 2 : 1);
      for (const type of moves) state = ok(applyAction(state, buildAction(state, type, undefined, envelope('system'))));
      expect(state.inscriptionStatus).toBe(EXPECTED[to]);
      expect(state.stage).toBe(to === 'vigente' ? 'in_progress' : EXPECTED[to]);
    },
  );

  it('moves neither an unopened nor a formalized expediente', () => {
    expect(followActions(initialState(), 'excluido')).toEqual([]);
    expect(followActions({ stage: 'formalized', inscriptionStatus: 'active' }, 'suspendido')).toEqual([]);
  });

  it('the system takes these actions only: it may not review or decide', () => {
    const state = openedAs('vigente');
    const review = applyAction(state, buildAction(state, 'start_review', 'igafom', envelope('system')));
    expect(review).toMatchObject({ ok: false, rejection: { code: 'forbidden_role' } });
  });
});
