import type { Evaluation } from '../monitoring.domain.ts';
import type { BandCounts } from '../monitoring.schema.ts';
import { BAND_NAME, FIELD_LABEL, INDEX_LABEL, formatAvance, formatQuantity } from './report.view.ts';

/** The evaluation as a plain-text table for a terminal (`veta policy evaluate` without --json). */
export function formatEvaluationText(evaluation: Evaluation): string {
  const { year, targetYear } = evaluation;
  const lines: string[] = [];
  const table = (rows: string[][], right: ReadonlySet<number>): void => {
    const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
    for (const row of rows) {
      lines.push(
        row
          .map((cell, c) => (right.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
          .join('  ')
          .trimEnd(),
      );
    }
  };
  lines.push(`Seguimiento ${year}: valores obtenidos de ${year}, logros esperados de ${targetYear}`, '');
  table(
    [
      ['Código', 'Nivel', 'LB', `LE ${targetYear}`, `VO ${year}`, 'Avance 1', 'Avance 2', 'Semáforo'],
      ...evaluation.indicators.map((i) => {
        const unit = i.row.sheet.unit;
        return [
          i.code,
          i.level,
          formatQuantity(i.input.baseline, unit),
          formatQuantity(i.input.target, unit),
          formatQuantity(i.input.value, unit),
          formatAvance(i.avance1),
          formatAvance(i.avance2),
          BAND_NAME[i.band],
        ];
      }),
    ],
    new Set([2, 3, 4, 5, 6]),
  );
  lines.push('');
  table(
    [
      ['Objetivo', 'Avance 1', 'Avance 2', 'Semáforo'],
      ...evaluation.objectives.map((o) => [o.code, formatAvance(o.avance1), formatAvance(o.avance2), BAND_NAME[o.band]]),
    ],
    new Set([1, 2]),
  );
  lines.push('', `${INDEX_LABEL}: ${formatAvance(evaluation.managementIndex)}`, '');
  const counts = (c: BandCounts): string[] => [String(c.red), String(c.yellow), String(c.green), String(c.nd)];
  table(
    [
      ['Semáforo del Avance Tipo 1', 'Rojo', 'Amarillo', 'Verde', 'ND'],
      ['Objetivos prioritarios', ...counts(evaluation.bands.objectives)],
      ['Indicadores de objetivos prioritarios', ...counts(evaluation.bands.objectiveIndicators)],
      ['Indicadores de servicios', ...counts(evaluation.bands.serviceIndicators)],
    ],
    new Set([1, 2, 3, 4]),
  );
  if (evaluation.discrepancies.length > 0) {
    lines.push('', `Observaciones a las cifras publicadas (${evaluation.discrepancies.length}):`);
    for (const d of evaluation.discrepancies) {
      lines.push(
        `  ${d.code} ${FIELD_LABEL[d.field]}: publicado ${formatAvance(d.published)}, ` + `calculado ${formatAvance(d.computed)} [${d.kind}] ${d.reason}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
