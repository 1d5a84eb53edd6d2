import type { Queryable } from '../../../platform/db.ts';
import { percent, type BindingCount, type BindingResult, type BoundRecord, type PopulationRecord, type RegionFigure } from './binding.contract.ts';

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

/** A share's figures without its records (see BindingCount). */
export type PopulationCount = Omit<BindingCount, 'availability' | 'note'>;

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
  declarant_name?: string;
  mining_right_code?: string;
  department_code: string;
  district_code: string | null;
  /** One character per condition: 1 when the row meets it. */
  hits: string;
}

/** A row of P(year) as the counts read it. */
export interface CountRow {
  id: number;
  ruc: string;
  department_code: string;
  hits: string;
}

/** A row of P(year) as the shares with their records read it. */
export interface ParsedRow extends CountRow {
  declarant_name: string;
  mining_right_code: string;
}

/** What one pass over P(year) measures: the shares, and the places of the population's rows. */
export interface PopulationPass {
  shares: PopulationShare[];
  /** The distinct districts of the vigente inscriptions (null districts left out). */
  districts: string[];
  /** The distinct departments of the vigente inscriptions. */
  departments: string[];
}

/** P(year)'s rows with their conditions' hits, and their places. */
interface PopulationRows<R extends CountRow> {
  rows: R[];
  districts: string[];
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
  const table = await materializePopulation(tx, year, formalization);
  const { rows, districts, departments } = await populationRowsOf(tx, table, year, conditions, true);
  return { shares: sharesOfRows(rows, conditions), districts, departments };
}

/**
 * The rows of P(year) in `table` with one character per condition (cheaper to read than a
 * boolean[] of 40,000 rows). With `records`, with the records' labels and ordered by
 * declarant (ruc) and id, as `sharesOfRows` reads them; without, only what the counts
 * read, in no order (the sort and the labels were a third of the query's time nationally).
 */
async function populationRowsOf(tx: Queryable, table: string, year: number, conditions: readonly string[], records: true): Promise<PopulationRows<ParsedRow>>;
async function populationRowsOf(tx: Queryable, table: string, year: number, conditions: readonly string[], records: false): Promise<PopulationRows<CountRow>>;
async function populationRowsOf(
  tx: Queryable,
  table: string,
  year: number,
  conditions: readonly string[],
  records: boolean,
): Promise<PopulationRows<CountRow>> {
  const flags = conditions.length === 0 ? `''` : `concat(${conditions.map((c) => `CASE WHEN (${c}) THEN '1' ELSE '0' END`).join(', ')})`;
  const { rows } = await tx.query<PopRow>(
    `WITH ${CUTOFF}
     SELECT pop.id, pop.ruc, ${records ? 'pop.declarant_name, pop.mining_right_code, ' : ''}pop.department_code, pop.district_code, ${flags} AS hits
     FROM ${table} pop${records ? ' ORDER BY pop.ruc, pop.id' : ''}`,
    [`${year}-12-31`, `${year + 1}-01-01T00:00:00-05:00`],
  );
  const districts = [...new Set(rows.flatMap((r) => (r.district_code === null ? [] : [r.district_code])))].sort();
  const departments = [...new Set(rows.map((r) => r.department_code))].sort();
  if (!records) {
    // the counts read the rows as they came (40,000 objects not copied), the ids made numbers
    for (const r of rows) r.id = Number(r.id);
    return { rows, districts, departments };
  }
  const parsed = rows.map((r) => ({
    id: Number(r.id),
    ruc: r.ruc,
    declarant_name: r.declarant_name!,
    mining_right_code: r.mining_right_code!,
    department_code: r.department_code,
    hits: r.hits,
  }));
  return { rows: parsed, districts, departments };
}

const ONE = '1'.charCodeAt(0);

/**
 * The declarants of rows ordered by ruc and id: each row's declarant (an index into
 * `homes`), and each declarant's home, their first (lowest-id) row.
 */
function declarantsOf(rows: readonly CountRow[]): { declarant: Int32Array; homes: number[] } {
  const declarant = new Int32Array(rows.length);
  const homes: number[] = [];
  rows.forEach((r, i) => {
    if (i === 0 || rows[i - 1]!.ruc !== r.ruc) homes.push(i);
    declarant[i] = homes.length - 1;
  });
  return { declarant, homes };
}

