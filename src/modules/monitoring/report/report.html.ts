import type { Evaluation } from '../monitoring.domain.ts';
import { escapeXml as esc, indicatorTrendSvg, objectiveProgressSvg } from './report.charts.ts';
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
  formatAvance,
  type ReportExtras,
  type ReportView,
  type TableLine,
} from './report.view.ts';

/**
 * The follow-up report as one self-contained HTML page (no external resources), in the
 * layout of the official CEPLAN report: traffic-light summary by element type, the
 * indicator table, objective aggregates, the management index, the alerts; then a progress
 * chart per objective, the trend of each indicator and the audit of the published figures.
 */

const STYLE = `
body{font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#212121;margin:24px}
h1{font-size:16px;text-align:center;text-transform:uppercase;margin:4px 0}
h2{font-size:13px;margin:22px 0 8px;text-transform:uppercase}
p.meta{text-align:center;margin:2px 0}
table{border-collapse:collapse;margin:6px 0}
th,td{border:1px solid #9e9e9e;padding:3px 5px;vertical-align:top}
th{background:#1f3864;color:#fff;font-weight:bold;text-align:center}
td.num,td.band{text-align:right;white-space:nowrap}
td.band{text-align:left}
tr.OP td{background:#d9e2f3;font-weight:bold}
tr.LN td{background:#f2f2f2}
tr.SS td{background:#fafafa;font-style:italic}
tr.index td{font-weight:bold;background:#fff2cc}
.light{display:inline-block;width:12px;height:12px;border-radius:6px;vertical-align:middle}
.charts{display:flex;flex-wrap:wrap;gap:12px}
.note{color:#616161;font-size:11px}
table.matrix{font-size:10px}
`;

function light(band: TableLine['band']): string {
  if (band === null) return '';
  return `<span class="light" style="background:${BAND_COLOR[band]}" title="${BAND_NAME[band]}"></span> ${BAND_NAME[band]}`;
}

function summaryTable(view: ReportView): string {
  const head = BAND_ORDER.map((b) => `<th style="background:${BAND_COLOR[b]}">${esc(BAND_RANGE_LABEL[b])}</th>`).join('');
  const body = view.summary
    .map(
      (line) =>
        `<tr><td>${esc(line.label)}</td>${BAND_ORDER.map((b) => `<td class="num">${line.counts[b]}</td>`).join('')}<td class="num">${line.total}</td></tr>`,
    )
    .join('');
  return `<h2>${esc(SUMMARY_TITLE)}</h2><table class="summary"><thead><tr><th></th>${head}<th>Total</th></tr></thead><tbody>${body}</tbody></table>`;
}

function matrixTable(view: ReportView): string {
  const { targetYears, valueYears } = view;
  const head1 =
    `<tr><th rowspan="2">${H.code}</th><th rowspan="2">${H.name}</th><th rowspan="2">${H.responsible}</th>` +
    `<th rowspan="2">${H.indicatorType}</th><th rowspan="2">${H.direction}</th><th rowspan="2">${H.aggregation}</th>` +
    `<th colspan="2">${H.baseline}</th><th colspan="${targetYears.length}">${H.targets}</th>` +
    `<th colspan="${valueYears.length}">${H.values}</th><th>${H.avance1}</th><th>${H.avance2}</th><th rowspan="2">${H.band}</th></tr>`;
  const head2 =
    `<tr><th>${H.baselineYear}</th><th>${H.baselineValue}</th>` +
    [...targetYears, ...valueYears].map((y) => `<th>${y}</th>`).join('') +
    `<th>${view.year}</th><th>${view.year}</th></tr>`;
  const body = view.lines
    .map((line) => {
      const cells = [
        `<td>${esc(line.code)}</td>`,
        `<td>${esc(line.name)}</td>`,
        `<td>${esc(line.responsible)}</td>`,
        `<td>${esc(line.indicatorType)}</td>`,
        `<td>${esc(line.direction)}</td>`,
        `<td>${esc(line.aggregation)}</td>`,
        `<td class="num">${esc(line.baselineYear)}</td>`,
        `<td class="num">${esc(line.baselineValue)}</td>`,
        ...line.targets.map((t) => `<td class="num">${esc(t)}</td>`),
        ...line.values.map((v) => `<td class="num">${esc(v)}</td>`),
        `<td class="num">${esc(line.avance1)}</td>`,
        `<td class="num">${esc(line.avance2)}</td>`,
        `<td class="band">${light(line.band)}</td>`,
      ];
      return `<tr class="${line.level}" id="${esc(line.code)}">${cells.join('')}</tr>`;
    })
    .join('');
  const width = 11 + targetYears.length + valueYears.length;
  const index = `<tr class="index"><td colspan="${width - 2}">${esc(INDEX_LABEL)}</td><td class="num">${esc(view.managementIndex)}</td><td></td></tr>`;
  return `<table class="matrix"><thead>${head1}${head2}</thead><tbody>${body}${index}</tbody></table>`;
}

