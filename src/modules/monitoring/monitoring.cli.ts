import { Command, CommanderError, Option } from 'commander';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { formatEvaluationText } from './report/evaluation.text.ts';
import { registerPolicyDatabaseCommands } from './monitoring-db.cli.ts';
import { toEvaluationJson } from './monitoring.domain.ts';
import type { PolicyMatrix } from './monitoring.schema.ts';
import { policyMatrix } from './monitoring.service.ts';
import { DEFAULT_POLICY_CODE } from './policy.catalog.ts';
import { withMeasuredValues } from './bindings/measure.service.ts';
import type { ReportExtras } from './report/report.view.ts';
import {
  evaluateWithWarnings,
  loadMatrixFile,
  output,
  parsePolicyCode,
  parseYearOption,
  processIo,
  refuseBinaryToTerminal,
  renderReport,
  REPORT_FORMATS,
  usageOnError,
  withPolicyDatabase,
  type PolicyCliIo,
  type ReportFormat,
  type WithDatabase,
} from './policy-cli.shared.ts';

export { loadMatrixFile, processIo, type PolicyCliIo } from './policy-cli.shared.ts';

/**
 * The `veta policy` commands. `evaluate` works on a matrix file and never opens the
 * database; `report` renders from a file (--file) or from the database; `import`,
 * `export` and `measure` (monitoring-db.cli.ts) work on the database.
 * Exit codes: 0 ok, 1 rejected input (row-level errors on stderr) or refused write, 2 usage.
 * JSON and reports on stdout, messages on stderr.
 */

/**
 * Add the policy commands to the `policy` command. Actions are async: the program
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
    io.stdout.write(options.json ? `${JSON.stringify(toEvaluationJson(evaluation), null, 2)}\n` : formatEvaluationText(evaluation));
  });

  usageOnError(
    policy
      .command('report')
      .description('Render the follow-up report (HTML, PDF or XLSX) of a matrix file, or of a policy in the database')
      .requiredOption('--year <year>', 'year of the values obtained', parseYearOption)
      .option('--target-year <year>', 'year of the targets they are compared with (default: --year)', parseYearOption)
      .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).makeOptionMandatory())
      .option('--file <matrix>', 'matrix file, CSV or XLSX (default: the policy stored in the database)')
      .option('--policy <code>', `policy in the database, without --file (default: ${DEFAULT_POLICY_CODE})`, parsePolicyCode)
      .option('--out <file>', 'write the report to this file instead of stdout')
      .option('--policy-name <name>', 'name of the policy for the title')
      .addOption(
        new Option(
          '--values <source>',
          "values obtained of --year: the matrix's, or measured from Veta's records for the bound indicators (side by side with the matrix's)",
        )
          .choices(['matrix', 'measured'])
          .default('matrix'),
      )
      .option('--as <user>', 'acting Veta user (default: the local system user)'),
    io,
  ).action(
    async (options: {
      year: number;
      targetYear?: number;
      format: ReportFormat;
      file?: string;
      policy?: string;
      out?: string;
      policyName?: string;
      values: 'matrix' | 'measured';
      as?: string;
    }) => {
      if (options.file !== undefined && options.policy !== undefined) {
        throw new CliError('give --file or --policy, not both', ExitCode.usage);
      }
      refuseBinaryToTerminal(io, options.format, options.out);
      const code = options.policy ?? DEFAULT_POLICY_CODE;
      let matrix: PolicyMatrix =
        options.file === undefined
          ? await withPolicyDatabase(io, options.as, (db, actor) => policyMatrix(db, actor, code))
          : await loadMatrixFile(io, options.file);
      let extras: ReportExtras = { valuesSource: 'matrix' };
      if (options.values === 'measured') {
        const typed = matrix;
        const measured = await withPolicyDatabase(io, options.as, (db) => withMeasuredValues(db, code, typed, options.year));
        matrix = measured.matrix;
        extras = { valuesSource: 'measured', comparisons: measured.comparisons };
        const differing = measured.comparisons.filter((c) => c.differs).map((c) => c.code);
        if (differing.length > 0) io.stderr.write(`values published in the matrix that differ from the records: ${differing.join(', ')}\n`);
      }
      if (options.policyName !== undefined) matrix.policy.name = options.policyName;
      const source = options.file ?? `policy ${code}`;
      const evaluation = evaluateWithWarnings(io, matrix, source, options.year, options.targetYear);
      await output(io, await renderReport(evaluation, options.format, extras), options.out);
    },
  );
  registerPolicyDatabaseCommands(policy, io);
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
 * `io` (the real file system by default), the database opened through `io.withDatabase`
 * (the configured one by default); stdout is not a TTY unless `stdoutIsTty`.
 */
export async function runPolicyCli(
  args: readonly string[],
  options: { io?: Partial<Pick<PolicyCliIo, 'readFile' | 'writeFile'>> & { withDatabase?: WithDatabase }; stdoutIsTty?: boolean } = {},
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
    ...(options.io?.withDatabase ? { withDatabase: options.io.withDatabase } : {}),
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
