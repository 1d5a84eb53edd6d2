import type { IndicatorResult, ObjectiveResult } from '../monitoring.domain.ts';
import { BAND_COLOR, formatAvance } from './report.view.ts';

/**
 * Inline SVG charts of the report (the same markup goes into the HTML page and, through
 * pdfmake's SVG support, into the PDF): the progress of each priority objective and the
 * trend of each indicator. Text is plain Latin-1 so that any font renders it.
 */

const FONT = 'font-family="Helvetica, Arial, sans-serif"';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Axis maximum of the progress bars: avances beyond it are drawn to the edge and labelled. */
const BAR_MAX = 150;

/**
 * Progress chart of a priority objective: Avance Tipo 1 and Tipo 2 of each of its IOP
 * indicators and of the objective aggregate, with the 75 and 95 thresholds of the lights.
 */
export function objectiveProgressSvg(objective: ObjectiveResult, indicators: readonly IndicatorResult[]): string {
  const own = indicators.filter((i) => objective.indicatorCodes.includes(i.code));
  const items = [
    ...own.map((i) => ({ label: i.code, avance1: i.avance1, avance2: i.avance2, band: i.band })),
    { label: `${objective.code} (agregado)`, ...objective },
  ];
  const left = 120;
  const plot = 340;
  const rowHeight = 34;
  const top = 30;
  const width = left + plot + 70;
  const height = top + items.length * rowHeight + 26;
  const x = (v: number): number => left + (Math.min(Math.max(v, 0), BAR_MAX) / BAR_MAX) * plot;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Avance de ${escapeXml(objective.code)}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="14" ${FONT} font-size="10" font-weight="bold">Avance de ${escapeXml(objective.code)} (%)</text>`,
  ];
  items.forEach((item, index) => {
    const y = top + index * rowHeight;
    parts.push(`<text x="${left - 6}" y="${y + 17}" ${FONT} font-size="9" text-anchor="end">${escapeXml(item.label)}</text>`);
    const bars: [string, number | null, string, number][] = [
      ['T1', item.avance1, BAND_COLOR[item.band], 0.95],
      ['T2', item.avance2, '#1565c0', 0.7],
    ];
    bars.forEach(([tag, value, color, opacity], b) => {
      const by = y + 3 + b * 13;
      if (value === null) {
        parts.push(`<text x="${left + 4}" y="${by + 9}" ${FONT} font-size="8" fill="#616161">${tag}: ND</text>`);
        return;
      }
      const w = x(value) - left;
      parts.push(`<rect x="${left}" y="${by}" width="${n(w)}" height="11" fill="${color}" fill-opacity="${opacity}"/>`);
      const over = value > BAR_MAX ? ' >' : '';
      parts.push(`<text x="${n(left + w + 4)}" y="${by + 9}" ${FONT} font-size="8">${tag}: ${formatAvance(value)}${over}</text>`);
    });
  });
  const axisY = top + items.length * rowHeight;
  parts.push(`<line x1="${left}" y1="${top - 4}" x2="${left}" y2="${axisY}" stroke="#424242"/>`);
  for (const threshold of [75, 95]) {
    const tx = x(threshold);
    parts.push(`<line x1="${n(tx)}" y1="${top - 4}" x2="${n(tx)}" y2="${axisY}" stroke="#757575" stroke-dasharray="3,3"/>`);
    parts.push(`<text x="${n(tx)}" y="${top - 6}" ${FONT} font-size="7" text-anchor="middle" fill="#616161">${threshold}</text>`);
  }
  for (const tick of [0, 50, 100, 150]) {
    parts.push(`<text x="${n(x(tick))}" y="${axisY + 12}" ${FONT} font-size="8" text-anchor="middle">${tick}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

interface Point {
  year: number;
  value: number;
}

/**
 * Trend of an indicator: its baseline, the path of its yearly targets and the values
 * obtained, on a common axis of years.
 */
export function indicatorTrendSvg(indicator: IndicatorResult): string {
  const { row } = indicator;
  const points = (entries: [string, number | null][]): Point[] =>
    entries
      .filter((e): e is [string, number] => e[1] !== null)
      .map(([year, value]) => ({ year: Number(year), value }))
      .sort((a, b) => a.year - b.year);
  const targets = points(Object.entries(row.targets));
  const values = points(Object.entries(row.values).map(([y, v]) => [y, v.value]));
  const baseline: Point[] = row.baseline.year !== null && row.baseline.value !== null ? [{ year: row.baseline.year, value: row.baseline.value }] : [];
  const all = [...baseline, ...targets, ...values];
  const width = 300;
  const height = 170;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Tendencia de ${escapeXml(indicator.code)}">`;
  const name = row.sheet.name.length > 70 ? `${row.sheet.name.slice(0, 69)}…` : row.sheet.name;
  const unit = row.sheet.unit ? ` (${row.sheet.unit})` : '';
  const title =
    `<text x="8" y="12" ${FONT} font-size="10" font-weight="bold">${escapeXml(indicator.code + unit)}</text>` +
    `<text x="8" y="22" ${FONT} font-size="6" fill="#424242">${escapeXml(name)}</text>`;
  if (all.length === 0) {
    return `${head}<rect width="${width}" height="${height}" fill="#ffffff"/>${title}<text x="8" y="80" ${FONT} font-size="9" fill="#616161">Sin datos</text></svg>`;
  }
  const years = all.map((p) => p.year);
  const minYear = Math.min(...years);
  const maxYear = Math.max(...years, minYear + 1);
  const minValue = Math.min(0, ...all.map((p) => p.value));
  const maxValue = Math.max(...all.map((p) => p.value));
  const top = maxValue === minValue ? minValue + 1 : maxValue + (maxValue - minValue) * 0.1;
  const [l, r, t, b] = [40, 10, 30, 44];
  const px = (year: number): number => l + ((year - minYear) / (maxYear - minYear)) * (width - l - r);
  const py = (value: number): number => height - b - ((value - minValue) / (top - minValue)) * (height - t - b);
  const path = (ps: Point[]): string => ps.map((p) => `${n(px(p.year))},${n(py(p.value))}`).join(' ');
  const parts = [head, `<rect width="${width}" height="${height}" fill="#ffffff"/>`, title];
  parts.push(`<line x1="${l}" y1="${height - b}" x2="${width - r}" y2="${height - b}" stroke="#424242"/>`);
  parts.push(`<line x1="${l}" y1="${t}" x2="${l}" y2="${height - b}" stroke="#424242"/>`);
  for (const v of [minValue, top]) {
    parts.push(`<text x="${l - 3}" y="${n(py(v) + 3)}" ${FONT} font-size="7" text-anchor="end">${n(v)}</text>`);
  }
  for (let year = minYear; year <= maxYear; year += 1) {
    parts.push(`<text x="${n(px(year))}" y="${height - b + 10}" ${FONT} font-size="7" text-anchor="middle">${year}</text>`);
  }
  if (targets.length > 1) {
    parts.push(`<polyline points="${path(targets)}" fill="none" stroke="#1565c0" stroke-width="1.5" stroke-dasharray="4,3"/>`);
  }
  for (const p of targets) {
    parts.push(`<circle cx="${n(px(p.year))}" cy="${n(py(p.value))}" r="2" fill="#1565c0"/>`);
  }
  if (values.length > 1) {
    parts.push(`<polyline points="${path(values)}" fill="none" stroke="${BAND_COLOR[indicator.band]}" stroke-width="2"/>`);
  }
  for (const p of values) {
    parts.push(`<circle cx="${n(px(p.year))}" cy="${n(py(p.value))}" r="3" fill="#212121"/>`);
  }
  for (const p of baseline) {
    parts.push(`<rect x="${n(px(p.year) - 3)}" y="${n(py(p.value) - 3)}" width="6" height="6" fill="#6a1b9a"/>`);
  }
  const legendY = height - 12;
  parts.push(
    `<rect x="${l}" y="${legendY - 6}" width="6" height="6" fill="#6a1b9a"/>`,
    `<text x="${l + 9}" y="${legendY}" ${FONT} font-size="7">Línea base</text>`,
    `<line x1="${l + 62}" y1="${legendY - 3}" x2="${l + 76}" y2="${legendY - 3}" stroke="#1565c0" stroke-dasharray="4,3"/>`,
    `<text x="${l + 79}" y="${legendY}" ${FONT} font-size="7">Logro esperado</text>`,
    `<circle cx="${l + 150}" cy="${legendY - 3}" r="3" fill="#212121"/>`,
    `<text x="${l + 156}" y="${legendY}" ${FONT} font-size="7">Valor obtenido</text>`,
    '</svg>',
  );
  return parts.join('');
}
