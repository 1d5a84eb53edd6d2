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
 * Conditions are sets (`pop.ruc IN (SELECT …)`), not correlated EXISTS: PostgreSQL hashes
 * a set once, while an EXISTS in the select list is run again for every row.
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

/**
 * P(Y)'s rows (the vigente inscriptions), with the district (for the shares over districts)
 * and, with the formalization tables, the inscription's expediente as the caller sees it.
 */
const populationRows = (formalization: boolean): string => `${VIGENTE_ON_CUTOFF}
SELECT i.id, i.ruc, i.declarant_name, i.mining_right_id, i.mining_right_code, i.department_code::text AS department_code,
       i.district_code::text AS district_code, ${formalization ? 'e.id' : 'NULL::bigint'} AS expediente_id
FROM vigente_on i ${formalization ? 'LEFT JOIN expedientes e ON e.inscription_id = i.id' : ''}`;

/** A temporary table's name per population read (dropped at commit). */
let populationTables = 0;

/**
 * P(year) materialized in a temporary table of the transaction (dropped at commit), so
 * that the planner knows its size: read through the row-level security filters it is
 * estimated at one row, and every numerator's condition was then evaluated row by row
 * instead of as one hashed set. A table never analysed is estimated from its size on disk
 * (within a factor of about 2 here), which is all that choice needs: ANALYZE cost 0.1–0.2 s
 * at national size and changed no plan. Returns the table's name; its rows are what the
 * caller's row-level security lets them see, like the query it replaces.
 */
async function materializePopulation(tx: Queryable, year: number, formalization: boolean): Promise<string> {
  if (!Number.isInteger(year)) throw new Error(`not a year: ${year}`);
  const table = `veta_population_${++populationTables}`;
  // the cut-off as literals of an integer year: CREATE TABLE AS takes no parameters on every engine
  await tx.query(
    `CREATE TEMPORARY TABLE ${table} ON COMMIT DROP AS
     WITH cutoff AS (SELECT '${year}-12-31'::date AS day), ${populationRows(formalization)}`,
  );
  return table;
}

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
  district_code: string | null;
  /** One character per condition: 1 when the row meets it. */
  hits: string;
}

/** What one pass over P(year) measures: the shares, and the places of the population's rows. */
export interface PopulationPass {
  shares: PopulationShare[];
  /** The distinct districts of the vigente inscriptions (null districts left out). */
  districts: string[];
  /** The distinct departments of the vigente inscriptions. */
  departments: string[];
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
  return (await populationPass(tx, year, conditions, await hasFormalizationTables(tx))).shares;
}

/**
 * `minerShares`, with the places of P(year)'s rows. `pop` is P(year) materialized and
 * analysed (one row per vigente inscription, with `expediente_id` when `formalization`),
 * so that conditions written as `pop.column IN (SELECT …)` are hashed sets.
 */
export async function populationPass(tx: Queryable, year: number, conditions: readonly string[], formalization: boolean): Promise<PopulationPass> {
  // one character per condition (cheaper to read than a boolean[] of 40,000 rows)
  const flags = conditions.length === 0 ? `''` : `concat(${conditions.map((c) => `CASE WHEN (${c}) THEN '1' ELSE '0' END`).join(', ')})`;
  const table = await materializePopulation(tx, year, formalization);
  const { rows } = await tx.query<PopRow>(
    `WITH ${CUTOFF}
     SELECT pop.id, pop.ruc, pop.declarant_name, pop.mining_right_code, pop.department_code, pop.district_code, ${flags} AS hits
     FROM ${table} pop ORDER BY pop.ruc, pop.id`,
    [`${year}-12-31`, `${year + 1}-01-01T00:00:00-05:00`],
  );
  const districts = [...new Set(rows.flatMap((r) => (r.district_code === null ? [] : [r.district_code])))].sort();
  const departments = [...new Set(rows.map((r) => r.department_code))].sort();
  return { shares: sharesOfRows(rows, conditions), districts, departments };
}

const ONE = '1'.charCodeAt(0);

function sharesOfRows(rows: PopRow[], conditions: readonly string[]): PopulationShare[] {
  const parsed = rows.map((r) => ({
    id: Number(r.id),
    ruc: r.ruc,
    declarant_name: r.declarant_name,
    mining_right_code: r.mining_right_code,
    department_code: r.department_code,
    hits: r.hits,
  }));
  // departments compared once each (a few dozen codes), not in every comparison of the sort
  const departmentOrder = new Map([...new Set(parsed.map((r) => r.department_code))].sort(collate).map((d, k) => [d, k]));
  const departmentRank = Int32Array.from(parsed, (r) => departmentOrder.get(r.department_code)!);
  // names likewise: each distinct name collated into a rank once (names equal to the collator share one)
  const names = [...new Set(parsed.map((r) => r.declarant_name))].sort(collate);
  const nameOrder = new Map<string, number>();
  names.forEach((n, k) => nameOrder.set(n, k > 0 && collate(names[k - 1]!, n) === 0 ? nameOrder.get(names[k - 1]!)! : k));
  const nameRank = Int32Array.from(parsed, (r) => nameOrder.get(r.declarant_name)!);
  const byDepartment = (x: number, y: number): number =>
    departmentRank[x]! - departmentRank[y]! || nameRank[x]! - nameRank[y]! || parsed[x]!.id - parsed[y]!.id;
  // every row's place in the records' order (department, name, id: a total order), sorted once
  const rank = new Int32Array(parsed.length);
  parsed
    .map((_, i) => i)
    .sort(byDepartment)
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
  const unit = (i: number, counted: boolean): PopulationRecord => {
    const r = record(i);
    return (units[counted ? 1 : 0][i] ??= { kind: r.kind, id: r.id, label: r.label, departmentCode: r.departmentCode, counted });
  };
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
      if (r.hits.charCodeAt(c) === ONE && hit[declarant[i]!] === -1) {
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
  districts: string[];
  departments: string[];
}

const sharesOf = new WeakMap<Queryable, Map<number, Promise<YearShares>>>();

/**
 * Every registered share of P(year) in one query, once per transaction: measuring the
 * policy's indicators one after the other in the same transaction reads P(Y) once.
 * Also returns whether the formalization tables exist (checked once with it).
 */
function yearShares(tx: Queryable, year: number): Promise<YearShares> {
  const perTx = sharesOf.get(tx) ?? new Map<number, Promise<YearShares>>();
  sharesOf.set(tx, perTx);
  let pending = perTx.get(year);
  if (!pending) {
    pending = (async () => {
      const formalization = await hasFormalizationTables(tx);
      const rules = [...conditions];
      const pass = await populationPass(
        tx,
        year,
        rules.map(([, condition]) => condition(formalization)),
        formalization,
      );
      return { formalization, shares: new Map(rules.map(([code], i) => [code, pass.shares[i]!])), districts: pass.districts, departments: pass.departments };
    })();
    perTx.set(year, pending);
    pending.catch(() => perTx.delete(year));
  }
  return pending;
}

export async function populationShare(tx: Queryable, year: number, indicator: string): Promise<{ share: PopulationShare; formalization: boolean }> {
  const { formalization, shares } = await yearShares(tx, year);
  const share = shares.get(indicator);
  if (!share) throw new Error(`no share of the population is registered for ${indicator}`);
  return { share, formalization };
}

/** The distinct districts and departments of P(year)'s vigente inscriptions, from the same pass as the shares. */
export async function populationPlaces(tx: Queryable, year: number): Promise<{ districts: string[]; departments: string[] }> {
  const { districts, departments } = await yearShares(tx, year);
  return { districts, departments };
}
