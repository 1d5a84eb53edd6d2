/**
 * The formalization workflow as data: prerequisites between requirements, the
 * actions allowed in each status, and who may take each action. The reducer and
 * `allowedActions` read only these tables, so a legal change is a table change.
 *
 * Legal basis: DL 1293 and DL 1336 (integral formalization process) and their
 * regulations. IGAFOM, access to the mining right and authorization to use the
 * surface land proceed in parallel; the technical file (exploitation or
 * processing) needs all three approved; the authorization to start or restart
 * activities needs the technical file approved, and its approval formalizes.
 */
import {
  INSCRIPTION_ACTION_TYPES,
  REQUIREMENT_ACTION_TYPES,
  REQUIREMENT_CODES,
  type ActionType,
  type ActorRole,
  type InscriptionActionType,
  type RequirementActionType,
  type RequirementCode,
} from './formalization.schema.ts';
import type { ExpedienteState, InscriptionStatus, RequirementStatus, Stage } from './formalization-state.schema.ts';

/** Requirements that must be approved before a requirement can be filed. */
export const PREREQUISITES = {
  igafom: [],
  mining_right_access: [],
  surface_land: [],
  technical_file: ['igafom', 'mining_right_access', 'surface_land'],
  start_authorization: ['technical_file'],
} as const satisfies Record<RequirementCode, readonly RequirementCode[]>;

/**
 * Allowed actions per status.
 * - `requirement`: per requirement status. A rejected requirement may be filed
 *   again (a new attempt): a rejection ends that procedure, not the miner's right
 *   to apply again while the inscription is active. Approval is final (revoking an
 *   approval is a separate administrative procedure, out of scope). An official may
 *   reject an observed requirement whose correction deadline lapsed.
 * - `inscription`: per inscription status. Exclusion is not terminal: an appeal
 *   (Consejo de Minería) or a law may reinstate; reinstatement returns to active
 *   and requirements continue in the status they had.
 * - `requirementWhile`: which requirement actions each inscription status permits.
 *   While suspended the miner may still file and correct (to cure the cause) and
 *   review continues, but no decision is issued until reinstatement; an excluded
 *   inscription's file is frozen.
 * A formalized expediente takes no further workflow action (only amendments).
 */
export const ALLOWED_ACTIONS = {
  requirement: {
    not_started: ['file'],
    filed: ['start_review'],
    under_review: ['observe', 'approve', 'reject'],
    observed: ['correct', 'reject'],
    corrected: ['start_review'],
    approved: [],
    rejected: ['file'],
  },
  inscription: {
    active: ['suspend', 'exclude'],
    suspended: ['reinstate', 'exclude'],
    excluded: ['reinstate'],
  },
  requirementWhile: {
    active: ['file', 'start_review', 'observe', 'correct', 'approve', 'reject'],
    suspended: ['file', 'start_review', 'observe', 'correct'],
    excluded: [],
  },
} as const satisfies {
  requirement: Record<RequirementStatus, readonly RequirementActionType[]>;
  inscription: Record<InscriptionStatus, readonly InscriptionActionType[]>;
  requirementWhile: Record<InscriptionStatus, readonly RequirementActionType[]>;
};

/**
 * Roles that may take each action: the miner files and corrects; the regional
 * official (DREM/GREM) reviews, observes, decides, suspends, excludes and
 * reinstates; the expediente is opened with the REINFO inscription by an official
 * or the system. An amendment is made by the role that took the amended action
 * (see `canAmend`). National officials consolidate and read. The system also takes
 * the actions of `REGISTRY_FOLLOW_ACTIONS`, never offered to a person.
 */
export const ACTION_ROLES = {
  open: ['regional_official', 'system'],
  file: ['miner'],
  correct: ['miner'],
  start_review: ['regional_official'],
  observe: ['regional_official'],
  approve: ['regional_official'],
  reject: ['regional_official'],
  suspend: ['regional_official'],
  exclude: ['regional_official'],
  reinstate: ['regional_official'],
  amend: ['miner', 'regional_official'],
} as const satisfies Record<ActionType, readonly ActorRole[]>;

/**
 * Actions the system takes when the expediente follows the REINFO status of its
 * inscription (reinfo-status.domain.ts: the process exists only for inscriptions in
 * the REINFO, DL 1293 art. 4). They are not offered to anyone in `allowedActions`:
 * the system takes them when the registry changes, never on request.
 */
export const REGISTRY_FOLLOW_ACTIONS = ['suspend', 'exclude', 'reinstate'] as const satisfies readonly InscriptionActionType[];

/** Whether `role` may take an action of `type`: its ACTION_ROLES, or the system following the registry. */
export function mayTake(role: ActorRole, type: ActionType): boolean {
  const roles: readonly ActorRole[] = ACTION_ROLES[type];
  return roles.includes(role) || (role === 'system' && (REGISTRY_FOLLOW_ACTIONS as readonly ActionType[]).includes(type));
}

/** Whether `role` may amend an action taken by `originalRole`: the same role; officials amend the system's. */
export function canAmend(role: ActorRole, originalRole: ActorRole): boolean {
  return role === originalRole || (originalRole === 'system' && role === 'regional_official');
}

