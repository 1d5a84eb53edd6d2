/**
 * `veta import areas FILE --kind protected|buffer|exclusion|indigenous-reserve`: SERNANP's
 * protected areas, their buffer zones, exclusion areas and indigenous reserves (GeoJSON
 * or zipped shapefile), on the cadastre import's contract. Areas are public data.
 */
// @ts-nocheck

import type { ImportDeclaration, RowError } from '../../platform/imports/types.ts';

export const AREA_KINDS = ['protected', 'buffer', 'exclusion', 'indigenous-reserve'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
const dbKind = (k: AreaKind): string => k.replace('-', '_');

export interface AreaOptions {
  kind: AreaKind;
  /** The attribute holding the name / the code when not SERNANP's (`anp_nomb`, `anp_codi`). */
  nameField?: string;
  codeField?: string;
}

type AreaColumn = 'NAME' | 'CODE' | 'CATEGORY' | 'LEGAL_HA';
export interface AreaRow {
  row: number;
  code: string;
  name: string;
  category: string | null;
  legalHectares: number | null;
  geometry: string;
}

export function areasImport(o: AreaOptions, warnings?: RowError[]): ImportDeclaration<AreaColumn, AreaRow> {
  const columns = {
    NAME: { aliases: o.nameField ? [o.nameField] : ['anp_nomb', 'NOMBRE', 'NAME', 'NOMB'], required: true },
    CODE: { aliases: o.codeField ? [o.codeField] : ['anp_codi', 'CODIGO', 'CODE', 'COD'], required: true },
    CATEGORY: { aliases: ['anp_cate', 'CATEGORIA', 'CATEGORY'] },
    LEGAL_HA: { aliases: ['anp_suleg', 'SUPERFICIE', 'HECTAREAS', 'AREA_HA'] },
  } as const;
  return {
    kind: 'areas',
    title: 'protected, buffer and exclusion areas, indigenous reserves (GeoJSON or zipped shapefile)',
    formats: ['geojson'],
    columns,
    access: ['national', 'admin'],
    validate(record) {
      const v = record.values;
      const errors: RowError[] = [];
      if (v.NAME === '') errors.push({ row: record.row, column: 'NAME', value: '', code: 'areas.name.missing', message: 'the area has no name' });
      if (v.CODE === '') errors.push({ row: record.row, column: 'CODE', value: '', code: 'areas.code.missing', message: 'the area has no code' });
      const legal = v.LEGAL_HA === '' ? null : Number(v.LEGAL_HA.replace(',', '.'));
      if (legal !== null && !(Number.isFinite(legal) && legal > 0))
        errors.push({ row: record.row, column: 'LEGAL_HA', value: v.LEGAL_HA, code: 'areas.hectares.invalid', message: 'not a positive number of hectares' });
      const g = record.geometry as { type?: unknown } | null | undefined;
      if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
        errors.push({
          row: record.row,
          column: 'geometry',
          value: String(g?.type ?? ''),
          code: 'areas.geometry.type',
          message: 'the feature is not a polygon or multipolygon',
        });
      }
      if (errors.length > 0) return errors;
      return { row: record.row, code: v.CODE, name: v.NAME, category: v.CATEGORY || null, legalHectares: legal, geometry: JSON.stringify(g) };
    },
    checkRows(rows) {
      // an area in several parts comes as several features with one code (SERNANP's Titicaca: four): merged, unless the names differ
      const seen = new Map<string, AreaRow>();
      return rows.flatMap((r) => {
        const first = seen.get(r.code);
        if (first === undefined) {
          seen.set(r.code, r);
          return [];
        }
        if (first.name === r.name) return [];
        return [
          {
            row: r.row,
            column: 'CODE',
            value: r.code,
            code: 'areas.code.duplicate',
            message: `code already used by "${first.name}" in feature ${first.row}`,
            params: { first: first.row },
          },
        ];
      });
    },
    async write(tx, rows, ctx) {
      if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
      await tx.exec(`DROP TABLE IF EXISTS areas_staging; CREATE TEMP TABLE areas_staging (row_no int PRIMARY KEY, code text, name text, category text,
        legal_ha numeric(16, 4), raw geometry, geom geometry, valid boolean, reason text) ON COMMIT DROP`);
      await tx.query(
        `INSERT INTO areas_staging (row_no, code, name, category, legal_ha, raw)
         SELECT r, c, n, k, h, ST_SetSRID(ST_GeomFromGeoJSON(g), 4326) FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[]) AS t(r, c, n, k, h, g)`,
        [
          rows.map((r) => r.row),
          rows.map((r) => r.code),
          rows.map((r) => r.name),
          rows.map((r) => r.category),
          rows.map((r) => r.legalHectares),
          rows.map((r) => r.geometry),
        ],
      );
      await tx.query(`UPDATE areas_staging SET valid = ST_IsValid(raw), reason = CASE WHEN ST_IsValid(raw) THEN NULL ELSE ST_IsValidReason(raw) END`);
      await tx.query(`UPDATE areas_staging SET geom = CASE WHEN valid THEN ST_Multi(raw) ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(raw), 3)) END`);
      const bad = await tx.query<{ row_no: number; reason: string | null; valid: boolean; empty: boolean }>(
        'SELECT row_no, reason, valid, ST_IsEmpty(geom) AS empty FROM areas_staging WHERE NOT valid ORDER BY row_no',
      );
      const errors: RowError[] = [];
      for (const b of bad.rows) {
        const item = { row: b.row_no, column: 'geometry', value: b.reason ?? '', params: { reason: b.reason ?? '' } };
        if (b.empty) errors.push({ ...item, code: 'areas.geometry.invalid', message: `the polygon cannot be repaired: ${b.reason}` });
        else warnings?.push({ ...item, code: 'areas.geometry.repaired', message: `invalid polygon repaired (${b.reason})` });
      }
      if (errors.length > 0 && !ctx.skipInvalid) return { inserted: 0, updated: 0, unchanged: 0, errors };
      if (errors.length > 0) await tx.query('DELETE FROM areas_staging WHERE row_no = ANY($1::int[])', [errors.map((e) => e.row)]);
      await tx.exec(`DROP TABLE IF EXISTS areas_merged; CREATE TEMP TABLE areas_merged ON COMMIT DROP AS
        SELECT min(row_no) AS row_no, code, min(name) AS name, min(category) AS category, sum(legal_ha)::numeric(16, 4) AS legal_ha,
               ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) AS geom, false AS existing, false AS same
        FROM areas_staging GROUP BY code`);
      await tx.query(
        `UPDATE areas_merged s SET existing = true, same = a.name = s.name AND a.category IS NOT DISTINCT FROM s.category
           AND a.legal_hectares IS NOT DISTINCT FROM s.legal_ha AND ST_AsBinary(a.geom) = ST_AsBinary(s.geom)
         FROM territory_areas a WHERE a.kind = $1 AND a.code = s.code`,
        [dbKind(o.kind)],
      );
      const counts = (
        await tx.query<{ inserted: number; updated: number; unchanged: number }>(
          `SELECT count(*) FILTER (WHERE NOT existing)::int AS inserted, count(*) FILTER (WHERE existing AND NOT same)::int AS updated,
                  count(*) FILTER (WHERE same)::int AS unchanged FROM areas_merged`,
        )
      ).rows[0]!;
      if (counts.inserted + counts.updated > 0) {
        await tx.query(
          `INSERT INTO territory_areas (kind, code, name, category, legal_hectares, hectares, geom, import_id)
           SELECT $1, code, name, category, legal_ha, round((ST_Area(geom::geography) / 10000)::numeric, 4), geom, $2 FROM areas_merged WHERE NOT same ORDER BY row_no
           ON CONFLICT (kind, code) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, legal_hectares = EXCLUDED.legal_hectares,
             hectares = EXCLUDED.hectares, geom = EXCLUDED.geom, import_id = EXCLUDED.import_id, updated_at = now()`,
          [dbKind(o.kind), await ctx.importId()],
        );
      }
      return { ...counts, errors };
    },
  };
}
