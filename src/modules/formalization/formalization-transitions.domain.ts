/**
 * How each accepted action changes the derived state. These functions mutate a
 * private copy made by `applyAction`; they assume the action was already
 * checked against the workflow tables.
 */
import { addBusinessDays, type CalendarOptions } from '../../kernel/business-days.ts';
import { toPeruDate } from '../../kernel/peru-date.ts';
import {
  REQUIREMENT_CODES,
  type Access,
  type Action,
  type ActionContent,
  type ActionOf,
  type DocumentRef,
  type RequirementCode,
} from './formalization.schema.ts';
import type { ExpedienteState, Observation, RequirementState, RequirementStatus, TimelineEntry } from './formalization-state.schema.ts';
import { PREREQUISITES, deriveStage, type ActionRejection } from './formalization-rules.domain.ts';

export type WorkflowAction = Exclude<Action, { type: 'amend' }>;

function emptyRequirement(code: RequirementCode): RequirementState {
  return { code, status: 'not_started', attempt: 0, transitions: [], observations: [] };
}

/** The state of an expediente with no actions. */
export function initialState(): ExpedienteState {
  return {
    stage: 'not_opened',
    inscriptionStatus: 'active',
    requirements: {
      igafom: emptyRequirement('igafom'),
      mining_right_access: emptyRequirement('mining_right_access'),
      surface_land: emptyRequirement('surface_land'),
      technical_file: emptyRequirement('technical_file'),
      start_authorization: emptyRequirement('start_authorization'),
    },
    openObservations: [],
    inscriptionEvents: [],
    documents: [],
    timeline: [],
  };
}

/** The observation awaiting correction on a requirement, if it is observed. */
export function openObservation(requirement: RequirementState): Observation | undefined {
  return requirement.status === 'observed' ? requirement.observations.at(-1) : undefined;
}

function enter(requirement: RequirementState, status: RequirementStatus, action: Action): void {
  requirement.status = status;
  requirement.since = action.at;
  requirement.transitions.push({ status, at: action.at, actionId: action.id, actorUserId: action.actor.userId });
}

function dueOn(observedAt: string, businessDays: number, calendar: CalendarOptions): string {
  return addBusinessDays(toPeruDate(observedAt), businessDays, calendar);
}

function isLate(observation: Observation): boolean | undefined {
  return observation.correctedAt === undefined ? undefined : toPeruDate(observation.correctedAt) > observation.dueOn;
}

function attachDocuments(state: ExpedienteState, actionId: string, requirement: RequirementCode | undefined, documents: readonly DocumentRef[]): void {
  for (const d of documents) state.documents.push({ ...d, actionId, ...(requirement ? { requirement } : {}) });
}

type FilingDetails = { access?: Access; technicalFileKind?: 'exploitation' | 'processing' };

function setFilingDetails(requirement: RequirementState, actionId: string, details: FilingDetails): void {
  if (details.access) requirement.access = { value: details.access, sourceActionId: actionId };
  if (details.technicalFileKind) {
    requirement.technicalFile = { kind: details.technicalFileKind, sourceActionId: actionId };
  }
}

function markAvailable(state: ExpedienteState, at: string): void {
  for (const code of REQUIREMENT_CODES) {
    const requirement = state.requirements[code];
    const ready = PREREQUISITES[code].every((p) => state.requirements[p].status === 'approved');
    if (ready && requirement.availableSince === undefined) requirement.availableSince = at;
  }
}

/** Recomputes the fields derived from the rest of the state. */
function refresh(state: ExpedienteState): void {
  state.stage = deriveStage(state);
  state.openObservations = REQUIREMENT_CODES.flatMap((code) => {
    const observation = openObservation(state.requirements[code]);
    return observation ? [{ ...observation, requirement: code }] : [];
  });
}

function record(state: ExpedienteState, action: Action, requirement: RequirementCode | undefined): void {
  const entry: TimelineEntry = {
    actionId: action.id,
    type: action.type,
    at: action.at,
    actor: action.actor,
    amendedBy: [],
  };
  state.timeline.push(requirement ? { ...entry, requirement } : entry);
  state.lastActionAt = action.at;
  attachDocuments(state, action.id, requirement, action.documents);
}

