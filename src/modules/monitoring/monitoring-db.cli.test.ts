/** `veta policy import | export | report | measure` on the worker's database. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SEED_CSV_PATH, seedCsv, seedMatrix } from '../../../test/fixtures/monitoring/seed-matrix.ts';
import { testDb } from '../../../test/db.ts';
import { actor, buildReinfoRow, toCsv } from '../../../test/factories.ts';
import { createUser } from '../../platform/auth/auth.ts';
import { ExitCode } from '../../platform/exit-codes.ts';
import { readCsv } from '../../platform/files/tabular.ts';
import { importReinfo } from '../registry/reinfo.import.ts';
import { writeMatrixCsv } from './matrix/matrix.write.ts';
import { runPolicyCli } from './monitoring.cli.ts';
import type { IndicatorRow } from './monitoring.schema.ts';
import type { WithDatabase } from './policy-cli.shared.ts';

const db = await testDb();
const withDatabase: WithDatabase = (fn) => fn(db);
const veta = (args: string[]) => runPolicyCli(args, { io: { withDatabase } });
const dir = await mkdtemp(join(tmpdir(), 'veta-policy-db-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const newCode = (): string => `C-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
const json = <T>(run: { stdout: Buffer }): T => JSON.parse(run.stdout.toString('utf8')) as T;
const evaluateFile = async (path: string) => json<unknown>(await veta(['evaluate', path, '--year', '2024', '--target-year', '2023', '--json']));

describe('veta policy import', () => {
  test('stores the file once: the same file again changes nothing', async () => {
    const code = newCode();
    const first = await veta(['import', SEED_CSV_PATH, '--policy', code, '--json']);
    expect(first.exitCode).toBe(ExitCode.ok);
    expect(json(first)).toMatchObject({ policy: code, created: true, changed: true, changes: { elements: { added: 67 } } });
    const again = await veta(['import', SEED_CSV_PATH, '--policy', code]);
    expect(again.exitCode).toBe(ExitCode.ok);
    expect(again.stderr).toContain(`${code}: unchanged`);
    const { rows } = await db.query(`SELECT 1 FROM audit_log WHERE action = 'policy.import' AND entity_id = $1`, [code]);
    expect(rows).toHaveLength(1);
  });

  test('row-level errors: exit 1, every error on stderr, nothing stored', async () => {
    const code = newCode();
    const badFile = join(dir, 'bad.csv');
    await writeFile(badFile, seedCsv().replace('DGFM-MINEM,,ascendente,no_acumulado', 'DGFM-MINEM,,no_definido,no_acumulado'));
    const bad = await veta(['import', badFile, '--policy', code]);
    expect(bad.exitCode).toBe(ExitCode.rejected);
    expect(bad.stderr).toContain('row 3, column aggregation (value "no_acumulado")');

    const dated = join(dir, 'dated.csv');
    const matrix = seedMatrix();
    const row = matrix.rows.find((r) => r.code === 'IOP.01.01') as IndicatorRow;
    row.values['2024'] = { value: 87, date: 'ayer' };
    await writeFile(dated, writeMatrixCsv(matrix));
    const refused = await veta(['import', dated, '--policy', code]);
    expect(refused.exitCode).toBe(ExitCode.rejected);
    expect(refused.stderr).toContain('IOP.01.01, column value_date_2024 (value "ayer"): not a date');
    expect((await db.query('SELECT 1 FROM policies WHERE code = $1', [code])).rows).toHaveLength(0);
  });

  test('only national officials and administrators import (exit 1); an unknown --as is a usage error', async () => {
    const username = `cli-regional-${Math.random().toString(36).slice(2, 8)}`;
    await createUser(db, { username, displayName: username, password: 'x-password', role: 'regional', regionCode: '21' });
    const refused = await veta(['import', SEED_CSV_PATH, '--policy', newCode(), '--as', username]);
    expect(refused.exitCode).toBe(ExitCode.rejected);
    expect(refused.stderr).toContain('no puede modificar los datos de la política');
    expect((await veta(['import', SEED_CSV_PATH, '--as', 'nobody-such'])).exitCode).toBe(ExitCode.usage);
  });
});

describe('veta policy export and report from the database', () => {
  test('export then evaluate gives the numbers of evaluating the original file (CSV and XLSX)', async () => {
    const code = newCode();
    expect((await veta(['import', SEED_CSV_PATH, '--policy', code])).exitCode).toBe(0);
    const expected = await evaluateFile(SEED_CSV_PATH);
    const csv = join(dir, `${code}.csv`);
    const xlsx = join(dir, `${code}.xlsx`);
    expect((await veta(['export', '--policy', code, '--format', 'csv', '--out', csv])).exitCode).toBe(0);
    expect((await veta(['export', '--policy', code, '--format', 'xlsx', '--out', xlsx])).exitCode).toBe(0);
    expect(await evaluateFile(csv)).toEqual(expected);
    expect(await evaluateFile(xlsx)).toEqual(expected);
    const stdout = await veta(['export', '--policy', code]);
    expect(stdout.stdout.toString('utf8')).toBe(await readFile(csv, 'utf8'));
    expect((await veta(['export', '--policy', code, '--format', 'xlsx'])).exitCode).toBe(0); // to a pipe
    expect((await runPolicyCli(['export', '--policy', code, '--format', 'xlsx'], { io: { withDatabase }, stdoutIsTty: true })).exitCode).toBe(ExitCode.usage);
  });

  test('report without --file renders the stored policy, as from the file', async () => {
    const code = newCode();
    await veta(['import', SEED_CSV_PATH, '--policy', code]);
    const args = ['report', '--year', '2024', '--target-year', '2023', '--format', 'html'];
    const fromDb = await veta([...args, '--policy', code]);
    expect(fromDb.exitCode).toBe(0);
    expect(fromDb.stdout.toString('utf8')).toBe((await veta([...args, '--file', SEED_CSV_PATH])).stdout.toString('utf8'));
    const pdf = join(dir, `${code}.pdf`);
    expect((await veta(['report', '--year', '2024', '--format', 'pdf', '--policy', code, '--out', pdf])).exitCode).toBe(0);
    expect((await readFile(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const missing = await veta([...args, '--policy', 'NO-SUCH-POLICY']);
    expect(missing.exitCode).toBe(ExitCode.usage);
    expect(missing.stderr).toContain('No hay una política NO-SUCH-POLICY.');
  });
});

describe('veta policy measure', () => {
  test('shows the bound indicators next to the stored values; --store records them once, audited', async () => {
    await importReinfo(db, actor('national'), readCsv(Buffer.from(toCsv([buildReinfoRow()]))), {
      fileName: 'm.csv',
      sha256: 'm'.repeat(64),
      asOf: '2024-01-01',
    });
    expect((await veta(['import', SEED_CSV_PATH])).exitCode).toBe(0); // the default policy, PNMPMMA-2030
    type Doc = {
      indicators: {
        code: string;
        value: number | null;
        denominator: number;
        unit: string;
        regions: { code: string }[];
        stored: { value: number } | null;
        storedNow: boolean;
      }[];
      unbound: { code: string; reason: string }[];
    };
    const shown = await veta(['measure', '--year', '2024', '--json']);
    expect(shown.exitCode).toBe(0);
    const doc = json<Doc>(shown);
    const registry = ['IOP.01.01', 'IOP.03.01', 'IOP.03.02'];
    expect(doc.indicators.map((i) => i.code)).toEqual(expect.arrayContaining(registry));
    expect(doc.indicators.length).toBeGreaterThanOrEqual(22);
    expect(doc.indicators.length + doc.unbound.length).toBe(27); // every IOP and ISS of the seed matrix
    expect(doc.unbound.every((u) => u.reason.length > 0)).toBe(true);
    expect(doc.indicators.find((i) => i.code === 'IOP.01.01')?.stored?.value).toBe(87);
    expect(doc.indicators.find((i) => i.code === 'IOP.01.02')?.unit).toBe('index');
    const fromRegistry = doc.indicators.filter((i) => registry.includes(i.code));
    expect(fromRegistry.every((i) => i.denominator > 0 && !i.storedNow && i.regions.length > 0)).toBe(true);
    expect(doc.indicators.every((i) => !i.storedNow)).toBe(true);

    const audited = async () =>
      Number(
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'policy.value' AND after ->> 'year' = '2031'`)).rows[0]!.n,
      );
    const stored = json<Doc>(await veta(['measure', '--year', '2031', '--store', '--json']));
    const measured = stored.indicators.filter((i) => i.value !== null).map((i) => i.code);
    expect(measured).toContain('IOP.03.02');
    expect(stored.indicators.filter((i) => i.storedNow).map((i) => i.code)).toEqual(measured);
    expect(await audited()).toBe(measured.length);
    const again = json<Doc>(await veta(['measure', '--year', '2031', '--store', '--json']));
    expect(await audited()).toBe(measured.length);
    expect(again.indicators.some((i) => i.storedNow)).toBe(false);
    expect(again.indicators.find((i) => i.code === 'IOP.03.02')?.stored?.value).toBe(stored.indicators.find((i) => i.code === 'IOP.03.02')?.value);
    const text = await veta(['measure', '--year', '2031']);
    expect(text.stdout.toString('utf8')).toMatch(/IOP\.03\.02\s+[\d.]+\s+\d+\/\d+\s+[\d.]+\s+Veta records/);
  });

  test('report --values measured: the bound values from the records, side by side with the matrix, in HTML, PDF and XLSX', async () => {
    expect((await veta(['import', SEED_CSV_PATH])).exitCode).toBe(0);
    const html = await veta(['report', '--year', '2024', '--target-year', '2023', '--format', 'html', '--values', 'measured']);
    expect(html.exitCode).toBe(0);
    const text = html.stdout.toString('utf8');
    expect(text).toContain('medidos desde los registros de Veta');
    const comparisons = text.slice(text.indexOf('class="comparisons"'), text.indexOf('</table>', text.indexOf('class="comparisons"')));
    expect(comparisons.match(/<tr( class="differs")?><td>/g)!.length).toBeGreaterThanOrEqual(22);
    expect(html.stderr).toContain('differ from the records: ');
    for (const format of ['pdf', 'xlsx']) {
      const out = join(dir, `measured.${format}`);
      expect((await veta(['report', '--year', '2024', '--format', format, '--values', 'measured', '--out', out])).exitCode).toBe(0);
      expect((await readFile(out)).length).toBeGreaterThan(1000);
    }
    expect((await veta(['report', '--year', '2024', '--format', 'html', '--values', 'typed'])).exitCode).toBe(ExitCode.usage);
  });
});
