/**
 * The three defects of the published 2024 report, fixed in Veta's report: the
 * management-index discrepancy reported by the audit, alerts generated from rules where
 * the matrix has none, and the technical sheets in the annex; and the report built from
 * measured values, side by side with the matrix.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seedMatrix } from '../../../../test/fixtures/monitoring/seed-matrix.ts';
import { auditManagementIndex, ruleAlerts } from './audit.domain.ts';
import { evaluateMatrix } from '../monitoring.domain.ts';
import { renderReportHtml } from './report.html.ts';
import { renderReportXlsx } from './report.xlsx.ts';
import { reportDocument } from './report.pdf.ts';
import type { TableCell } from 'pdfmake/interfaces.js';
import { buildReportView, type ReportExtras } from './report.view.ts';

const matrix = seedMatrix();
const evaluation = evaluateMatrix(matrix, { year: 2024, targetYear: 2023 });

describe('management index', () => {
  it('the audit reports the published 74.0 against the recomputed figure', () => {
    const audit = auditManagementIndex(matrix, 2024, evaluation.managementIndex)!;
    expect(audit.published).toBeCloseTo(73.95, 2); // (95.7→100 + 45.8 + 50 + 100) / 4 as published: 74.0
    expect(evaluation.managementIndex).not.toBeNull();
    expect(audit.computed).toBe(evaluation.managementIndex);
    expect(Math.abs(audit.published - audit.computed!)).toBeGreaterThan(0.05);
    expect(audit.reason).toContain(audit.computed!.toFixed(1));
    expect(auditManagementIndex(matrix, 2024, audit.published)).toBeNull();
  });

  it('is listed in the HTML observations', () => {
    const html = renderReportHtml(evaluation);
    const obs = html.slice(html.indexOf('Observaciones a las cifras publicadas'));
    expect(obs).toContain('<tr class="index"><td>Índice de gestión de la política nacional</td>');
    expect(obs).toContain('74.0');
  });
});

describe('alerts from rules', () => {
  it('where the matrix has no alert: no data, below 75 %, against the expected direction', () => {
    const recorded = new Set(evaluation.alerts.map((a) => a.code));
    const alerts = ruleAlerts(evaluation.indicators, 2024, recorded);
    const byCode = new Map(alerts.map((a) => [a.code, a]));
    for (const a of alerts) expect(recorded.has(a.code)).toBe(false);
    // ISS.01.01.01.01: ND in 2024 and no alert in the report
    expect(byCode.get('ISS.01.01.01.01')?.rule).toBe('NO_DATA');
    // IOP.02.01: 9 % in 2023, 8.1 % in 2024 on an ascending indicator (Tipo 1 = 81 %: not red)
    expect(byCode.get('IOP.02.01')).toMatchObject({ rule: 'AGAINST_DIRECTION' });
    expect(byCode.get('IOP.02.01')!.alert).toContain('de 9 en 2023 a 8.1 en 2024');
    // every red light without an alert gets one
    for (const i of evaluation.indicators) {
      if (i.band === 'red' && !recorded.has(i.code)) expect(byCode.get(i.code)?.rule, i.code).toMatch(/NO_DATA|BELOW_75/);
    }
  });

  it('are printed, marked as generated, and listed in the XLSX', async () => {
    const html = renderReportHtml(evaluation);
    expect(html).toContain('<li class="generated"><strong>ISS.01.01.01.01</strong>');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(evaluation)) as unknown as ArrayBuffer);
    const origins: string[] = [];
    wb.getWorksheet('Alertas')!.eachRow((row, n) => n > 1 && origins.push(String(row.getCell(4).value)));
    expect(origins.filter((o) => o === 'matriz')).toHaveLength(evaluation.alerts.length);
    expect(origins.some((o) => o.startsWith('regla '))).toBe(true);
  });
});

describe('technical sheets in the annex', () => {
  it('one sheet per indicator with its direction, aggregation, baseline and responsible', async () => {
    const view = buildReportView(evaluation);
    expect(view.sheets).toHaveLength(evaluation.indicators.length);
    const iop = view.sheets.find((s) => s.code === 'IOP.01.02')!;
    expect(Object.fromEntries(iop.fields)).toMatchObject({
      'Sentido esperado': 'descendente',
      'Tipo de agregación': 'no acumulado',
      Responsable: 'DGFSST-MTPE',
      'Línea base': '13.3 (2020)',
    });
    const html = renderReportHtml(evaluation);
    expect(html).toContain('Anexo: fichas técnicas de los indicadores');
    expect(html.match(/<section class="sheet">/g)).toHaveLength(evaluation.indicators.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(evaluation)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Fichas técnicas')!.rowCount).toBe(evaluation.indicators.length + 1);
  });
});

describe('values measured from the records', () => {
  it('are shown side by side with the matrix, and the differing ones flagged', () => {
    const extras: ReportExtras = {
      valuesSource: 'measured',
      comparisons: [
        { code: 'ISS.01.03.01.01', unit: 'percent', matrix: 26.2, measured: 26.25, differs: false, description: 'passed SS.01.03.01' },
        { code: 'IOP.01.01', unit: 'percent', matrix: 87, measured: 41.71, differs: true, description: 'IGAFOM approved' },
      ],
    };
    const html = renderReportHtml(evaluation, extras);
    expect(html).toContain('medidos desde los registros de Veta');
    const table = html.slice(html.indexOf('class="comparisons"'));
    expect(table).toContain('<tr class="differs"><td>IOP.01.01</td><td class="num">87</td><td class="num">41.71</td>');
    expect(
      buildReportView(evaluation, extras)
        .sheets.find((s) => s.code === 'IOP.01.01')!
        .fields.at(-1),
    ).toEqual(['Medición desde los registros de Veta', 'IGAFOM approved']);
  });
});

describe('the XLSX stores baselines, targets and values as numbers', () => {
  it('percentages as numbers with a percent format, so that Excel computes with them', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(evaluation)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Indicadores')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(1).value === 'IOP.01.01') row = r;
    });
    const baseline = row!.getCell(header.indexOf('Línea base – Valor'));
    expect(baseline.type).toBe(ExcelJS.ValueType.Number);
    expect(baseline.value).toBeCloseTo(0.62, 10);
    expect(baseline.numFmt).toBe('0%');
    const target2024 = row!.getCell(header.indexOf('Logros esperados 2024'));
    expect(target2024.type).toBe(ExcelJS.ValueType.Number);
    expect(target2024.value).toBeCloseTo(0.645, 10);
    expect(target2024.numFmt).toBe('0.0%');
    // an index (no unit): a plain number
    let index: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(1).value === 'IOP.01.02') index = r;
    });
    const indexBaseline = index!.getCell(header.indexOf('Línea base – Valor'));
    expect(indexBaseline.type).toBe(ExcelJS.ValueType.Number);
    expect(indexBaseline.value).toBe(13.3);
    expect(indexBaseline.numFmt).toBe('0.0');
  });
});

describe('the PDF header of the matrix fits', () => {
  it('no header spans rows (pdfmake does not grow spanned rows), and every word fits its column', async () => {
    const { createRequire } = await import('node:module');
    const { default: PDFDocument } = await import('pdfkit');
    const require = createRequire(import.meta.url);
    const doc = new PDFDocument();
    doc.font(require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'));
    const content = reportDocument(evaluation).content as {
      table?: { headerRows?: number; widths: (number | string)[]; body: TableCell[][] };
      fontSize?: number;
    }[];
    const matrixTable = content.find((c) => c.table?.headerRows === 2)!;
    doc.fontSize(matrixTable.fontSize!);
    const [head1, head2] = matrixTable.table!.body as Record<string, unknown>[][];
    for (const cell of [...head1!, ...head2!]) expect(cell.rowSpan, String(cell.text)).toBeUndefined();
    const label = head1!.find((c) => String(c.text).includes('Estándar de cumplimiento'))!;
    expect(label).toBeDefined();
    head1!.forEach((cell, i) => {
      const width = matrixTable.table!.widths[i];
      if (typeof width !== 'number' || cell.colSpan !== undefined || typeof cell.text !== 'string') return;
      for (const word of cell.text.split(/\s+/)) expect(doc.widthOfString(word), `${word} in ${width} pt`).toBeLessThanOrEqual(width - 4);
    });
  });
});
