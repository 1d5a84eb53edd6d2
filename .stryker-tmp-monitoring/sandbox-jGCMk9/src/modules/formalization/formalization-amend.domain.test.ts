// @ts-nocheck
import { describe, expect, it } from 'vitest';
import type { Action, ActionContent, Actor } from './formalization.schema.ts';
import { actionSchema } from './formalization.schema.ts';
import { applyAction, reduce } from './formalization.domain.ts';
import { MINER, OFFICIAL, buildDocument, expedienteDriver, sha } from './formalization.factories.ts';

type Driver = ReturnType<typeof expedienteDriver>;

function amendment(d: Driver, target: Action, replacement: ActionContent, actor: Actor): Action {
  return {
    ...d.envelope('amend', actor),
    documents: [],
    type: 'amend',
    payload: { amendsActionId: target.id, reason: 'Error de digitación', replacement },
  };
}

function contentOf(action: Action): ActionContent {
  const { id: _id, expedienteId: _e, at: _at, actor: _actor, ...content } = action;
  if (content.type === 'amend') throw new Error('Not amendable');
  return content;
}

function started(): { d: Driver; filed: Action } {
  const d = expedienteDriver();
  d.step('open');
  const filed = d.step('file', 'mining_right_access');
  return { d, filed };
}

describe('amendments (corrections as new actions)', () => {
  it('corrects filing details in the derived state and leaves the original in the log', () => {
    const { d, filed } = started();
    const original = contentOf(filed);
    if (original.type !== 'file' || !original.payload.access) throw new Error('fixture');
    const fixed: ActionContent = {
      ...original,
      documents: [buildDocument(8, 'contrato-corregido.pdf')],
      payload: {
        access: {
          ...original.payload.access,
          counterparty: { name: 'Minera Titular S.A.C.', documentNumber: '20123456789' },
          documentSha256: sha(8),
        },
      },
    };
    const amend = d.apply(amendment(d, filed, fixed, MINER));
    expect(actionSchema.safeParse(amend).success).toBe(true);
    const state = d.state;
    expect(state.requirements.mining_right_access.access?.value.counterparty?.name).toBe('Minera Titular S.A.C.');
    expect(state.requirements.mining_right_access.status).toBe('filed');
    expect(state.documents.map((doc) => doc.sha256)).toEqual([sha(8)]);
    expect(state.timeline.find((e) => e.actionId === filed.id)?.amendedBy).toEqual([amend.id]);
    const beforeAmendment = reduce(d.actions.slice(0, 2));
    expect(beforeAmendment.requirements.mining_right_access.access?.value.counterparty?.name).toBe('Minera Titular SAC');
    expect(reduce(d.actions)).toEqual(state);
  });

  it('recomputes the due date when an observation deadline is amended', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    const observe = d.step('observe', 'igafom');
    const content = contentOf(observe);
    if (content.type !== 'observe') throw new Error('fixture');
    const before = d.state.openObservations[0]?.dueOn ?? '';
    d.apply(amendment(d, observe, { ...content, payload: { ...content.payload, deadlineBusinessDays: 15 } }, OFFICIAL));
    const after = d.state.openObservations[0]?.dueOn ?? '';
    expect(after > before).toBe(true);
    expect(d.state.openObservations[0]?.deadlineBusinessDays).toBe(15);
  });

  it('corrects the reason and date of a suspension', () => {
    const d = expedienteDriver();
    d.step('open');
    const suspend = d.step('suspend');
    const content = contentOf(suspend);
    if (content.type !== 'suspend') throw new Error('fixture');
    const payload = {
      reasonCode: 'production_not_declared',
      reason: 'Sin declaración 2024-S2',
      effectiveOn: '2024-03-01',
    } as const;
    d.apply(amendment(d, suspend, { ...content, payload }, OFFICIAL));
    expect(d.state.inscriptionEvents[0]).toMatchObject(payload);
    expect(d.state.inscriptionStatus).toBe('suspended');
  });

  it('refuses amendments by another role, of amendments, of unknown actions or changing the type', () => {
    const { d, filed } = started();
    const content = contentOf(filed);
    const refused = (action: Action): string | undefined => {
      const result = applyAction(d.state, action);
      return result.ok ? undefined : result.rejection.code;
    };
    expect(refused(amendment(d, filed, content, OFFICIAL))).toBe('forbidden_role');
    expect(refused(amendment(d, { ...filed, id: 'missing' }, content, MINER))).toBe('invalid_amendment');
    const otherRequirement = { ...content, requirement: 'surface_land', payload: {} } as ActionContent;
    expect(refused(amendment(d, filed, otherRequirement, MINER))).toBe('invalid_amendment');
    const amend = d.apply(amendment(d, filed, content, MINER));
    expect(refused(amendment(d, amend, content, MINER))).toBe('invalid_amendment');
  });

  it('refuses re-pointing a correction to another observation', () => {
    const d = expedienteDriver();
    d.step('open');
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    d.step('observe', 'igafom');
    const correct = d.step('correct', 'igafom');
    const content = contentOf(correct);
    if (content.type !== 'correct') throw new Error('fixture');
    const repointed: ActionContent = { ...content, payload: { observationActionId: 'another' } };
    const result = applyAction(d.state, amendment(d, correct, repointed, MINER));
    expect(result).toMatchObject({ ok: false, rejection: { code: 'invalid_amendment' } });
  });
});
