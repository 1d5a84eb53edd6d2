/**
 * Keyset paging over any SELECT: the list's query (`base`, its rows aliased `b`) is counted
 * once for the total and read one page past the cursor, ordered by the chosen column and
 * the id (ascending, whatever the direction). Text columns order by veta_es_key (Spanish order, byte-compared, the same on
 * PGlite and PostgreSQL); nulls sort as the smallest value.
 */
import type { Queryable } from '../db.ts';
import { encodeCursor, type ListRequest, type Page } from './list.ts';

export type SortType = 'text' | 'numeric' | 'date' | 'timestamptz';

/** A column a list sorts by: an SQL expression over the base query's row `b`, and its type. */
export interface SortColumn {
  sql: string;
  type: SortType;
}

export interface KeysetList {
  /** The list's SELECT (filters applied), read as `(base) b`. */
  base: string;
  params: readonly unknown[];
  sorts: Readonly<Record<string, SortColumn>>;
  /** The unique id that breaks ties, over `b`. */
  id: { sql: string; type: 'bigint' | 'text' };
}

const NULLS: Record<SortType, string> = { text: "''", numeric: '-1e30', date: "'-infinity'::date", timestamptz: "'-infinity'::timestamptz" };

/** The ordered expression of a sort column (the key the cursor keeps, as text). */
export function sortExpression(c: SortColumn): string {
  if (c.type === 'text') return `(veta_es_key(coalesce((${c.sql})::text, '')) COLLATE "C")`;
  return `coalesce((${c.sql})::${c.type}, ${NULLS[c.type]})`;
}

const cast = (param: string, c: SortColumn): string => (c.type === 'text' ? `(${param}::text COLLATE "C")` : `${param}::${c.type}`);
const idExpr = (id: KeysetList['id']): string => (id.type === 'text' ? `((${id.sql})::text COLLATE "C")` : `(${id.sql})::bigint`);

/** The SQL of one page (without the count): rows of `b` with `_sk` and `_id`, `limit + 1` of them. */
export function pageSql(list: KeysetList, req: ListRequest): { sql: string; params: unknown[] } {
  const column = list.sorts[req.sort];
  if (!column) throw new Error(`No sort column ${req.sort}`);
  const key = sortExpression(column);
  const id = idExpr(list.id);
  const n = list.params.length;
  const dir = req.dir === 'desc' ? 'DESC' : 'ASC';
  const cmp = req.dir === 'desc' ? '<' : '>';
  // ties go by id ascending whatever the direction (the order a person expects among equals)
  const k = cast(`$${n + 1}`, column);
  const i = list.id.type === 'text' ? `($${n + 2}::text COLLATE "C")` : `$${n + 2}::bigint`;
  const after = req.after === null ? '' : `WHERE ${key} ${cmp} ${k} OR (${key} = ${k} AND ${id} > ${i})`;
  const params: unknown[] = [...list.params];
  if (req.after !== null) params.push(req.after.key, req.after.id);
  params.push(req.limit + 1);
  const limit = `LIMIT $${params.length}`;
  if (req.offset) params.push(req.offset);
  const offset = req.offset ? ` OFFSET $${params.length}` : '';
  return {
    sql: `SELECT b.*, (${key})::text AS _sk, (${id})::text AS _id FROM (${list.base}) b ${after} ORDER BY ${key} ${dir}, ${id} ${limit}${offset}`,
    params,
  };
}

/** One page of a list with the total of its filters and the cursor of the next page. */
export async function keysetPage<R extends Record<string, unknown>>(tx: Queryable, list: KeysetList, req: ListRequest): Promise<Page<R>> {
  const { sql, params } = pageSql(list, req);
  const [{ rows: count }, { rows }] = [
    await tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${list.base}) b`, list.params as unknown[]),
    await tx.query<R & { _sk: string; _id: string }>(sql, params),
  ];
  const page = rows.slice(0, req.limit);
  const last = page.at(-1);
  return {
    total: Number(count[0]?.total ?? 0),
    items: page.map(({ _sk: _key, _id: _rowId, ...row }) => row as unknown as R),
    next: rows.length > req.limit && last ? encodeCursor({ sort: req.sort, dir: req.dir, key: last._sk, id: last._id }) : null,
  };
}
