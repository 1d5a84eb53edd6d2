/**
 * RECPO import (`veta import recpo FILE`): validate every row, stage the file with
 * one set-based insert per chunk, then insert and update registrations set-based, all
 * in one transaction — the same rules as the REINFO import: all or nothing unless
 * skipping invalid rows, idempotent (an unchanged registration is counted, not
 * rewritten), one audit entry per file.
 */
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import { refreshStatistics } from '../../platform/statistics.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import type { Table } from '../../platform/files/tabular.ts';
import { ImportRejectedError, type ImportCounts, type ImportResult } from '../registry/reinfo.import.ts';
import type { RowError } from '../registry/reinfo.validate.ts';
import { validateRecpo, type RecpoRow } from './recpo.validate.ts';

export interface RecpoImportOptions {
  fileName: string;
  sha256: string;
  /** The date the import is recorded at (ISO). */
  asOf: string;
  skipInvalid?: boolean;
}

const CHUNK = 5000;
const WRITERS = ['national', 'admin'];

export async function importRecpo(db: Database, actor: Actor, table: Table, opts: RecpoImportOptions): Promise<ImportResult> {
  const result = await withActor(db, actor, (tx) => importRecpoIn(tx, actor, table, opts));
  await refreshStatistics(db, ['recpo_registrations'], result.inserted + result.updated);
  return result;
}

/** The import inside the caller's transaction (the demo loads through it too). */
export async function importRecpoIn(tx: Queryable, actor: Actor, table: Table, opts: RecpoImportOptions): Promise<ImportResult> {
  const validation = validateRecpo(table, await departmentIndex(tx));
  if (validation.fileErrors.length > 0) throw new ImportRejectedError(rejectedResult(validation.fileErrors));
  if (!WRITERS.includes(actor.role)) {
    throw new ImportRejectedError(rejectedResult([{ row: 1, column: '', value: '', message: `the role ${actor.role} may not import RECPO (a national registry)` }]));
  }
  const errors = validation.errors;
  if (errors.length > 0 && !opts.skipInvalid) throw new ImportRejectedError(rejectedResult(errors));
  const rejected = new Set(errors.map((e) => e.row)).size;
  await stage(tx, validation.rows);
  const counts = await classify(tx);
  if (counts.inserted + counts.updated === 0) return { ...counts, rejected, errors, importId: null };
  const importId = await write(tx, actor, opts, { ...counts, rejected });
  return { ...counts, rejected, errors, importId };
}

async function departmentIndex(tx: Queryable): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ code: string; name_key: string }>('SELECT code, name_key FROM departments');
  const index = new Map(rows.flatMap((r) => [[r.name_key, r.code], [r.code, r.code]] as const));
  for (const [alias, code] of [['LIMA METROPOLITANA', '15'], ['LIMA PROVINCIAS', '15'], ['PROVINCIA CONSTITUCIONAL DEL CALLAO', '07']] as const) {
    if (!index.has(alias)) index.set(alias, code);
  }
  return index;
}

function rejectedResult(errors: RowError[]): ImportResult {
  return { inserted: 0, updated: 0, unchanged: 0, rejected: new Set(errors.map((e) => e.row)).size, errors, importId: null };
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
  }
}

async function classify(tx: Queryable): Promise<Omit<ImportCounts, 'rejected'>> {
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

async function write(tx: Queryable, actor: Actor, opts: RecpoImportOptions, counts: ImportCounts): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO imports (kind, file_name, sha256, actor, as_of, counts) VALUES ('recpo', $1, $2, $3, $4, $5::jsonb) RETURNING id`,
    [opts.fileName, opts.sha256, actor.username, opts.asOf, JSON.stringify(counts)],
  );
  const importId = Number(rows[0]!.id);
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
  await appendAudit(tx, actor, {
    action: 'import.recpo',
    entity: 'import',
    entityId: importId,
    after: { file: opts.fileName, sha256: opts.sha256, asOf: opts.asOf, counts },
  });
  return importId;
}
