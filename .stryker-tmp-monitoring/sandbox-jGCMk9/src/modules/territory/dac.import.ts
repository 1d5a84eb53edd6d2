/**
 * `veta import dac`: what each concession declared in its Declaración Anual Consolidada
 * (CSV or XLSX), one row per right and year. A right with no row for a year has no DAC
 * that year (the situation analysis counts it SIN_DAC).
 */
// @ts-nocheck

import type { Queryable } from '../../platform/db.ts';
import type { ImportDeclaration, RowError } from '../../platform/imports/types.ts';
import { normalizeRightCode } from '../registry/registry.domain.ts';
import { DAC_SITUATIONS, dacSituationOf, type DacSituation } from './situation.domain.ts';

const COLUMNS = {
  'CODIGO UNICO': { aliases: ['CODIGOU', 'CODIGO', 'CODIGO DERECHO MINERO'], required: true },
  AÑO: { aliases: ['ANO', 'ANIO', 'YEAR', 'PERIODO'], required: true },
  SITUACION: { aliases: ['SITUACION DECLARADA', 'ESTADO', 'ACTIVIDAD'], required: true },
  PRODUCCION: { aliases: ['PRODUCCION TMS', 'PRODUCCION (TM)'] },
  TRABAJADORES: { aliases: ['NUMERO DE TRABAJADORES', 'TRABAJADORES TOTAL'] },
} as const;
type DacColumn = keyof typeof COLUMNS;

export interface DacRow {
  row: number;
  code: string;
  year: number;
  situation: DacSituation;
  production: number | null;
  workers: number | null;
}

const e = (row: number, column: string, value: string, code: string, message: string): RowError => ({ row, column, value, code, message });

export const dacImport: ImportDeclaration<DacColumn, DacRow> = {
  kind: 'dac',
  title: 'DAC: the activity each mining right declared per year',
  formats: ['csv', 'xlsx'],
  columns: COLUMNS,
  access: ['regional', 'national', 'admin'],
  validate(record) {
    const v = record.values;
    const r = record.row;
    const errors: RowError[] = [];
    const code = normalizeRightCode(v['CODIGO UNICO']);
    if (!/^[0-9]{6,}[A-Z0-9]*$/.test(code)) errors.push(e(r, 'CODIGO UNICO', v['CODIGO UNICO'], 'dac.code.invalid', 'not an INGEMMET code'));
    const year = Number(v.AÑO);
    if (!/^\d{4}$/.test(v.AÑO) || year < 1990 || year > 2100) errors.push(e(r, 'AÑO', v.AÑO, 'dac.year.invalid', 'the year must have four digits (1990–2100)'));
    const situation = dacSituationOf(v.SITUACION);
    if (situation === null)
      errors.push(e(r, 'SITUACION', v.SITUACION, 'dac.situation.unknown', `the situation must be one of ${DAC_SITUATIONS.join(', ').replace(/_/g, ' ')}`));
    const num = (col: 'PRODUCCION' | 'TRABAJADORES', integer: boolean): number | null => {
      const raw = v[col].replace(',', '.');
      if (raw === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
        errors.push(
          e(r, col, v[col], `dac.${col === 'PRODUCCION' ? 'production' : 'workers'}.invalid`, integer ? 'not a whole number ≥ 0' : 'not a number ≥ 0'),
        );
        return null;
      }
      return n;
    };
    const production = num('PRODUCCION', false);
    const workers = num('TRABAJADORES', true);
    if (errors.length > 0) return errors;
    return { row: r, code, year, situation: situation!, production, workers };
  },
  checkRows(rows) {
    const seen = new Map<string, number>();
    const out: RowError[] = [];
    for (const row of rows) {
      const k = `${row.code}|${row.year}`;
      const first = seen.get(k);
      if (first === undefined) seen.set(k, row.row);
      else
        out.push({
          ...e(row.row, 'CODIGO UNICO', row.code, 'dac.duplicate', `the right's DAC for ${row.year} is already in row ${first}`),
          params: { first, year: row.year },
        });
    }
    return out;
  },
  async write(tx, rows, ctx) {
    if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    await stage(tx, rows);
    const errors = await unknownRights(tx, ctx.actor.role === 'regional' ? ctx.actor.region : null);
    if (errors.length > 0 && !ctx.skipInvalid) return { inserted: 0, updated: 0, unchanged: 0, errors };
    if (errors.length > 0) await tx.query('DELETE FROM dac_staging WHERE row_no = ANY($1::int[])', [errors.map((x) => x.row)]);
    await tx.query(
      `UPDATE dac_staging s SET existing = true,
         same = d.status = 'presented' AND d.situation IS NOT DISTINCT FROM s.situation AND d.production IS NOT DISTINCT FROM s.production
                AND d.workers IS NOT DISTINCT FROM s.workers
       FROM dac_statuses d WHERE d.mining_right_id = s.right_id AND d.year = s.year`,
    );
    const counts = (
      await tx.query<{ inserted: number; updated: number; unchanged: number }>(
        `SELECT count(*) FILTER (WHERE NOT existing)::int AS inserted, count(*) FILTER (WHERE existing AND NOT same)::int AS updated,
                count(*) FILTER (WHERE same)::int AS unchanged FROM dac_staging`,
      )
    ).rows[0]!;
    if (counts.inserted + counts.updated > 0) {
      const importId = await ctx.importId();
      await tx.query(
        `INSERT INTO dac_statuses (mining_right_id, year, status, situation, production, workers, import_id)
         SELECT right_id, year, 'presented', situation, production, workers, $1 FROM dac_staging WHERE NOT same ORDER BY row_no
         ON CONFLICT (mining_right_id, year) DO UPDATE SET status = 'presented', situation = EXCLUDED.situation,
           production = EXCLUDED.production, workers = EXCLUDED.workers, import_id = EXCLUDED.import_id`,
        [importId],
      );
    }
    return { ...counts, errors };
  },
};

