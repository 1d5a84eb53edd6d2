import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CSV_PATH, seedMatrix } from '../../../test/fixtures/monitoring/seed-matrix.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { writeMatrixXlsx } from './matrix/matrix.write.ts';
import { registerPolicyCommands, runPolicyCli, type PolicyCliIo } from './monitoring.cli.ts';
import { evaluationJsonSchema } from './monitoring.schema.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'veta-policy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('veta policy evaluate', () => {
  it('prints the JSON contract for the seed with --target-year 2023', async () => {
    const run = await runPolicyCli(['evaluate', SEED_CSV_PATH, '--year', '2024', '--target-year', '2023', '--json']);
    expect(run.exitCode).toBe(ExitCode.ok);
    expect(run.stderr).toBe('');
    const json = evaluationJsonSchema.parse(JSON.parse(run.stdout.toString('utf8')));
    expect(json.year).toBe(2024);
    expect(json.targetYear).toBe(2023);
    expect(json.indicators[0]).toMatchObject({ code: 'IOP.01.01', level: 'IOP', band: 'green' });
    expect(json.indicators[0]?.avance1).toBe((87 / 63.9) * 100); // full precision
    expect(json.objectives[0]?.avance2).toBeCloseTo(93.88, 2);
    expect(json.managementIndex).toBeCloseTo(72.43, 2);
    expect(json.bands.objectives).toEqual({ red: 0, yellow: 1, green: 3, nd: 0 });
    expect(json.discrepancies).toHaveLength(8);
    expect(json.discrepancies.every((d) => d.field === 'avance2' && d.reason.length > 10)).toBe(true);
  });

  it('never opens the database', async () => {
    const withDatabase = (): Promise<never> => Promise.reject(new Error('evaluate opened the database'));
    const run = await runPolicyCli(['evaluate', SEED_CSV_PATH, '--year', '2024', '--json'], { io: { withDatabase } });
    expect(run.exitCode).toBe(ExitCode.ok);
    expect(JSON.parse(run.stdout.toString('utf8')).year).toBe(2024);
  });

  it('defaults the target year to the value year', async () => {
    const run = await runPolicyCli(['evaluate', SEED_CSV_PATH, '--year', '2024', '--json']);
    expect(JSON.parse(run.stdout.toString('utf8'))).toMatchObject({ year: 2024, targetYear: 2024 });
  });

  it('prints a table for people without --json', async () => {
    const run = await runPolicyCli(['evaluate', SEED_CSV_PATH, '--year', '2024', '--target-year', '2023']);
    const text = run.stdout.toString('utf8');
    expect(run.exitCode).toBe(0);
    expect(text).toMatch(/IOP\.01\.01\s+IOP\s+62%\s+63\.9%\s+87%\s+136\.2\s+1315\.8\s+Verde/);
    expect(text).toContain('Índice de gestión de la política nacional: 72.4');
    expect(text).toContain('[INVERTED_FORMULA]');
  });

  it('reads XLSX matrices too', async () => {
    const path = join(dir, 'matrix.xlsx');
    await writeFile(path, await writeMatrixXlsx(seedMatrix()));
    const run = await runPolicyCli(['evaluate', path, '--year', '2024', '--target-year', '2023', '--json']);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout.toString('utf8')).discrepancies).toHaveLength(8);
  });

  it('rejects a matrix with row-level errors on stderr, exit 1', async () => {
    const path = join(dir, 'bad.csv');
    const csv = (await readFile(SEED_CSV_PATH, 'utf8')).replace('DGFM-MINEM,,ascendente,no_acumulado', 'DGFM-MINEM,,no_definido,no_acumulado');
    await writeFile(path, csv);
    const run = await runPolicyCli(['evaluate', path, '--year', '2024', '--json']);
    expect(run.exitCode).toBe(ExitCode.rejected);
    expect(run.stdout.byteLength).toBe(0);
    expect(run.stderr).toContain('row 3, column aggregation (value "no_acumulado")');
    expect(run.stderr).toContain('rejected (1 errors)');
  });

  it('refuses bad usage with exit 2', async () => {
    for (const args of [
      ['evaluate', SEED_CSV_PATH],
      ['evaluate', SEED_CSV_PATH, '--year', 'dos mil'],
      ['evaluate', join(dir, 'missing.csv'), '--year', '2024'],
      ['evaluate', SEED_CSV_PATH, '--year', '2024', '--colour'],
    ]) {
      const run = await runPolicyCli(args);
      expect(run.exitCode, args.join(' ')).toBe(ExitCode.usage);
      expect(run.stderr).not.toBe('');
    }
  });

  it('warns when the matrix has no values for the year', async () => {
    const run = await runPolicyCli(['evaluate', SEED_CSV_PATH, '--year', '2030', '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain('no value for 2030');
    expect(JSON.parse(run.stdout.toString('utf8')).managementIndex).toBeNull();
  });
});

