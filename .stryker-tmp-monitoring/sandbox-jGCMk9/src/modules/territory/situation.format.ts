/** The situation table as CSV and XLSX, with the labels of seed 004 (Spanish) and one block per region. */
// @ts-nocheck

import { toCsv } from '../../platform/files/csv.ts';
import type { Situation } from './situation.domain.ts';
import type { SituationReport } from './situation.service.ts';

export const SITUATION_LABELS: Record<Situation, string> = {
  LIBRE: 'Libre',
  CONSTRUCCION: 'Construcción',
  EXPLORACION: 'Exploración',
  EXPLOTACION: 'Explotación',
  PARALIZADA: 'Paralizada',
  SIN_ACTIVIDAD: 'Sin actividad',
  SIN_DAC: 'Sin DAC',
  ATIPICA: 'Concesión atípica',
};

function lines(report: SituationReport): (string | number)[][] {
  const out: (string | number)[][] = [];
  const block = (scope: string, total: number, rows: SituationReport['rows']): void => {
    for (const r of rows) out.push([scope, r.situation, SITUATION_LABELS[r.situation], r.cases, r.percent]);
    out.push([scope, 'TOTAL', 'Total', total, total === 0 ? 0 : 100]);
  };
  block('TOTAL', report.total, report.rows);
  for (const r of report.byRegion) block(`${r.region} ${r.name}`, r.total, r.rows);
  return out;
}

const HEADER = ['ambito', 'situation', 'situacion', 'cases', 'percent'];

export const situationCsv = (report: SituationReport): string => toCsv(HEADER, lines(report));

export async function situationXlsx(report: SituationReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`Situación ${report.year}`);
  ws.addRow(HEADER);
  ws.getRow(1).font = { bold: true };
  for (const l of lines(report)) ws.addRow(l);
  ws.getColumn(5).numFmt = '0.0';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