export type WorkflowActionType = Exclude<ActionType, 'amend'>;

export const REJECTION_CODES = [
  'duplicate_action',
  'wrong_expediente',
  'out_of_order',
  'forbidden_role',
  'not_opened',
  'already_opened',
  'expediente_closed',
  'not_allowed_in_status',
  'inscription_suspended',
  'inscription_excluded',
  'prerequisites_not_met',
  'observation_mismatch',
  'invalid_amendment',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** Why an action was refused; the service turns it into a 409 problem (403 for `forbidden_role`). */
export type ActionRejection = { readonly code: RejectionCode; readonly message: string };

/** Requirements still to be approved before `code` can be filed. */
export function missingPrerequisites(state: ExpedienteState, code: RequirementCode): RequirementCode[] {
  return PREREQUISITES[code].filter((p) => state.requirements[p].status !== 'approved');
}

function isRequirementAction(type: WorkflowActionType): type is RequirementActionType {
  return (REQUIREMENT_ACTION_TYPES as readonly string[]).includes(type);
}

/**
 * Whether the workflow allows an action type (on a requirement, for requirement
 * actions) in this state, ignoring role and payload: `undefined` when allowed,
 * otherwise the reason.
 */
export function checkAllowed(state: ExpedienteState, type: WorkflowActionType, requirement?: RequirementCode): ActionRejection | undefined {
  if (type === 'open') {
    return state.stage === 'not_opened' ? undefined : { code: 'already_opened', message: 'The expediente is already open' };
  }
  if (state.stage === 'not_opened') {
    return { code: 'not_opened', message: 'The expediente must be opened first' };
  }
  if (state.stage === 'formalized') {
    return { code: 'expediente_closed', message: 'The expediente is formalized; no further actions are allowed' };
  }
  const inscription = state.inscriptionStatus;
  if (!isRequirementAction(type)) {
    const allowed: readonly InscriptionActionType[] = ALLOWED_ACTIONS.inscription[inscription];
    return allowed.includes(type)
      ? undefined
      : {
          code: 'not_allowed_in_status',
          message: `Cannot ${type}: the inscription is ${inscription}; allowed: ${allowed.join(', ') || 'none'}`,
        };
  }
  if (requirement === undefined) {
    return { code: 'not_allowed_in_status', message: `The action ${type} needs a requirement` };
  }
  const status = state.requirements[requirement].status;
  const byStatus: readonly RequirementActionType[] = ALLOWED_ACTIONS.requirement[status];
  if (!byStatus.includes(type)) {
    return {
      code: 'not_allowed_in_status',
      message: `Cannot ${type} ${requirement}: it is ${status}; allowed: ${byStatus.join(', ') || 'none'}`,
    };
  }
  const whileInscription: readonly RequirementActionType[] = ALLOWED_ACTIONS.requirementWhile[inscription];
  if (!whileInscription.includes(type)) {
    return {
      code: inscription === 'excluded' ? 'inscription_excluded' : 'inscription_suspended',
      message: `Cannot ${type} ${requirement} while the inscription is ${inscription}`,
    };
  }
  if (type === 'file') {
    const missing = missingPrerequisites(state, requirement);
    if (missing.length > 0) {
      return {
        code: 'prerequisites_not_met',
        message: `Cannot file ${requirement} before ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} approved`,
      };
    }
  }
  return undefined;
}

/** An action the workflow allows now, with the roles that may take it. */
export type AllowedAction = {
  readonly type: WorkflowActionType;
  readonly requirement?: RequirementCode;
  readonly roles: readonly ActorRole[];
};

const CANDIDATES: readonly { type: WorkflowActionType; requirement?: RequirementCode }[] = [
  ...INSCRIPTION_ACTION_TYPES.map((type) => ({ type })),
  ...REQUIREMENT_CODES.flatMap((requirement) => REQUIREMENT_ACTION_TYPES.map((type) => ({ type, requirement }))),
];

/**
 * The workflow actions allowed in a state (amendments are always possible on
 * recorded actions and are not listed). Empty only for a formalized expediente.
 */
export function allowedActions(state: ExpedienteState): AllowedAction[] {
  return CANDIDATES.filter((c) => checkAllowed(state, c.type, c.requirement) === undefined).map((c) => ({
    ...c,
    roles: ACTION_ROLES[c.type],
  }));
}

/** Overall stage: exclusion and suspension first, then the furthest approved step. */
export function deriveStage(state: Pick<ExpedienteState, 'openedAt' | 'inscriptionStatus' | 'requirements'>): Stage {
  if (state.openedAt === undefined) return 'not_opened';
  if (state.inscriptionStatus === 'excluded') return 'excluded';
  if (state.inscriptionStatus === 'suspended') return 'suspended';
  const approved = (code: RequirementCode): boolean => state.requirements[code].status === 'approved';
  if (approved('start_authorization')) return 'formalized';
  if (approved('technical_file')) return 'start_authorization';
  if (PREREQUISITES.technical_file.every(approved)) return 'technical_file';
  return 'in_progress';
}