/** Applies an allowed workflow action. */
export function transition(state: ExpedienteState, action: WorkflowAction, calendar: CalendarOptions): void {
  const requirementCode = 'requirement' in action ? action.requirement : undefined;
  record(state, action, requirementCode);
  switch (action.type) {
    case 'open':
      state.expedienteId = action.expedienteId;
      state.inscriptionId = action.payload.inscriptionId;
      state.inscribedOn = action.payload.inscribedOn;
      state.openedAt = action.at;
      markAvailable(state, action.at);
      break;
    case 'file': {
      const r = state.requirements[action.requirement];
      r.attempt += 1;
      r.decision = undefined;
      r.reviewerUserId = undefined;
      enter(r, 'filed', action);
      setFilingDetails(r, action.id, action.payload);
      break;
    }
    case 'start_review': {
      const r = state.requirements[action.requirement];
      enter(r, 'under_review', action);
      r.reviewerUserId = action.actor.userId;
      break;
    }
    case 'observe': {
      const r = state.requirements[action.requirement];
      enter(r, 'observed', action);
      const { observations, deadlineBusinessDays } = action.payload;
      r.observations.push({
        actionId: action.id,
        attempt: r.attempt,
        observedAt: action.at,
        observations,
        deadlineBusinessDays,
        dueOn: dueOn(action.at, deadlineBusinessDays, calendar),
      });
      break;
    }
    case 'correct': {
      const r = state.requirements[action.requirement];
      const observation = openObservation(r);
      enter(r, 'corrected', action);
      if (observation) {
        observation.correctedAt = action.at;
        observation.correctionActionId = action.id;
        observation.late = isLate(observation);
      }
      setFilingDetails(r, action.id, action.payload);
      break;
    }
    case 'approve':
    case 'reject': {
      const r = state.requirements[action.requirement];
      enter(r, action.type === 'approve' ? 'approved' : 'rejected', action);
      r.decision = {
        outcome: action.type === 'approve' ? 'approved' : 'rejected',
        at: action.at,
        actionId: action.id,
        actorUserId: action.actor.userId,
        ...(action.payload.resolutionNumber !== undefined ? { resolutionNumber: action.payload.resolutionNumber } : {}),
        ...(action.type === 'reject' ? { reason: action.payload.reason } : {}),
      };
      if (action.type === 'approve') {
        markAvailable(state, action.at);
        if (action.requirement === 'start_authorization') state.formalizedAt = action.at;
      }
      break;
    }
    case 'suspend':
    case 'exclude':
    case 'reinstate':
      state.inscriptionStatus = action.type === 'suspend' ? 'suspended' : action.type === 'exclude' ? 'excluded' : 'active';
      state.inscriptionEvents.push({
        actionId: action.id,
        type: action.type,
        at: action.at,
        effectiveOn: action.payload.effectiveOn,
        ...('reasonCode' in action.payload ? { reasonCode: action.payload.reasonCode } : {}),
        reason: action.payload.reason,
      });
      break;
  }
  refresh(state);
}

/** Whether the filing detail taken from `sourceActionId` is not superseded by an action after `targetId`. */
function currentOrEarlier(state: ExpedienteState, sourceActionId: string | undefined, targetId: string): boolean {
  if (sourceActionId === undefined) return true;
  const index = (id: string): number => state.timeline.findIndex((e) => e.actionId === id);
  return index(sourceActionId) <= index(targetId);
}

function amendFiling(state: ExpedienteState, r: RequirementState, targetId: string, details: FilingDetails): ActionRejection | undefined {
  const drops = (r.access?.sourceActionId === targetId && !details.access) || (r.technicalFile?.sourceActionId === targetId && !details.technicalFileKind);
  if (drops) {
    return { code: 'invalid_amendment', message: 'An amendment cannot drop filing details; file a correction' };
  }
  if (details.access && currentOrEarlier(state, r.access?.sourceActionId, targetId)) {
    r.access = { value: details.access, sourceActionId: targetId };
  }
  if (details.technicalFileKind && currentOrEarlier(state, r.technicalFile?.sourceActionId, targetId)) {
    r.technicalFile = { kind: details.technicalFileKind, sourceActionId: targetId };
  }
  return undefined;
}

/**
 * Applies an amendment: the target's content is replaced in the derived state as
 * if it had been recorded correctly; the original stays in the log. Statuses and
 * timestamps never change. Returns a rejection when the replacement is not valid.
 */
export function amend(state: ExpedienteState, action: ActionOf<'amend'>, target: TimelineEntry, calendar: CalendarOptions): ActionRejection | undefined {
  const replacement: ActionContent = action.payload.replacement;
  const requirement = 'requirement' in replacement ? replacement.requirement : undefined;
  if (replacement.type !== target.type || requirement !== target.requirement) {
    return { code: 'invalid_amendment', message: 'The replacement must keep the type and requirement of the original' };
  }
  const r = requirement ? state.requirements[requirement] : undefined;
  switch (replacement.type) {
    case 'open':
      state.inscriptionId = replacement.payload.inscriptionId;
      state.inscribedOn = replacement.payload.inscribedOn;
      break;
    case 'file':
    case 'correct': {
      if (!r) break;
      if (replacement.type === 'correct') {
        const answered = r.observations.find((o) => o.correctionActionId === target.actionId);
        if (answered?.actionId !== replacement.payload.observationActionId) {
          return { code: 'invalid_amendment', message: 'A correction cannot be re-pointed to another observation' };
        }
      }
      const rejection = amendFiling(state, r, target.actionId, replacement.payload);
      if (rejection) return rejection;
      break;
    }
    case 'observe': {
      const observation = r?.observations.find((o) => o.actionId === target.actionId);
      if (!observation) break;
      observation.observations = replacement.payload.observations;
      observation.deadlineBusinessDays = replacement.payload.deadlineBusinessDays;
      observation.dueOn = dueOn(observation.observedAt, observation.deadlineBusinessDays, calendar);
      const late = isLate(observation);
      if (late !== undefined) observation.late = late;
      break;
    }
    case 'approve':
    case 'reject':
      if (r?.decision?.actionId === target.actionId) {
        r.decision.resolutionNumber = replacement.payload.resolutionNumber;
        if (replacement.type === 'reject') r.decision.reason = replacement.payload.reason;
      }
      break;
    case 'suspend':
    case 'exclude':
    case 'reinstate': {
      const event = state.inscriptionEvents.find((e) => e.actionId === target.actionId);
      if (!event) break;
      event.effectiveOn = replacement.payload.effectiveOn;
      event.reason = replacement.payload.reason;
      if ('reasonCode' in replacement.payload) event.reasonCode = replacement.payload.reasonCode;
      break;
    }
    case 'start_review':
      break;
  }
  state.documents = state.documents.filter((d) => d.actionId !== target.actionId);
  attachDocuments(state, target.actionId, requirement, replacement.documents);
  target.amendedBy.push(action.id);
  record(state, action, undefined);
  refresh(state);
  return undefined;
}
