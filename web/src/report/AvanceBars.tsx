import { fmtPct } from '../i18n/format.ts';
import { BAND_COLORS } from '../ui/ChartCard.tsx';

/** Axis maximum of the bars: an avance beyond it is drawn to the edge, labelled with its real value and marked. */
export const BAR_CAP = 200;

export interface AvanceBar {
  code: string;
  /** Avance Tipo 1; null (ND): no bar and no label. */
  value: number | null;
  band: keyof typeof BAND_COLORS;
}

/** The bar of one avance: its length (capped) and its label (the real value, never the cap). */
export function barOf(value: number | null): { length: number; label: string | null; capped: boolean } {
  if (value === null) return { length: 0, label: null, capped: false };
  const capped = value > BAR_CAP;
  return { length: Math.min(Math.max(value, 0), BAR_CAP) / BAR_CAP, label: fmtPct(value, 1), capped };
}

/**
 * Horizontal bars of Avance Tipo 1 per indicator, coloured by light, with the 75 and 95
 * thresholds. ND draws nothing; a bar cut at 200 % ends in an arrow and keeps its real
 * label (290,0 %).
 */
export function AvanceBars({ bars, cappedLabel }: { bars: readonly AvanceBar[]; cappedLabel: string }) {
  const row = 20;
  const left = 130;
  const plot = 420;
  const width = left + plot + 110;
  const height = bars.length * row + 30;
  const x = (v: number): number => left + (v / BAR_CAP) * plot;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} fontSize={11} data-testid="avance-bars">
      {[0, 50, 75, 95, 100, 150, 200].map((tick) => (
        <g key={tick}>
          <line
            x1={x(tick)}
            x2={x(tick)}
            y1={4}
            y2={height - 22}
            stroke={tick === 75 || tick === 95 ? '#757575' : '#e3ddd3'}
            strokeDasharray={tick === 75 || tick === 95 ? '3,3' : undefined}
          />
          {tick % 50 === 0 && (
            <text x={x(tick)} y={height - 8} textAnchor="middle">
              {tick}
            </text>
          )}
        </g>
      ))}
      {bars.map((b, i) => {
        const y = 6 + i * row;
        const bar = barOf(b.value);
        return (
          <g key={b.code} data-code={b.code}>
            <text x={left - 6} y={y + 12} textAnchor="end">
              {b.code}
            </text>
            {bar.label !== null && (
              <>
                <rect x={left} y={y + 2} width={bar.length * plot} height={row - 6} fill={BAND_COLORS[b.band]}>
                  <title>{`${b.code}: ${bar.label}${bar.capped ? ` (${cappedLabel})` : ''}`}</title>
                </rect>
                {bar.capped && <path d={`M ${left + plot} ${y + 2} l 6 ${(row - 6) / 2} l -6 ${(row - 6) / 2} z`} fill={BAND_COLORS[b.band]} />}
                <text x={left + bar.length * plot + (bar.capped ? 10 : 4)} y={y + 12} className="bar-label">
                  {bar.label}
                  {bar.capped ? ' ▸' : ''}
                </text>
              </>
            )}
          </g>
        );
      })}
    </svg>
  );
}