async function stage(tx: Queryable, rows: readonly DacRow[]): Promise<void> {
  await tx.exec(`DROP TABLE IF EXISTS dac_staging; CREATE TEMP TABLE dac_staging (row_no int PRIMARY KEY, code text NOT NULL, year smallint NOT NULL,
    situation text NOT NULL, production numeric(16, 4), workers int, right_id bigint, department_code text,
    existing boolean NOT NULL DEFAULT false, same boolean NOT NULL DEFAULT false) ON COMMIT DROP`);
  await tx.query(
    `INSERT INTO dac_staging (row_no, code, year, situation, production, workers)
     SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[], $5::numeric[], $6::int[])`,
    [
      rows.map((r) => r.row),
      rows.map((r) => r.code),
      rows.map((r) => r.year),
      rows.map((r) => r.situation),
      rows.map((r) => r.production),
      rows.map((r) => r.workers),
    ],
  );
  // rights found whatever region the caller sees (ids and departments only)
  await tx.query(
    `UPDATE dac_staging s SET right_id = l.id, department_code = l.department_code
     FROM veta_lookup_rights((SELECT array_agg(DISTINCT code) FROM dac_staging)) l WHERE l.code = s.code`,
  );
}

async function unknownRights(tx: Queryable, region: string | null): Promise<RowError[]> {
  const { rows } = await tx.query<{ row_no: number; code: string; unknown: boolean }>(
    `SELECT row_no, code, right_id IS NULL AS unknown FROM dac_staging WHERE right_id IS NULL OR ($1::text IS NOT NULL AND department_code <> $1) ORDER BY row_no`,
    [region],
  );
  return rows.map((r) =>
    r.unknown
      ? { ...e(r.row_no, 'CODIGO UNICO', r.code, 'dac.right.unknown', 'no mining right with this code (import the cadastre first)') }
      : { ...e(r.row_no, 'CODIGO UNICO', r.code, 'dac.region.forbidden', 'a regional official imports only DAC of rights of their region') },
  );
}
