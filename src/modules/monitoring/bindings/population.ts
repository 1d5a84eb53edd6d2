import type { Queryable } from '../../../platform/db.ts';
import { percent, type BindingResult, type BoundRecord, type PopulationRecord, type RegionFigure } from './binding.contract.ts';

/**
 * P(Y), the miners' population the MAPE and services indicators are shares of (see
 * indicator-bindings.mape.ts), and the one query that measures every share of it.
 *
 * The bindings of the shares register their numerator's condition here (SQL over `pop`,
 * given whether the formalization tables exist); `populationShare` then evaluates every
 * registered condition in one pass over P(Y), once per transaction and year, so that
 * measuring the policy (all its shares in one transaction) reads the population once.
 */

export type PopulationShare = Omit<BindingResult, 'availability' | 'note'>;

/** $1: 31 December of Y (date); $2: 1 January of Y+1, 00:00 Peru time (instant). */
export const CUTOFF = `cutoff AS (SELECT $1::date AS day, $2::timestamptz AS instant)`;

/**
 * Each inscription's status on the cut-off day: its latest history entry with an effective
 * date on or before the day (ties by id); set-based, one pass over the history (index
 * inscription_status_history_as_of, migration 0026). Needs `cutoff` with `day`.
 */
export const STATUS_ON_CUTOFF = `status_on AS (
  SELECT DISTINCT ON (h.inscription_id) h.inscription_id, h.status
  FROM inscription_status_history h
  WHERE h.effective_date <= (SELECT day FROM cutoff)
  ORDER BY h.inscription_id, h.effective_date DESC, h.id DESC)`;

/** The inscriptions inscribed on or before the cut-off whose status on it was vigente (`vigente_on`); needs `cutoff`. */
export const VIGENTE_ON_CUTOFF = `${STATUS_ON_CUTOFF},
vigente_on AS (SELECT i.* FROM reinfo_inscriptions i JOIN status_on s ON s.inscription_id = i.id
  WHERE s.status = 'vigente' AND i.inscription_date <= (SELECT day FROM cutoff))`;

const POPULATION = `${VIGENTE_ON_CUTOFF},
pop AS (SELECT i.id, i.ruc, i.declarant_name, i.mining_right_id, i.mining_right_code, i.department_code::text AS department_code FROM vigente_on i)`;

export async function hasFormalizationTables(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ ok: boolean }>(
    `SELECT to_regclass('public.expedientes') IS NOT NULL AND to_regclass('public.expediente_actions') IS NOT NULL AS ok`,
  );
  return rows[0]?.ok === true;
}

interface PopRow {
  id: number;
  ruc: string;
  declarant_name: string;
  mining_right_code: string;
  department_code: string;
  hits: boolean[] | string;
}

/** Same order as String.prototype.localeCompare (default locale and options), without its per-call set-up. */
const collate = new Intl.Collator().compare;

/**
 * The shares of P(year) meeting each of `conditions` (SQL over `pop`), set-based: the
 * population is computed once and every condition is one column of the same pass.
 * A declarant counts once, for their lowest-id vigente inscription (its department is
 * their region); the numerator's record is their lowest-id inscription meeting the condition.
 */
