/**
 * `veta formalization report|permanence`. Results on stdout (JSON, CSV, or a file with
 * --out), messages on stderr; exit codes from platform/exit-codes.ts.
 */
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { cliActor, withDatabase } from '../../platform/cli/context.ts';
import type { Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { regionCode } from './formalization-api.schema.ts';
import { reportCsv, reportXlsx } from './formalization-report.format.ts';
import { DEFAULT_STALLED_DAYS, type FormalizationReport } from './formalization-report.schema.ts';
import { formalizationReport } from './formalization.report.ts';
import { permanenceCheck } from './permanence.service.ts';
import { isoDateSchema } from '../../kernel/date.schema.ts';

export interface Output {
  write(chunk: string | Uint8Array): unknown;
  /** True on a terminal: a binary file is not written there. */
  isTTY?: boolean;
}

/** Where results (stdout) and messages (stderr) go. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
}

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

interface ReportCliOptions {
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  format: 'json' | 'csv' | 'xlsx';
  out?: string | undefined;
  stalledDays?: string | number | undefined;
  now?: Date;
}

const usage = (message: string): CliError => new CliError(message, ExitCode.usage);

function checkDate(name: string, value: string | undefined): void {
  if (value !== undefined && !isoDateSchema.safeParse(value).success) throw usage(`--${name} must be a date YYYY-MM-DD`);
}

async function checkRegion(db: Database, region: string | undefined): Promise<void> {
  if (region === undefined) return;
  if (!regionCode.safeParse(region).success) throw usage('--region must be an INEI department code (two digits)');
  const { rows } = await db.query('SELECT 1 FROM departments WHERE code = $1', [region]);
  if (rows.length === 0) throw usage(`No department with code ${region}`);
}

/** The report command on an open database: validates, builds, renders and writes. */
export async function runReport(db: Database, actor: Actor, o: ReportCliOptions, io: CliIo = processIo): Promise<FormalizationReport> {
  // The contract: stdout when no --out; only a terminal is spared the bytes of a workbook.
  if (o.format === 'xlsx' && !o.out && io.stdout.isTTY === true) throw usage('refusing to write an xlsx workbook to a terminal: use --out FILE or a pipe');
  checkDate('from', o.from);
  checkDate('to', o.to);
  if (o.from && o.to && o.from > o.to) throw usage('--from is after --to');
  const stalledDays = Number(o.stalledDays ?? DEFAULT_STALLED_DAYS);
  if (!Number.isInteger(stalledDays) || stalledDays < 1) throw usage('--stalled-days must be a positive whole number');
  await checkRegion(db, o.region);
  const report = await formalizationReport(db, actor, {
    region: o.region,
    from: o.from,
    to: o.to,
    stalledDays,
    ...(o.now ? { now: o.now } : {}),
  });
  const body = o.format === 'json' ? `${JSON.stringify(report)}\n` : o.format === 'csv' ? reportCsv(report) : await reportXlsx(report);
  if (o.out) await writeFile(o.out, body);
  else io.stdout.write(body);
  const scopes = report.regions.length + (report.national ? 1 : 0);
  io.stderr.write(`formalization report: ${scopes} scope(s), cut-off ${report.cutoff}${o.out ? `, written to ${o.out}` : ''}\n`);
  return report;
}

interface PermanenceCliOptions {
  region?: string | undefined;
  date?: string | undefined;
  json?: boolean | undefined;
}

export async function runPermanence(db: Database, actor: Actor, o: PermanenceCliOptions, io: CliIo = processIo) {
  checkDate('date', o.date);
  await checkRegion(db, o.region);
  const result = await permanenceCheck(db, actor, { region: o.region, date: o.date });
  if (o.json) {
    io.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    for (const c of result.candidates) {
      io.stdout.write(`${[c.departmentCode, c.inscriptionId, c.ruc, c.declarantName, c.failures.map((f) => f.code).join(',')].join('\t')}\n`);
    }
  }
  io.stderr.write(
    `${result.candidates.length} candidate(s) for suspension among ${result.checked} vigente inscription(s) on ${result.referenceDate}` +
      (result.withoutFacts > 0 ? ` (${result.withoutFacts} without recorded facts: IGAFOM checked only)` : '') +
      '\n',
  );
  return result;
}

export function formalizationCommand(): Command {
  const cmd = new Command('formalization').description('formalization expedientes: reports and the permanence check');
  cmd
    .command('report')
    .description('funnel, time in step, stalled files, backlog per reviewer and typology, per region and national')
    .option('--region <code>', 'only this department (INEI code)')
    .option('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .option('--to <date>', 'last day of the period and cut-off (YYYY-MM-DD; default: now)')
    .option('--stalled-days <n>', 'days after which a waiting requirement is stalled', String(DEFAULT_STALLED_DAYS))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv', 'xlsx']).makeOptionMandatory())
    .option('--out <file>', 'write to a file instead of stdout (xlsx: a file or a pipe, not a terminal)')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action(async (o: ReportCliOptions & { as?: string }) => {
      await withDatabase(async (db) => runReport(db, await cliActor(db, o.as), o));
    });
  cmd
    .command('permanence')
    .description('REINFO permanence check: vigente inscriptions that are candidates for suspension')
    .option('--region <code>', 'only this department (INEI code)')
    .option('--date <date>', 'reference date (YYYY-MM-DD; default: today)')
    .option('--json', 'print the result as JSON on stdout')
    .option('--as <user>', 'acting Veta user (default: the local system user)')
    .action(async (o: PermanenceCliOptions & { as?: string }) => {
      await withDatabase(async (db) => runPermanence(db, await cliActor(db, o.as), o));
    });
  return cmd;
}
