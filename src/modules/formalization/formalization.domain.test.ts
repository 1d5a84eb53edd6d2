import { describe, expect, it } from 'vitest';
import { addDays } from '../../kernel/peru-date.ts';
import { actionSchema, type Action } from './formalization.schema.ts';
import { expedienteStateSchema } from './formalization-state.schema.ts';
import { InvalidHistoryError, allowedActions, applyAction, initialState, isIgafomFiled, overdueObservations, reduce, replay } from './formalization.domain.ts';
import { OFFICIAL, MINER, buildAction, expedienteDriver, formalizedDriver } from './formalization.factories.ts';

const PARALLEL = ['igafom', 'mining_right_access', 'surface_land'] as const;

function refusal(driver: ReturnType<typeof expedienteDriver>, action: Action): string | undefined {
  const result = applyAction(driver.state, action);
  return result.ok ? undefined : result.rejection.code;
}

describe('expediente lifecycle', () => {
  it('starts unopened, with open as the only action', () => {
    const state = reduce([]);
    expect(state.stage).toBe('not_opened');
    expect(allowedActions(state)).toEqual([{ type: 'open', roles: ['regional_official', 'system'] }]);
  });

  it('goes from in_progress through technical_file and start_authorization to formalized', () => {
    const d = expedienteDriver();
    d.step('open');
    expect(d.state.stage).toBe('in_progress');
    const fileable = allowedActions(d.state)
      .filter((a) => a.type === 'file')
      .map((a) => a.requirement);
    expect(fileable).toEqual([...PARALLEL]);
    for (const r of PARALLEL) d.approve(r);
    expect(d.state.stage).toBe('technical_file');
    d.approve('technical_file');
    expect(d.state.stage).toBe('start_authorization');
    d.approve('start_authorization');
    expect(d.state.stage).toBe('formalized');
    expect(d.state.formalizedAt).toBe(d.actions.at(-1)?.at);
    expect(allowedActions(d.state)).toEqual([]);
    expect(expedienteStateSchema.safeParse(d.state).success).toBe(true);
    for (const action of d.actions) expect(actionSchema.safeParse(action).success).toBe(true);
  });

  it('refuses the technical file before IGAFOM, access and surface land are approved', () => {
    const d = expedienteDriver();
    d.step('open');
    d.approve('igafom');
    const result = applyAction(d.state, buildAction(d.state, 'file', 'technical_file', d.envelope('file')));
    expect(result).toMatchObject({ ok: false, rejection: { code: 'prerequisites_not_met' } });
    expect(result.ok ? '' : result.rejection.message).toContain('mining_right_access, surface_land are approved');
  });

  it('refuses actions by the wrong role', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    expect(refusal(d, buildAction(d.state, 'approve', 'igafom', d.envelope('approve', MINER)))).toBe('forbidden_role');
    expect(refusal(d, buildAction(d.state, 'file', 'surface_land', d.envelope('file', OFFICIAL)))).toBe('forbidden_role');
  });

  it('refuses duplicates, actions of another expediente and backdated actions', () => {
    const d = expedienteDriver();
    const open = d.step('open');
    d.step('file', 'igafom');
    expect(refusal(d, { ...open })).toBe('duplicate_action');
    const review = buildAction(d.state, 'start_review', 'igafom', d.envelope('start_review'));
    expect(refusal(d, { ...review, expedienteId: 'exp-2' })).toBe('wrong_expediente');
    expect(refusal(d, { ...review, at: '2024-01-01T00:00:00.000Z' })).toBe('out_of_order');
    expect(refusal(d, review)).toBeUndefined();
  });

  it('records who acted and the documents with their SHA-256', () => {
    const d = expedienteDriver();
    d.step('open');
    const filed = d.step('file', 'mining_right_access');
    expect(d.state.documents).toEqual([{ ...filed.documents[0], actionId: filed.id, requirement: 'mining_right_access' }]);
    expect(d.state.timeline.at(-1)).toMatchObject({ actionId: filed.id, actor: MINER, type: 'file' });
    expect(d.state.requirements.mining_right_access.access?.value.mode).toBe('exploitation_contract');
  });
});

