/** The CLI commands through their exported functions (no process spawned: opening PGlite takes seconds). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { testDb } from '../../../test/db.ts';
import { actor } from '../../../test/factories.ts';
import { CliError, ExitCode } from '../../platform/exit-codes.ts';
import { importInscriptions, inscriptionRowIn, MOQUEGUA } from './formalization-db.fixtures.ts';
import { CSV_HEADERS } from './formalization-report.format.ts';
import type { FormalizationReport } from './formalization-report.schema.ts';
import { playScript } from './formalization-script.fixtures.ts';
import { runPermanence, runReport } from './formalization.cli.ts';

const db = await testDb();
const official = actor('regional', '18');
const national = actor('national');
const [a, b, c] = await importInscriptions(db, [inscriptionRowIn(MOQUEGUA), inscriptionRowIn(MOQUEGUA), inscriptionRowIn(MOQUEGUA)]);
const ids = [
  await playScript(db, official, {
    inscriptionId: a!,
    openedAt: '2023-05-02',
    steps: [
      ['2023-05-12', 'file', 'igafom'],
      ['2023-05-22', 'start_review', 'igafom'],
      ['2023-06-01', 'approve', 'igafom'],
    ],
  }),
  await playScript(db, official, { inscriptionId: b!, openedAt: '2023-06-01', steps: [['2023-06-21', 'file', 'igafom']] }),
];

/** Captures stdout; messages (stderr) are kept apart. */
function collect() {
  const chunks: Buffer[] = [];
  const messages: string[] = [];
  const out = {
    stdout: { write: (c: string | Uint8Array) => chunks.push(Buffer.from(c)) },
    stderr: { write: (c: string | Uint8Array) => messages.push(String(c)) },
  };
  return { out, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks), messages };
}
// From 2021: the inscriptions (March 2021) fall in the period too.
const period = { region: '18', from: '2021-01-01', to: '2023-12-31' };

describe('veta formalization report', () => {
  test('--format json prints the report on stdout', async () => {
    const { out, text } = collect();
    await runReport(db, national, { ...period, format: 'json' }, out);
    const report = JSON.parse(text()) as FormalizationReport;
    expect(report.regions.map((r) => [r.scope, r.name, r.expedientes])).toEqual([['18', 'Moquegua', 2]]);
    expect(report.regions[0]!.funnel.totals.find((t) => t.milestone === 'igafom_approved')?.count).toBe(1);
  });

  test('--format csv: one row per region × step with the same figures', async () => {
    const { out, text } = collect();
    await runReport(db, national, { ...period, format: 'csv', stalledDays: '60' }, out);
    const rows = parse(text().replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_HEADERS]);
    expect(rows).toHaveLength(5 * 6);
    const row = (requirement: string, step: string) => rows.find((r) => r['requirement'] === requirement && r['step'] === step);
    expect(row('igafom', 'awaiting_filing')).toMatchObject({
      region_code: '18',
      region_name: 'Moquegua',
      in_step_now: '0',
      stalled: '0',
      finished_steps: '2',
      median_days: '15',
      p90_days: '19',
      requirement_approved: '1',
      inscribed: '2',
      formalized: '0',
    });
    // B's IGAFOM waits from 21 June to the end of 2023: stalled past 60 days.
    expect(row('igafom', 'filed')).toMatchObject({ in_step_now: '1', stalled: '1', finished_steps: '1', median_days: '10' });
    expect(row('surface_land', 'awaiting_filing')).toMatchObject({ in_step_now: '2', stalled: '2', finished_steps: '0', median_days: '' });
  });

  test('--format xlsx without --out goes to stdout when it is a pipe, and is refused on a terminal', async () => {
    const piped = collect();
    await runReport(db, national, { ...period, format: 'xlsx' }, piped.out);
    const wb = new ExcelJS.Workbook();
    expect(piped.bytes().subarray(0, 2).toString('latin1')).toBe('PK'); // a zip: the workbook's bytes
    await wb.xlsx.load(piped.bytes() as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('Resumen')!.getRow(2).getCell(3).value).toBe(2);
    const terminal = collect();
    const tty = { ...terminal.out, stdout: { ...terminal.out.stdout, isTTY: true } };
    await expect(runReport(db, national, { ...period, format: 'xlsx' }, tty)).rejects.toMatchObject({ exitCode: ExitCode.usage });
    expect(terminal.text()).toBe('');
  });

  test('--format xlsx --out writes one sheet per section', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'veta-'));
    const file = path.join(dir, 'formalizacion.xlsx');
    const { out, text, messages } = collect();
    await runReport(db, national, { ...period, format: 'xlsx', out: file }, out);
    expect(text()).toBe('');
    expect(messages.join('')).toContain(`written to ${file}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    rmSync(dir, { recursive: true });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Resumen', 'Embudo', 'Situación', 'Tiempo por paso', 'Estancados', 'Carga por revisor', 'Tipología']);
    const steps = wb.getWorksheet('Tiempo por paso')!;
    const values = steps
      .getSheetValues()
      .slice(2)
      .map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(values).toContainEqual(['18', 'Moquegua', 'igafom', 'awaiting_filing', 2, 15, 19]);
    expect(wb.getWorksheet('Resumen')!.getRow(2).getCell(3).value).toBe(2);
  });

  test('bad options are usage errors (exit 2)', async () => {
    for (const o of [{ region: '99' }, { region: 'PUNO' }, { from: '2023-13-01' }, { from: '2024-01-01', to: '2023-01-01' }, { stalledDays: '0' }]) {
      const err = await runReport(db, national, { format: 'json', ...o }, collect().out).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode).toBe(ExitCode.usage);
    }
  });
});

describe('veta formalization permanence', () => {
  test('lists candidates for suspension with the failed conditions', async () => {
    await db.query(
      `INSERT INTO permanence_facts (inscription_id, department_code, as_of, ruc_active, ruc_third_category, chemicals_registered,
         production_declarations, source, recorded_by)
       VALUES ($1, '18', '2024-01-15', false, true, true, '[{"semester": "2023-S1", "declaredOn": "2023-07-20"}]', 'test', 'test'),
              ($2, '18', '2024-01-15', true, true, true,
               '[{"semester": "2023-S1", "declaredOn": "2023-07-20"}, {"semester": "2023-S2", "declaredOn": "2024-01-10"}]', 'test', 'test')`,
      [a, b],
    );
    await db.query(`UPDATE reinfo_inscriptions SET inscription_date = '2023-03-15' WHERE id = ANY($1::bigint[])`, [[a, b, c]]);
    const { out, text } = collect();
    const result = await runPermanence(db, official, { region: '18', date: '2024-03-01', json: true }, out);
    expect(JSON.parse(text())).toEqual(result);
    const byInscription = new Map(result.candidates.map((x) => [x.inscriptionId, x.failures.map((f) => f.code)]));
    // A: RUC inactive, S2 2023 not declared; IGAFOM filed and approved.
    expect(byInscription.get(a!)).toEqual(['ruc_inactive', 'production_not_declared']);
    // B meets every condition: its IGAFOM is filed.
    expect(byInscription.has(b!)).toBe(false);
    // C has no expediente and no facts: only the IGAFOM can be checked.
    expect(result.candidates.find((x) => x.inscriptionId === c)).toMatchObject({
      expedienteId: null,
      factsAsOf: null,
      failures: [{ code: 'igafom_not_filed' }],
    });
    expect(result.checked).toBe(3);
    expect(result.withoutFacts).toBe(1);
    expect(ids).toHaveLength(2);
  });
});
