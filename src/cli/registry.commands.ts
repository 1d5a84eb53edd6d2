import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import type { ImportResult } from '../modules/registry/reinfo.import.ts';
import type { RowError } from '../modules/registry/reinfo.validate.ts';
import { withActor } from '../platform/context.ts';
import { readCsv, readXlsx, TableFormatError, type Table } from '../platform/files/tabular.ts';
import { CliError, ExitCode } from '../platform/exit-codes.ts';
import { peruToday } from '../platform/time.ts';
import { cliActor, printJson, say, withDatabase } from './context.ts';
import { recpoImportCommand } from '../modules/traceability/traceability.cli.ts';

const BOM = '\uFEFF';

export function importCommand(): Command {
  const cmd = new Command('import').description('import lists into the registry');
  cmd
    .command('reinfo')
    .description('import a REINFO list (CSV or XLSX); all-or-nothing unless --skip-invalid')
    .argument('<file>', 'CSV or XLSX file')
    .option('--skip-invalid', 'import the valid rows, write the others to FILE.rejected.csv, exit 3')
    .option('--as-of <date>', 'date status changes are recorded at (YYYY-MM-DD)', peruToday())
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print the result as JSON on stdout')
    .action(async (file: string, o: { skipInvalid?: boolean; asOf: string; as?: string; json?: boolean }) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) throw new CliError('--as-of must be YYYY-MM-DD', ExitCode.usage);
      let buf: Buffer;
      try {
        buf = await readFile(file);
      } catch {
        throw new CliError(`Cannot read ${file}`, ExitCode.usage);
      }
      let table: Table;
      try {
        table = /\.xlsx$/i.test(file) ? await readXlsx(buf) : readCsv(buf);
      } catch (err) {
        if (err instanceof TableFormatError) {
          const result: ImportResult = { inserted: 0, updated: 0, unchanged: 0, rejected: 0, importId: null, errors: [{ row: 1, column: '', value: '', message: err.message }] };
          report(result, o.json);
          throw new CliError(err.message, ExitCode.rejected);
        }
        throw err;
      }
      const sha256 = createHash('sha256').update(buf).digest('hex');
      const { importReinfo, ImportRejectedError } = await import('../modules/registry/reinfo.import.ts');
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        const bar = table.rows.length >= 5000 && process.stderr.isTTY ? progressBar(table.rows.length) : null;
        let result: ImportResult;
        let phase = '';
        const onProgress = (p: string, done: number): void => {
          if (bar) bar.update(done, { phase: p });
          else if (p !== phase) say(`${p}: ${table.rows.length} rows…`);
          phase = p;
        };
        try {
          result = await importReinfo(db, actor, table, {
            fileName: file.split('/').pop() ?? file,
            sha256,
            asOf: o.asOf,
            skipInvalid: o.skipInvalid ?? false,
            onProgress,
          });
        } catch (err) {
          bar?.stop();
          if (!(err instanceof ImportRejectedError)) throw err;
          await writeFile(`${file}.errors.csv`, BOM + stringify([['row', 'column', 'value', 'message'], ...err.result.errors.map(errorCells)]));
          report(err.result, o.json);
          say(`Rejected: nothing was imported. Errors written to ${file}.errors.csv`);
          throw new CliError('', ExitCode.rejected);
        }
        bar?.stop();
        report(result, o.json);
        if (result.rejected > 0) {
          await writeRejected(file, table, result.errors);
          say(`${result.rejected} row(s) skipped; written to ${file}.rejected.csv`);
          throw new CliError('', ExitCode.skipped);
        }
      });
    });
  cmd.addCommand(recpoImportCommand());
  return cmd;
}

function progressBar(total: number): SingleBar {
  const bar = new SingleBar({
    stream: process.stderr,
    format: '{phase} [{bar}] {percentage}% | {value}/{total} rows | {speed} rows/s',
    etaBuffer: 50,
  });
  const started = Date.now();
  bar.start(total, 0, { phase: 'validate', speed: '0' });
  const update = bar.update.bind(bar);
  bar.update = ((value: number, payload?: object) => {
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    update(value, { ...payload, speed: Math.round(value / secs).toLocaleString('es-PE') });
  }) as typeof bar.update;
  return bar;
}

const errorCells = (e: RowError): string[] => [String(e.row), e.column, e.value, e.message];

function report(result: ImportResult, json: boolean | undefined): void {
  const { importId: _id, ...out } = result;
  if (json) {
    printJson(out);
    return;
  }
  for (const e of result.errors.slice(0, 50)) say(`row ${e.row}, ${e.column || 'file'}: ${e.message}${e.value ? ` (value: ${e.value})` : ''}`);
  if (result.errors.length > 50) say(`… and ${result.errors.length - 50} more`);
  say(`inserted ${result.inserted}, updated ${result.updated}, unchanged ${result.unchanged}, rejected ${result.rejected}`);
}

async function writeRejected(file: string, table: Table, errors: RowError[]): Promise<void> {
  const byRow = new Map<number, string[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${e.column}: ${e.message}`]);
  const rows = table.rows.filter((r) => byRow.has(r.row)).map((r) => [String(r.row), ...r.cells, byRow.get(r.row)!.join('; ')]);
  await writeFile(`${file}.rejected.csv`, BOM + stringify([['FILA', ...table.headers, 'ERRORES'], ...rows]));
}

export function exportCommand(): Command {
  const cmd = new Command('export').description('export registry data');
  cmd
    .command('reinfo')
    .description('export REINFO inscriptions in the import format (re-importable)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .option('--region <code>', 'only this department (INEI code)')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action(async (o: { format: 'csv' | 'xlsx'; region?: string; out?: string; as?: string }) => {
      if (o.format === 'xlsx' && !o.out) throw new CliError('--format xlsx needs --out FILE', ExitCode.usage);
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
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
            [o.region ?? null],
          ),
        );
        const headers = ['RUC', 'NOMBRE', 'CODIGO UNICO', 'NOMBRE DERECHO MINERO', 'DEPARTAMENTO', 'PROVINCIA', 'DISTRITO', 'TIPO ACTIVIDAD', 'ESTADO', 'FECHA INSCRIPCION', 'LATITUD', 'LONGITUD', 'UBIGEO'];
        const data = rows.map((r) => headers.map((h) => r[h] ?? ''));
        if (o.format === 'csv') {
          const csv = BOM + stringify([headers, ...data]);
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
        say(`${rows.length} inscription(s) exported`);
      });
    });
  return cmd;
}
