/**
 * The CLI flow of every import, written once: `veta import <kind> FILE [--skip-invalid]
 * [--as-of DATE] [--as USER] [--json]`. Exit codes (platform/exit-codes.ts): 0 done,
 * 1 rejected (nothing written, FILE.errors.csv), 2 usage, 3 done with rows skipped
 * (FILE.rejected.csv), 4 data folder locked. JSON on stdout, messages on stderr.
 */
import { messageLang, renderMessage, rowErrorText, type MessageParams } from '../../kernel/messages/index.ts';
import { access, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Command } from 'commander';
import type { SingleBar as Bar } from 'cli-progress';
import { cliActor, withDatabase } from '../cli/context.ts';
import type { Database } from '../db.ts';
import { CliError, ExitCode } from '../exit-codes.ts';
import { peruToday } from '../time.ts';
import { errorsCsv, rejectedRowsCsvOf } from './error-files.ts';
import { FileRejected } from './errors.ts';
import { runImportDetailed } from './pipeline.ts';
import { fileSource, type ImportSource } from './sources.ts';
import { importSummary } from './define.ts';
import { ImportRejectedError, type AnyImportDeclaration, type ImportPhase, type ImportResult } from './types.ts';

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

export interface ImportCliOptions {
  skipInvalid?: boolean;
  asOf?: string;
  as?: string;
  json?: boolean;
}

/** A line for the person at the terminal, in the CLI's language (src/kernel/messages/). */
const say = (code: string, params: MessageParams): string => renderMessage(messageLang(), code, params) ?? code;

/** The import of one file by the CLI, on an open database; returns the exit code. */
export async function importAction(db: Database, decl: AnyImportDeclaration, file: string, o: ImportCliOptions, io: CliIo = processIo): Promise<ExitCode> {
  await access(file).catch(() => {
    throw new CliError(`Cannot read ${file}`, ExitCode.usage);
  });
  const asOf = o.asOf ?? peruToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) throw new CliError('--as-of must be YYYY-MM-DD', ExitCode.usage);
  const actor = await cliActor(db, o.as);
  const report = (result: ImportResult, records: number): void => {
    if (o.json) io.out(`${JSON.stringify(importSummary(decl, result, records))}\n`);
    else {
      for (const e of result.errors.slice(0, 50)) io.err(`${rowErrorText(e, messageLang())}\n`);
      if (result.errors.length > 50) io.err(`${say('cli.import.more', { n: result.errors.length - 50 })}\n`);
    }
    io.err(`${say('cli.import.counts', { inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected })}\n`);
  };
  const refuse = async (result: ImportResult, records: number): Promise<ExitCode> => {
    await writeFile(`${file}.errors.csv`, errorsCsv(result.errors));
    report(result, records);
    io.err(`${say('cli.import.rejected', { file: `${file}.errors.csv` })}\n`);
    return ExitCode.rejected;
  };

  let source: ImportSource;
  let sha256: () => string;
  try {
    ({ source, sha256 } = await fileSource(decl, file));
  } catch (err) {
    if (!(err instanceof FileRejected)) throw err;
    return refuse({ inserted: 0, updated: 0, unchanged: 0, rejected: 0, importId: null, errors: [err.toRowError()] }, 0);
  }
  const progress = cliProgress(io, source.total);
  let run;
  try {
    run = await runImportDetailed(db, actor, decl, source, {
      fileName: file.split('/').pop() ?? file,
      get sha256() {
        return sha256();
      },
      asOf,
      skipInvalid: o.skipInvalid ?? false,
      onProgress: progress.update,
    });
  } catch (err) {
    progress.stop();
    if (err instanceof ImportRejectedError) {
      const forbidden = err.result.errors.find((e) => e.code === 'import.forbidden');
      if (forbidden) throw new CliError(`${forbidden.message} (use --as with a user who may)`, ExitCode.usage);
      return refuse(err.result, err.records ?? 0);
    }
    if (err instanceof FileRejected) return refuse({ inserted: 0, updated: 0, unchanged: 0, rejected: 0, importId: null, errors: [err.toRowError()] }, 0);
    if (err instanceof CliError) throw err;
    // a database or program error: the transaction rolled back, so "nothing was imported" is the truth
    throw new CliError(`The import failed and nothing was imported: ${(err as Error).message}`, ExitCode.rejected);
  }
  progress.stop();
  const { result, records } = run;
  report(result, records);
  if (result.rejected === 0) return ExitCode.ok;
  const rejectedCsv = rejectedRowsCsvOf(source, result.errors);
  await writeFile(`${file}.rejected.csv`, rejectedCsv ?? errorsCsv(result.errors));
  io.err(`${say('cli.import.skipped', { n: result.rejected, file: `${file}.rejected.csv` })}\n`);
  return ExitCode.skipped;
}

/** A progress bar on a terminal for big files; a line per phase otherwise. */
function cliProgress(io: CliIo, total: number | undefined): { update: (phase: ImportPhase, done: number, all: number) => void; stop: () => void } {
  if (io.isTTY && io === processIo && (total ?? 0) >= 5000) {
    // loaded for a terminal only: an import from a script or a pipe never needs it
    const { SingleBar } = createRequire(import.meta.url)('cli-progress') as { SingleBar: typeof Bar };
    const bar = new SingleBar({ stream: process.stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total} rows | {speed} rows/s', etaBuffer: 50 });
    const started = Date.now();
    bar.start(total!, 0, { phase: 'validate', speed: '0' });
    return {
      update: (phase, done) => bar.update(done, { phase, speed: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString('es-PE') }),
      stop: () => bar.stop(),
    };
  }
  let last = '';
  return {
    update: (phase, _done, all) => {
      if (phase !== last) io.err(`${phase}: ${(total ?? all).toLocaleString('en')} rows…\n`);
      last = phase;
    },
    stop: () => undefined,
  };
}

/** Runs an action on the configured database; a non-zero exit code ends the command with it. */
export async function runAction(action: (db: Database) => Promise<ExitCode>): Promise<void> {
  const code = await withDatabase(action);
  if (code !== ExitCode.ok) throw new CliError('', code);
}

/** The commander command of a declaration (named after its kind unless `name` says otherwise). */
export function importCommand(decl: AnyImportDeclaration, opts: { name?: string; description?: string } = {}): Command {
  const skip = decl.options?.skipInvalid !== false;
  const asOf = decl.options?.asOf !== false;
  const formats = decl.formats.map((f) => f.toUpperCase()).join(' or ');
  const cmd = new Command(opts.name ?? decl.kind)
    .description(opts.description ?? `import ${decl.title} (${formats}); all-or-nothing${skip ? ' unless --skip-invalid' : ', exit 1 when rejected'}`)
    .argument('<file>', `${formats} file`);
  if (skip) cmd.option('--skip-invalid', 'import the valid rows, write the others to FILE.rejected.csv, exit 3');
  if (asOf) cmd.option('--as-of <date>', 'date the import is recorded at (YYYY-MM-DD)', peruToday());
  cmd
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .option('--json', 'print {inserted, updated, unchanged, rejected, errors} as JSON on stdout')
    .action((file: string, o: ImportCliOptions) => runAction((db) => importAction(db, decl, file, o)));
  return cmd;
}
