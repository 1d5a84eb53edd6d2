/** Renderings of the formalization report: CSV (one row per region × step) and XLSX (one sheet per section). */
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { STEPS, type FormalizationReport, type ScopeReport } from './formalization-report.schema.ts';
import { REQUIREMENT_CODES } from './formalization.schema.ts';
import { STAGES } from './formalization-state.schema.ts';

const BOM = '\uFEFF';
const round2 = (n: number): number => Math.round(n * 100) / 100;

const scopesOf = (r: FormalizationReport): ScopeReport[] => [...r.regions, ...(r.national ? [r.national] : [])];

export const CSV_HEADERS = [
  'region_code',
  'region_name',
  'requirement',
  'step',
  'in_step_now',
  'stalled',
  'finished_steps',
  'median_days',
  'p90_days',
  'requirement_approved',
  'inscribed',
  'formalized',
] as const;

/** One row per region (then national) × requirement × step, with the figures of the JSON report. */
export function reportCsv(report: FormalizationReport): string {
  const rows: (string | number)[][] = [];
  for (const s of scopesOf(report)) {
    const total = (m: string): number => s.funnel.totals.find((t) => t.milestone === m)?.count ?? 0;
    for (const requirement of REQUIREMENT_CODES) {
      for (const step of STEPS) {
        const time = s.timeInSteps.find((t) => t.requirement === requirement && t.step === step);
        rows.push([
          s.scope,
          s.name,
          requirement,
          step,
          s.pipeline.find((p) => p.requirement === requirement && p.position === step)?.count ?? 0,
          s.stalled.byStep.find((b) => b.requirement === requirement && b.step === step)?.count ?? 0,
          time?.count ?? 0,
          time ? round2(time.medianDays) : '',
          time ? round2(time.p90Days) : '',
          total(`${requirement}_approved`),
          total('inscribed'),
          total('formalized'),
        ]);
      }
    }
  }
  return BOM + stringify([[...CSV_HEADERS], ...rows]);
}

type Cell = string | number | null;

function sheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]): void {
  const ws = wb.addWorksheet(name);
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => {
    c.width = 16;
  });
}

/** One sheet per section of the report; region rows first, the national total last. */
export async function reportXlsx(report: FormalizationReport): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // loaded on first use: it is large
  const wb = new Excel.Workbook();
  wb.creator = 'Veta';
  wb.created = new Date(report.generatedAt);
  const scopes = scopesOf(report);
  const f = report.filters;
  sheet(
    wb,
    'Resumen',
    ['Ámbito', 'Nombre', 'Expedientes', ...STAGES, 'Corte', 'Desde', 'Hasta', 'Días para estancado'],
    scopes.map((s) => [s.scope, s.name, s.expedientes, ...STAGES.map((st) => s.byStage[st]), report.cutoff, f.from, f.to, f.stalledDays]),
  );
  sheet(
    wb,
    'Embudo',
    ['Ámbito', 'Nombre', 'Mes', 'Hito', 'Expedientes', 'Acumulado'],
    scopes.flatMap((s) => s.funnel.byMonth.map((m) => [s.scope, s.name, m.month, m.milestone, m.count, m.cumulative])),
  );
  sheet(
    wb,
    'Situación',
    ['Ámbito', 'Nombre', 'Requisito', 'Posición', 'Expedientes'],
    scopes.flatMap((s) => s.pipeline.map((p) => [s.scope, s.name, p.requirement, p.position, p.count])),
  );
  sheet(
    wb,
    'Tiempo por paso',
    ['Ámbito', 'Nombre', 'Requisito', 'Paso', 'Pasos terminados', 'Mediana (días)', 'P90 (días)'],
    scopes.flatMap((s) => s.timeInSteps.map((t) => [s.scope, s.name, t.requirement, t.step, t.count, round2(t.medianDays), round2(t.p90Days)])),
  );
  // Stalled items per region only: the national list would repeat them.
  sheet(
    wb,
    'Estancados',
    ['Ámbito', 'Nombre', 'Expediente', 'Inscripción', 'Requisito', 'Estado', 'Desde', 'Días', 'Revisor'],
    report.regions.flatMap((s) =>
      s.stalled.items.map((i) => [s.scope, s.name, i.expedienteId, i.inscriptionId, i.requirement, i.status, i.since, round2(i.days), i.reviewer]),
    ),
  );
  sheet(
    wb,
    'Carga por revisor',
    ['Ámbito', 'Nombre', 'Revisor', 'Pendientes', 'Más antiguo desde'],
    scopes.flatMap((s) => s.backlog.map((b) => [s.scope, s.name, b.reviewer ?? '(sin asignar)', b.pending, b.oldestSince])),
  );
  sheet(
    wb,
    'Tipología',
    ['Ámbito', 'Nombre', 'Región', 'Estrato', 'Actividad', 'Tipo de organización', 'Sexo', 'Etapa', 'Expedientes'],
    scopes.flatMap((s) => s.typology.cube.map((c) => [s.scope, s.name, c.region, c.stratum, c.activity, c.organizationType, c.sex, c.stage, c.count])),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