function objectivesSection(evaluation: Evaluation, view: ReportView): string {
  const rows = view.objectives
    .map(
      (o) =>
        `<tr><td>${esc(o.code)}</td><td>${esc(o.row.name)}</td><td class="num">${formatAvance(o.avance1)}</td>` +
        `<td class="num">${formatAvance(o.avance2)}</td><td class="band">${light(o.band)}</td></tr>`,
    )
    .join('');
  const charts = view.objectives.map((o) => `<figure>${objectiveProgressSvg(o, evaluation.indicators)}</figure>`).join('');
  return (
    '<h2>Avance de los objetivos prioritarios</h2>' +
    `<table class="objectives"><thead><tr><th>${H.code}</th><th>Objetivo prioritario</th><th>${H.avance1}</th><th>${H.avance2}</th><th>${H.band}</th></tr></thead>` +
    `<tbody>${rows}<tr class="index"><td colspan="3">${esc(INDEX_LABEL)}</td><td class="num">${esc(view.managementIndex)}</td><td></td></tr></tbody></table>` +
    '<p class="note">Avance de cada objetivo: promedio de los avances de sus indicadores, cada uno acotado a [0, 100]. ' +
    'Índice de gestión: promedio del Avance Tipo 2 de los objetivos prioritarios.</p>' +
    `<div class="charts">${charts}</div>`
  );
}

function alertsSection(evaluation: Evaluation, view: ReportView): string {
  const recorded = evaluation.alerts.map((a) => {
    const measures = a.measures ? `<br><em>Medidas:</em> ${esc(a.measures)}` : '';
    return `<li><strong>${esc(a.code)}</strong> ${esc(a.alert ?? '')}${measures}</li>`;
  });
  const generated = view.generatedAlerts.map(
    (a) => `<li class="generated"><strong>${esc(a.code)}</strong> ${esc(a.alert)} <em>(alerta generada por regla)</em></li>`,
  );
  if (recorded.length + generated.length === 0) return '<h2>Alertas identificadas</h2><p>No se registraron alertas.</p>';
  return `<h2>Alertas identificadas</h2><ul class="alerts">${[...recorded, ...generated].join('')}</ul>`;
}

function comparisonsSection(view: ReportView): string {
  if (view.comparisons.length === 0) return '';
  const rows = view.comparisons
    .map(
      (c) =>
        `<tr${c.differs ? ' class="differs"' : ''}><td>${esc(c.code)}</td><td class="num">${c.matrix === undefined ? '' : c.matrix === null ? 'ND' : esc(String(c.matrix))}</td>` +
        `<td class="num">${c.measured === null ? 'ND' : esc(String(c.measured))}</td><td>${esc(c.unit)}</td><td>${c.differs ? 'Difiere de los registros' : 'Coincide'}</td></tr>`,
    )
    .join('');
  return (
    `<h2>Valores publicados y medidos desde los registros (${view.year})</h2>` +
    '<table class="comparisons"><thead><tr><th>Código</th><th>Matriz</th><th>Registros de Veta</th><th>Unidad</th><th>Observación</th></tr></thead>' +
    `<tbody>${rows}</tbody></table>`
  );
}

