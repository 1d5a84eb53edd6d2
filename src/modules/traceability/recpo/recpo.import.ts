/**
 * RECPO import (`veta import recpo FILE`), a declaration on the shared import pipeline:
 * every row validated, the file staged with one set-based insert per chunk, then
 * registrations inserted and updated set-based, all in one transaction — all or nothing
 * unless skipping invalid rows, idempotent (an unchanged registration is counted, not
 * rewritten), one audit entry per file.
 */
import type { Actor } from '../../../platform/context.ts';
import type { Database, Queryable } from '../../../platform/db.ts';
import type { Table } from '../../../platform/files/tabular.ts';
import {
  defineImport,
  runImport,
  runImportIn,
  tableSource,
  yieldToEventLoop,
  type ImportProgress,
  type ImportResult,
} from '../../../platform/imports/index.ts';
import { checkRecpoRows, RECPO_COLUMNS, validateRecpoRow, type DepartmentIndex, type RecpoColumn, type RecpoRow } from './recpo.validate.ts';

export interface RecpoImportOptions {
  fileName: string;
  sha256: string;
  /** The date the import is recorded at (ISO). */
  asOf: string;
  skipInvalid?: boolean;
  onProgress?: ImportProgress;
  jobId?: number;
}

const CHUNK = 5000;

export const recpoImport = defineImport<RecpoColumn, RecpoRow, DepartmentIndex>({
  kind: 'recpo',
  title: 'a RECPO list of gold traders and processors',
  formats: ['csv', 'xlsx'],
  columns: RECPO_COLUMNS,
  // a national registry
  access: ['national', 'admin'],
  options: { asOf: false },
  statistics: ['recpo_registrations'],
  prepare: (tx) => departmentIndex(tx),
  validate: (record, ctx) => validateRecpoRow(record, ctx.prep),
  checkRows: (rows) => checkRecpoRows(rows),
  async write(tx, rows, ctx) {
    if (ctx.checkOnly) return { inserted: 0, updated: 0, unchanged: 0 };
    await stage(tx, rows);
    const counts = await classify(tx);
    if (counts.inserted + counts.updated > 0) await write(tx, await ctx.importId());
    return counts;
  },
});

export async function importRecpo(db: Database, actor: Actor, table: Table, opts: RecpoImportOptions): Promise<ImportResult> {
  return runImport(db, actor, recpoImport, tableSource(table), opts);
}

/** The import inside the caller's transaction (the demo loads through it too). */
export async function importRecpoIn(tx: Queryable, actor: Actor, table: Table, opts: RecpoImportOptions): Promise<ImportResult> {
  return (await runImportIn(tx, actor, recpoImport, tableSource(table), opts)).result;
}

async function departmentIndex(tx: Queryable): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ code: string; name_key: string }>('SELECT code, name_key FROM departments');
  const index = new Map(
    rows.flatMap(
      (r) =>
        [
          [r.name_key, r.code],
          [r.code, r.code],
        ] as const,
    ),
  );
  for (const [alias, code] of [
    ['LIMA METROPOLITANA', '15'],
    ['LIMA PROVINCIAS', '15'],
    ['PROVINCIA CONSTITUCIONAL DEL CALLAO', '07'],
  ] as const) {
    if (!index.has(alias)) index.set(alias, code);
  }
  return index;
}

async function stage(tx: Queryable, rows: RecpoRow[]): Promise<void> {
  await tx.exec(`DROP TABLE IF EXISTS recpo_staging; CREATE TEMP TABLE recpo_staging (
    row_no int PRIMARY KEY, number text NOT NULL, ruc text NOT NULL, name text NOT NULL, kind text NOT NULL, valid_from date NOT NULL,
    valid_to date, capacity_tpd numeric(12, 2), region_code char(2), existing boolean NOT NULL DEFAULT false,
    changed boolean NOT NULL DEFAULT false) ON COMMIT DROP`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const c = rows.slice(i, i + CHUNK);
    await tx.query(
      `INSERT INTO recpo_staging (row_no, number, ruc, name, kind, valid_from, valid_to, capacity_tpd, region_code)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::numeric[], $9::text[])`,
      [
        c.map((r) => r.row),
        c.map((r) => r.number),
        c.map((r) => r.ruc),
        c.map((r) => r.name),
        c.map((r) => r.kind),
        c.map((r) => r.validFrom),
        c.map((r) => r.validTo),
        c.map((r) => r.capacityTpd),
        c.map((r) => r.regionCode),
      ],
    );
    await yieldToEventLoop();
  }
}

async function classify(tx: Queryable): Promise<{ inserted: number; updated: number; unchanged: number }> {
  await tx.exec(`UPDATE recpo_staging s SET existing = true,
      changed = (r.ruc, r.name, r.kind, r.valid_from, r.valid_to, r.capacity_tpd, r.region_code)
                IS DISTINCT FROM (s.ruc, s.name, s.kind, s.valid_from, s.valid_to, s.capacity_tpd, s.region_code)
    FROM recpo_registrations r WHERE r.number = s.number`);
  const { rows } = await tx.query<{ inserted: number; updated: number; unchanged: number }>(
    `SELECT count(*) FILTER (WHERE NOT existing)::int AS inserted, count(*) FILTER (WHERE changed)::int AS updated,
            count(*) FILTER (WHERE existing AND NOT changed)::int AS unchanged
     FROM recpo_staging`,
  );
  return rows[0]!;
}

async function write(tx: Queryable, importId: number): Promise<void> {
  await tx.query(
    `INSERT INTO recpo_registrations (number, ruc, name, kind, valid_from, valid_to, capacity_tpd, region_code, import_id)
     SELECT number, ruc, name, kind, valid_from, valid_to, capacity_tpd, region_code, $1 FROM recpo_staging WHERE NOT existing`,
    [importId],
  );
  await tx.query(
    `UPDATE recpo_registrations r SET ruc = s.ruc, name = s.name, kind = s.kind, valid_from = s.valid_from, valid_to = s.valid_to,
       capacity_tpd = s.capacity_tpd, region_code = s.region_code, import_id = $1, updated_at = now()
     FROM recpo_staging s WHERE s.changed AND r.number = s.number`,
    [importId],
  );
}
