import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Evaluation } from '../monitoring.domain.ts';
import type { Band } from '../monitoring.schema.ts';
import { indicatorTrendSvg, objectiveProgressSvg } from './report.charts.ts';
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
} from './report.view.ts';

/**
 * The follow-up report as a PDF (pdfmake 0.3 on the server), A4 landscape, in the layout
 * of the official report. The fonts are the Roboto TTF files pdfmake ships: unlike the 14
 * standard PDF fonts (WinAnsi only) they render "≥" as well as the Spanish accents.
 * pdfmake may read those files and nothing else, and fetch no URL.
 */

const FONT = 'Roboto';

interface FontFiles {
  dir: string;
  files: Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>;
}
let fontFiles: FontFiles | null = null;

function robotoFiles(): FontFiles {
  if (fontFiles === null) {
    const require = createRequire(import.meta.url);
    const normal = require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf');
    const dir = dirname(normal);
    fontFiles = {
      dir,
      files: {
        normal,
        bold: join(dir, 'Roboto-Medium.ttf'),
        italics: join(dir, 'Roboto-Italic.ttf'),
        bolditalics: join(dir, 'Roboto-MediumItalic.ttf'),
      },
    };
  }
  return fontFiles;
}

const HEADER_FILL = '#1f3864';

function th(text: string, extra: { colSpan?: number; rowSpan?: number } = {}) {
  return { text, bold: true, color: '#ffffff', fillColor: HEADER_FILL, alignment: 'center' as const, ...extra };
}

/**
 * A header that stands over both rows of a two-row header. pdfmake does not grow the
 * rows a rowSpan cell spans, so a long label ("Tipo de indicador / Estándar de
 * cumplimiento") would be clipped: the label goes in the top row, which grows to fit it,
 * and the cell below is an empty continuation without the border between them.
 */
function tallHeader(text: string): [TableCell, TableCell] {
  return [
    { ...th(text), border: [true, true, true, false] },
    { text: '', fillColor: HEADER_FILL, border: [true, false, true, true] },
  ];
}

function num(text: string) {
  return { text, alignment: 'right' as const };
}

function bandCell(band: Band | null): TableCell {
  if (band === null) return { text: '' };
  return { text: BAND_NAME[band], color: '#ffffff', bold: true, fillColor: BAND_COLOR[band] };
}

const COMPACT_LAYOUT = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#9e9e9e',
  vLineColor: () => '#9e9e9e',
  paddingLeft: () => 2,
  paddingRight: () => 2,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

function summary(view: ReportView): Content[] {
  const body: TableCell[][] = [
    [th(''), ...BAND_ORDER.map((b) => ({ ...th(BAND_RANGE_LABEL[b]), fillColor: BAND_COLOR[b] })), th('Total')],
    ...view.summary.map((line) => [{ text: line.label }, ...BAND_ORDER.map((b) => num(String(line.counts[b]))), num(String(line.total))]),
  ];
  return [
    { text: SUMMARY_TITLE, style: 'h2' },
    { table: { headerRows: 1, widths: [180, 50, 50, 50, 40, 40], body }, fontSize: 8 },
  ];
}