export async function minerShares(tx: Queryable, year: number, conditions: readonly string[]): Promise<PopulationShare[]> {
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
  type Row = (typeof parsed)[number];
  const byDepartment = (a: Row, b: Row): number => collate(a.department_code, b.department_code) || collate(a.declarant_name, b.declarant_name) || a.id - b.id;
  // every row's place in the records' order (department, name, id: a total order), sorted once
  const rank = new Int32Array(parsed.length);
  parsed
    .map((_, i) => i)
    .sort((x, y) => byDepartment(parsed[x]!, parsed[y]!))
    .forEach((row, k) => (rank[row] = k));
  // a declarant's rows are consecutive (ordered by ruc, id): the first is their home, their lowest-id inscription
  const declarant = new Int32Array(parsed.length);
  const homes: number[] = [];
  parsed.forEach((r, i) => {
    if (i === 0 || parsed[i - 1]!.ruc !== r.ruc) homes.push(i);
    declarant[i] = homes.length - 1;
  });
  homes.sort((x, y) => rank[x]! - rank[y]!);
  // the records (and the population's units) are read-only and shared by the shares
  const records: (BoundRecord | undefined)[] = [];
  const record = (i: number): BoundRecord => {
    const r = parsed[i]!;
    return (records[i] ??= { kind: 'inscription', id: r.id, label: `${r.declarant_name} · ${r.mining_right_code}`, departmentCode: r.department_code });
  };
  const units: [(PopulationRecord | undefined)[], (PopulationRecord | undefined)[]] = [[], []];
  const unit = (i: number, counted: boolean): PopulationRecord => (units[counted ? 1 : 0][i] ??= { ...record(i), counted });
  const departments = [...new Set(homes.map((h) => parsed[h]!.department_code))].sort(collate);
  const departmentOf = new Map(departments.map((d, k) => [d, k]));
  const homeDepartment = homes.map((h) => departmentOf.get(parsed[h]!.department_code)!);
  const denominators = new Array<number>(departments.length).fill(0);
  for (const d of homeDepartment) denominators[d]! += 1;
  const denominator = homes.length;
  return conditions.map((_, c) => {
    // each counted declarant's lowest-id row meeting the condition
    const hit = new Int32Array(denominator).fill(-1);
    const counted: number[] = [];
    parsed.forEach((r, i) => {
      if (r.hits[c] && hit[declarant[i]!] === -1) {
        hit[declarant[i]!] = i;
        counted.push(i);
      }
    });
    const numerators = new Array<number>(departments.length).fill(0);
    homes.forEach((h, k) => {
      if (hit[declarant[h]!] !== -1) numerators[homeDepartment[k]!]! += 1;
    });
    const regions: RegionFigure[] = departments.map((code, d) => ({
      code,
      numerator: numerators[d]!,
      denominator: denominators[d]!,
      value: percent(numerators[d]!, denominators[d]!),
    }));
    const population = homes.map((h) => unit(h, hit[declarant[h]!] !== -1));
    const numerator = counted.length;
    return {
      value: percent(numerator, denominator),
      numerator,
      denominator,
      records: counted.sort((x, y) => rank[x]! - rank[y]!).map(record),
      population,
      regions,
    };
  });
}

/** The numerator's condition of a share of P(Y) (SQL over `pop`), given whether the formalization tables exist. */
export type PopulationCondition = (formalization: boolean) => string;

const conditions = new Map<string, PopulationCondition>();

/** Registers the shares of P(Y) of a bindings file (by indicator code); measured together by `populationShare`. */
export function registerPopulationShares(rules: Readonly<Record<string, PopulationCondition>>): void {
  for (const [indicator, condition] of Object.entries(rules)) conditions.set(indicator, condition);
}

interface YearShares {
  formalization: boolean;
  shares: Map<string, PopulationShare>;
}

const sharesOf = new WeakMap<Queryable, Map<number, Promise<YearShares>>>();

/**
 * Every registered share of P(year) in one query, once per transaction: measuring the
 * policy's indicators one after the other in the same transaction reads P(Y) once.
 * Also returns whether the formalization tables exist (checked once with it).
 */
export async function populationShare(tx: Queryable, year: number, indicator: string): Promise<{ share: PopulationShare; formalization: boolean }> {
  const perTx = sharesOf.get(tx) ?? new Map<number, Promise<YearShares>>();
  sharesOf.set(tx, perTx);
  let pending = perTx.get(year);
  if (!pending) {
    pending = (async () => {
      const formalization = await hasFormalizationTables(tx);
      const rules = [...conditions];
      const results = await minerShares(
        tx,
        year,
        rules.map(([, condition]) => condition(formalization)),
      );
      return { formalization, shares: new Map(rules.map(([code], i) => [code, results[i]!])) };
    })();
    perTx.set(year, pending);
    pending.catch(() => perTx.delete(year));
  }
  const { formalization, shares } = await pending;
  const share = shares.get(indicator);
  if (!share) throw new Error(`no share of the population is registered for ${indicator}`);
  return { share, formalization };
}