describe('veta policy report', () => {
  it('prints HTML on stdout', async () => {
    const run = await runPolicyCli(['report', '--year', '2024', '--target-year', '2023', '--format', 'html', '--file', SEED_CSV_PATH]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.toString('utf8')).toContain('Índice de gestión de la política nacional');
  });

  it('writes PDF and XLSX to --out', async () => {
    const pdf = join(dir, 'reporte.pdf');
    const xlsx = join(dir, 'reporte.xlsx');
    const base = ['report', '--year', '2024', '--target-year', '2023', '--file', SEED_CSV_PATH];
    expect((await runPolicyCli([...base, '--format', 'pdf', '--out', pdf])).exitCode).toBe(0);
    expect((await readFile(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const run = await runPolicyCli([...base, '--format', 'xlsx', '--out', xlsx, '--policy-name', 'Política MAPE']);
    expect(run.stderr).toContain(`wrote ${xlsx}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.getWorksheet('Resumen')?.getCell('A1').value).toBe('REPORTE DE SEGUIMIENTO DE LA POLÍTICA MAPE');
  });

  it('refuses binary output to a terminal but writes it to a pipe', async () => {
    const args = ['report', '--year', '2024', '--format', 'pdf', '--file', SEED_CSV_PATH];
    const tty = await runPolicyCli(args, { stdoutIsTty: true });
    expect(tty.exitCode).toBe(ExitCode.usage);
    expect(tty.stdout.byteLength).toBe(0);
    const pipe = await runPolicyCli(args);
    expect(pipe.exitCode).toBe(0);
    expect(pipe.stdout.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('needs a known format, and a file or a policy, not both', async () => {
    expect((await runPolicyCli(['report', '--year', '2024', '--format', 'docx', '--file', SEED_CSV_PATH])).exitCode).toBe(ExitCode.usage);
    const both = await runPolicyCli(['report', '--year', '2024', '--format', 'html', '--file', SEED_CSV_PATH, '--policy', 'PNMPMMA-2030']);
    expect(both.exitCode).toBe(ExitCode.usage);
    expect(both.stderr).toContain('not both');
  });
});

describe('registerPolicyCommands', () => {
  it('adds evaluate and report to an existing policy command, raising CliError for usage', async () => {
    const program = new Command('veta').exitOverride();
    const policy = program.command('policy');
    const out: string[] = [];
    const io: PolicyCliIo = {
      stdout: { write: (chunk) => out.push(String(chunk)) },
      stderr: { write: () => undefined },
      readFile: (path) => readFile(path),
      writeFile: (path, data) => writeFile(path, data),
    };
    registerPolicyCommands(policy, io);
    expect(policy.commands.map((c) => c.name())).toEqual(['evaluate', 'report', 'import', 'export', 'measure']);
    await program.parseAsync(['policy', 'evaluate', SEED_CSV_PATH, '--year', '2024', '--json'], { from: 'user' });
    expect(JSON.parse(out.join('')).year).toBe(2024);
    const failure = program.parseAsync(['policy', 'evaluate', SEED_CSV_PATH], { from: 'user' });
    await expect(failure).rejects.toBeInstanceOf(CliError);
    await expect(failure).rejects.toMatchObject({ exitCode: ExitCode.usage });
  });
});
