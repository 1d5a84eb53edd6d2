import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { cliActor, withDatabase } from '../../platform/cli/context.ts';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorText } from '../../kernel/messages/index.ts';
import { evaluateMatrix, type Evaluation } from './monitoring.domain.ts';
import type { PolicyMatrix } from './monitoring.schema.ts';
import { POLICY_CODE_PATTERN } from './policy.catalog.ts';
import type { ReportExtras } from './report/report.view.ts';

/** What the `veta policy` commands share: their I/O, option parsers, errors and helpers. */

export type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

export interface PolicyCliIo {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Opens the configured database for one command (default: the CLI's). `evaluate` never calls it. */
  withDatabase?: WithDatabase;
}

export const processIo: PolicyCliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (path) => readFile(path),
  writeFile: (path, data) => writeFile(path, data),
  withDatabase,
};

export const REPORT_FORMATS = ['html', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function parseYearOption(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new InvalidArgumentError('a four-digit year is expected.');
  return Number(text);
}

export function parsePolicyCode(text: string): string {
  const code = text.trim().toUpperCase();
  if (!POLICY_CODE_PATTERN.test(code)) throw new InvalidArgumentError('a policy code (A-Z, 0-9, . _ -; 2 to 40 characters) is expected.');
  return code;
}

/**
 * Commander errors become usage errors (exit 2); help and version keep their exit 0.
 * Commander has printed its message already (on `io.stderr`), so the CliError carries
 * none: a caller that prints non-empty CliError messages prints it once.
 */
export function usageOnError(command: Command, io: PolicyCliIo): Command {
  return command
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride((error: CommanderError) => {
      if (error.exitCode === 0) throw error;
      throw new CliError('', ExitCode.usage);
    });
}

/** Read a matrix file and check it; row-level errors end the command with exit code 1. */
export async function readMatrixFile(io: PolicyCliIo, path: string): Promise<{ matrix: PolicyMatrix; sha256: string }> {
  let data: Uint8Array;
  try {
    data = await io.readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read ${path}: ${reason}`, ExitCode.usage);
  }
  // the parser (and the schema's zod under it) loads only for the commands that read a matrix
  const { formatMatrixError, parseMatrixFile } = await import('./matrix/matrix.parse.ts');
  const parsed = await parseMatrixFile(data);
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `${path}: ${formatMatrixError(e)}`);
    throw new CliError(`${lines.join('\n')}\n${path}: rejected (${parsed.errors.length} errors)`, ExitCode.rejected);
  }
  return { matrix: parsed.matrix, sha256: createHash('sha256').update(data).digest('hex') };
}

/** Read and check a matrix file; row-level errors end the command with exit code 1. */
export async function loadMatrixFile(io: PolicyCliIo, path: string): Promise<PolicyMatrix> {
  return (await readMatrixFile(io, path)).matrix;
}

/** The evaluation, with a warning on stderr when the year has no values or no targets. */
export function evaluateWithWarnings(io: PolicyCliIo, matrix: PolicyMatrix, source: string, year: number, targetYear?: number): Evaluation {
  const evaluation = evaluateMatrix(matrix, { year, targetYear });
  const rows = evaluation.indicators.map((i) => i.row);
  if (!rows.some((r) => r.values[String(year)] !== undefined)) {
    io.stderr.write(`warning: ${source} has no value for ${year}: every avance is ND\n`);
  }
  if (!rows.some((r) => r.targets[String(evaluation.targetYear)] !== undefined)) {
    io.stderr.write(`warning: ${source} has no target for ${evaluation.targetYear}: every avance is ND\n`);
  }
  return evaluation;
}

export async function renderReport(evaluation: Evaluation, format: ReportFormat, extras?: ReportExtras): Promise<string | Uint8Array> {
  switch (format) {
    // The renderers (pdfmake, exceljs) load only when a report is asked for.
    case 'html':
      return (await import('./report/report.html.ts')).renderReportHtml(evaluation, extras);
    case 'pdf':
      return (await import('./report/report.pdf.ts')).renderReportPdf(evaluation, extras);
    case 'xlsx':
      return (await import('./report/report.xlsx.ts')).renderReportXlsx(evaluation, extras);
  }
}

/** Writes a result to --out, or to stdout unless it is binary and stdout a terminal. */
export async function output(io: PolicyCliIo, data: string | Uint8Array, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout.write(data);
    return;
  }
  await io.writeFile(out, data);
  io.stderr.write(`wrote ${out}\n`);
}

export function refuseBinaryToTerminal(io: PolicyCliIo, format: string, out: string | undefined): void {
  if (out === undefined && format !== 'html' && format !== 'csv' && io.stdout.isTTY === true) {
    throw new CliError(`refusing to write a binary ${format} file to a terminal: use --out FILE or a pipe`, ExitCode.usage);
  }
}

/**
 * Runs `fn` with the database and the acting user (`--as`, default the local system
 * user); service refusals become CLI errors: forbidden exit 1, not found or invalid exit 2.
 */
export async function withPolicyDatabase<T>(io: PolicyCliIo, as: string | undefined, fn: (db: Database, actor: Actor) => Promise<T>): Promise<T> {
  const open = io.withDatabase ?? withDatabase;
  try {
    return await open(async (db) => fn(db, await cliActor(db, as)));
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliError(errorText(error), error.kind === 'forbidden' ? ExitCode.rejected : ExitCode.usage);
    }
    throw error;
  }
}
