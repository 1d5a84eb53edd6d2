/**
 * The one contract of Veta's lists (registry search, public registry, expedientes, lots,
 * imports): `?limit&after&sort&dir&<filters>…` answers `{ total, items, next }`.
 *
 * - `total` counts every row the filters match, over all pages;
 * - `next` is an opaque keyset cursor (the last row's sort key and id): pass it as `after`
 *   for the following page. A page costs the same at any depth and never skips or repeats
 *   a row when rows are added before it;
 * - `sort` names one of the list's columns, `dir` its direction; ties are broken by id.
 *   Text columns sort in Spanish order on both engines (see veta_es_key, migration 0021);
 * - `format=csv|xlsx` answers every filtered row as a file instead (list-export.ts).
 */
import { z } from 'zod';
import { ValidationError } from '../errors.ts';

export const LIST_FORMATS = ['csv', 'xlsx'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
export type SortDir = 'asc' | 'desc';

/** The paging, sorting and export parameters of a list, with its own filters. */
export function listQuery<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(opts: {
  sorts: S;
  sort: S[number];
  dir?: SortDir;
  filters: F;
  limit?: number;
  maxLimit?: number;
}) {
  return z.object({
    ...opts.filters,
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(opts.maxLimit ?? 500)
      .default(opts.limit ?? 50),
    after: z.string().max(600).optional().describe("the previous page's `next`"),
    sort: z
      .enum(opts.sorts)
      .default(opts.sort as never)
      .describe('the column the list is ordered by (ties by id)'),
    dir: z
      .enum(['asc', 'desc'])
      .default(opts.dir ?? 'asc')
      .describe('ascending or descending'),
    format: z.enum(LIST_FORMATS).optional().describe('every filtered row as a CSV or XLSX file instead of a page'),
  });
}

/** A page of a list: the total of the filters, the rows and the cursor of the next page. */
export function listPage<T extends z.ZodType>(item: T) {
  return z.object({
    total: z.number().int().describe('rows matching the filters, over every page'),
    items: z.array(item),
    next: z.string().nullable().describe('cursor of the next page (pass it as `after`); null on the last one'),
  });
}

export interface Page<T> {
  total: number;
  items: T[];
  next: string | null;
}

/** Where a page starts: after the row with this sort key and id, in this order. */
export interface Cursor {
  sort: string;
  dir: SortDir;
  key: string;
  id: string;
}

/** What a list query receives: the order, the page size and where the page starts. */
export interface ListRequest {
  sort: string;
  dir: SortDir;
  limit: number;
  after: Cursor | null;
  /** Older clients' paging: rows to skip (after the cursor, if any); keyset paging needs none. */
  offset?: number;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.sort, c.dir, c.key, c.id])).toString('base64url');

const badCursor = (cursor: string) =>
  new ValidationError('bad_cursor', 'The cursor is not one this list gave for this order.', { cursor: cursor.slice(0, 80) }, [
    { path: 'after', message: 'invalid' },
  ]);

/** The cursor of `after`, refused (400 bad_cursor) when unreadable or given for another order. */
export function decodeCursor(cursor: string | undefined | null, sort: string, dir: SortDir): Cursor | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor(cursor);
  }
  if (!Array.isArray(value) || value.length !== 4 || !value.every((v) => typeof v === 'string')) throw badCursor(cursor);
  const [s, d, key, id] = value as [string, string, string, string];
  if (s !== sort || d !== dir) throw badCursor(cursor);
  return { sort: s, dir: d, key, id };
}

/** The list request of a parsed `listQuery`. */
export function listRequest(query: { sort: string; dir: SortDir; limit: number; after?: string | undefined; offset?: number | undefined }): ListRequest {
  return {
    sort: query.sort,
    dir: query.dir,
    limit: query.limit,
    after: decodeCursor(query.after, query.sort, query.dir),
    ...(query.offset ? { offset: query.offset } : {}),
  };
}
