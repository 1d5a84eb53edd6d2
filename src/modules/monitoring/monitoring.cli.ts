import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { formatEvaluationText } from './evaluation.text.ts';
import { formatMatrixError, parseMatrixFile } from './matrix.parse.ts';
import { evaluateMatrix, toEvaluationJson, type Evaluation } from './monitoring.domain.ts';
import type { PolicyMatrix } from './monitoring.schema.ts';
import { renderReportHtml } from './report.html.ts';
import { renderReportPdf } from './report.pdf.ts';
import { renderReportXlsx } from './report.xlsx.ts';

/**
 * `veta policy evaluate` and `veta policy report` (the file-based part of the policy
 * commands; import/export to the database come with the database module).
 * Exit codes: 0 ok, 1 rejected input (row-level errors on stderr), 2 usage.
 * JSON and reports on stdout, messages on stderr.
 */

export interface PolicyCliIo {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

export const processIo: PolicyCliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (path) => readFile(path),
  writeFile: (path, data) => writeFile(path, data),
};

const REPORT_FORMATS = ['html', 'pdf', 'xlsx'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

function parseYearOption(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new InvalidArgumentError('a four-digit year is expected.');
  return Number(text);
}

/** Read and check a matrix file; row-level errors end the command with exit code 1. */
export async function loadMatrixFile(io: PolicyCliIo, path: string): Promise<PolicyMatrix> {
  let data: Uint8Array;
  try {
    data = await io.readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot read ${path}: ${reason}`, ExitCode.usage);
  }
  const parsed = await parseMatrixFile(data);
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `${path}: ${formatMatrixError(e)}`);
    throw new CliError(`${lines.join('\n')}\n${path}: rejected (${parsed.errors.length} errors)`, ExitCode.rejected);
  }
  return parsed.matrix;
}

function evaluateWithWarnings(io: PolicyCliIo, matrix: PolicyMatrix, path: string, year: number, targetYear?: number): Evaluation {
  const evaluation = evaluateMatrix(matrix, { year, targetYear });
  const rows = evaluation.indicators.map((i) => i.row);
  if (!rows.some((r) => r.values[String(year)] !== undefined)) {
    io.stderr.write(`warning: ${path} has no value for ${year}: every avance is ND\n`);
  }
  if (!rows.some((r) => r.targets[String(evaluation.targetYear)] !== undefined)) {
    io.stderr.write(`warning: ${path} has no target for ${evaluation.targetYear}: every avance is ND\n`);
  }
  return evaluation;
}

async function renderReport(evaluation: Evaluation, format: ReportFormat): Promise<string | Uint8Array> {
  switch (format) {
    case 'html':
      return renderReportHtml(evaluation);
    case 'pdf':
      return renderReportPdf(evaluation);
    case 'xlsx':
      return renderReportXlsx(evaluation);
  }
}

/**
 * Commander errors become usage errors (exit 2); help and version keep their exit 0.
 * Commander has printed its message already (on `io.stderr`), so the CliError carries
 * none: a caller that prints non-empty CliError messages prints it once.
 */
function usageOnError(command: Command, io: PolicyCliIo): Command {
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

/**
 * Add `evaluate` and `report` to the `policy` command. Actions are async: the program
 * must be run with `parseAsync`, and its caller prints a `CliError`'s message on stderr
 * and exits with its `exitCode` (a `CommanderError` with exit code 0 is help or version).
 */
export function registerPolicyCommands(policy: Command, io: PolicyCliIo = processIo): Command {
  usageOnError(
    policy
      .command('evaluate')
      .description('Compute the CEPLAN follow-up of a policy matrix file (CSV or XLSX) without the database')
      .argument('<file>', 'matrix file, CSV or XLSX, with the columns of the fixture')
      .requiredOption('--year <year>', 'year of the values obtained', parseYearOption)
      .option('--target-year <year>', 'year of the targets they are compared with (default: --year)', parseYearOption)
      .option('--json', 'print one JSON document (full precision, null for ND)'),
    io,
  ).action(async (file: string, options: { year: number; targetYear?: number; json?: boolean }) => {
    const matrix = await loadMatrixFile(io, file);
    const evaluation = evaluateWithWarnings(io, matrix, file, options.year, options.targetYear);
    io.stdout.write(
      options.json ? `${JSON.stringify(toEvaluationJson(evaluation), null, 2)}\n` : formatEvaluationText(evaluation),
    );
  });

  usageOnError(
    policy
      .command('report')
      .description('Render the follow-up report (HTML, PDF or XLSX)')
      .requiredOption('--year <year>', 'year of the values obtained', parseYearOption)
      .option('--target-year <year>', 'year of the targets they are compared with (default: --year)', parseYearOption)
      .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).makeOptionMandatory())
      .option('--file <matrix>', 'matrix file, CSV or XLSX (required until policies live in the database)')
      .option('--out <file>', 'write the report to this file instead of stdout')
      .option('--policy-name <name>', 'name of the policy for the title'),
    io,
  ).action(
    async (options: {
      year: number;
      targetYear?: number;
      format: ReportFormat;
      file?: string;
      out?: string;
      policyName?: string;
    }) => {
      if (options.file === undefined) {
        throw new CliError('policy report needs --file MATRIX: reports from the database are not available yet', ExitCode.usage);
      }
      if (options.out === undefined && options.format !== 'html' && io.stdout.isTTY === true) {
        throw new CliError(`refusing to write a binary ${options.format} report to a terminal: use --out FILE or a pipe`, ExitCode.usage);
      }
      const matrix = await loadMatrixFile(io, options.file);
      if (options.policyName !== undefined) matrix.policy.name = options.policyName;
      const evaluation = evaluateWithWarnings(io, matrix, options.file, options.year, options.targetYear);
      const report = await renderReport(evaluation, options.format);
      if (options.out === undefined) {
        io.stdout.write(report);
        return;
      }
      await io.writeFile(options.out, report);
      io.stderr.write(`wrote ${options.out}\n`);
    },
  );
  return policy;
}

export interface PolicyCliRun {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Run `veta policy …` with the given arguments (after `policy`) and captured output:
 * for tests, and for callers that embed the command. Files are read and written through
 * `io` (the real file system by default); stdout is not a TTY unless `stdoutIsTty`.
 */
export async function runPolicyCli(
  args: readonly string[],
  options: { io?: Partial<Pick<PolicyCliIo, 'readFile' | 'writeFile'>>; stdoutIsTty?: boolean } = {},
): Promise<PolicyCliRun> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const io: PolicyCliIo = {
    stdout: {
      write: (chunk) => out.push(Buffer.from(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)),
      isTTY: options.stdoutIsTty ?? false,
    },
    stderr: { write: (chunk) => err.push(chunk) },
    readFile: options.io?.readFile ?? processIo.readFile,
    writeFile: options.io?.writeFile ?? processIo.writeFile,
  };
  const policy = usageOnError(new Command('policy'), io);
  registerPolicyCommands(policy, io);
  let exitCode: number = ExitCode.ok;
  try {
    await policy.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CliError) {
      if (error.message !== '') err.push(`${error.message}\n`);
      exitCode = error.exitCode;
    } else if (error instanceof CommanderError) {
      exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    } else {
      throw error;
    }
  }
  return { exitCode, stdout: Buffer.concat(out), stderr: err.join('') };
}
