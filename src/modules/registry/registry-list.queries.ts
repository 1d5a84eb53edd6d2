/**
 * The registry's lists that scale (the public registry and officials' search): filtered,
 * counted, sorted by their columns in Spanish order and paged by keyset (the platform's
 * list contract, src/platform/http/list.ts).
 */
import type { Queryable } from '../../platform/db.ts';
import { keysetPage, type KeysetList } from '../../platform/http/list-keyset.ts';
import type { ListRequest, Page } from '../../platform/http/list.ts';
import { nameKey } from '../../platform/text.ts';
import type { InscriptionStatus } from '../../kernel/registry.types.ts';
import { publicInscriptionsById } from './registry.queries.ts';

/**
 * A sort key giving the Spanish (es-PE) alphabetical order on both engines, byte-compared
 * (COLLATE "C"): see veta_es_key (migration 0021) — PGlite has no `es-PE` ICU collation, so
 * accents are folded (CÁRDENAS files with CARDENAS, before CUTIPA) and Ñ is its own letter.
 */
export const spanishKey = (column: string): string => `(veta_es_key(${column}) COLLATE "C")`;

export interface RegistryListFilter {
  q?: string | undefined;
  status?: InscriptionStatus | undefined;
  department?: string | undefined;
  district?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
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

const registryList = (filter: RegistryListFilter): KeysetList => ({
  base: `SELECT p.id, p.declarant_name, p.ruc, p.mining_right_code, p.mining_right_name, p.activity, p.department_name, p.district_code,
                p.inscription_date, p.status, p.status_since
         FROM public_inscriptions p WHERE ${WHERE}`,
  params: params(filter),
  id: { sql: 'b.id', type: 'bigint' },
  sorts: {
    declarant: { sql: 'b.declarant_name', type: 'text' },
    ruc: { sql: 'b.ruc', type: 'text' },
    code: { sql: 'b.mining_right_code', type: 'text' },
    right: { sql: 'b.mining_right_name', type: 'text' },
    activity: { sql: 'b.activity', type: 'text' },
    department: { sql: 'b.department_name', type: 'text' },
    district: { sql: 'b.district_code', type: 'text' },
    date: { sql: 'b.inscription_date', type: 'date' },
    status: { sql: 'b.status', type: 'text' },
    since: { sql: 'b.status_since', type: 'date' },
  },
});

/** One page of the filtered public registry in the chosen order, with the total of the filter. */
export async function publicRegistryPage(tx: Queryable, filter: RegistryListFilter, req: ListRequest) {
  const page = await keysetPage<{ id: string }>(tx, registryList(filter), req);
  const byId = new Map(
    (
      await publicInscriptionsById(
        tx,
        page.items.map((r) => Number(r.id)),
      )
    ).map((i) => [i.id, i]),
  );
  return { total: page.total, items: page.items.map((r) => byId.get(Number(r.id))!), next: page.next };
}

export interface SearchFilter {
  q: string;
  kind?: 'person' | 'organization' | 'mining_right' | 'inscription' | undefined;
  department?: string | undefined;
}

export interface SearchRow {
  kind: 'person' | 'organization' | 'mining_right' | 'inscription';
  id: number;
  label: string;
  detail: string;
  departmentCode: string | null;
  score: number;
}

/** Officials' search over what their row-level security lets them see: trigram on names, exact on keys; counted and keyset-paged. */
export async function registrySearchPage(tx: Queryable, f: SearchFilter, req: ListRequest): Promise<Page<SearchRow>> {
  const q = f.q;
  const list: KeysetList = {
    base: `SELECT u.*, u.kind || ':' || lpad(u.id::text, 19, '0') AS uid FROM ((SELECT 'person' AS kind, id, full_name AS label, 'DNI ' || dni AS detail,
             region_code::text AS department_code, CASE WHEN dni = $2 THEN 2 ELSE similarity(search_key, $1) END AS score
      FROM persons WHERE merged_into IS NULL AND (dni = $2 OR search_key % $1 OR search_key LIKE '%' || $1 || '%'))
     UNION ALL
     (SELECT 'organization', id, name, 'RUC ' || ruc, region_code::text,
             CASE WHEN ruc = $2 THEN 2 ELSE similarity(search_key, $1) END
      FROM organizations WHERE ruc = $2 OR search_key % $1 OR search_key LIKE '%' || $1 || '%')
     UNION ALL
     (SELECT 'mining_right', id, name, 'Código ' || code, department_code::text,
             CASE WHEN code = $2 THEN 2 ELSE similarity(search_key, $1) END
      FROM mining_rights WHERE code = $2 OR search_key % $1 OR search_key LIKE '%' || $1 || '%')
     UNION ALL
     (SELECT 'inscription', id, declarant_name, 'RUC ' || ruc || ' · ' || mining_right_code || ' · ' || activity, department_code::text, 2
      FROM reinfo_inscriptions WHERE ruc = $2)) u
     WHERE ($3::text IS NULL OR u.kind = $3) AND ($4::text IS NULL OR u.department_code = $4)`,
    params: [nameKey(q), q.replace(/[\s.-]/g, '').toUpperCase(), f.kind ?? null, f.department ?? null],
    id: { sql: 'b.uid', type: 'text' },
    sorts: {
      relevance: { sql: 'b.score', type: 'numeric' },
      name: { sql: 'b.label', type: 'text' },
      kind: { sql: 'b.kind', type: 'text' },
      department: { sql: 'b.department_code', type: 'text' },
    },
  };
  const page = await keysetPage<{ kind: SearchRow['kind']; id: string; label: string; detail: string; department_code: string | null; score: string }>(
    tx,
    list,
    req,
  );
  return {
    total: page.total,
    next: page.next,
    items: page.items.map((r) => ({
      kind: r.kind,
      id: Number(r.id),
      label: r.label,
      detail: r.detail,
      departmentCode: r.department_code,
      score: Number(r.score),
    })),
  };
}
