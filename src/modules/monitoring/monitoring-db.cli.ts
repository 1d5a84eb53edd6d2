import { Command, Option } from 'commander';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { peruToday } from '../../platform/time.ts';
import { measurePolicyCounts, storeMeasurements, unboundIndicators, type IndicatorCount } from './bindings/measure.service.ts';
import { importPolicyMatrix, MatrixRejectedError, policyMatrix, type ImportSummary } from './monitoring.service.ts';
import { DEFAULT_POLICY_CODE } from './policy.catalog.ts';
import {
  output,
  parsePolicyCode,
  parseYearOption,
  readMatrixFile,
  refuseBinaryToTerminal,
  usageOnError,
  withPolicyDatabase,
  type PolicyCliIo,
} from './policy-cli.shared.ts';

/** `veta policy import | export | measure`: policies in the database. */

const POLICY_OPTION = `policy code (default: ${DEFAULT_POLICY_CODE})`;
const AS_OPTION = 'acting Veta user (default: the local system user)';

function describeImport(s: ImportSummary): string {
  if (!s.changed) return `${s.policy}: unchanged (the database already holds this matrix)`;
  const c = s.changes;
  return (
    `${s.policy}: ${s.created ? 'created; ' : ''}elements ${c.elements.added} added, ${c.elements.changed} changed, ` +
    `${c.elements.removed} removed; ${c.targets} target(s), ${c.values} value(s), ${c.notes} alert(s)/measure(s), ` +
    `${c.published} published figure(s) changed`
  );
}

const formatNumber = (v: number | null | undefined): string => (v === null || v === undefined ? 'ND' : String(v));

function measureTable(code: string, year: number, ms: IndicatorCount[], stored: string[]): string {
  const rows = [
    ['Código', 'Medido (%)', 'Numerador/Denominador', 'Almacenado', 'Fuente del almacenado', 'Nota'],
    ...ms.map((m) => [
      m.indicator,
      formatNumber(m.value),
      `${m.numerator}/${m.denominator}`,
      formatNumber(m.stored?.value),
      m.stored?.source ?? (m.stored ? '' : '—'),
      [m.availability === 'complete' ? '' : m.availability, stored.includes(m.indicator) ? 'almacenado ahora' : ''].filter(Boolean).join('; '),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const lines = rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  return [`Indicadores medidos desde los registros de Veta — ${code}, ${year}`, '', ...lines, ''].join('\n');
}

export function registerPolicyDatabaseCommands(policy: Command, io: PolicyCliIo): void {
  usageOnError(
    policy
      .command('import')
      .description('Store a matrix file (CSV or XLSX) as a policy in the database; re-importing the same file changes nothing')
      .argument('<file>', 'matrix file, CSV or XLSX, with the columns of the fixture')
      .option('--policy <code>', POLICY_OPTION, parsePolicyCode, DEFAULT_POLICY_CODE)
      .option('--as <user>', AS_OPTION)
      .option('--json', 'print the result as JSON on stdout'),
    io,
  ).action(async (file: string, o: { policy: string; as?: string; json?: boolean }) => {
    const { matrix, sha256 } = await readMatrixFile(io, file);
    const fileName = file.split(/[\\/]/).pop() ?? file;
    const summary = await withPolicyDatabase(io, o.as, async (db, actor) => {
      try {
        return await importPolicyMatrix(db, actor, o.policy, matrix, { fileName, sha256, asOf: peruToday() });
      } catch (error) {
        if (!(error instanceof MatrixRejectedError)) throw error;
        const lines = error.problems.map((p) => `${file}: ${p.code}, column ${p.column}${p.value ? ` (value "${p.value}")` : ''}: ${p.message}`);
        throw new CliError(`${lines.join('\n')}\n${file}: rejected (${error.problems.length} errors)`, ExitCode.rejected);
      }
    });
    if (o.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else io.stderr.write(`${describeImport(summary)}\n`);
  });

  usageOnError(
    policy
      .command('export')
      .description('Write a stored policy as a matrix file (the format import and evaluate read)')
      .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
      .option('--policy <code>', POLICY_OPTION, parsePolicyCode, DEFAULT_POLICY_CODE)
      .option('--out <file>', 'write to this file instead of stdout')
      .option('--as <user>', AS_OPTION),
    io,
  ).action(async (o: { format: 'csv' | 'xlsx'; policy: string; out?: string; as?: string }) => {
    refuseBinaryToTerminal(io, o.format, o.out);
    const matrix = await withPolicyDatabase(io, o.as, (db, actor) => policyMatrix(db, actor, o.policy));
    // the writers load only when a matrix is exported
    const { writeMatrixCsv, writeMatrixXlsx } = await import('./matrix/matrix.write.ts');
    await output(io, o.format === 'csv' ? writeMatrixCsv(matrix) : await writeMatrixXlsx(matrix), o.out);
  });

  usageOnError(
    policy
      .command('measure')
      .description("Measure the bound indicators from Veta's records and show them next to the stored values")
      .requiredOption('--year <year>', 'year measured (records as of 31 December)', parseYearOption)
      .option('--policy <code>', POLICY_OPTION, parsePolicyCode, DEFAULT_POLICY_CODE)
      .option('--store', "record the measured values (source 'Veta records', audited); ND and unchanged values are skipped")
      .option('--as <user>', AS_OPTION)
      .option('--json', 'print one JSON document'),
    io,
  ).action(async (o: { year: number; policy: string; store?: boolean; as?: string; json?: boolean }) => {
    const { measurements, stored, unbound } = await withPolicyDatabase(io, o.as, async (db, actor) => {
      // counts only: the command prints how many records there are, never the records
      const ms = await measurePolicyCounts(db, actor, o.policy, o.year);
      return {
        measurements: ms,
        stored: o.store ? await storeMeasurements(db, actor, o.policy, ms) : [],
        unbound: await unboundIndicators(db, actor, o.policy),
      };
    });
    if (measurements.length === 0) io.stderr.write(`warning: no indicator of ${o.policy} is bound to Veta's records\n`);
    if (!o.json) {
      io.stdout.write(measureTable(o.policy, o.year, measurements, stored));
      for (const u of unbound) io.stdout.write(`${u.code}  sin vincular: ${u.reason}\n`);
      return;
    }
    const doc = {
      policy: o.policy,
      year: o.year,
      indicators: measurements.map((m) => ({
        code: m.indicator,
        description: m.description,
        value: m.value,
        numerator: m.numerator,
        denominator: m.denominator,
        unit: m.unit,
        regions: m.regions,
        availability: m.availability,
        note: m.note,
        records: m.records,
        population: m.population,
        stored: m.stored === null ? null : { value: m.stored.value, source: m.stored.source, date: m.stored.date },
        storedNow: stored.includes(m.indicator),
      })),
      unbound,
    };
    io.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  });
}
