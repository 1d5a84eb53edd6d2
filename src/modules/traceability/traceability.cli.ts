/**
 * `veta ledger import|trace|balance|flags|national` and `veta import recpo`. The
 * actions take an open database and an output sink, so tests call them without
 * spawning processes; the commands open the configured database around them.
 * JSON on stdout, messages on stderr; exit codes from platform/exit-codes.ts.
 */
import { Command } from 'commander';
import { cliActor, withDatabase } from '../../platform/cli/context.ts';
import type { Database } from '../../platform/db.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { peruToday } from '../../platform/time.ts';
import { importAction, importCommand } from '../../platform/imports/index.ts';
import { isIsoDate } from '../../kernel/peru-date.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { ledgerImport } from './ledger/ledger.import.ts';
import { ledgerBalance, ledgerBalances, ledgerFlags, ledgerNational, ledgerTrace } from './ledger/ledger.service.ts';
import { recpoImport } from './recpo/recpo.import.ts';

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

const json = (io: CliIo, value: unknown): void => io.out(`${JSON.stringify(value)}\n`);

/** `veta ledger import FILE.jsonl`: the shared import flow (exit 1 when the file is rejected, FILE.errors.csv lists the errors). */
export async function ledgerImportAction(db: Database, file: string, o: { json?: boolean; as?: string }, io: CliIo = processIo): Promise<ExitCode> {
  return importAction(db, ledgerImport, file, o, io);
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
export async function ledgerBalanceAction(
  db: Database,
  o: { actor?: string; from?: string; to?: string; json?: boolean; as?: string },
  io: CliIo = processIo,
): Promise<ExitCode> {
  const { from, to } = period(o);
  const actor = await cliActor(db, o.as);
  if (o.actor === undefined) {
    json(io, await ledgerBalances(db, actor, from, to));
    return ExitCode.ok;
  }
  if (!/^\d{11}$/.test(o.actor)) throw new CliError('--actor must be a RUC of 11 digits', ExitCode.usage);
  const balance = await ledgerBalance(db, actor, o.actor, from, to).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (!balance) {
    io.err(`No move of ${o.actor} in the ledger that you may see\n`);
    return ExitCode.rejected;
  }
  if (o.json) json(io, balance);
  else {
    io.out(
      `${balance.actor} ${from} – ${to}: opening ${balance.openingFineGrams} g + produced ${balance.producedFineGrams} g + bought ${balance.boughtFineGrams} g`,
    );
    io.out(` − sold ${balance.soldFineGrams} g − losses ${balance.lossFineGrams} g = closing ${balance.closingFineGrams} g\n`);
    for (const f of balance.flags) io.out(`  [${f.severity}] ${f.code} ${f.date}: ${f.message}\n`);
  }
  return ExitCode.ok;
}

export async function ledgerFlagsAction(
  db: Database,
  o: { from?: string; to?: string; json?: boolean; as?: string },
  io: CliIo = processIo,
): Promise<ExitCode> {
  const { from, to } = period(o);
  const result = await ledgerFlags(db, await cliActor(db, o.as), from, to);
  if (o.json) json(io, result);
  else for (const f of result.flags) io.out(`${f.date} [${f.severity}] ${f.code} ${f.actor}${f.lot ? ` lot ${f.lot}` : ''}: ${f.message}\n`);
  return ExitCode.ok;
}

/** `veta import recpo FILE`: the shared import flow (FILE.errors.csv and exit 1; --skip-invalid → FILE.rejected.csv and exit 3). */
export async function recpoImportAction(
  db: Database,
  file: string,
  o: { skipInvalid?: boolean; json?: boolean; as?: string },
  io: CliIo = processIo,
): Promise<ExitCode> {
  return importAction(db, recpoImport, file, o, io);
}

/** Runs an action on the configured database; a non-zero exit code ends the command with it. */
async function run(action: (db: Database) => Promise<ExitCode>): Promise<void> {
  const code = await withDatabase(action);
  if (code !== ExitCode.ok) throw new CliError('', code);
}

export function recpoImportCommand(): Command {
  return importCommand(recpoImport, { description: 'import a RECPO list of gold traders and processors (CSV or XLSX); all-or-nothing unless --skip-invalid' });
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
