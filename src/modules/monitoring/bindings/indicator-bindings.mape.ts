import type { Queryable } from '../../../platform/db.ts';
import { percent, type BindingResult, type BoundRecord, type IndicatorBinding, type RegionFigure } from './binding.contract.ts';

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

const CUTOFF = `cutoff AS (SELECT $1::date AS day, $2::timestamptz AS instant)`;

const POPULATION = `pop AS (
  SELECT i.id, i.ruc, i.declarant_name, i.mining_right_id, i.mining_right_code, i.department_code::text AS department_code
  FROM reinfo_inscriptions i
  WHERE i.inscription_date <= (SELECT day FROM cutoff)
    AND (SELECT h.status FROM inscription_status_history h
         WHERE h.inscription_id = i.id AND h.effective_date <= (SELECT day FROM cutoff)
         ORDER BY h.effective_date DESC, h.id DESC LIMIT 1) = 'vigente')`;

/** Own concession: the right is verified in the registry and held by the declarant. */
const OWN_VERIFIED_CONCESSION = `EXISTS (SELECT 1 FROM mining_rights r
  WHERE r.id = pop.mining_right_id AND r.verification = 'verified' AND r.holder_ruc = pop.ruc)`;

/** The requirement of the inscription's expediente was approved by the cut-off. */
const approved = (requirement: 'igafom' | 'mining_right_access' | 'surface_land'): string => `EXISTS (
  SELECT 1 FROM expedientes e JOIN expediente_actions a ON a.expediente_id = e.id
  WHERE e.inscription_id = pop.id AND a.type = 'approve' AND a.requirement = '${requirement}'
    AND a.at < (SELECT instant FROM cutoff))`;

export async function hasFormalizationTables(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ ok: boolean }>(
    `SELECT to_regclass('public.expedientes') IS NOT NULL AND to_regclass('public.expediente_actions') IS NOT NULL AS ok`,
  );
  return rows[0]?.ok === true;
}

/** The share of P(year) meeting `condition` (SQL over `pop`), with the records counted and the population behind the denominator. */
export async function minerShare(tx: Queryable, year: number, condition: string): Promise<Omit<BindingResult, 'availability' | 'note'>> {
  return (await minerShares(tx, year, [condition]))[0]!;
}

interface PopRow {
  id: number;
  ruc: string;
  declarant_name: string;
  mining_right_code: string;
  department_code: string;
  hits: boolean[] | string;
}

/**
 * The shares of P(year) meeting each of `conditions` (SQL over `pop`), set-based: the
 * population is computed once and every condition is one column of the same pass, so
 * measuring many indicators of one population costs one query, not one per indicator.
 * A declarant counts once, for their lowest-id vigente inscription (its department is
 * their region); the numerator's record is their lowest-id inscription meeting the condition.
 */
