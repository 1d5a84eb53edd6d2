/** Test factories for formalization actions (used by the tests of this module). */
import { REQUIREMENT_CODES, type Action, type Actor, type ActorRole, type DocumentRef, type RequirementCode } from './formalization.schema.ts';
import type { ExpedienteState } from './formalization-state.schema.ts';
import { ACTION_ROLES, applyAction, initialState, openObservation, type WorkflowActionType } from './formalization.domain.ts';

export const MINER: Actor = { userId: 'miner-1', role: 'miner' };
export const OFFICIAL: Actor = { userId: 'official-1', role: 'regional_official' };
export const SYSTEM: Actor = { userId: 'system', role: 'system' };

export function actorFor(role: ActorRole): Actor {
  if (role === 'miner') return MINER;
  if (role === 'system') return SYSTEM;
  return role === 'regional_official' ? OFFICIAL : { userId: 'national-1', role };
}

/** A fake SHA-256 built from a number. */
export function sha(n: number): string {
  return n.toString(16).padStart(64, '0');
}

export function buildDocument(n: number, name = `documento-${n}.pdf`): DocumentRef {
  return { name, sha256: sha(n), size: 1000 + n };
}

type Envelope = { id: string; expedienteId: string; at: string; actor: Actor };

/** A valid action of the given type for `state` (a correction answers the open observation). */
export function buildAction(state: ExpedienteState, type: WorkflowActionType, requirement: RequirementCode | undefined, envelope: Envelope): Action {
  const base = { ...envelope, documents: [] as DocumentRef[] };
  const req = requirement ?? 'igafom';
  const effectiveOn = envelope.at.slice(0, 10);
  switch (type) {
    case 'open':
      return { ...base, type, payload: { inscriptionId: 'insc-1', inscribedOn: '2024-01-10' } };
    case 'file':
      if (req === 'mining_right_access') {
        return {
          ...base,
          type,
          requirement: req,
          documents: [buildDocument(7, 'contrato.pdf')],
          payload: {
            access: {
              mode: 'exploitation_contract',
              concessionCode: '010203404',
              counterparty: { name: 'Minera Titular SAC', documentNumber: '20123456789' },
              signedOn: '2024-01-05',
              startsOn: '2024-01-05',
              endsOn: '2029-01-04',
              documentSha256: sha(7),
            },
          },
        };
      }
      return {
        ...base,
        type,
        requirement: req,
        documents: [buildDocument(1)],
        payload: req === 'technical_file' ? { technicalFileKind: 'exploitation' } : {},
      };
    case 'start_review':
      return { ...base, type, requirement: req, payload: {} };
    case 'observe':
      return {
        ...base,
        type,
        requirement: req,
        payload: { observations: ['Falta el plano de ubicación'], deadlineBusinessDays: 10 },
      };
    case 'correct': {
      const open = openObservation(state.requirements[req]);
      return {
        ...base,
        type,
        requirement: req,
        documents: [buildDocument(2, 'subsanacion.pdf')],
        payload: { observationActionId: open?.actionId ?? 'none' },
      };
    }
    case 'approve':
      return { ...base, type, requirement: req, payload: { resolutionNumber: 'RD-0001-2024' } };
    case 'reject':
      return { ...base, type, requirement: req, payload: { reason: 'No cumple los requisitos' } };
    case 'suspend':
      return { ...base, type, payload: { reasonCode: 'ruc_inactive', reason: 'RUC dado de baja', effectiveOn } };
    case 'exclude':
      return { ...base, type, payload: { reasonCode: 'prohibited_area', reason: 'Zona de exclusión', effectiveOn } };
    case 'reinstate':
      return { ...base, type, payload: { reason: 'Apelación fundada', effectiveOn } };
  }
}

/**
 * Drives an expediente step by step, one day apart by default, each action taken
 * by the first role allowed to take it; throws if the workflow refuses a step.
 */
export function expedienteDriver(expedienteId = 'exp-1', start = '2024-03-01T15:00:00.000Z') {
  const actions: Action[] = [];
  let state = initialState();
  let clock = Date.parse(start);
  let counter = 0;
  const envelope = (type: WorkflowActionType | 'amend', actor?: Actor, afterHours = 24): Envelope => {
    counter += 1;
    clock += afterHours * 3_600_000;
    const role = ACTION_ROLES[type][0] ?? 'regional_official';
    const at = new Date(clock).toISOString();
    return { id: `${expedienteId}-a${counter}`, expedienteId, at, actor: actor ?? actorFor(role) };
  };
  const apply = (action: Action): Action => {
    const result = applyAction(state, action);
    if (!result.ok) throw new Error(`${action.type} refused: ${result.rejection.message}`);
    actions.push(action);
    state = result.state;
    return action;
  };
  return {
    actions,
    envelope,
    get state(): ExpedienteState {
      return state;
    },
    /** Builds, applies and records a valid action of `type`. */
    step(type: WorkflowActionType, requirement?: RequirementCode, afterHours = 24): Action {
      return apply(buildAction(state, type, requirement, envelope(type, undefined, afterHours)));
    },
    /** Applies and records a hand-made action. */
    apply,
    /** File, review and approve a requirement. */
    approve(requirement: RequirementCode): void {
      this.step('file', requirement);
      this.step('start_review', requirement);
      this.step('approve', requirement);
    },
  };
}

/** A driver whose expediente went all the way to formalized. */
export function formalizedDriver(expedienteId = 'exp-1') {
  const driver = expedienteDriver(expedienteId);
  driver.step('open');
  for (const requirement of REQUIREMENT_CODES) driver.approve(requirement);
  return driver;
}
