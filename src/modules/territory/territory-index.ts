import type { Queryable } from '../../platform/db.ts';
import type { TerritoryIndex } from '../registry/reinfo.validate.ts';

const cache = new WeakMap<object, Promise<TerritoryIndex>>();

/** UBIGEO names and codes in memory for row validation; read once per database. */
export function territoryIndex(db: Queryable): Promise<TerritoryIndex> {
  let p = cache.get(db);
  if (!p) {
    p = build(db);
    cache.set(db, p);
    p.catch(() => cache.delete(db));
  }
  return p;
}

async function build(db: Queryable): Promise<TerritoryIndex> {
  // one after the other: `db` may be one connection (a transaction), which runs one query at a time
  const deps = await db.query<{ code: string; name: string; name_key: string }>('SELECT code, name, name_key FROM departments');
  const provs = await db.query<{ code: string; department_code: string; name_key: string }>('SELECT code, department_code, name_key FROM provinces');
  const dists = await db.query<{ code: string; province_code: string; name_key: string; reniec_code: string | null }>(
    'SELECT code, province_code, name_key, reniec_code FROM districts',
  );
  const index: TerritoryIndex = {
    departments: new Map(deps.rows.map((d) => [d.name_key, d.code])),
    departmentNames: new Map(deps.rows.map((d) => [d.code, d.name])),
    provinces: new Map(provs.rows.map((p) => [`${p.department_code}|${p.name_key}`, p.code])),
    districts: new Map(dists.rows.map((d) => [`${d.province_code}|${d.name_key}`, d.code])),
    districtCodes: new Set(dists.rows.map((d) => d.code)),
    reniecToInei: new Map(dists.rows.filter((d) => d.reniec_code).map((d) => [d.reniec_code!, d.code])),
  };
  // Common spellings officials use for departments.
  const alias = (k: string, code: string): void => {
    if (!index.departments.has(k)) index.departments.set(k, code);
  };
  alias('LIMA METROPOLITANA', '15');
  alias('LIMA PROVINCIAS', '15');
  alias('PROVINCIA CONSTITUCIONAL DEL CALLAO', '07');
  return index;
}
