/**
 * `veta import trainings FILE [--skip-invalid] [--as USER] [--json]`. A thin command on the
 * shared pipeline's runImport (src/platform/imports/); when the pipeline's own
 * `importCommand(decl)` lands it replaces this file's body with one call.
 */
import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { cliActor, printJson, say, withDatabase } from '../../platform/cli/context.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { toCsv } from '../../platform/files/csv.ts';
import { rejectedRowsCsv } from '../../platform/files/rejected-rows.ts';
import { FileRejected } from '../../platform/imports/errors.ts';
import { runImport } from '../../platform/imports/pipeline.ts';
import { fileSource } from '../../platform/imports/sources.ts';
import { ImportRejectedError, type ImportResult } from '../../platform/imports/types.ts';
import { peruToday } from '../../platform/time.ts';
import { trainingsImport } from './trainings.import.ts';

function report(result: ImportResult, json: boolean | undefined): void {
  const { importId: _id, ...out } = result;
  if (json) return printJson(out);
  for (const e of result.errors.slice(0, 50)) say(`row ${e.row}, ${e.column || 'file'}: ${e.message}${e.value ? ` (value: ${e.value})` : ''}`);
  say(`inserted ${result.inserted}, updated ${result.updated}, unchanged ${result.unchanged}, rejected ${result.rejected}`);
}

export function trainingsImportCommand(): Command {
  return new Command('trainings')
    .description(`import ${trainingsImport.title}; all-or-nothing unless --skip-invalid`)
    .argument('<file>', 'CSV or XLSX file: CODIGO EVENTO, SERVICIO, TEMA, FECHA, UBIGEO (or DEPARTAMENTO/PROVINCIA/DISTRITO), DNI or RUC, NOMBRES, SEXO, EDAD, APROBO')
    .option('--skip-invalid', 'import the valid rows, write the others to FILE.rejected.csv, exit 3')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print {"inserted","updated","unchanged","rejected","errors"} on stdout')
    .action(async (file: string, o: { skipInvalid?: boolean; as?: string; json?: boolean }) => {
      let opened: Awaited<ReturnType<typeof fileSource>>;
      try {
        opened = await fileSource(trainingsImport, file);
      } catch (err) {
        if (err instanceof FileRejected) throw new CliError(`${file}: ${err.message}`, ExitCode.rejected);
        throw new CliError(`Cannot read ${file}: ${(err as Error).message}`, ExitCode.usage);
      }
      await withDatabase(async (db) => {
        const actor = await cliActor(db, o.as);
        let result: ImportResult;
        try {
          result = await runImport(db, actor, trainingsImport, opened.source, {
            fileName: file.split('/').pop() ?? file,
            sha256: opened.sha256(),
            asOf: peruToday(),
            skipInvalid: o.skipInvalid ?? false,
          });
        } catch (err) {
          if (!(err instanceof ImportRejectedError)) throw err;
          const e = err.result.errors;
          await writeFile(`${file}.errors.csv`, toCsv(['row', 'column', 'value', 'message', 'code'], e.map((x) => [x.row, x.column, x.value, x.message, x.code]), { bom: true }));
          report(err.result, o.json);
          say(`Rejected: nothing was imported. Errors written to ${file}.errors.csv`);
          throw new CliError('', ExitCode.rejected);
        }
        report(result, o.json);
        if (result.rejected > 0 && opened.source.table) {
          await writeFile(`${file}.rejected.csv`, rejectedRowsCsv(opened.source.table, result.errors));
          say(`${result.rejected} row(s) skipped; written to ${file}.rejected.csv`);
          throw new CliError('', ExitCode.skipped);
        }
      });
    });
}
