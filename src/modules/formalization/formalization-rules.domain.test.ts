import { describe, expect, it } from 'vitest';
import { allowedActions, canAmend, checkAllowed, deriveStage, mayTake, missingPrerequisites } from './formalization-rules.domain.ts';
import { initialState } from './formalization.domain.ts';
import { expedienteDriver, formalizedDriver } from './formalization.factories.ts';
import type { ExpedienteState } from './formalization-state.schema.ts';

const opened = () => {
  const d = expedienteDriver();
  d.step('open');
  return d;
};
const withInscription = (state: ExpedienteState, inscriptionStatus: ExpedienteState['inscriptionStatus']): ExpedienteState => ({ ...state, inscriptionStatus });

describe('who may take each action (DL 1293 workflow)', () => {
  it('the miner files and corrects; the official reviews and decides; the system only opens and follows the REINFO', () => {
    expect(mayTake('miner', 'file')).toBe(true);
    expect(mayTake('miner', 'correct')).toBe(true);
    expect(mayTake('miner', 'approve')).toBe(false);
    expect(mayTake('regional_official', 'approve')).toBe(true);
    expect(mayTake('regional_official', 'file')).toBe(false);
    expect(mayTake('system', 'open')).toBe(true);
    for (const type of ['suspend', 'exclude', 'reinstate'] as const) expect(mayTake('system', type)).toBe(true);
    for (const type of ['file', 'approve', 'reject', 'observe', 'start_review', 'correct'] as const) expect(mayTake('system', type)).toBe(false);
    expect(mayTake('miner', 'suspend')).toBe(false);
    expect(mayTake('national_official', 'approve')).toBe(false);
  });
  it('an amendment is made by the role that acted; officials amend what the system did', () => {
    expect(canAmend('miner', 'miner')).toBe(true);
    expect(canAmend('regional_official', 'miner')).toBe(false);
    expect(canAmend('miner', 'regional_official')).toBe(false);
    expect(canAmend('regional_official', 'system')).toBe(true);
    expect(canAmend('miner', 'system')).toBe(false);
    expect(canAmend('system', 'system')).toBe(true);
  });
});

describe('what the workflow allows, with the reason when it does not', () => {
  it('opening: only once; nothing else before it; nothing at all once formalized', () => {
    expect(checkAllowed(initialState(), 'open')).toBeUndefined();
    expect(checkAllowed(initialState(), 'file', 'igafom')).toEqual({ code: 'not_opened', message: 'The expediente must be opened first' });
    const d = opened();
    expect(checkAllowed(d.state, 'open')).toEqual({ code: 'already_opened', message: 'The expediente is already open' });
    const done = formalizedDriver().state;
    expect(checkAllowed(done, 'suspend')).toEqual({ code: 'expediente_closed', message: 'The expediente is formalized; no further actions are allowed' });
    expect(allowedActions(done)).toEqual([]);
  });
  it('inscription actions follow the inscription status, and say which are allowed', () => {
    const state = opened().state;
    expect(checkAllowed(state, 'suspend')).toBeUndefined();
    expect(checkAllowed(state, 'reinstate')).toEqual({
      code: 'not_allowed_in_status',
      message: 'Cannot reinstate: the inscription is active; allowed: suspend, exclude',
    });
    expect(checkAllowed(withInscription(state, 'excluded'), 'exclude')).toEqual({
      code: 'not_allowed_in_status',
      message: 'Cannot exclude: the inscription is excluded; allowed: reinstate',
    });
    expect(checkAllowed(withInscription(state, 'suspended'), 'exclude')).toBeUndefined();
  });
  it('requirement actions need a requirement in a status that allows them', () => {
    const d = opened();
    expect(checkAllowed(d.state, 'file')).toEqual({ code: 'not_allowed_in_status', message: 'The action file needs a requirement' });
    expect(checkAllowed(d.state, 'approve', 'igafom')).toEqual({
      code: 'not_allowed_in_status',
      message: 'Cannot approve igafom: it is not_started; allowed: file',
    });
    d.approve('igafom');
    expect(checkAllowed(d.state, 'file', 'igafom')).toEqual({ code: 'not_allowed_in_status', message: 'Cannot file igafom: it is approved; allowed: none' });
  });
  it('while suspended the miner may file and correct but no decision is issued; an excluded file is frozen', () => {
    const d = opened();
    d.step('file', 'igafom');
    d.step('start_review', 'igafom');
    const suspended = withInscription(d.state, 'suspended');
    expect(checkAllowed(suspended, 'observe', 'igafom')).toBeUndefined();
    expect(checkAllowed(suspended, 'approve', 'igafom')).toEqual({
      code: 'inscription_suspended',
      message: 'Cannot approve igafom while the inscription is suspended',
    });
    expect(checkAllowed(suspended, 'file', 'surface_land')).toBeUndefined();
    const excluded = withInscription(d.state, 'excluded');
    expect(checkAllowed(excluded, 'observe', 'igafom')).toEqual({
      code: 'inscription_excluded',
      message: 'Cannot observe igafom while the inscription is excluded',
    });
    expect(checkAllowed(excluded, 'file', 'surface_land')?.code).toBe('inscription_excluded');
  });
  it('the technical file waits for all three parallel requirements; the start authorization for the technical file', () => {
    const d = opened();
    expect(missingPrerequisites(d.state, 'igafom')).toEqual([]);
    expect(checkAllowed(d.state, 'file', 'technical_file')).toEqual({
      code: 'prerequisites_not_met',
      message: 'Cannot file technical_file before igafom, mining_right_access, surface_land are approved',
    });
    expect(checkAllowed(d.state, 'file', 'start_authorization')).toEqual({
      code: 'prerequisites_not_met',
      message: 'Cannot file start_authorization before technical_file is approved',
    });
    d.approve('igafom');
    d.approve('surface_land');
    expect(missingPrerequisites(d.state, 'technical_file')).toEqual(['mining_right_access']);
    d.approve('mining_right_access');
    expect(checkAllowed(d.state, 'file', 'technical_file')).toBeUndefined();
  });
  it('offers exactly the allowed actions with the roles that may take them', () => {
    const d = opened();
    expect(allowedActions(initialState())).toEqual([{ type: 'open', roles: ['regional_official', 'system'] }]);
    const offered = allowedActions(d.state).map((a) => `${a.type}${a.requirement ? ` ${a.requirement}` : ''} ${a.roles.join('+')}`);
    expect(offered).toEqual([
      'suspend regional_official',
      'exclude regional_official',
      'file igafom miner',
      'file mining_right_access miner',
      'file surface_land miner',
    ]);
  });
});

describe('the stage of an expediente', () => {
  it('not opened, excluded and suspended come first; then the furthest approved step', () => {
    const d = opened();
    expect(deriveStage(initialState())).toBe('not_opened');
    expect(deriveStage(d.state)).toBe('in_progress');
    expect(deriveStage(withInscription(d.state, 'excluded'))).toBe('excluded');
    expect(deriveStage(withInscription(d.state, 'suspended'))).toBe('suspended');
    d.approve('igafom');
    d.approve('mining_right_access');
    expect(deriveStage(d.state)).toBe('in_progress');
    d.approve('surface_land');
    expect(deriveStage(d.state)).toBe('technical_file');
    d.approve('technical_file');
    expect(deriveStage(d.state)).toBe('start_authorization');
    expect(deriveStage(withInscription(d.state, 'suspended'))).toBe('suspended');
    d.approve('start_authorization');
    expect(deriveStage(d.state)).toBe('formalized');
    expect(deriveStage(withInscription(d.state, 'excluded'))).toBe('excluded');
  });
});