function matrix(view: ReportView): Content {
  const { targetYears, valueYears } = view;
  const t = targetYears.length;
  const v = valueYears.length;
  const span = (count: number): TableCell[] => Array.from({ length: Math.max(count - 1, 0) }, () => ({}));
  const tall = [H.code, H.name, H.responsible, H.indicatorType, H.direction, H.aggregation].map(tallHeader);
  const band = tallHeader(H.band);
  const head1: TableCell[] = [
    ...tall.map(([top]) => top),
    th(H.baseline, { colSpan: 2 }),
    {},
    ...(t > 0 ? [th(H.targets, { colSpan: t }), ...span(t)] : []),
    ...(v > 0 ? [th(H.values, { colSpan: v }), ...span(v)] : []),
    th(H.avance1),
    th(H.avance2),
    band[0],
  ];
  const head2: TableCell[] = [
    ...tall.map(([, below]) => below),
    th(H.baselineYear),
    th(H.baselineValue),
    ...[...targetYears, ...valueYears].map((y) => th(String(y))),
    th(String(view.year)),
    th(String(view.year)),
    band[1],
  ];
  const body: TableCell[][] = view.lines.map((line) => {
    const fill = line.level === 'OP' ? '#d9e2f3' : line.level === 'LN' ? '#f2f2f2' : undefined;
    const cell = (text: string, right = false): TableCell => ({
      text,
      alignment: right ? 'right' : 'left',
      bold: line.level === 'OP',
      ...(fill ? { fillColor: fill } : {}),
    });
    return [
      cell(line.code),
      cell(line.name),
      cell(line.responsible),
      cell(line.indicatorType),
      cell(line.direction),
      cell(line.aggregation),
      cell(line.baselineYear, true),
      cell(line.baselineValue, true),
      ...line.targets.map((x) => cell(x, true)),
      ...line.values.map((x) => cell(x, true)),
      cell(line.avance1, true),
      cell(line.avance2, true),
      bandCell(line.band),
    ];
  });
  const width = 11 + t + v;
  body.push([
    { text: INDEX_LABEL, bold: true, colSpan: width - 2, fillColor: '#fff2cc' },
    ...span(width - 2),
    { text: view.managementIndex, bold: true, alignment: 'right', fillColor: '#fff2cc' },
    { text: '', fillColor: '#fff2cc' },
  ]);
  const widths = [44, '*', 38, 40, 34, 34, 18, 24, ...Array.from({ length: t + v }, () => 22), 26, 26, 30];
  return {
    table: { headerRows: 2, dontBreakRows: true, widths, body: [head1, head2, ...body] },
    layout: COMPACT_LAYOUT,
    fontSize: 5.5,
  };
}

function objectives(evaluation: Evaluation, view: ReportView): Content[] {
  const body: TableCell[][] = [
    [th(H.code), th('Objetivo prioritario'), th(H.avance1), th(H.avance2), th(H.band)],
    ...view.objectives.map((o) => [{ text: o.code }, { text: o.row.name }, num(formatAvance(o.avance1)), num(formatAvance(o.avance2)), bandCell(o.band)]),
    [{ text: INDEX_LABEL, bold: true, colSpan: 3 }, {}, {}, { ...num(view.managementIndex), bold: true }, {}],
  ];
  return [
    { text: 'Avance de los objetivos prioritarios', style: 'h2', pageBreak: 'before' },
    { table: { headerRows: 1, widths: [40, '*', 60, 60, 50], body }, fontSize: 8 },
    {
      text: 'Avance de cada objetivo: promedio de los avances de sus indicadores, cada uno acotado a [0, 100]. Índice de gestión: promedio del Avance Tipo 2 de los objetivos prioritarios.',
      fontSize: 7,
      color: '#616161',
      margin: [0, 4, 0, 8],
    },
    ...view.objectives.map((o): Content => ({ svg: objectiveProgressSvg(o, evaluation.indicators), width: 400, margin: [0, 4, 0, 4] })),
  ];
}

function alerts(evaluation: Evaluation, view: ReportView): Content[] {
  const items: Content[] = evaluation.alerts.map((a) => ({
    text: [{ text: `${a.code} `, bold: true }, a.alert ?? '', ...(a.measures ? [{ text: ' Medidas: ', italics: true }, a.measures] : [])],
    margin: [0, 2, 0, 2],
  }));
  const generated: Content[] = view.generatedAlerts.map((a) => ({
    text: [{ text: `${a.code} `, bold: true }, a.alert, { text: ' (alerta generada por regla)', italics: true }],
    margin: [0, 2, 0, 2],
  }));
  return [
    { text: 'Alertas identificadas', style: 'h2' },
    ...(items.length + generated.length > 0 ? [...items, ...generated] : [{ text: 'No se registraron alertas.' }]),
  ];
}

function comparisons(view: ReportView): Content[] {
  if (view.comparisons.length === 0) return [];
  const show = (v: number | null | undefined): string => (v === undefined ? '' : v === null ? 'ND' : String(v));
  const body: TableCell[][] = [
    [th('Código'), th('Matriz'), th('Registros de Veta'), th('Unidad'), th('Observación')],
    ...view.comparisons.map((c) => [
      { text: c.code },
      num(show(c.matrix)),
      num(show(c.measured)),
      { text: c.unit },
      { text: c.differs ? 'Difiere de los registros' : 'Coincide' },
    ]),
  ];
  return [
    { text: `Valores publicados y medidos desde los registros (${view.year})`, style: 'h2', pageBreak: 'before' },
    { table: { headerRows: 1, widths: [80, 60, 70, 50, '*'], body }, fontSize: 7 },
  ];
}

