import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { seedMatrix } from '../../../../test/fixtures/monitoring/seed-matrix.ts';
import { evaluateMatrix, type Evaluation } from '../monitoring.domain.ts';
import { indicatorTrendSvg, objectiveProgressSvg } from './report.charts.ts';
import { renderReportHtml } from './report.html.ts';
import { renderReportPdf } from './report.pdf.ts';
import { renderReportXlsx } from './report.xlsx.ts';

function seedEvaluation(): Evaluation {
  const matrix = seedMatrix();
  matrix.policy = {
    name: 'Política Nacional Multisectorial para la Pequeña Minería y Minería Artesanal al 2030',
    sector: '16: ENERGÍA Y MINAS',
    leadEntity: '016: M. DE ENERGÍA Y MINAS',
    policyType: 'MULTISECTORIAL',
  };
  return evaluateMatrix(matrix, { year: 2024, targetYear: 2023 });
}

describe('HTML report', () => {
  const html = renderReportHtml(seedEvaluation());

  it('is one self-contained Spanish document', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="es-PE">');
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).not.toMatch(/(src|href)="http/);
  });

  it('has the summary by element type, as the official report', () => {
    expect(html).toContain('Semáforo del nivel de cumplimiento del Avance Tipo 1, por elemento');
    const summary = html.slice(html.indexOf('class="summary"'), html.indexOf('</table>', html.indexOf('class="summary"')));
    const counts = [...summary.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([0, 1, 3, 0, 4, 0, 3, 5, 0, 8, 1, 1, 8, 9, 19]);
  });

  it('has the indicator table with baseline, targets, values, avances and lights', () => {
    const row = html.slice(html.indexOf('id="IOP.01.01"'), html.indexOf('</tr>', html.indexOf('id="IOP.01.01"')));
    for (const cell of ['2020', '62%', '63.9%', '68.5%', '67%', '87%', '136.2', '1315.8', 'Verde']) expect(row).toContain(cell);
    const nd = html.slice(html.indexOf('id="ISS.02.02.01.01"'), html.indexOf('</tr>', html.indexOf('id="ISS.02.02.01.01"')));
    expect(nd).toContain('>ND<');
    expect(nd).toContain('Gris (ND)');
  });

  it('has the objective aggregates, the index, the alerts and the audit', () => {
    expect(html).toContain('Índice de gestión de la política nacional');
    expect(html).toMatch(/<td class="num">72\.4<\/td>/);
    expect(html).toMatch(/OP\.02<\/td><td>[^<]+<\/td><td class="num">89\.4<\/td><td class="num">45\.8<\/td>/);
    expect(html).toContain('El servicio aún se está desarrollando.');
    expect(html).toContain('Fórmula invertida');
    expect(html).toContain('Los valores obtenidos de 2024 se comparan con los logros esperados de 2023.');
  });

  it('draws a progress chart per objective and a trend per indicator', () => {
    const charts = html.match(/<svg /g) ?? [];
    expect(charts).toHaveLength(4 + 27);
    expect(html).toContain('aria-label="Avance de OP.03"');
    expect(html).toContain('aria-label="Tendencia de ISS.04.03.01.01"');
  });

  it('escapes the text it is given', () => {
    const evaluation = seedEvaluation();
    evaluation.matrix.policy.name = '<script>alert(1)</script>';
    expect(renderReportHtml(evaluation)).not.toContain('<script>');
  });
});

describe('charts', () => {
  const evaluation = seedEvaluation();

  it('mark the objective avances and the thresholds of the lights', () => {
    const objective = evaluation.objectives[1];
    if (objective === undefined) throw new Error('no OP.02');
    const svg = objectiveProgressSvg(objective, evaluation.indicators);
    expect(svg).toContain('IOP.02.01');
    expect(svg).toContain('T1: 89.4');
    expect(svg).toContain('T2: 45.8');
    expect(svg).toMatch(/>75<\/text>/);
  });

  it('say so when an indicator has no data at all', () => {
    const indicator = evaluation.indicators[0];
    if (indicator === undefined) throw new Error('no indicator');
    const empty = { ...indicator, row: { ...indicator.row, baseline: { year: null, value: null }, targets: {}, values: {} } };
    expect(indicatorTrendSvg(empty)).toContain('Sin datos');
    expect(indicatorTrendSvg(indicator)).toContain('<polyline');
  });
});