describe('observations', () => {
  it('computes the correction due date in business days, skipping Holy Week', () => {
    const d = expedienteDriver('exp-1', '2024-03-23T15:00:00.000Z');
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    // Observed on Tuesday 2024-03-26 (Peru).
    const observe = buildAction(d.state, 'observe', 'igafom', d.envelope('observe', undefined, 0));
    d.apply({ ...observe, payload: { observations: ['Falta el plano'], deadlineBusinessDays: 3 } } as Action);
    // 27 Mar counts; 28–29 Mar are Holy Thursday and Good Friday; 1 and 2 Apr count.
    expect(d.state.openObservations).toMatchObject([{ requirement: 'igafom', dueOn: '2024-04-02', attempt: 1 }]);
    expect(overdueObservations(d.state, '2024-04-02')).toEqual([]);
    expect(overdueObservations(d.state, '2024-04-03').map((o) => o.actionId)).toEqual([observe.id]);
    expect(d.state.stage).toBe('in_progress');
  });

  it('requires the correction to answer the open observation and flags late corrections', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'surface_land');
    d.step('start_review', 'surface_land');
    const observe = d.step('observe', 'surface_land');
    const wrong = buildAction(d.state, 'correct', 'surface_land', d.envelope('correct'));
    const mismatch = { ...wrong, payload: { observationActionId: 'other' } } as Action;
    expect(refusal(d, mismatch)).toBe('observation_mismatch');
    d.step('correct', 'surface_land', 24 * 30);
    const observation = d.state.requirements.surface_land.observations[0];
    expect(observation).toMatchObject({ actionId: observe.id, late: true });
    expect(d.state.openObservations).toEqual([]);
    d.step('start_review', 'surface_land');
    d.step('approve', 'surface_land');
    expect(d.state.requirements.surface_land.status).toBe('approved');
  });

  it('lets a rejected requirement be filed again as a new attempt', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    d.step('observe', 'igafom');
    d.step('reject', 'igafom');
    expect(d.state.requirements.igafom.decision).toMatchObject({ outcome: 'rejected', reason: 'No cumple los requisitos' });
    expect(isIgafomFiled(d.state)).toBe(false);
    d.step('file', 'igafom');
    expect(d.state.requirements.igafom).toMatchObject({ status: 'filed', attempt: 2 });
    expect(d.state.requirements.igafom.decision).toBeUndefined();
    expect(isIgafomFiled(d.state)).toBe(true);
  });
});

describe('suspension, exclusion and reinstatement', () => {
  it('keeps filing and review open while suspended but withholds decisions', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('suspend');
    expect(d.state.stage).toBe('suspended');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    expect(refusal(d, buildAction(d.state, 'approve', 'igafom', d.envelope('approve')))).toBe('inscription_suspended');
    expect(allowedActions(d.state).map((a) => `${a.type}${a.requirement ? `:${a.requirement}` : ''}`)).toEqual([
      'exclude',
      'reinstate',
      'observe:igafom',
      'file:mining_right_access',
      'file:surface_land',
    ]);
    d.step('reinstate');
    d.step('approve', 'igafom');
    expect(d.state.inscriptionEvents.map((e) => e.type)).toEqual(['suspend', 'reinstate']);
    expect(d.state.inscriptionEvents[0]).toMatchObject({ reasonCode: 'ruc_inactive', reason: 'RUC dado de baja' });
  });

  it('freezes an excluded file until reinstatement, which resumes where it was', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    d.step('exclude');
    expect(d.state.stage).toBe('excluded');
    expect(allowedActions(d.state)).toEqual([{ type: 'reinstate', roles: ['regional_official'] }]);
    expect(refusal(d, buildAction(d.state, 'start_review', 'igafom', d.envelope('start_review')))).toBe('inscription_excluded');
    d.step('reinstate');
    expect(d.state).toMatchObject({ stage: 'in_progress', inscriptionStatus: 'active' });
    expect(d.state.requirements.igafom.status).toBe('filed');
  });

  it('closes a formalized file to every workflow action', () => {
    const d = formalizedDriver();
    expect(refusal(d, buildAction(d.state, 'suspend', undefined, d.envelope('suspend')))).toBe('expediente_closed');
  });
});

