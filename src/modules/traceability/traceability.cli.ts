/**
 * `veta ledger import|trace|balance|flags|national` and `veta import recpo`. The
 * actions take an open database and an output sink, so tests call them without
 * spawning processes; the commands open the configured database around them.
 * JSON on stdout, messages on stderr; exit codes from platform/exit-codes.ts.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { cliActor, withDatabase } from '../../cli/context.ts';
import type { Database } from '../../platform/db.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { readCsv, readXlsx, TableFormatError, type Table } from '../../platform/files/tabular.ts';
import { peruToday } from '../../platform/time.ts';
import { ImportRejectedError, type ImportResult } from '../registry/reinfo.import.ts';
import { isIsoDate } from './calendar.domain.ts';
import { importLedgerFile, LedgerAccessError } from './ledger.import.ts';
import { ledgerBalance, ledgerBalances, ledgerFlags, ledgerNational, ledgerTrace } from './ledger.service.ts';
import { importRecpo } from './recpo.import.ts';

/** Where a command writes: results to `out` (stdout), messages to `err` (stderr). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  isTTY?: boolean;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTTY: process.stderr.isTTY,
};

const BOM = '\uFEFF';
const json = (io: CliIo, value: unknown): void => io.out(`${JSON.stringify(value)}\n`);

/** The lines of a file, read as a stream, hashing its bytes on the way (a leading BOM is dropped). */
export function fileLines(file: string): { lines: AsyncIterable<string>; sha256: () => string } {
  const hash = createHash('sha256');
  let digest: string | null = null;
  async function* lines(): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    let first = true;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      let text = rest + decoder.write(chunk);
      if (first) text = text.replace(/^\uFEFF/, '');
      first = false;
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
    }
    rest += decoder.end();
    yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
    digest = hash.digest('hex');
  }
  return { lines: lines(), sha256: () => digest ?? '' };
}

async function readable(file: string): Promise<void> {
  await access(file).catch(() => {
    throw new CliError(`Cannot read ${file}`, ExitCode.usage);
  });
}

