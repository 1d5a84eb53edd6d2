/**
 * `veta import cadastre|areas|dac` and `veta territory situation|overlaps`. The actions
 * take an open database and an output sink (tests call them without a process); JSON on
 * stdout, messages on stderr, exit codes of platform/exit-codes.ts.
 */
// @ts-nocheck

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { cliActor } from '../../platform/cli/context.ts';
import type { Database } from '../../platform/db.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { readCsv, readXlsx } from '../../platform/files/tabular.ts';
import {
  errorsCsv,
  FileRejected,
  importCommand,
  ImportRejectedError,
  processIo,
  rejectedRowsCsvOf,
  runAction,
  runImportDetailed,
  type CliIo,
  type ImportDeclaration,
  type ImportResult,
  type RowError,
} from '../../platform/imports/index.ts';
import { peruToday } from '../../platform/time.ts';
import { AREA_KINDS, areasImport, type AreaKind } from './areas.import.ts';
import { cadastreImport } from './cadastre.import.ts';
import { dacImport } from './dac.import.ts';
import { layerSource, readGeoLayer } from './geo-file.ts';
import { auditPublished, compareWithRecords, type PublishedRow } from './situation.domain.ts';
import { situationReport } from './situation.service.ts';
import { situationCsv, situationXlsx } from './situation.format.ts';

export interface GeoImportOptions {
  srid?: string;
  asOf?: string;
  skipInvalid?: boolean;
  json?: boolean;
  as?: string;
}

const empty = (errors: RowError[]): ImportResult => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0, importId: null, errors });

/** A GeoJSON or zipped-shapefile import (cadastre, areas): the pipeline's contract plus `--srid` and the warnings. */
export async function geoImportAction(
  db: Database,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  makeDecl: (warnings: RowError[]) => ImportDeclaration<any, any, any>,
  file: string,
  o: GeoImportOptions,
  io: CliIo = processIo,
): Promise<ExitCode> {
  const bytes = await readFile(file).catch(() => {
    throw new CliError(`Cannot read ${file}`, ExitCode.usage);
  });
  const asOf = o.asOf ?? peruToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) throw new CliError('--as-of must be YYYY-MM-DD', ExitCode.usage);
  const srid = o.srid === undefined ? undefined : Number(o.srid);
  if (srid !== undefined && !Number.isInteger(srid)) throw new CliError('--srid must be an EPSG code', ExitCode.usage);
  const actor = await cliActor(db, o.as);
  const warnings: RowError[] = [];
  const decl = makeDecl(warnings);
  const report = (result: ImportResult): void => {
    const { importId: _id, ...counts } = result;
    if (o.json) io.out(`${JSON.stringify({ ...counts, warnings })}\n`);
    else
      for (const e of [...result.errors, ...warnings].slice(0, 50))
        io.err(`row ${e.row}, ${e.column || 'file'}: ${e.message}${e.value ? ` (value: ${e.value})` : ''}\n`);
    io.err(`inserted ${result.inserted}, updated ${result.updated}, unchanged ${result.unchanged}, rejected ${result.rejected}, warnings ${warnings.length}\n`);
  };
  const refuse = async (result: ImportResult): Promise<ExitCode> => {
    await writeFile(`${file}.errors.csv`, errorsCsv(result.errors));
    report(result);
    io.err(`Rejected: nothing was imported. Errors written to ${file}.errors.csv\n`);
    return ExitCode.rejected;
  };
  let layer;
  try {
    layer = await readGeoLayer(bytes, srid);
  } catch (err) {
    if (err instanceof FileRejected) return refuse(empty([err.toRowError()]));
    throw err;
  }
  const source = layerSource(layer);
  let result: ImportResult;
  try {
    const run = await runImportDetailed(db, actor, decl, source, {
      fileName: file.split('/').pop() ?? file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      asOf,
      skipInvalid: o.skipInvalid ?? false,
    });
    result = run.result;
  } catch (err) {
    if (err instanceof ImportRejectedError) return refuse(err.result);
    throw err;
  }
  report(result);
  if (result.rejected === 0) return ExitCode.ok;
  await writeFile(`${file}.rejected.csv`, rejectedRowsCsvOf(source, result.errors) ?? errorsCsv(result.errors));
  io.err(`${result.rejected} feature(s) skipped; written to ${file}.rejected.csv\n`);
  return ExitCode.skipped;
}

const geoOptions = (cmd: Command): Command =>
  cmd
    .option('--srid <epsg>', 'CRS of the coordinates when the file does not state it (4326, 4248, 32717-32719, 24877-24879)')
    .option('--as-of <date>', 'date legal states are recorded at (YYYY-MM-DD)', peruToday())
    .option('--skip-invalid', 'import the valid features, write the others to FILE.rejected.csv, exit 3')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print {inserted, updated, unchanged, rejected, errors, warnings} as JSON on stdout');

export function cadastreCommand(): Command {
  return geoOptions(new Command('cadastre').description('import the INGEMMET cadastre (GEOCATMIN zipped shapefile or GeoJSON)').argument('<file>')).action(
    (file: string, o: GeoImportOptions) => runAction((db) => geoImportAction(db, (w) => cadastreImport(w), file, o)),
  );
}