describe('reduce and replay', () => {
  it('throws on corrupted history and replay says where', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    const corrupted = [d.actions[1], d.actions[0]].filter((a): a is Action => a !== undefined);
    expect(() => reduce(corrupted)).toThrow(InvalidHistoryError);
    expect(replay(corrupted).refused).toMatchObject({ index: 0, rejection: { code: 'not_opened' } });
  });

  it('never mutates the state it is given', () => {
    const d = expedienteDriver();
    d.step('open');
    const before = structuredClone(d.state);
    const frozen = deepFreeze(structuredClone(d.state));
    const result = applyAction(frozen, buildAction(frozen, 'file', 'igafom', d.envelope('file')));
    expect(result.ok).toBe(true);
    expect(frozen).toEqual(before);
  });

  it('gives the same state as applying actions one by one from the initial state', () => {
    const d = formalizedDriver();
    let state = initialState();
    for (const action of d.actions) {
      const result = applyAction(state, action);
      if (!result.ok) throw new Error(result.rejection.message);
      state = result.state;
    }
    expect(reduce(d.actions)).toEqual(state);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('applyAction refuses, with a stable code, each kind of bad action', () => {
  const refusal = (state: Parameters<typeof applyAction>[0], action: Action) => {
    const r = applyAction(state, action);
    return r.ok ? undefined : r.rejection;
  };
  it('the same action twice, an action of another expediente, an action dated before the last one', () => {
    const d = expedienteDriver();
    const open = d.step('open');
    expect(refusal(d.state, open)).toEqual({ code: 'duplicate_action', message: `Action ${open.id} is already recorded` });
    const other = { ...buildAction(d.state, 'file', 'igafom', d.envelope('file')), expedienteId: 'exp-2' };
    expect(refusal(d.state, other)).toEqual({ code: 'wrong_expediente', message: `Action ${other.id} belongs to expediente exp-2` });
    const early = buildAction(d.state, 'file', 'igafom', d.envelope('file', undefined, -48));
    expect(refusal(d.state, early)).toEqual({
      code: 'out_of_order',
      message: `Action ${early.id} at ${early.at} precedes the last action (${d.state.lastActionAt})`,
    });
    const sameInstant = buildAction(d.state, 'file', 'igafom', { ...d.envelope('file'), at: d.state.lastActionAt! });
    expect(applyAction(d.state, sameInstant).ok).toBe(true);
  });
  it('a role that may not act is told who may', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    const byMiner = buildAction(d.state, 'approve', 'igafom', d.envelope('approve', MINER));
    expect(refusal(d.state, byMiner)).toEqual({ code: 'forbidden_role', message: 'A miner cannot approve; allowed: regional_official' });
  });
  it('a correction must answer the open observation of its requirement', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    const observe = d.step('observe', 'igafom');
    const valid = buildAction(d.state, 'correct', 'igafom', d.envelope('correct'));
    const wrong = { ...valid, payload: { observationActionId: 'not-it' } } as Action;
    expect(refusal(d.state, wrong)).toEqual({
      code: 'observation_mismatch',
      message: `The correction must answer the open observation ${observe.id} of igafom`,
    });
    expect(applyAction(d.state, valid).ok).toBe(true);
  });
  it('an amendment must point at an original action of this expediente, amended by its role', () => {
    const d = expedienteDriver();
    const open = d.step('open');
    const amendment = (amendsActionId: string, actor = OFFICIAL): Action =>
      ({
        ...d.envelope('amend', actor),
        documents: [],
        type: 'amend',
        payload: {
          amendsActionId,
          reason: 'Error de digitación',
          replacement: { type: 'open', documents: [], payload: { inscriptionId: 'insc-1', inscribedOn: '2024-01-11' } },
        },
      }) as Action;
    expect(refusal(d.state, amendment('ghost'))).toEqual({ code: 'invalid_amendment', message: 'No action ghost in this expediente' });
    expect(refusal(d.state, amendment(open.id, MINER))).toEqual({
      code: 'forbidden_role',
      message: `A miner cannot amend an action taken by a ${open.actor.role}`,
    });
    const first = amendment(open.id);
    const amended = applyAction(d.state, first);
    expect(amended.ok).toBe(true);
    if (!amended.ok) return;
    expect(amended.state.inscribedOn).toBe('2024-01-11');
    expect(d.state.inscribedOn).toBe('2024-01-10'); // the original state is not mutated
    expect(refusal(amended.state, amendment(first.id))).toEqual({ code: 'invalid_amendment', message: 'Amend the original action, not an amendment' });
  });
  it('reduce names the refused action of a corrupted history', () => {
    const d = expedienteDriver();
    const open = d.step('open');
    const err = (() => {
      try {
        reduce([open, open]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidHistoryError);
    expect(err).toMatchObject({
      name: 'InvalidHistoryError',
      index: 1,
      actionId: open.id,
      message: `Action #1 (${open.id}) is not valid: Action ${open.id} is already recorded`,
    });
    expect(replay([open])).toEqual({ state: d.state });
  });
  it('overdue observations: due on a date means overdue from the next day', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    d.step('observe', 'igafom');
    const due = d.state.openObservations[0]!.dueOn;
    expect(overdueObservations(d.state, due)).toEqual([]);
    expect(overdueObservations(d.state, addDays(due, 1))).toHaveLength(1);
    expect(overdueObservations(initialState(), '2099-01-01')).toEqual([]);
  });
});