function annex(view: ReportView): Content[] {
  return [
    { text: 'Anexo: fichas técnicas de los indicadores', style: 'h2', pageBreak: 'before' },
    ...view.sheets.flatMap((sheet): Content[] => [
      { text: `${sheet.code} — ${sheet.name}`, bold: true, margin: [0, 6, 0, 2] },
      { table: { widths: [140, '*'], body: sheet.fields.map(([label, value]) => [{ text: label, bold: true }, { text: value }]) }, fontSize: 7 },
    ]),
  ];
}

function trends(evaluation: Evaluation): Content[] {
  const rows: Content[] = [];
  for (let i = 0; i < evaluation.indicators.length; i += 3) {
    rows.push({
      columns: evaluation.indicators.slice(i, i + 3).map((ind): Content => ({ svg: indicatorTrendSvg(ind), width: 240 })),
      columnGap: 10,
      margin: [0, 4, 0, 4],
    });
  }
  return [{ text: 'Evolución de los indicadores', style: 'h2', pageBreak: 'before' }, ...rows];
}

function discrepancies(evaluation: Evaluation, view: ReportView): Content[] {
  const index = view.managementIndexAudit;
  if (evaluation.discrepancies.length === 0 && index === null) return [];
  const body: TableCell[][] = [
    [th('Código'), th('Campo'), th('Publicado'), th('Calculado'), th('Tipo'), th('Explicación')],
    ...evaluation.discrepancies.map((d) => [
      { text: d.code },
      { text: FIELD_LABEL[d.field] },
      num(formatAvance(d.published)),
      num(formatAvance(d.computed)),
      { text: KIND_LABEL[d.kind] },
      { text: d.reason },
    ]),
    ...(index
      ? [
          [
            { text: INDEX_LABEL },
            { text: 'Índice' },
            num(formatAvance(index.published)),
            num(formatAvance(index.computed)),
            { text: 'Índice de gestión' },
            { text: index.reason },
          ],
        ]
      : []),
  ];
  return [
    { text: 'Observaciones a las cifras publicadas', style: 'h2', pageBreak: 'before' },
    { table: { headerRows: 1, widths: [60, 55, 45, 45, 80, '*'], body }, fontSize: 7 },
  ];
}

/** The document definition of the report (exported for tests and for other outputs). */
export function reportDocument(evaluation: Evaluation, extras?: ReportExtras): TDocumentDefinitions {
  const view = buildReportView(evaluation, extras);
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [20, 24, 20, 28],
    info: { title: `${view.title} – ${view.year}`, creator: 'Veta' },
    defaultStyle: { font: FONT, fontSize: 8 },
    styles: {
      title: { fontSize: 12, bold: true, alignment: 'center' },
      h2: { fontSize: 10, bold: true, margin: [0, 10, 0, 4] },
    },
    footer: (currentPage, pageCount) => ({
      text: `${currentPage} / ${pageCount}`,
      alignment: 'right',
      fontSize: 7,
      margin: [0, 8, 20, 0],
    }),
    content: [
      { text: view.title.toUpperCase(), style: 'title' },
      { text: view.subtitle.toUpperCase(), style: 'title', margin: [0, 0, 0, 6] },
      ...view.policyLines.map((l): Content => ({ text: l, alignment: 'center' })),
      ...(view.alignmentNote ? [{ text: view.alignmentNote, alignment: 'center' as const, color: '#616161' }] : []),
      { text: view.valuesNote, alignment: 'center', color: '#616161' },
      ...summary(view),
      { text: 'Matriz de seguimiento', style: 'h2' },
      matrix(view),
      ...objectives(evaluation, view),
      ...alerts(evaluation, view),
      ...trends(evaluation),
      ...comparisons(view),
      ...discrepancies(evaluation, view),
      ...annex(view),
    ],
  };
}

/** The report of an evaluation as PDF bytes. */
export async function renderReportPdf(evaluation: Evaluation, extras?: ReportExtras): Promise<Uint8Array> {
  const { dir, files } = robotoFiles();
  // pdfmake is a shared singleton: its fonts and access policies are set before each
  // createPdf, which reads them synchronously. The report reads only the font files.
  const { default: pdfMake } = await import('pdfmake'); // loaded on first use: it is large
  pdfMake.addFonts({ [FONT]: { ...files } });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => dirname(path) === dir);
  const buffer = await pdfMake.createPdf(reportDocument(evaluation, extras)).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