/** The shares of rows ordered by ruc and id, with their records and the population's units. */
export function sharesOfRows(parsed: readonly ParsedRow[], conditions: readonly string[]): PopulationShare[] {
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
  const { declarant, homes } = declarantsOf(parsed);
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

/**
 * The figures of `sharesOfRows` without its records and units: no sort, no record built,
 * rows in any order. A declarant (ruc) is counted once, in the department of their
 * lowest-id row (their home), when any of their rows meets the condition: what
 * `sharesOfRows` lists.
 */
export function countsOfRows(rows: readonly CountRow[], conditions: readonly string[]): PopulationCount[] {
  const index = new Map<string, number>();
  const declarant = new Int32Array(rows.length);
  const homes: number[] = [];
  rows.forEach((r, i) => {
    let k = index.get(r.ruc);
    if (k === undefined) {
      k = homes.push(i) - 1;
      index.set(r.ruc, k);
    } else if (r.id < rows[homes[k]!]!.id) homes[k] = i;
    declarant[i] = k;
  });
  const departments = [...new Set(homes.map((h) => rows[h]!.department_code))].sort(collate);
  const departmentOf = new Map(departments.map((d, k) => [d, k]));
  const homeDepartment = Int32Array.from(homes, (h) => departmentOf.get(rows[h]!.department_code)!);
  const denominators = new Array<number>(departments.length).fill(0);
  for (const d of homeDepartment) denominators[d]! += 1;
  const denominator = homes.length;
  const hit = new Uint8Array(denominator);
  return conditions.map((_, c) => {
    hit.fill(0);
    for (let i = 0; i < rows.length; i++) if (rows[i]!.hits.charCodeAt(c) === ONE) hit[declarant[i]!] = 1;
    const numerators = new Array<number>(departments.length).fill(0);
    let numerator = 0;
    for (let k = 0; k < denominator; k++) {
      if (hit[k] === 0) continue;
      numerator += 1;
      numerators[homeDepartment[k]!]! += 1;
    }
    const regions: RegionFigure[] = departments.map((code, d) => ({
      code,
      numerator: numerators[d]!,
      denominator: denominators[d]!,
      value: percent(numerators[d]!, denominators[d]!),
    }));
    return { value: percent(numerator, denominator), numerator, denominator, records: numerator, population: denominator, regions };
  });
}

/** The numerator's condition of a share of P(Y) (SQL over `pop`), given whether the formalization tables exist. */
export type PopulationCondition = (formalization: boolean) => string;

const conditions = new Map<string, PopulationCondition>();

/** Registers the shares of P(Y) of a bindings file (by indicator code); measured together by `populationShare`. */
export function registerPopulationShares(rules: Readonly<Record<string, PopulationCondition>>): void {
  for (const [indicator, condition] of Object.entries(rules)) conditions.set(indicator, condition);
}

/**
 * The pass over P(year) of a transaction: P(year) materialized once, with every registered
 * condition; its rows read for the shares with their records, or for their counts, each
 * when first asked (the counts read the rows of the shares when those were read first).
 */
interface YearPass {
  formalization: boolean;
  codes: string[];
  conditions: string[];
  table: string;
  rows?: Promise<PopulationRows<ParsedRow>>;
  countRows?: Promise<PopulationRows<CountRow>>;
  shares?: Promise<Map<string, PopulationShare>>;
  counts?: Promise<Map<string, PopulationCount>>;
}

const passOf = new WeakMap<Queryable, Map<number, Promise<YearPass>>>();

/**
 * Every registered share of P(year) from one population, once per transaction: measuring
 * the policy's indicators one after the other in the same transaction reads P(Y) once.
 * Also returns whether the formalization tables exist (checked once with it).
 */
function yearPass(tx: Queryable, year: number): Promise<YearPass> {
  const perTx = passOf.get(tx) ?? new Map<number, Promise<YearPass>>();
  passOf.set(tx, perTx);
  let pending = perTx.get(year);
  if (!pending) {
    pending = (async () => {
      const formalization = await hasFormalizationTables(tx);
      const rules = [...conditions];
      const list = rules.map(([, condition]) => condition(formalization));
      return { formalization, codes: rules.map(([code]) => code), conditions: list, table: await materializePopulation(tx, year, formalization) };
    })();
    perTx.set(year, pending);
    pending.catch(() => perTx.delete(year));
  }
  return pending;
}

/** `make()` once per pass: a failed attempt is forgotten (the transaction is then aborted anyway). */
function once<T>(get: () => Promise<T> | undefined, set: (p: Promise<T> | undefined) => void, make: () => Promise<T>): Promise<T> {
  const existing = get();
  if (existing) return existing;
  const pending = make();
  set(pending);
  pending.catch(() => set(undefined));
  return pending;
}

const recordRows = (tx: Queryable, year: number, pass: YearPass): Promise<PopulationRows<ParsedRow>> =>
  once(
    () => pass.rows,
    (p) => (pass.rows = p),
    () => populationRowsOf(tx, pass.table, year, pass.conditions, true),
  );

/** The rows the counts read: those of the shares if read already, else the lighter ones. */
const countRows = (tx: Queryable, year: number, pass: YearPass): Promise<PopulationRows<CountRow>> =>
  pass.rows ??
  once(
    () => pass.countRows,
    (p) => (pass.countRows = p),
    () => populationRowsOf(tx, pass.table, year, pass.conditions, false),
  );

function registered<T>(shares: Map<string, T>, indicator: string): T {
  const share = shares.get(indicator);
  if (!share) throw new Error(`no share of the population is registered for ${indicator}`);
  return share;
}

/** The share of P(year) of a registered indicator, with its records and the population's units. */
export async function populationShare(tx: Queryable, year: number, indicator: string): Promise<{ share: PopulationShare; formalization: boolean }> {
  const pass = await yearPass(tx, year);
  const shares = await once(
    () => pass.shares,
    (p) => (pass.shares = p),
    async () => new Map(sharesOfRows((await recordRows(tx, year, pass)).rows, pass.conditions).map((s, i) => [pass.codes[i]!, s])),
  );
  return { share: registered(shares, indicator), formalization: pass.formalization };
}

/** The figures of `populationShare` without its records: what is printed or stored as counts. */
export async function populationCount(tx: Queryable, year: number, indicator: string): Promise<{ share: PopulationCount; formalization: boolean }> {
  const pass = await yearPass(tx, year);
  const counts = await once(
    () => pass.counts,
    (p) => (pass.counts = p),
    async () => new Map(countsOfRows((await countRows(tx, year, pass)).rows, pass.conditions).map((s, i) => [pass.codes[i]!, s])),
  );
  return { share: registered(counts, indicator), formalization: pass.formalization };
}

/** The distinct districts and departments of P(year)'s vigente inscriptions, from the same pass as the shares. */
export async function populationPlaces(tx: Queryable, year: number): Promise<{ districts: string[]; departments: string[] }> {
  const { districts, departments } = await countRows(tx, year, await yearPass(tx, year));
  return { districts, departments };
}
