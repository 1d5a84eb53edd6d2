/**
 * `veta import iati FILE.xml [--country PE] [--json]` and `veta export iati [--out FILE]`.
 * The actions take an open database and an output sink (CliIo), so tests call them
 * without a process; the commands open the configured database around them.
 */
// @ts-nocheck

import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { cliActor, withDatabase } from '../../platform/cli/context.ts';
import type { Database } from '../../platform/db.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { exportIati } from './cooperation-analysis.service.ts';
import { importIati } from './iati.import.ts';

/** Where a command writes: results to `out` (stdout), messages to `err` (stderr). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** `veta import iati`: exit 0 when stored (or unchanged), 1 when the file is refused (nothing written). */
export async function iatiImportAction(
  db: Database,
  file: string,
  o: { country?: string; json?: boolean; as?: string },
  io: CliIo = processIo,
): Promise<ExitCode> {
  if (o.country !== undefined && !/^[A-Za-z]{2}$/.test(o.country)) throw new CliError('--country must be an ISO 3166-1 alpha-2 code, e.g. PE', ExitCode.usage);
  const xml = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`Cannot read ${file}`, ExitCode.usage);
  });
  const actor = await cliActor(db, o.as);
  const r = await importIati(db, actor, xml.replace(/^\uFEFF/, ''), { country: o.country, fileName: file.split('/').pop() ?? file });
  if (o.json) io.out(`${JSON.stringify({ activities: r.activities, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, errors: r.errors })}\n`);
  if (r.errors.length > 0) {
    if (!o.json) for (const e of r.errors.slice(0, 50)) io.err(`line ${e.line}${e.element ? `, <${e.element}>` : ''}: ${e.message}\n`);
    io.err(`Rejected: nothing was imported (${r.errors.length} error(s)).\n`);
    return ExitCode.rejected;
  }
  io.err(
    `${r.activities} activities: inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}` +
      (r.skippedByCountry > 0 ? `, ${r.skippedByCountry} not for ${o.country?.toUpperCase()}` : '') +
      `; sectors given at transaction level in ${r.transactionLevel.sectors}, countries in ${r.transactionLevel.countries}\n`,
  );
  return ExitCode.ok;
}

/** `veta export iati`: the XML on stdout, or in `--out FILE`. */
export async function iatiExportAction(db: Database, o: { out?: string; agency?: string; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  const { xml, activities } = await exportIati(db, await cliActor(db, o.as), { agency: o.agency });
  if (o.out) {
    await writeFile(o.out, xml);
    io.err(`${activities} activities written to ${o.out}\n`);
  } else io.out(xml);
  return ExitCode.ok;
}

async function run(action: (db: Database) => Promise<ExitCode>): Promise<void> {
  const code = await withDatabase(action);
  if (code !== ExitCode.ok) throw new CliError('', code);
}

export function iatiImportCommand(): Command {
  return new Command('iati')
    .description('import an IATI 2.0x activity file, validated against the IATI XSD; all or nothing, exit 1 when refused')
    .argument('<file>', 'IATI activity XML file')
    .option('--country <iso2>', 'keep only the activities for this recipient country (e.g. PE)')
    .option('--json', 'print {activities, inserted, updated, unchanged, errors} on stdout')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action((file: string, o: { country?: string; json?: boolean; as?: string }) => run((db) => iatiImportAction(db, file, o)));
}

export function iatiExportCommand(): Command {
  return new Command('iati')
    .description("Veta's cooperation projects as an IATI 2.03 activity file")
    .option('--out <file>', 'write to FILE instead of stdout')
    .option('--agency <code>', 'only the projects of one agency')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action((o: { out?: string; agency?: string; as?: string }) => run((db) => iatiExportAction(db, o)));
}
