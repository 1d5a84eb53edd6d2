/**
 * The formalization expediente as a pure state machine (OpenCRVS pattern): the
 * service stores actions append-only, derives the state with `reduce`, and asks
 * `applyAction` whether a new action is accepted before inserting it.
 * No SQL, no HTTP, no clock: every time comes from the actions themselves.
 */
import type { CalendarOptions } from '../../kernel/business-days.ts';
import type { Action, ActionOf, ActorRole } from './formalization.schema.ts';
import type { ExpedienteState, OpenObservation } from './formalization-state.schema.ts';
import { ACTION_ROLES, canAmend, checkAllowed, mayTake, type ActionRejection } from './formalization-rules.domain.ts';
import { amend, initialState, openObservation, transition } from './formalization-transitions.domain.ts';

export {
  ACTION_ROLES,
  ALLOWED_ACTIONS,
  PREREQUISITES,
  REJECTION_CODES,
  allowedActions,
  canAmend,
  checkAllowed,
  deriveStage,
  missingPrerequisites,
  type ActionRejection,
  type AllowedAction,
  type RejectionCode,
  type WorkflowActionType,
} from './formalization-rules.domain.ts';
export { initialState, openObservation } from './formalization-transitions.domain.ts';

export type ApplyResult = { readonly ok: true; readonly state: ExpedienteState } | { readonly ok: false; readonly rejection: ActionRejection };

type ReduceOptions = {
  /** Extra non-working days for observation due dates (public-sector días no laborables). */
  readonly calendar?: CalendarOptions;
};

function refuse(code: ActionRejection['code'], message: string): ApplyResult {
  return { ok: false, rejection: { code, message } };
}

function applyAmend(state: ExpedienteState, action: ActionOf<'amend'>, calendar: CalendarOptions): ApplyResult {
  const targetId = action.payload.amendsActionId;
  const original = state.timeline.find((e) => e.actionId === targetId);
  if (!original) return refuse('invalid_amendment', `No action ${targetId} in this expediente`);
  if (original.type === 'amend') return refuse('invalid_amendment', 'Amend the original action, not an amendment');
  if (!canAmend(action.actor.role, original.actor.role)) {
    return refuse('forbidden_role', `A ${action.actor.role} cannot amend an action taken by a ${original.actor.role}`);
  }
  const next = structuredClone(state);
  const target = next.timeline.find((e) => e.actionId === targetId);
  if (!target) return refuse('invalid_amendment', `No action ${targetId} in this expediente`);
  const rejection = amend(next, action, target, calendar);
  return rejection ? { ok: false, rejection } : { ok: true, state: next };
}

/**
 * Applies one action to a state, or says why it is refused: duplicate id, another
 * expediente, earlier than the last action, a role that may not take it (see
 * ACTION_ROLES and REGISTRY_FOLLOW_ACTIONS), not allowed in the current status (ALLOWED_ACTIONS, PREREQUISITES),
 * a correction that does not answer the open observation, or an invalid amendment.
 * Never mutates `state`.
 */
export function applyAction(state: ExpedienteState, action: Action, options: ReduceOptions = {}): ApplyResult {
  const calendar = options.calendar ?? {};
  if (state.timeline.some((e) => e.actionId === action.id)) {
    return refuse('duplicate_action', `Action ${action.id} is already recorded`);
  }
  if (state.expedienteId !== undefined && action.expedienteId !== state.expedienteId) {
    return refuse('wrong_expediente', `Action ${action.id} belongs to expediente ${action.expedienteId}`);
  }
  if (state.lastActionAt !== undefined && Date.parse(action.at) < Date.parse(state.lastActionAt)) {
    const last = state.lastActionAt;
    return refuse('out_of_order', `Action ${action.id} at ${action.at} precedes the last action (${last})`);
  }
  const roles: readonly ActorRole[] = ACTION_ROLES[action.type];
  if (!mayTake(action.actor.role, action.type)) {
    return refuse('forbidden_role', `A ${action.actor.role} cannot ${action.type}; allowed: ${roles.join(', ')}`);
  }
  if (action.type === 'amend') return applyAmend(state, action, calendar);

  const requirement = 'requirement' in action ? action.requirement : undefined;
  const rejection = checkAllowed(state, action.type, requirement);
  if (rejection) return { ok: false, rejection };
  if (action.type === 'correct') {
    const open = openObservation(state.requirements[action.requirement]);
    if (open?.actionId !== action.payload.observationActionId) {
      return refuse('observation_mismatch', `The correction must answer the open observation ${open?.actionId ?? '(none)'} of ${action.requirement}`);
    }
  }
  const next = structuredClone(state);
  transition(next, action, calendar);
  return { ok: true, state: next };
}

/** Replays actions in stored order; stops at the first refused one. */
export function replay(
  actions: readonly Action[],
  options: ReduceOptions = {},
): { state: ExpedienteState; refused?: { index: number; actionId: string; rejection: ActionRejection } } {
  let state = initialState();
  for (const [index, action] of actions.entries()) {
    const result = applyAction(state, action, options);
    if (!result.ok) return { state, refused: { index, actionId: action.id, rejection: result.rejection } };
    state = result.state;
  }
  return { state };
}

/** Raised by `reduce` when stored history contains an action the workflow refuses. */
export class InvalidHistoryError extends Error {
  constructor(
    readonly index: number,
    readonly actionId: string,
    readonly rejection: ActionRejection,
  ) {
    super(`Action #${index} (${actionId}) is not valid: ${rejection.message}`);
    this.name = 'InvalidHistoryError';
  }
}

/**
 * The state of an expediente derived from all its actions in stored order: the
 * one pure reducer. Stored actions were accepted by `applyAction`, so a refusal
 * here means corrupted history and throws `InvalidHistoryError`.
 */
export function reduce(actions: readonly Action[], options: ReduceOptions = {}): ExpedienteState {
  const { state, refused } = replay(actions, options);
  if (refused) throw new InvalidHistoryError(refused.index, refused.actionId, refused.rejection);
  return state;
}

/**
 * Whether the IGAFOM counts as filed for the permanence check: filed and not
 * rejected (a rejected IGAFOM must be filed again).
 */
export function isIgafomFiled(state: ExpedienteState): boolean {
  const status = state.requirements.igafom.status;
  return status !== 'not_started' && status !== 'rejected';
}

/**
 * Open observations whose correction deadline has passed on `onDate` (a Peruvian
 * date): the official may reject them (TUO Law 27444: an uncorrected observation
 * lets the authority declare the application not admitted / abandoned).
 */
export function overdueObservations(state: ExpedienteState, onDate: string): OpenObservation[] {
  return state.openObservations.filter((o) => o.dueOn < onDate);
}
