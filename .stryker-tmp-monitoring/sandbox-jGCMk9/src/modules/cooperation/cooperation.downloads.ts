/** The public downloads (CSV with BOM for Excel, XLSX) of the projects, the gap matrix and ODA: tables built from the API's answers. */
// @ts-nocheck

import { stringify } from 'csv-stringify/sync';
import type { GapMatrix, Oda, ProjectSummary } from './cooperation.schema.ts';

export interface DownloadTable {
  name: string;
  headers: string[];
  rows: (string | number | null)[][];
}

export function projectsTable(projects: readonly ProjectSummary[]): DownloadTable {
  return {
    name: 'proyectos',
    headers: [
      'identificador',
      'titulo',
      'title',
      'agencia',
      'estado',
      'inicio',
      'fin',
      'regiones',
      'estratos',
      'aspectos',
      'objetivos_politica',
      'sectores_cad',
      'presupuesto_usd',
      'desembolsado_usd',
    ],
    rows: projects.map((p) => [
      p.identifier,
      p.titleEs,
      p.titleEn,
      p.agencyName ?? p.reportingOrgName,
      p.status,
      p.startDate,
      p.endDate,
      p.regions.join(' '),
      p.strata.join(' '),
      p.aspects.join(' '),
      p.policyCodes.join(' '),
      p.sectors.join(' '),
      p.budgetUsd,
      p.disbursedUsd,
    ]),
  };
}

export function matrixTable(m: GapMatrix): DownloadTable {
  return {
    name: `brechas-${m.year}`,
    headers: ['estrato', 'aspecto', 'proyectos_activos', 'presupuesto_usd', 'anio', 'region'],
    rows: m.strata.flatMap((s) => m.aspects.map((a) => [s, a, m.cells[s]?.[a]?.projects ?? 0, m.cells[s]?.[a]?.budgetUsd ?? 0, m.year, m.region ?? ''])),
  };
}

export function odaTable(o: Oda): DownloadTable {
  return {
    name: 'aod',
    headers: ['fuente', 'donante', 'anio', 'desembolsado_usd', 'comprometido_usd', 'aod_neta_usd_millones'],
    rows: [
      ...o.byAgency.map((r) => ['veta', r.agencyName, r.year, r.disbursedUsd, r.committedUsd, null]),
      ...o.reported.map((r) => [r.source, r.donorEs, r.year, null, null, r.usdMillion]),
    ],
  };
}

export function toCsv(t: DownloadTable): string {
  return `\uFEFF${stringify([t.headers, ...t.rows.map((r) => r.map((v) => (v === null ? '' : v)))])}`;
}

export async function toXlsx(t: DownloadTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.name.slice(0, 31));
  ws.addRow(t.headers).font = { bold: true };
  for (const r of t.rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