export async function minerShares(tx: Queryable, year: number, conditions: readonly string[]): Promise<Omit<BindingResult, 'availability' | 'note'>[]> {
  const flags = conditions.length === 0 ? 'ARRAY[]::boolean[]' : `ARRAY[${conditions.map((c) => `coalesce((${c}), false)`).join(', ')}]`;
  const { rows } = await tx.query<PopRow>(
    `WITH ${CUTOFF}, ${POPULATION}
     SELECT pop.id, pop.ruc, pop.declarant_name, pop.mining_right_code, pop.department_code, ${flags} AS hits
     FROM pop ORDER BY pop.ruc, pop.id`,
    [`${year}-12-31`, `${year + 1}-01-01T00:00:00-05:00`],
  );
  const parsed = rows.map((r) => ({
    ...r,
    id: Number(r.id),
    hits:
      typeof r.hits === 'string'
        ? r.hits
            .replace(/[{}]/g, '')
            .split(',')
            .map((h) => h === 't' || h === 'true')
        : r.hits,
  }));
  // home: each declarant's lowest-id inscription (rows are ordered by ruc, id)
  const home = new Map<string, (typeof parsed)[number]>();
  for (const r of parsed) if (!home.has(r.ruc)) home.set(r.ruc, r);
  const label = (r: { declarant_name: string; mining_right_code: string }): string => `${r.declarant_name} · ${r.mining_right_code}`;
  type Row = (typeof parsed)[number];
  const byDepartment = (a: Row, b: Row): number =>
    a.department_code.localeCompare(b.department_code) || a.declarant_name.localeCompare(b.declarant_name) || a.id - b.id;
  const record = (r: Row): BoundRecord => ({ kind: 'inscription', id: r.id, label: label(r), departmentCode: r.department_code });
  const homes = [...home.values()].sort(byDepartment);
  const denominator = home.size;
  return conditions.map((_, c) => {
    const hit = new Map<string, (typeof parsed)[number]>();
    for (const r of parsed) if (r.hits[c] && !hit.has(r.ruc)) hit.set(r.ruc, r);
    const records = [...hit.values()].sort(byDepartment).map(record);
    const figures = new Map<string, { numerator: number; denominator: number }>();
    for (const h of home.values()) {
      const f = figures.get(h.department_code) ?? { numerator: 0, denominator: 0 };
      f.denominator += 1;
      if (hit.has(h.ruc)) f.numerator += 1;
      figures.set(h.department_code, f);
    }
    const regions: RegionFigure[] = [...figures.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, f]) => ({ code, ...f, value: percent(f.numerator, f.denominator) }));
    const population = homes.map((h) => ({ ...record(h), counted: hit.has(h.ruc) }));
    return { value: percent(records.length, denominator), numerator: records.length, denominator, records, population, regions };
  });
}

function formalizationShare(requirement: 'igafom' | 'surface_land'): IndicatorBinding['compute'] {
  return async (tx, year) => {
    if (!(await hasFormalizationTables(tx))) {
      const { denominator } = await minerShare(tx, year, 'false');
      return { value: null, numerator: 0, denominator, records: [], availability: 'unavailable', note: FORMALIZATION_MISSING };
    }
    return { ...(await minerShare(tx, year, approved(requirement))), availability: 'complete', note: null };
  };
}

export const MAPE_BINDINGS: Readonly<Record<string, IndicatorBinding>> = {
  'IOP.01.01': {
    description:
      'Percentage of P(Y) — declarants of REINFO inscriptions vigente on 31 December of Y (dated status history), counted once — ' +
      'with at least one of those inscriptions whose formalization expediente had its IGAFOM (environmental instrument for ' +
      'formalization) approved before 1 January of Y+1, Peru time. An approved IGAFOM stands for the environmental management ' +
      'instrument; its implementation is not recorded. Formal miners outside REINFO are not in the population. ' +
      'Unavailable (ND) without the formalization module.',
    compute: formalizationShare('igafom'),
  },
  'IOP.03.01': {
    description:
      'Percentage of P(Y) — declarants of REINFO inscriptions vigente on 31 December of Y (dated status history), counted once — ' +
      'with at least one of those inscriptions whose formalization expediente had its surface-land authorization requirement ' +
      '(surface_land) approved before 1 January of Y+1, Peru time. Unavailable (ND) without the formalization module.',
    compute: formalizationShare('surface_land'),
  },
  'IOP.03.02': {
    description:
      'Percentage of P(Y) — declarants of REINFO inscriptions vigente on 31 December of Y (dated status history), counted once — ' +
      'with access to the mining title through at least one of those inscriptions: (a) its mining right is verified in the ' +
      'registry and its holder is the declarant (own concession; holder and verification as recorded today, the registry does ' +
      'not date them), or (b) its formalization expediente had the mining-right access requirement (own concession, cession ' +
      'or exploitation contract) approved before 1 January of Y+1, Peru time. Without the formalization module only (a) is ' +
      'measured (partial).',
    compute: async (tx, year) => {
      if (!(await hasFormalizationTables(tx))) {
        return {
          ...(await minerShare(tx, year, OWN_VERIFIED_CONCESSION)),
          availability: 'partial',
          note: `${FORMALIZATION_MISSING}: cession and exploitation contracts are not counted`,
        };
      }
      const condition = `(${OWN_VERIFIED_CONCESSION} OR ${approved('mining_right_access')})`;
      return { ...(await minerShare(tx, year, condition)), availability: 'complete', note: null };
    },
  },
};
