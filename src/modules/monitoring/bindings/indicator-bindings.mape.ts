import type { Queryable } from '../../../platform/db.ts';
import type { BindingCount, BindingResult, IndicatorBinding } from './binding.contract.ts';
import {
  hasFormalizationTables,
  minerShares,
  populationCount,
  populationShare,
  registerPopulationShares,
  type PopulationCount,
  type PopulationShare,
} from './population.ts';

/**
 * Indicators of the national MAPE policy (PNMPMMA-2030) that the registry and the
 * formalization expedientes measure. All three are shares of one population:
 *
 * P(Y) — small-scale and artisanal miners in formalization on 31 December of year Y:
 * the distinct declarants (RUC) of REINFO inscriptions inscribed on or before Y-12-31
 * whose status on Y-12-31 was `vigente`, per the dated status history (the latest entry
 * with an effective date on or before Y-12-31; an inscription with no entry by then is
 * not counted). A miner with several inscriptions counts once.
 *
 * Each numerator counts the declarants of P(Y) with at least one of those vigente
 * inscriptions meeting the indicator's condition; the drill-down lists, per counted
 * declarant, the qualifying inscription with the lowest id. Approvals count when made
 * before 1 January of Y+1, 00:00 Peru time (UTC−5).
 *
 * The formalization tables (expedientes, expediente_actions: migration 0004) are looked
 * up with to_regclass: without them IOP.03.01 and IOP.01.01 are unavailable (ND) and
 * IOP.03.02 is measured from the registry alone (partial).
 */

const FORMALIZATION_MISSING = 'the formalization module (tables expedientes, expediente_actions; migration 0004) is not installed';

/** Own concession: the right is verified in the registry and held by the declarant. */
const OWN_VERIFIED_CONCESSION = `(pop.mining_right_id, pop.ruc) IN (SELECT r.id, r.holder_ruc FROM mining_rights r WHERE r.verification = 'verified')`;

/**
 * The requirement of the inscription's expediente (`pop.expediente_id`, population.ts) was
 * approved by the cut-off: one hashed set of expedientes (index-only scan of
 * expediente_actions_approved_by_requirement, migration 0028).
 */
const approved = (requirement: 'igafom' | 'mining_right_access' | 'surface_land'): string => `pop.expediente_id IN (
  SELECT a.expediente_id FROM expediente_actions a
  WHERE a.type = 'approve' AND a.requirement = '${requirement}' AND a.at < (SELECT instant FROM cutoff))`;

export { hasFormalizationTables, minerShares };

/** The share of P(year) meeting `condition` (SQL over `pop`), with the records counted and the population behind the denominator. */
export async function minerShare(tx: Queryable, year: number, condition: string): Promise<PopulationShare> {
  return (await minerShares(tx, year, [condition]))[0]!;
}

/** The numerators of the three shares, measured with the services' shares in one pass over P(Y) (population.ts). */
registerPopulationShares({
  'IOP.01.01': (formalization) => (formalization ? approved('igafom') : 'false'),
  'IOP.03.01': (formalization) => (formalization ? approved('surface_land') : 'false'),
  'IOP.03.02': (formalization) => (formalization ? `(${OWN_VERIFIED_CONCESSION} OR ${approved('mining_right_access')})` : OWN_VERIFIED_CONCESSION),
});

/** A share that needs the formalization tables: unavailable (ND) without them. */
function formalizationShare(indicator: 'IOP.01.01' | 'IOP.03.01'): Pick<IndicatorBinding, 'compute' | 'count'> {
  return {
    compute: async (tx, year): Promise<BindingResult> => {
      const { share, formalization } = await populationShare(tx, year, indicator);
      if (!formalization)
        return { value: null, numerator: 0, denominator: share.denominator, records: [], availability: 'unavailable', note: FORMALIZATION_MISSING };
      return { ...share, availability: 'complete', note: null };
    },
    count: async (tx, year): Promise<BindingCount> => {
      const { share, formalization } = await populationCount(tx, year, indicator);
      if (!formalization)
        return {
          value: null,
          numerator: 0,
          denominator: share.denominator,
          records: 0,
          population: null,
          availability: 'unavailable',
          note: FORMALIZATION_MISSING,
        };
      return { ...share, availability: 'complete', note: null };
    },
  };
}

/** IOP.03.02: measured from the registry alone (partial) without the formalization tables. */
const titleAccess = <S extends PopulationShare | PopulationCount>({ share, formalization }: { share: S; formalization: boolean }) =>
  formalization
    ? { ...share, availability: 'complete' as const, note: null }
    : { ...share, availability: 'partial' as const, note: `${FORMALIZATION_MISSING}: cession and exploitation contracts are not counted` };

export const MAPE_BINDINGS: Readonly<Record<string, IndicatorBinding>> = {
  'IOP.01.01': {
    description:
      'Percentage of P(Y) — declarants of REINFO inscriptions vigente on 31 December of Y (dated status history), counted once — ' +
      'with at least one of those inscriptions whose formalization expediente had its IGAFOM (environmental instrument for ' +
      'formalization) approved before 1 January of Y+1, Peru time. An approved IGAFOM stands for the environmental management ' +
      'instrument; its implementation is not recorded. Formal miners outside REINFO are not in the population. ' +
      'Unavailable (ND) without the formalization module.',
    ...formalizationShare('IOP.01.01'),
  },
  'IOP.03.01': {
    description:
      'Percentage of P(Y) — declarants of REINFO inscriptions vigente on 31 December of Y (dated status history), counted once — ' +
      'with at least one of those inscriptions whose formalization expediente had its surface-land authorization requirement ' +
      '(surface_land) approved before 1 January of Y+1, Peru time. Unavailable (ND) without the formalization module.',
    ...formalizationShare('IOP.03.01'),
  },
  'IOP.03.02': {
    description:
      'Percentage of P(Y) — declarants of REINFO inscriptions vigente on 31 December of Y (dated status history), counted once — ' +
      'with access to the mining title through at least one of those inscriptions: (a) its mining right is verified in the ' +
      'registry and its holder is the declarant (own concession; holder and verification as recorded today, the registry does ' +
      'not date them), or (b) its formalization expediente had the mining-right access requirement (own concession, cession ' +
      'or exploitation contract) approved before 1 January of Y+1, Peru time. Without the formalization module only (a) is ' +
      'measured (partial).',
    compute: async (tx, year) => titleAccess(await populationShare(tx, year, 'IOP.03.02')),
    count: async (tx, year) => titleAccess(await populationCount(tx, year, 'IOP.03.02')),
  },
};
