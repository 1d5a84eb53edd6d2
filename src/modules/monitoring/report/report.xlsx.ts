import type ExcelJS from 'exceljs';
import type { Evaluation } from '../monitoring.domain.ts';
import type { Band } from '../monitoring.schema.ts';
import {
  BAND_COLOR,
  BAND_NAME,
  BAND_ORDER,
  BAND_RANGE_LABEL,
  FIELD_LABEL,
  INDEX_LABEL,
  KIND_LABEL,
  SUMMARY_TITLE,
  TABLE_HEADERS as H,
  buildReportView,
  type ReportExtras,
  type ReportView,
} from './report.view.ts';

/**
 * The follow-up report as an XLSX workbook with the sheets Resumen, Indicadores,
 * Objetivos, Alertas and Discrepancias. Avances are stored unrounded and shown with one
 * decimal (number format), ND as the text `ND`; baselines, targets and values are numbers
 * (percentages with a percent number format), never text.
 */

const AVANCE_FORMAT = '0.0';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function styleHeader(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.font = HEADER_FONT;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
}

function avanceCell(cell: ExcelJS.Cell, value: number | null): void {
  cell.value = value === null ? 'ND' : value;
  if (value !== null) cell.numFmt = AVANCE_FORMAT;
  cell.alignment = { horizontal: 'right' };
}

/**
 * The number format of a baseline, target or value: a true percentage (the cell holds
 * 0.62 shown as 62%) for the indicators measured in %, with as many decimals as the value
 * has (up to two), so that Excel computes with them; a plain number otherwise.
 */
export function quantityFormat(value: number, unit: string | null): string {
  const decimals = Math.min(2, (String(value).split('.')[1] ?? '').length);
  const digits = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
  return unit === '%' ? `${digits}%` : digits;
}

function quantityCell(cell: ExcelJS.Cell, value: number | null | undefined, unit: string | null): void {
  if (value === undefined) return;
  if (value === null) {
    cell.value = 'ND';
  } else {
    cell.value = unit === '%' ? Math.round(value * 1e6) / 1e8 : value;
    cell.numFmt = quantityFormat(value, unit);
  }
  cell.alignment = { horizontal: 'right' };
}

function bandCell(cell: ExcelJS.Cell, band: Band | null): void {
  if (band === null) return;
  cell.value = BAND_NAME[band];
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(BAND_COLOR[band]) } };
  cell.font = { color: { argb: 'FFFFFFFF' }, bold: true };
}

function summarySheet(workbook: ExcelJS.Workbook, evaluation: Evaluation, view: ReportView): void {
  const sheet = workbook.addWorksheet('Resumen');
  sheet.getColumn(1).width = 42;
  sheet.addRow([view.title.toUpperCase()]).font = { bold: true, size: 13 };
  sheet.addRow([view.subtitle.toUpperCase()]).font = { bold: true };
  for (const line of view.policyLines) sheet.addRow([line]);
  sheet.addRow(['Año de los valores obtenidos', view.year]);
  sheet.addRow(['Año de los logros esperados', view.targetYear]);
  if (view.alignmentNote) sheet.addRow([view.alignmentNote]);
  sheet.addRow([]);
  sheet.addRow([SUMMARY_TITLE]).font = { bold: true };
  const head = sheet.addRow(['Elemento', ...BAND_ORDER.map((b) => BAND_RANGE_LABEL[b]), 'Total']);
  styleHeader(head);
  BAND_ORDER.forEach((b, i) => {
    head.getCell(i + 2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(BAND_COLOR[b]) } };
  });
  for (const line of view.summary) {
    sheet.addRow([line.label, ...BAND_ORDER.map((b) => line.counts[b]), line.total]);
  }
  sheet.addRow([]);
  const index = sheet.addRow([INDEX_LABEL]);
  index.font = { bold: true };
  avanceCell(index.getCell(2), evaluation.managementIndex);
}

