/**
 * The public registry as a list that scales: filtered, counted, sorted in Spanish order
 * and paged by keyset (a cursor on the sort key and id, so a page costs the same at any
 * depth and never skips or repeats a row when rows are added before it).
 */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';
import { nameKey } from '../../platform/text.ts';
import type { InscriptionStatus } from '../../kernel/registry.types.ts';
import { publicInscriptionsById } from './registry.queries.ts';

/**
 * A sort key giving the Spanish (es-PE) alphabetical order on both engines, byte-compared
 * (COLLATE "C"): PGlite has ICU only as the root collation (`und-x-icu`, where Ñ sorts as an
 * accented N) and no `es-PE`, so accents are folded (CÁRDENAS files with CARDENAS, before
 * CUTIPA) and Ñ becomes `N{` ('{' follows 'Z'): a letter of its own between N and O, as the
 * Real Academia Española orders the alphabet.
 */
export const spanishKey = (column: string): string =>
  `(replace(upper(translate(${column}, 'áéíóúüàèìòùÁÉÍÓÚÜÀÈÌÒÙñ', 'aeiouuaeiouAEIOUUAEIOUÑ')), 'Ñ', 'N{') COLLATE "C")`;

export interface RegistryListFilter {
  q?: string | undefined;
  status?: InscriptionStatus | undefined;
  department?: string | undefined;
  district?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The opaque cursor of the next page: the last row's sort key and id. */
export const encodeCursor = (key: string, id: number): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');

export function decodeCursor(cursor: string): { key: string; id: number } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1])) return { key: value[0], id: value[1] as number };
  } catch {
    // an unreadable cursor is answered as a bad request by the caller
  }
  return null;
}

const WHERE = `($1::text IS NULL OR p.mining_right_code = $2 OR p.ruc = $3 OR p.search_key LIKE '%' || $1 || '%')
  AND ($4::text IS NULL OR p.status = $4) AND ($5::text IS NULL OR p.department_code = $5) AND ($6::text IS NULL OR p.district_code = $6)
  AND ($7::date IS NULL OR p.inscription_date >= $7) AND ($8::date IS NULL OR p.inscription_date <= $8)`;

function params(f: RegistryListFilter): unknown[] {
  const q = f.q?.trim() ? f.q.trim() : null;
  return [
    q === null ? null : nameKey(q),
    q?.replace(/[\s-]/g, '').toUpperCase() ?? null,
    q?.replace(/\D/g, '') ?? null,
    f.status ?? null,
    f.department ?? null,
    f.district ?? null,
    f.from ?? null,
    f.to ?? null,
  ];
}

/** One page of the filtered public registry in Spanish order of the declarant, with the total of the filter. */
export async function publicRegistryPage(tx: Queryable, filter: RegistryListFilter, limit: number, after: { key: string; id: number } | null) {
  const base = params(filter);
  const { rows: count } = await tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM public_inscriptions p WHERE ${WHERE}`, base);
  const { rows } = await tx.query<{ id: string; sk: string }>(
    `SELECT p.id, ${spanishKey('p.declarant_name')} AS sk FROM public_inscriptions p
     WHERE ${WHERE} AND ($9::text IS NULL OR ${spanishKey('p.declarant_name')} > ($9::text COLLATE "C")
                        OR (${spanishKey('p.declarant_name')} = ($9::text COLLATE "C") AND p.id > $10))
     ORDER BY sk, p.id LIMIT $11`,
    [...base, after?.key ?? null, after?.id ?? 0, limit + 1],
  );
  const page = rows.slice(0, limit);
  const byId = new Map(
    (
      await publicInscriptionsById(
        tx,
        page.map((r) => Number(r.id)),
      )
    ).map((i) => [i.id, i]),
  );
  const last = page.at(-1);
  return {
    total: count[0]!.total,
    items: page.map((r) => byId.get(Number(r.id))!),
    next: rows.length > limit && last ? encodeCursor(last.sk, Number(last.id)) : null,
  };
}