/** `veta ledger import FILE.jsonl`: exit 1 when the file is rejected (FILE.errors.csv lists the errors). */
export async function ledgerImportAction(db: Database, file: string, o: { json?: boolean; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  await readable(file);
  const actor = await cliActor(db, o.as);
  const { lines, sha256 } = fileLines(file);
  let result;
  try {
    result = await importLedgerFile(db, actor, lines, {
      fileName: file.split('/').pop() ?? file,
      sha256,
      asOf: peruToday(),
      onProgress: (n) => {
        if (io.isTTY) io.err(`\r${n.toLocaleString('es-PE')} lines…`);
      },
    });
  } catch (err) {
    if (err instanceof LedgerAccessError) throw new CliError(err.message, ExitCode.usage);
    throw err;
  }
  if (io.isTTY) io.err('\n');
  const { importId: _id, ...summary } = result;
  if (o.json) json(io, summary);
  if (summary.rejected > 0) {
    await writeFile(`${file}.errors.csv`, BOM + stringify([['row', 'id', 'field', 'message'], ...summary.errors.map((e) => [String(e.row), e.id, e.field, e.message])]));
    if (!o.json) for (const e of summary.errors.slice(0, 50)) io.err(`line ${e.row}${e.id ? ` (${e.id})` : ''}, ${e.field || 'line'}: ${e.message}\n`);
    io.err(`Rejected: nothing was imported (${summary.errors.length} error(s)). Errors written to ${file}.errors.csv\n`);
    return ExitCode.rejected;
  }
  io.err(`inserted ${summary.inserted}, unchanged ${summary.unchanged}\n`);
  return ExitCode.ok;
}

export async function ledgerTraceAction(db: Database, lot: string, o: { json?: boolean; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  const trace = await ledgerTrace(db, await cliActor(db, o.as), lot, peruToday());
  if (!trace) {
    io.err(`Unknown lot ${lot}\n`);
    return ExitCode.rejected;
  }
  if (o.json) json(io, trace);
  else {
    io.out(`${trace.lot}: ${trace.fineGrams} g fine gold${trace.certified ? ', certified Fairmined' : ''}\n`);
    for (const origin of trace.origins) io.out(`  ${origin.site}  ${(origin.share * 100).toFixed(2)} %  ${origin.fineGrams} g\n`);
    if (trace.unknownShare > 0) io.out(`  unknown origin  ${(trace.unknownShare * 100).toFixed(2)} %\n`);
    for (const f of trace.flags) io.out(`  [${f.severity}] ${f.code} ${f.date}: ${f.message}\n`);
  }
  return ExitCode.ok;
}

function period(o: { from?: string; to?: string }): { from: string; to: string } {
  if (!o.from || !o.to || !isIsoDate(o.from) || !isIsoDate(o.to)) throw new CliError('--from and --to must be dates YYYY-MM-DD', ExitCode.usage);
  if (o.to < o.from) throw new CliError('--to must not be before --from', ExitCode.usage);
  return { from: o.from, to: o.to };
}

/** `veta ledger balance --actor RUC --from --to` (without --actor: every actor's balance, no flags). */
export async function ledgerBalanceAction(db: Database, o: { actor?: string; from?: string; to?: string; json?: boolean; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  const { from, to } = period(o);
  const actor = await cliActor(db, o.as);
  if (o.actor === undefined) {
    json(io, await ledgerBalances(db, actor, from, to));
    return ExitCode.ok;
  }
  if (!/^\d{11}$/.test(o.actor)) throw new CliError('--actor must be a RUC of 11 digits', ExitCode.usage);
  const balance = await ledgerBalance(db, actor, o.actor, from, to);
  if (o.json) json(io, balance);
  else {
    io.out(`${balance.actor} ${from} – ${to}: opening ${balance.openingFineGrams} g + produced ${balance.producedFineGrams} g + bought ${balance.boughtFineGrams} g`);
    io.out(` − sold ${balance.soldFineGrams} g − losses ${balance.lossFineGrams} g = closing ${balance.closingFineGrams} g\n`);
    for (const f of balance.flags) io.out(`  [${f.severity}] ${f.code} ${f.date}: ${f.message}\n`);
  }
  return ExitCode.ok;
}

export async function ledgerFlagsAction(db: Database, o: { from?: string; to?: string; json?: boolean; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  const { from, to } = period(o);
  const result = await ledgerFlags(db, await cliActor(db, o.as), from, to);
  if (o.json) json(io, result);
  else for (const f of result.flags) io.out(`${f.date} [${f.severity}] ${f.code} ${f.actor}${f.lot ? ` lot ${f.lot}` : ''}: ${f.message}\n`);
  return ExitCode.ok;
}

/** `veta import recpo FILE`: the REINFO import's rules (FILE.errors.csv and exit 1; --skip-invalid → FILE.rejected.csv and exit 3). */
export async function recpoImportAction(db: Database, file: string, o: { skipInvalid?: boolean; json?: boolean; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  const buf = await readFile(file).catch(() => {
    throw new CliError(`Cannot read ${file}`, ExitCode.usage);
  });
  const report = (result: ImportResult): void => {
    const { importId: _id, ...out } = result;
    if (o.json) json(io, out);
    else for (const e of result.errors.slice(0, 50)) io.err(`row ${e.row}, ${e.column || 'file'}: ${e.message}${e.value ? ` (value: ${e.value})` : ''}\n`);
    io.err(`inserted ${result.inserted}, updated ${result.updated}, unchanged ${result.unchanged}, rejected ${result.rejected}\n`);
  };
  let table: Table;
  try {
    table = /\.xlsx$/i.test(file) ? await readXlsx(buf) : readCsv(buf);
  } catch (err) {
    if (!(err instanceof TableFormatError)) throw err;
    report({ inserted: 0, updated: 0, unchanged: 0, rejected: 0, importId: null, errors: [{ row: 1, column: '', value: '', message: err.message }] });
    return ExitCode.rejected;
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const actor = await cliActor(db, o.as);
  let result: ImportResult;
  try {
    result = await importRecpo(db, actor, table, { fileName: file.split('/').pop() ?? file, sha256, asOf: peruToday(), skipInvalid: o.skipInvalid ?? false });
  } catch (err) {
    if (!(err instanceof ImportRejectedError)) throw err;
    const rows = err.result.errors.map((e) => [String(e.row), e.column, e.value, e.message]);
    await writeFile(`${file}.errors.csv`, BOM + stringify([['row', 'column', 'value', 'message'], ...rows]));
    report(err.result);
    io.err(`Rejected: nothing was imported. Errors written to ${file}.errors.csv\n`);
    return ExitCode.rejected;
  }
  report(result);
  if (result.rejected === 0) return ExitCode.ok;
  const byRow = new Map<number, string[]>();
  for (const e of result.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${e.column}: ${e.message}`]);
  const rejected = table.rows.filter((r) => byRow.has(r.row)).map((r) => [String(r.row), ...r.cells, (byRow.get(r.row) ?? []).join('; ')]);
  await writeFile(`${file}.rejected.csv`, BOM + stringify([['FILA', ...table.headers, 'ERRORES'], ...rejected]));
  io.err(`${result.rejected} row(s) skipped; written to ${file}.rejected.csv\n`);
  return ExitCode.skipped;
}

/** Runs an action on the configured database; a non-zero exit code ends the command with it. */
async function run(action: (db: Database) => Promise<ExitCode>): Promise<void> {
  const code = await withDatabase(action);
  if (code !== ExitCode.ok) throw new CliError('', code);
}

export function recpoImportCommand(): Command {
  return new Command('recpo')
    .description('import a RECPO list of gold traders and processors (CSV or XLSX); all-or-nothing unless --skip-invalid')
    .argument('<file>', 'CSV or XLSX file')
    .option('--skip-invalid', 'import the valid rows, write the others to FILE.rejected.csv, exit 3')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print the result as JSON on stdout')
    .action((file: string, o: { skipInvalid?: boolean; json?: boolean; as?: string }) => run((db) => recpoImportAction(db, file, o)));
}

export function ledgerCommand(): Command {
  const cmd = new Command('ledger').description('the gold traceability ledger: import events, trace lots, mass balances, red flags');
  const as = '--as <user>';
  const asHelp = 'acting Veta user (default: the local system user)';
  cmd
    .command('import')
    .description('import ledger events (JSONL, one event per line); all or nothing, exit 1 when rejected')
    .argument('<file>', 'JSONL file')
    .option('--json', 'print {inserted, unchanged, rejected, errors} on stdout')
    .option(as, asHelp)
    .action((file: string, o: { json?: boolean; as?: string }) => run((db) => ledgerImportAction(db, file, o)));
  cmd
    .command('trace')
    .description('origin of a lot back to its mining sites, certification and flags')
    .argument('<lot>', 'lot id')
    .option('--json', 'print the trace as JSON')
    .option(as, asHelp)
    .action((lot: string, o: { json?: boolean; as?: string }) => run((db) => ledgerTraceAction(db, lot, o)));
  cmd
    .command('balance')
    .description('mass balance of an actor over a period, both dates inclusive (without --actor: every actor)')
    .option('--actor <ruc>', 'RUC of the actor')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--json', 'print the balance as JSON')
    .option(as, asHelp)
    .action((o: { actor?: string; from?: string; to?: string; json?: boolean; as?: string }) => run((db) => ledgerBalanceAction(db, o)));
  cmd
    .command('flags')
    .description('red flags dated in a period, both dates inclusive')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--json', 'print {flags} as JSON')
    .option(as, asHelp)
    .action((o: { from?: string; to?: string; json?: boolean; as?: string }) => run((db) => ledgerFlagsAction(db, o)));
  cmd
    .command('national')
    .description('declared production against exports per year and region of origin (JSON)')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD)')
    .option(as, asHelp)
    .action((o: { from?: string; to?: string; as?: string }) =>
      run(async (db) => {
        json(processIo, await ledgerNational(db, await cliActor(db, o.as), o.from ?? null, o.to ?? null));
        return ExitCode.ok;
      }),
    );
  return cmd;
}