function annexSection(view: ReportView): string {
  const sheets = view.sheets
    .map((sheet) => {
      const rows = sheet.fields.map(([label, value]) => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`).join('');
      return `<section class="sheet"><h3>${esc(sheet.code)} — ${esc(sheet.name)}</h3><table class="sheet">${rows}</table></section>`;
    })
    .join('');
  return `<h2>Anexo: fichas técnicas de los indicadores</h2>${sheets}`;
}

function trendsSection(evaluation: Evaluation): string {
  const charts = evaluation.indicators.map((i) => `<figure>${indicatorTrendSvg(i)}</figure>`).join('');
  return `<h2>Evolución de los indicadores</h2><div class="charts">${charts}</div>`;
}

function discrepanciesSection(evaluation: Evaluation, view: ReportView): string {
  const index = view.managementIndexAudit;
  if (evaluation.discrepancies.length === 0 && index === null) return '';
  const rows = evaluation.discrepancies
    .map(
      (d) =>
        `<tr><td>${esc(d.code)}</td><td>${FIELD_LABEL[d.field]}</td><td class="num">${formatAvance(d.published)}</td>` +
        `<td class="num">${formatAvance(d.computed)}</td><td>${esc(KIND_LABEL[d.kind])}</td><td>${esc(d.reason)}</td></tr>`,
    )
    .join('');
  const indexRow = index
    ? `<tr class="index"><td>${INDEX_LABEL}</td><td>Índice</td><td class="num">${formatAvance(index.published)}</td><td class="num">${formatAvance(index.computed)}</td>` +
      `<td>Índice de gestión</td><td>${esc(index.reason)}</td></tr>`
    : '';
  return (
    '<h2>Observaciones a las cifras publicadas</h2>' +
    '<table class="discrepancies"><thead><tr><th>Código</th><th>Campo</th><th>Publicado</th><th>Calculado</th><th>Tipo</th><th>Explicación</th></tr></thead>' +
    `<tbody>${rows}${indexRow}</tbody></table>`
  );
}

/** The report of an evaluation as a complete HTML document (Spanish, es-PE). */
export function renderReportHtml(evaluation: Evaluation, extras?: ReportExtras): string {
  const view = buildReportView(evaluation, extras);
  const meta = view.policyLines.map((l) => `<p class="meta">${esc(l)}</p>`).join('');
  const note = view.alignmentNote ? `<p class="meta note">${esc(view.alignmentNote)}</p>` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="es-PE"><head><meta charset="utf-8">',
    `<title>${esc(view.title)} – ${view.year}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${esc(view.title)}</h1><h1>${esc(view.subtitle)}</h1>${meta}${note}<p class="meta note">${esc(view.valuesNote)}</p></header>`,
    summaryTable(view),
    '<h2>Matriz de seguimiento</h2>',
    matrixTable(view),
    objectivesSection(evaluation, view),
    alertsSection(evaluation, view),
    trendsSection(evaluation),
    comparisonsSection(view),
    discrepanciesSection(evaluation, view),
    annexSection(view),
    '<footer class="note"><p>Avance Tipo 1: valor obtenido respecto del logro esperado. ' +
      'Avance Tipo 2: avance desde la línea base hacia el logro esperado. ' +
      'Semáforo del Avance Tipo 1: rojo &lt; 75 %, amarillo de 75 % a menos de 95 %, verde desde 95 %, gris sin dato (ND). ' +
      'Metodología de seguimiento de CEPLAN.</p></footer>',
    '</body></html>',
  ].join('\n');
}
