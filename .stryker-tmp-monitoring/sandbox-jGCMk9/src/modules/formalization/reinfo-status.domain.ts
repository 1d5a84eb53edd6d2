/**
 * The expediente follows the REINFO status of its inscription. The formalization
 * process runs only for inscriptions in the REINFO (DL 1293 art. 4, as extended by
 * DL 1451 and Law 31388): when the registry suspends or excludes an inscription, its
 * expediente is suspended or excluded with it, and reinstated when the registry
 * reinstates it. The moves are those the workflow allows (ALLOWED_ACTIONS.inscription):
 * from excluded to suspended is a reinstatement followed by a suspension; a formalized
 * or unopened expediente takes none.
 */
// @ts-nocheck

import type { InscriptionStatus as ReinfoStatus } from '../../kernel/registry.types.ts';
import type { InscriptionActionType } from './formalization.schema.ts';
import type { ExpedienteState, InscriptionStatus } from './formalization-state.schema.ts';

/** The expediente's inscription status for each REINFO status. */
const FOLLOWED_STATUS = {
  vigente: 'active',
  suspendido: 'suspended',
  excluido: 'excluded',
} as const satisfies Record<ReinfoStatus, InscriptionStatus>;

type FollowAction = Exclude<InscriptionActionType, 'open'>;

const MOVES = {
  active: { active: [], suspended: ['suspend'], excluded: ['exclude'] },
  suspended: { active: ['reinstate'], suspended: [], excluded: ['exclude'] },
  excluded: { active: ['reinstate'], suspended: ['reinstate', 'suspend'], excluded: [] },
} as const satisfies Record<InscriptionStatus, Record<InscriptionStatus, readonly FollowAction[]>>;

/**
 * The inscription actions that bring an expediente to the REINFO status `target`, in
 * order; none when it is already there, not opened, or formalized (a formalized miner's
 * file is closed: the REINFO status no longer moves it).
 */
export function followActions(state: Pick<ExpedienteState, 'stage' | 'inscriptionStatus'>, target: ReinfoStatus): readonly FollowAction[] {
  if (state.stage === 'not_opened' || state.stage === 'formalized') return [];
  return MOVES[state.inscriptionStatus][FOLLOWED_STATUS[target]];
}
