import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Queryable } from '../../platform/db.ts';
import { nameKey } from '../../platform/text.ts';
import { INEI_DEPARTMENT_NAMES } from '../../kernel/messages/department-names.ts';

const REFERENCE = fileURLToPath(new URL('../../../reference/', import.meta.url));

type CsvRow = Record<string, string>;
const readCsv = (file: string): CsvRow[] => parse(readFileSync(REFERENCE + file, 'utf8'), { columns: true, skip_empty_lines: true }) as CsvRow[];

interface GeoFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

/**
 * Loads UBIGEO departments, provinces and districts (INEI codes as key, RENIEC codes
 * kept) and the department boundaries, once: a second call finds them and does nothing.
 */
export async function loadTerritory(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM departments');
  if ((rows[0]?.n ?? 0) > 0) return false;

  const deps = readCsv('ubigeo/ubigeo_departamento.csv');
  const provs = readCsv('ubigeo/ubigeo_provincia.csv');
  // A district created after the source was compiled has no INEI code yet ('NA'): left out.
  const dists = readCsv('ubigeo/ubigeo_distrito.csv').filter((d) => /^\d{6}$/.test(d['inei'] ?? ''));
  const geo = JSON.parse(readFileSync(REFERENCE + 'boundaries/peru_departamental_simple.geojson', 'utf8')) as {
    features: GeoFeature[];
  };
  const geomByCode = new Map(geo.features.map((f) => [String(f.properties['FIRST_IDDP']), JSON.stringify(f.geometry)]));

  await db.query(
    `INSERT INTO departments (code, reniec_code, name, name_key, capital, geom)
     SELECT c, r, n, k, cap, CASE WHEN g IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) END
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(c, r, n, k, cap, g)`,
    [
      deps.map((d) => d['inei']!.slice(0, 2)),
      deps.map((d) => d['reniec']!.slice(0, 2)),
      deps.map((d) => INEI_DEPARTMENT_NAMES[d['inei']!.slice(0, 2)] ?? titleCase(d['departamento']!)),
      deps.map((d) => nameKey(d['departamento']!)),
      deps.map((d) => d['capital'] ?? null),
      deps.map((d) => geomByCode.get(d['inei']!.slice(0, 2)) ?? null),
    ],
  );
  await db.query(
    `INSERT INTO provinces (code, reniec_code, department_code, name, name_key)
     SELECT c, r, left(c, 2), n, k FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(c, r, n, k)`,
    [
      provs.map((p) => p['inei']!.slice(0, 4)),
      provs.map((p) => p['reniec']!.slice(0, 4)),
      provs.map((p) => titleCase(p['provincia']!)),
      provs.map((p) => nameKey(p['provincia']!)),
    ],
  );
  await db.query(
    `INSERT INTO districts (code, reniec_code, province_code, department_code, name, name_key, latitude, longitude)
     SELECT c, r, left(c, 4), left(c, 2), n, k, la, lo
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[]) AS t(c, r, n, k, la, lo)`,
    [
      dists.map((d) => d['inei']!),
      dists.map((d) => d['reniec']!),
      dists.map((d) => titleCase(d['distrito']!)),
      dists.map((d) => nameKey(d['distrito']!)),
      dists.map((d) => numberOrNull(d['latitude'])),
      dists.map((d) => numberOrNull(d['longitude'])),
    ],
  );
  await db.query(
    `INSERT INTO department_parts (department_code, geom)
     SELECT code, (ST_Dump(ST_Subdivide(ST_MakeValid(geom), 64))).geom FROM departments WHERE geom IS NOT NULL`,
  );
  return true;
}

function numberOrNull(v: string | undefined): number | null {
  if (v === undefined || v.trim() === '' || v === 'NA') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

const LOWER = new Set(['DE', 'DEL', 'LA', 'LAS', 'LOS', 'Y', 'EL']);
function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && LOWER.has(w.toUpperCase()) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}
