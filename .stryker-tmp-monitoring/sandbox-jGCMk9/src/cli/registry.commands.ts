/**
 * `veta import reinfo FILE` (the shared import pipeline's command for the REINFO
 * declaration) and `veta export reinfo`, which writes the import format back.
 */
// @ts-nocheck

import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { reinfoImport } from '../modules/registry/reinfo.import.ts';
import { cliActor, say, withDatabase } from '../platform/cli/context.ts';
import { withActor, type Actor } from '../platform/context.ts';
import type { Database } from '../platform/db.ts';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { toCsv } from '../platform/files/csv.ts';
import { importCommand } from '../platform/imports/index.ts';

export function reinfoImportCommand(): Command {
  return importCommand(reinfoImport, {
    description: 'import a REINFO list (CSV or XLSX); all-or-nothing unless --skip-invalid',
  });
}

export const REINFO_EXPORT_HEADERS = [
  'RUC',
  'NOMBRE',
  'CODIGO UNICO',
  'NOMBRE DERECHO MINERO',
  'DEPARTAMENTO',
  'PROVINCIA',
  'DISTRITO',
  'TIPO ACTIVIDAD',
  'ESTADO',
  'FECHA INSCRIPCION',
  'LATITUD',
  'LONGITUD',
  'UBIGEO',
] as const;

export function reinfoExportCommand(): Command {
  return new Command('reinfo')
    .description('export REINFO inscriptions in the import format (re-importable)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .option('--region <code>', 'only this department (INEI code)')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action(async (o: { format: 'csv' | 'xlsx'; region?: string; out?: string; as?: string }) => {
      if (o.format === 'xlsx' && !o.out) throw new CliError('--format xlsx needs --out FILE', ExitCode.usage);
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        const data = await reinfoExportRows(db, actor, o.region ?? null);
        const headers = [...REINFO_EXPORT_HEADERS];
        if (o.format === 'csv') {
          const csv = reinfoExportCsv(data);
          if (o.out) await writeFile(o.out, csv);
          else process.stdout.write(csv);
        } else {
          const { default: ExcelJS } = await import('exceljs');
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('REINFO');
          ws.addRow(headers);
          ws.getRow(1).font = { bold: true };
          for (const d of data) ws.addRow(d);
          await wb.xlsx.writeFile(o.out!);
        }
        say(`${data.length} inscription(s) exported`);
      });
    });
}

/** The inscriptions the actor sees, in the import format (cells in REINFO_EXPORT_HEADERS order). */
export async function reinfoExportRows(db: Database, actor: Actor, region: string | null): Promise<string[][]> {
  const { rows } = await withActor(db, actor, (tx) =>
    tx.query<Record<string, string>>(
      `SELECT i.ruc AS "RUC", i.declarant_name AS "NOMBRE", i.mining_right_code AS "CODIGO UNICO", r.name AS "NOMBRE DERECHO MINERO",
              upper(d.name) AS "DEPARTAMENTO", upper(p.name) AS "PROVINCIA", upper(di.name) AS "DISTRITO",
              upper(i.activity) AS "TIPO ACTIVIDAD", upper(i.status) AS "ESTADO",
              to_char(i.inscription_date, 'DD/MM/YYYY') AS "FECHA INSCRIPCION",
              round(ST_Y(i.front)::numeric, 6)::text AS "LATITUD", round(ST_X(i.front)::numeric, 6)::text AS "LONGITUD",
              i.district_code AS "UBIGEO"
       FROM reinfo_inscriptions i JOIN mining_rights r ON r.id = i.mining_right_id
       JOIN departments d ON d.code = i.department_code
       LEFT JOIN districts di ON di.code = i.district_code LEFT JOIN provinces p ON p.code = di.province_code
       WHERE $1::text IS NULL OR i.department_code = $1 ORDER BY i.id`,
      [region],
    ),
  );
  return rows.map((r) => REINFO_EXPORT_HEADERS.map((h) => r[h] ?? ''));
}

/** `veta export reinfo --format csv`: through the one CSV writer, so a name starting with "=" is inert in Excel. */
export function reinfoExportCsv(data: readonly (readonly string[])[]): string {
  return toCsv([...REINFO_EXPORT_HEADERS], data);
}