function indicatorsSheet(workbook: ExcelJS.Workbook, evaluation: Evaluation, view: ReportView): void {
  const sheet = workbook.addWorksheet('Indicadores');
  const { targetYears, valueYears } = view;
  const header = [
    H.code,
    H.name,
    H.responsible,
    H.indicatorType,
    H.direction,
    H.aggregation,
    `${H.baseline} – ${H.baselineYear}`,
    `${H.baseline} – ${H.baselineValue}`,
    ...targetYears.map((y) => `${H.targets} ${y}`),
    ...valueYears.map((y) => `${H.values} ${y}`),
    `${H.avance1} ${view.year}`,
    `${H.avance2} ${view.year}`,
    H.band,
  ];
  styleHeader(sheet.addRow(header));
  sheet.getRow(1).height = 45;
  const avance1Column = 9 + targetYears.length + valueYears.length;
  for (const line of view.lines) {
    const row = sheet.addRow([
      line.code,
      line.name,
      line.responsible,
      line.indicatorType,
      line.direction,
      line.aggregation,
      line.baselineYear === '' ? '' : Number(line.baselineYear),
    ]);
    const q = line.quantities;
    quantityCell(row.getCell(8), q.baseline, q.unit);
    q.targets.forEach((v, i) => quantityCell(row.getCell(9 + i), v, q.unit));
    q.values.forEach((v, i) => quantityCell(row.getCell(9 + targetYears.length + i), v, q.unit));
    if (line.band !== null) {
      avanceCell(row.getCell(avance1Column), line.avance1Value);
      avanceCell(row.getCell(avance1Column + 1), line.avance2Value);
      bandCell(row.getCell(avance1Column + 2), line.band);
    }
    if (line.level === 'OP') row.font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  const index = sheet.addRow([INDEX_LABEL]);
  index.font = { bold: true };
  avanceCell(index.getCell(avance1Column + 1), evaluation.managementIndex);
  sheet.getColumn(1).width = 17;
  sheet.getColumn(2).width = 70;
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
}

function objectivesSheet(workbook: ExcelJS.Workbook, evaluation: Evaluation): void {
  const sheet = workbook.addWorksheet('Objetivos');
  styleHeader(sheet.addRow([H.code, 'Objetivo prioritario', H.avance1, H.avance2, H.band, 'Indicadores']));
  for (const objective of evaluation.objectives) {
    const row = sheet.addRow([objective.code, objective.row.name]);
    avanceCell(row.getCell(3), objective.avance1);
    avanceCell(row.getCell(4), objective.avance2);
    bandCell(row.getCell(5), objective.band);
    row.getCell(6).value = objective.indicatorCodes.join(', ');
  }
  const index = sheet.addRow([INDEX_LABEL]);
  index.font = { bold: true };
  avanceCell(index.getCell(4), evaluation.managementIndex);
  sheet.getColumn(2).width = 70;
}

function alertsSheet(workbook: ExcelJS.Workbook, evaluation: Evaluation, view: ReportView): void {
  const sheet = workbook.addWorksheet('Alertas');
  styleHeader(sheet.addRow([H.code, 'Alerta', 'Medidas', 'Origen']));
  for (const alert of evaluation.alerts) sheet.addRow([alert.code, alert.alert ?? '', alert.measures ?? '', 'matriz']);
  for (const alert of view.generatedAlerts) sheet.addRow([alert.code, alert.alert, '', `regla ${alert.rule}`]);
  sheet.getColumn(1).width = 17;
  sheet.getColumn(2).width = 90;
  sheet.getColumn(3).width = 60;
  sheet.getColumn(4).width = 24;
}

function discrepanciesSheet(workbook: ExcelJS.Workbook, evaluation: Evaluation, view: ReportView): void {
  const sheet = workbook.addWorksheet('Discrepancias');
  styleHeader(sheet.addRow([H.code, 'Campo', 'Publicado', 'Calculado', 'Tipo', 'Descripción del tipo', 'Explicación']));
  for (const d of evaluation.discrepancies) {
    const row = sheet.addRow([d.code, FIELD_LABEL[d.field], d.published]);
    row.getCell(3).numFmt = AVANCE_FORMAT;
    avanceCell(row.getCell(4), d.computed);
    row.getCell(5).value = d.kind;
    row.getCell(6).value = KIND_LABEL[d.kind];
    row.getCell(7).value = d.reason;
  }
  const index = view.managementIndexAudit;
  if (index) {
    const row = sheet.addRow([INDEX_LABEL, 'Índice', index.published]);
    row.getCell(3).numFmt = AVANCE_FORMAT;
    avanceCell(row.getCell(4), index.computed);
    row.getCell(5).value = 'MANAGEMENT_INDEX';
    row.getCell(6).value = 'Índice de gestión';
    row.getCell(7).value = index.reason;
  }
  sheet.getColumn(1).width = 17;
  sheet.getColumn(7).width = 100;
}

function comparisonsSheet(workbook: ExcelJS.Workbook, view: ReportView): void {
  if (view.comparisons.length === 0) return;
  const sheet = workbook.addWorksheet('Medidos');
  styleHeader(sheet.addRow([H.code, 'Matriz', 'Registros de Veta', 'Unidad', 'Difiere', 'Medición']));
  for (const c of view.comparisons) sheet.addRow([c.code, c.matrix ?? '', c.measured ?? 'ND', c.unit, c.differs ? 'sí' : 'no', c.description]);
  sheet.getColumn(1).width = 17;
  sheet.getColumn(6).width = 100;
}

function sheetsAnnex(workbook: ExcelJS.Workbook, view: ReportView): void {
  const sheet = workbook.addWorksheet('Fichas técnicas');
  styleHeader(sheet.addRow([H.code, 'Indicador', ...(view.sheets[0]?.fields.map(([label]) => label) ?? [])]));
  for (const s of view.sheets) sheet.addRow([s.code, s.name, ...s.fields.map(([, value]) => value)]);
  sheet.getColumn(1).width = 17;
  sheet.getColumn(2).width = 60;
}

/** The report of an evaluation as an XLSX workbook. */
export async function renderReportXlsx(evaluation: Evaluation, extras?: ReportExtras): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs'); // loaded on first use: it is large
  const workbook = new Excel.Workbook();
  workbook.creator = 'Veta';
  const view = buildReportView(evaluation, extras);
  summarySheet(workbook, evaluation, view);
  indicatorsSheet(workbook, evaluation, view);
  objectivesSheet(workbook, evaluation);
  alertsSheet(workbook, evaluation, view);
  discrepanciesSheet(workbook, evaluation, view);
  comparisonsSheet(workbook, view);
  sheetsAnnex(workbook, view);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