export function areasCommand(): Command {
  return geoOptions(
    new Command('areas').description('import protected / buffer / exclusion areas or indigenous reserves (GeoJSON or zipped shapefile)').argument('<file>'),
  )
    .addOption(new Option('--kind <kind>', 'what the areas are').choices([...AREA_KINDS]).makeOptionMandatory())
    .option('--name-field <field>', 'attribute holding the name (default: anp_nomb, NOMBRE, NAME)')
    .option('--code-field <field>', 'attribute holding the code (default: anp_codi, CODIGO, CODE)')
    .action((file: string, o: GeoImportOptions & { kind: AreaKind; nameField?: string; codeField?: string }) =>
      runAction((db) =>
        geoImportAction(
          db,
          (w) => areasImport({ kind: o.kind, ...(o.nameField ? { nameField: o.nameField } : {}), ...(o.codeField ? { codeField: o.codeField } : {}) }, w),
          file,
          o,
        ),
      ),
    );
}

export const dacCommand = (): Command => importCommand(dacImport);

/** `--published FILE`: a CSV `situation,percent,cases` (a TOTAL row allowed; decimal comma or point; "%" ignored). */
export async function readPublished(file: string): Promise<PublishedRow[]> {
  const buf = await readFile(file).catch(() => {
    throw new CliError(`Cannot read ${file}`, ExitCode.usage);
  });
  const table = /\.xlsx$/i.test(file) ? await readXlsx(buf) : readCsv(buf);
  const idx = (name: string): number => table.headers.findIndex((h) => h.trim().toLowerCase() === name);
  const [s, p, c] = [idx('situation'), idx('percent'), idx('cases')];
  if (s < 0 || p < 0 || c < 0) throw new CliError(`${file} must have the columns situation,percent,cases`, ExitCode.usage);
  const num = (v: string | undefined): number | null => {
    const t = (v ?? '').replace('%', '').replace(',', '.').trim();
    return t === '' || !Number.isFinite(Number(t)) ? null : Number(t);
  };
  return table.rows.map((r) => ({ situation: r.cells[s] ?? '', percent: num(r.cells[p]), cases: num(r.cells[c]) }));
}

export interface SituationOptions {
  year: string;
  region?: string;
  published?: string;
  json?: boolean;
  format?: 'csv' | 'xlsx';
  out?: string;
  as?: string;
}

export async function situationAction(db: Database, o: SituationOptions, io: CliIo = processIo): Promise<ExitCode> {
  if (!/^\d{4}$/.test(o.year)) throw new CliError('--year must be a four-digit year', ExitCode.usage);
  const regions = o.region ? o.region.split(',').map((r) => r.trim().padStart(2, '0')) : null;
  if (regions && regions.some((r) => !/^\d{2}$/.test(r))) throw new CliError('--region takes INEI department codes, comma-separated', ExitCode.usage);
  const actor = await cliActor(db, o.as);
  const report = await situationReport(db, actor, Number(o.year), regions);
  let audit;
  if (o.published) {
    const published = await readPublished(o.published);
    audit = { discrepancies: auditPublished(published), differsFromRecords: compareWithRecords(published, report.rows) };
  }
  if (o.format) {
    if (!o.out) throw new CliError('--format needs --out FILE', ExitCode.usage);
    await writeFile(o.out, o.format === 'csv' ? situationCsv(report) : await situationXlsx(report));
    io.err(`written to ${o.out}\n`);
  }
  if (o.json) io.out(`${JSON.stringify(audit ? { ...report, audit } : report)}\n`);
  else {
    for (const r of report.rows) io.err(`${r.situation.padEnd(14)} ${String(r.cases).padStart(7)} ${r.percent.toFixed(1).padStart(6)} %\n`);
    io.err(`${'TOTAL'.padEnd(14)} ${String(report.total).padStart(7)}\n`);
    for (const d of audit?.discrepancies ?? [])
      io.err(`discrepancy: ${d.situation} ${d.field}: published ${d.published}, recomputed ${d.recomputed} — ${d.reason}\n`);
  }
  return ExitCode.ok;
}

export function territoryCommand(): Command {
  const cmd = new Command('territory').description('territory: the situation of informal miners’ areas, overlaps with protected areas');
  cmd
    .command('situation')
    .description('classify the fronts of a year by the concessions they lie in (free, DAC situation, no DAC, atypical)')
    .requiredOption('--year <year>', 'the DAC year')
    .option('--region <codes>', 'INEI department codes, comma-separated (default: all)')
    .option('--published <file>', 'audit a published table (CSV situation,percent,cases)')
    .addOption(new Option('--format <format>', 'also write the table as a file').choices(['csv', 'xlsx']))
    .option('--out <file>', 'the file for --format')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print the report as JSON on stdout')
    .action((o: SituationOptions) => runAction((db) => situationAction(db, o)));
  cmd
    .command('overlaps')
    .description('fronts and rights that overlap a protected, buffer or exclusion area')
    .option('--region <code>', 'one department (INEI code)')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print the list as JSON on stdout')
    .action((o: { region?: string; as?: string; json?: boolean }) => runAction((db) => overlapsAction(db, o)));
  return cmd;
}

export async function overlapsAction(db: Database, o: { region?: string; as?: string; json?: boolean }, io: CliIo = processIo): Promise<ExitCode> {
  const { listOverlaps } = await import('./areas.service.ts');
  const actor = await cliActor(db, o.as);
  const rows = await listOverlaps(db, actor, o.region ?? null);
  if (o.json) io.out(`${JSON.stringify(rows)}\n`);
  else
    for (const r of rows)
      io.err(`${r.entity} ${r.code}: ${r.areaName} (${r.category ?? r.areaKind}) ${r.overlapHectares === null ? 'inside' : `${r.overlapHectares} ha`}\n`);
  return ExitCode.ok;
}
