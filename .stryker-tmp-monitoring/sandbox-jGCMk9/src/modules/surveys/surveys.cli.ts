/**
 * `veta survey import-form | xform | import-submissions | export`. The actions take an
 * open database and an output sink, so tests call them without spawning processes.
 * JSON on stdout, messages on stderr; exit codes from platform/exit-codes.ts.
 */
// @ts-nocheck

import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { cliActor, withDatabase } from '../../platform/cli/context.ts';
import type { Database } from '../../platform/db.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import type { Table } from '../../platform/files/tabular.ts';
import { FileRejected, importAction, openSource, processIo, runAction, type CliIo } from '../../platform/imports/index.ts';
import { submissionsImport } from './submissions.import.ts';
import { exportSubmissions } from './surveys-export.service.ts';
import { findForm } from './surveys.queries.ts';
import { FormRejectedError, getForm, importForm } from './surveys.service.ts';
import { toXForm } from './xform.domain.ts';
import { readSheets } from './xlsform.read.ts';

const json = (io: CliIo, value: unknown): void => io.out(`${JSON.stringify(value)}\n`);

async function readable(file: string): Promise<Buffer> {
  await access(file).catch(() => {
    throw new CliError(`Cannot read ${file}`, ExitCode.usage);
  });
  return readFile(file);
}

/** `veta survey import-form FILE.xlsx`: 0 imported (or unchanged), 1 refused with sheet/row/column. */
export async function importFormAction(db: Database, file: string, o: { json?: boolean; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  const buf = await readable(file);
  const actor = await cliActor(db, o.as);
  try {
    const r = await importForm(db, actor, buf, path.basename(file));
    if (o.json) json(io, { formId: r.formId, version: r.version, fields: r.fields });
    io.err(`${r.status === 'inserted' ? 'Imported' : 'Already stored, unchanged:'} ${r.formId} version ${r.version} (${r.fields} fields)\n`);
    return ExitCode.ok;
  } catch (err) {
    if (!(err instanceof FormRejectedError)) throw err;
    const errors = err.formErrors.map((e) => ({ sheet: e.sheet, row: e.row, column: e.column, message: e.message }));
    if (o.json) json(io, { errors });
    for (const e of errors) io.err(`${e.sheet || 'file'}${e.row ? ` row ${e.row}` : ''}${e.column ? `, ${e.column}` : ''}: ${e.message}\n`);
    io.err('Refused: the form was not imported.\n');
    return ExitCode.rejected;
  }
}

/** `veta survey xform FORM`: the ODK XForm on stdout or in --out. */
export async function xformAction(db: Database, formId: string, o: { version?: string; out?: string; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  const actor = await cliActor(db, o.as);
  const form = await findForm(db, formId, o.version);
  if (!form) throw new CliError(`No form ${formId}${o.version ? ` version ${o.version}` : ''} (see: veta survey import-form)`, ExitCode.usage);
  await getForm(db, actor, formId, form.version);
  const xml = toXForm(form.definition);
  if (o.out) {
    await writeFile(o.out, xml);
    io.err(`Wrote ${o.out} (${form.formId} version ${form.version})\n`);
  } else io.out(xml);
  return ExitCode.ok;
}

/**
 * The repeat tables of an export: `--repeat NAME=FILE`, else Central's `BASE-NAME.csv`
 * beside the file, else (XLSX) the workbook's sheet named after the repeat.
 */
async function repeatTables(file: string, repeatNames: readonly string[], given: readonly string[]): Promise<Map<string, Table>> {
  const out = new Map<string, Table>();
  const explicit = new Map(
    given.map((g) => {
      const [name, f] = g.split('=');
      if (!name || !f) throw new CliError(`--repeat takes NAME=FILE (got ${g})`, ExitCode.usage);
      return [name, f] as const;
    }),
  );
  const base = file.replace(/\.(csv|xlsx)$/i, '');
  const sheets = /\.xlsx$/i.test(file) ? await readSheets(await readFile(file)) : [];
  for (const name of repeatNames) {
    const given = explicit.get(name);
    const candidates = given ? [given] : [`${base}-${name}.csv`, `${base}-${name}.xlsx`];
    let found = false;
    for (const c of candidates) {
      const bytes = await readFile(c).catch(() => null);
      if (!bytes) continue;
      try {
        const src = await openSource({ formats: ['csv', 'xlsx'] }, bytes, c);
        if (src.table) out.set(name, src.table);
        found = true;
        break;
      } catch (err) {
        if (err instanceof FileRejected) throw new CliError(`${c}: ${err.message}`, ExitCode.rejected);
        throw err;
      }
    }
    if (given && !found) throw new CliError(`Cannot read ${given}`, ExitCode.usage);
    const sheet = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase().slice(0, 31));
    if (!found && sheet) out.set(name, { headers: sheet.headers, rows: sheet.rows.filter((r) => r.cells.some((c) => c !== '')) });
  }
  return out;
}

/** `veta survey import-submissions FORM FILE`: the shared import contract (0, 1 rejected, 3 skipped). */
export async function importSubmissionsAction(
  db: Database,
  formId: string,
  file: string,
  o: { version?: string; repeat?: string[]; skipInvalid?: boolean; json?: boolean; as?: string },
  io: CliIo = processIo,
): Promise<ExitCode> {
  const form = await findForm(db, formId, o.version);
  if (!form) throw new CliError(`No form ${formId}${o.version ? ` version ${o.version}` : ''} (see: veta survey import-form)`, ExitCode.usage);
  await readable(file);
  const repeatNames = [...new Set(collectRepeats(form.definition.children))];
  const repeats = await repeatTables(file, repeatNames, o.repeat ?? []);
  return importAction(
    db,
    submissionsImport(form, repeats),
    file,
    { ...(o.skipInvalid ? { skipInvalid: true } : {}), ...(o.json ? { json: true } : {}), ...(o.as ? { as: o.as } : {}) },
    io,
  );
}

function collectRepeats(nodes: readonly { kind: string; name: string; children?: unknown }[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'repeat' ? [n.name] : []).concat(Array.isArray(n.children) ? collectRepeats(n.children as never) : []));
}