describe('XLSX report', () => {
  it('has the five sheets with the figures, unrounded, and the annex', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderReportXlsx(seedEvaluation())) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Resumen', 'Indicadores', 'Objetivos', 'Alertas', 'Discrepancias', 'Fichas técnicas']); // the annex of technical sheets last

    const indicators = workbook.getWorksheet('Indicadores');
    const header = Array.from(indicators?.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const avance1 = header.findIndex((h) => h.startsWith('Avance Tipo 1'));
    const iop = indicators?.getRows(1, indicators.rowCount)?.find((r) => r.getCell(1).value === 'IOP.01.01');
    expect(iop?.getCell(avance1).value).toBeCloseTo(136.150235, 5);
    expect(iop?.getCell(avance1).numFmt).toBe('0.0');
    expect(iop?.getCell(avance1 + 1).value).toBeCloseTo(1315.789, 3);
    expect(iop?.getCell(avance1 + 2).value).toBe('Verde');

    const objectives = workbook.getWorksheet('Objetivos');
    expect(objectives?.getRow(2).getCell(1).value).toBe('OP.01');
    expect(objectives?.getRow(2).getCell(3).value).toBeCloseTo(95.676, 3);
    expect(objectives?.getRow(6).getCell(4).value).toBeCloseTo(72.428, 3);

    const resumen = workbook.getWorksheet('Resumen');
    const services = resumen?.getRows(1, resumen.rowCount)?.find((r) => r.getCell(1).value === 'Indicadores de servicios');
    expect(services?.values).toEqual([undefined, 'Indicadores de servicios', 1, 1, 8, 9, 19]);

    const alerts = workbook.getWorksheet('Alertas');
    const origins = alerts?.getRows(2, alerts.rowCount - 1)?.map((r) => String(r.getCell(4).value)) ?? [];
    expect(origins.filter((o) => o === 'matriz')).toHaveLength(7); // the 7 alerts of the report; the others generated by rules
    expect(origins.filter((o) => o !== 'matriz').every((o) => o.startsWith('regla '))).toBe(true);
    const discrepancies = workbook.getWorksheet('Discrepancias');
    expect(discrepancies?.rowCount).toBe(1 + 8 + 1); // the 8 avances and the management index
    expect(discrepancies?.getRow(10).getCell(5).value).toBe('MANAGEMENT_INDEX');
    const kinds = discrepancies?.getRows(2, 8)?.map((r) => r.getCell(5).value);
    expect(kinds?.filter((k) => k === 'ND_AS_NUMBER')).toHaveLength(5);
  });
});

/** The decompressed content streams of a PDF (pdfkit deflates them). */
function pdfStreams(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1');
  const streams: string[] = [];
  for (const match of text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const raw = Buffer.from(match[1] ?? '', 'latin1');
    try {
      streams.push(inflateSync(raw).toString('latin1'));
    } catch {
      streams.push(raw.toString('latin1'));
    }
  }
  return streams;
}

describe('PDF report', () => {
  it('renders a real, multi-page PDF with embedded fonts that carry the Spanish letters', async () => {
    const pdf = await renderReportPdf(seedEvaluation());
    const head = Buffer.from(pdf.subarray(0, 5)).toString('latin1');
    expect(head).toBe('%PDF-');
    expect(Buffer.from(pdf.subarray(-8)).toString('latin1')).toContain('%%EOF');
    expect(pdf.byteLength).toBeGreaterThan(30_000);
    const raw = Buffer.from(pdf).toString('latin1');
    expect((raw.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(3);
    expect(raw).toContain('/FontFile2'); // embedded TrueType (Roboto), not a WinAnsi standard font
    const cmaps = pdfStreams(pdf)
      .filter((s) => s.includes('begincmap'))
      .join('\n')
      .toLowerCase();
    for (const letter of ['í', 'ñ', 'á', 'ó', 'é', 'ú', '≥']) {
      const hex = letter.charCodeAt(0).toString(16).padStart(4, '0');
      expect(cmaps, `the PDF fonts map ${letter}`).toContain(`<${hex}>`);
    }
    const pageText = pdfStreams(pdf).filter((s) => s.includes(' Tj') || s.includes('TJ'));
    expect(pageText.length).toBeGreaterThan(3);
  });
});