export function surveyCommand(): Command {
  const cmd = new Command('survey').description('survey forms (XLSForm), ODK XForm export, ODK Central / KoboToolbox submissions');
  cmd
    .command('import-form')
    .description('import an XLSForm workbook as a new form version; exit 1 with sheet, row and column when refused')
    .argument('<file>', 'XLSForm (.xlsx)')
    .option('--json', 'print {"formId","version","fields"} or {"errors":[…]} on stdout')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action((file: string, o: { json?: boolean; as?: string }) => runAction((db) => importFormAction(db, file, o)));
  cmd
    .command('xform')
    .description('write the form as an ODK XForm (XML) for ODK Collect, Central and Enketo')
    .argument('<form>', 'form_id')
    .option('--version <version>', 'form version (default: the latest)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((formId: string, o: { version?: string; out?: string }) => runAction((db) => xformAction(db, formId, o)));
  cmd
    .command('import-submissions')
    .description('import an ODK Central or KoboToolbox export (CSV or XLSX, repeats as FILE-REPEAT.csv or sheets); all-or-nothing unless --skip-invalid')
    .argument('<form>', 'form_id')
    .argument('<file>', 'CSV or XLSX export')
    .option('--version <version>', 'form version the submissions were made with (default: the latest)')
    .option('--repeat <name=file...>', "a repeat's table (default: FILE-NAME.csv beside FILE)")
    .option('--skip-invalid', 'import the valid rows, write the others to FILE.rejected.csv, exit 3')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print {"inserted","updated","unchanged","rejected","errors"} on stdout')
    .action((formId: string, file: string, o: { version?: string; repeat?: string[]; skipInvalid?: boolean; json?: boolean; as?: string }) =>
      runAction((db) => importSubmissionsAction(db, formId, file, o)),
    );
  cmd
    .command('export')
    .description('export the submissions (CSV: one row per submission, --repeat for a repeat; XLSX: a sheet per table)')
    .argument('<form>', 'form_id')
    .option('--version <version>', 'form version (default: the latest)')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--labels', 'choice labels instead of codes')
    .option('--repeat <name>', 'CSV: the rows of this repeat')
    .requiredOption('--out <file>', 'file to write')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action((formId: string, o: { version?: string; format: string; labels?: boolean; repeat?: string; out: string; as?: string }) =>
      withDatabase(async (db) => {
        if (o.format !== 'csv' && o.format !== 'xlsx') throw new CliError('--format is csv or xlsx', ExitCode.usage);
        const actor = await cliActor(db, o.as);
        const f = await exportSubmissions(db, actor, formId, { version: o.version, format: o.format, labels: o.labels ? 'labels' : 'codes', repeat: o.repeat });
        await writeFile(o.out, f.content);
        process.stderr.write(`Wrote ${o.out}\n`);
      }),
    );
  return cmd;
}
