/**
 * Small SVG charts drawn by React: bars (stacked or grouped, either orientation), a
 * funnel, a donut and lines. ECharts 6's core alone is ~165 KB gzipped, more than the
 * public pages can afford on a 3G link; these cost a few KB and render with the page.
 * Every mark has a <title> (hover) and the numbers are in the card's table.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { fmtNum } from '../i18n/format.ts';

export interface Series {
  name: string;
  values: readonly number[];
  color?: string;
}
export type ChartSpec =
  | {
      kind: 'bar';
      orientation: 'horizontal' | 'vertical';
      categories: readonly string[];
      series: readonly Series[];
      stacked?: boolean;
      format?: (v: number) => string;
    }
  | { kind: 'line'; categories: readonly string[]; series: readonly Series[]; format?: (v: number) => string }
  | { kind: 'funnel'; steps: readonly { label: string; value: number }[]; format?: (v: number) => string }
  | { kind: 'donut'; slices: readonly { label: string; value: number; color?: string }[]; format?: (v: number) => string };

export const PALETTE = ['#7a4a12', '#1f6f8b', '#2e7d32', '#b26a00', '#6a4c93', '#c62828', '#546e7a', '#00897b'];
const INK = '#333';
const GRID = '#e3ddd3';
const FONT = 12;

/** A round axis maximum and its ticks. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  return ticks;
}

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || 600);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth || 600));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

const color = (s: { color?: string }, i: number): string => s.color ?? PALETTE[i % PALETTE.length]!;
const textWidth = (s: string): number => s.length * FONT * 0.58;
/** The text cut with an ellipsis to fit `width` pixels. */
const fit = (s: string, width: number): string => {
  const max = Math.max(3, Math.floor(width / (FONT * 0.58)));
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
};

function Legend({ items, always }: { items: readonly { name: string; color: string }[]; always?: boolean }) {
  if (items.length < (always ? 1 : 2)) return null;
  return (
    <ul className="chart-legend">
      {items.map((it) => (
        <li key={it.name}>
          <i style={{ background: it.color }} aria-hidden="true" />
          {it.name}
        </li>
      ))}
    </ul>
  );
}

function Bars({ spec, width, height }: { spec: Extract<ChartSpec, { kind: 'bar' }>; width: number; height: number }) {
  const f = spec.format ?? ((v: number) => fmtNum(v));
  const n = spec.categories.length;
  const totals = spec.categories.map((_, i) =>
    spec.stacked ? spec.series.reduce((a, s) => a + (s.values[i] ?? 0), 0) : Math.max(0, ...spec.series.map((s) => s.values[i] ?? 0)),
  );
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1]!;
  const horizontal = spec.orientation === 'horizontal';
  const labelW = horizontal ? Math.min(width * 0.45, Math.max(...spec.categories.map(textWidth), 20) + 8) : 0;
  const pad = { l: horizontal ? labelW : Math.max(...ticks.map((t) => textWidth(f(t)))) + 8, r: 40, t: 8, b: horizontal ? 22 : 36 };
  const w = Math.max(10, width - pad.l - pad.r);
  const h = Math.max(10, height - pad.t - pad.b);
  const band = (horizontal ? h : w) / Math.max(1, n);
  const groups = spec.stacked ? 1 : spec.series.length;
  const thick = Math.max(2, (band * 0.7) / groups);
  const scale = (v: number): number => (v / top) * (horizontal ? w : h);
  const marks = spec.categories.flatMap((cat, i) => {
    let acc = 0;
    return spec.series.map((s, si) => {
      const v = s.values[i] ?? 0;
      const start = spec.stacked ? acc : 0;
      acc += v;
      const offset = band * i + band * 0.15 + (spec.stacked ? 0 : si * thick);
      const len = scale(v);
      const rect = horizontal
        ? { x: pad.l + scale(start), y: pad.t + offset, width: len, height: thick }
        : { x: pad.l + offset, y: pad.t + h - scale(start) - len, width: thick, height: len };
      return (
        <rect key={`${i}-${si}`} {...rect} fill={color(s, si)}>
          <title>{`${cat} · ${s.name}: ${f(v)}`}</title>
        </rect>
      );
    });
  });
  return (
    <svg width={width} height={height} aria-hidden="true" fontSize={FONT} fill={INK}>
      {ticks.map((tv) => {
        const p = scale(tv);
        return horizontal ? (
          <g key={tv}>
            <line x1={pad.l + p} x2={pad.l + p} y1={pad.t} y2={pad.t + h} stroke={GRID} />
            <text x={pad.l + p} y={height - 6} textAnchor="middle">
              {f(tv)}
            </text>
          </g>
        ) : (
          <g key={tv}>
            <line x1={pad.l} x2={pad.l + w} y1={pad.t + h - p} y2={pad.t + h - p} stroke={GRID} />
            <text x={pad.l - 6} y={pad.t + h - p + 4} textAnchor="end">
              {f(tv)}
            </text>
          </g>
        );
      })}
      {marks}
      {spec.categories.map((cat, i) =>
        horizontal ? (
          <g key={cat}>
            <text x={pad.l - 6} y={pad.t + band * i + band / 2 + 4} textAnchor="end">
              <title>{cat}</title>
              {fit(cat, labelW - 8)}
            </text>
            {spec.stacked && (
              <text x={pad.l + scale(totals[i]!) + 4} y={pad.t + band * i + band / 2 + 4}>
                {f(totals[i]!)}
              </text>
            )}
          </g>
        ) : (
          <text key={cat} x={pad.l + band * i + band / 2} y={pad.t + h + 16} textAnchor="middle">
            {cat.length * FONT * 0.58 > band ? `${cat.slice(0, Math.max(3, Math.floor(band / 7)))}…` : cat}
          </text>
        ),
      )}
    </svg>
  );
}

function Lines({ spec, width, height }: { spec: Extract<ChartSpec, { kind: 'line' }>; width: number; height: number }) {
  const f = spec.format ?? ((v: number) => fmtNum(v));
  const ticks = niceTicks(Math.max(0, ...spec.series.flatMap((s) => s.values)));
  const top = ticks[ticks.length - 1]!;
  const pad = { l: Math.max(...ticks.map((t) => textWidth(f(t)))) + 8, r: 16, t: 8, b: 36 };
  const w = width - pad.l - pad.r;
  const h = height - pad.t - pad.b;
  const n = spec.categories.length;
  const x = (i: number): number => pad.l + (n <= 1 ? w / 2 : (w * i) / (n - 1));
  const y = (v: number): number => pad.t + h - (v / top) * h;
  const every = Math.max(1, Math.ceil((n * 60) / Math.max(1, w)));
  return (
    <svg width={width} height={height} aria-hidden="true" fontSize={FONT} fill={INK}>
      {ticks.map((tv) => (
        <g key={tv}>
          <line x1={pad.l} x2={pad.l + w} y1={y(tv)} y2={y(tv)} stroke={GRID} />
          <text x={pad.l - 6} y={y(tv) + 4} textAnchor="end">
            {f(tv)}
          </text>
        </g>
      ))}
      {spec.categories.map((c, i) =>
        i % every === 0 ? (
          <text key={c} x={x(i)} y={pad.t + h + 16} textAnchor="middle">
            {c}
          </text>
        ) : null,
      )}
      {spec.series.map((s, si) => (
        <g key={s.name}>
          <polyline fill="none" stroke={color(s, si)} strokeWidth={2} points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
          {n <= 40 &&
            s.values.map((v, i) => (
              <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={color(s, si)}>
                <title>{`${spec.categories[i]} · ${s.name}: ${f(v)}`}</title>
              </circle>
            ))}
        </g>
      ))}
    </svg>
  );
}

function Funnel({ spec, width, height }: { spec: Extract<ChartSpec, { kind: 'funnel' }>; width: number; height: number }) {
  const f = spec.format ?? ((v: number) => fmtNum(v, 0));
  const max = Math.max(1, ...spec.steps.map((s) => s.value));
  const row = height / Math.max(1, spec.steps.length);
  const first = spec.steps[0]?.value ?? 0;
  const labelW = Math.min(width * 0.42, Math.max(...spec.steps.map((s) => textWidth(s.label)), 20) + 8);
  const valueW = 96;
  const area = Math.max(10, width - labelW - valueW);
  return (
    <svg width={width} height={height} aria-hidden="true" fontSize={FONT} fill={INK}>
      {spec.steps.map((s, i) => {
        const bw = Math.max(2, (s.value / max) * area);
        const pct = first > 0 ? `${fmtNum((s.value / first) * 100, 1)} %` : '';
        const y = i * row + row / 2 + 4;
        return (
          <g key={s.label}>
            <text x={labelW - 6} y={y} textAnchor="end">
              <title>{s.label}</title>
              {fit(s.label, labelW - 8)}
            </text>
            <rect x={labelW + (area - bw) / 2} y={i * row + 3} width={bw} height={row - 6} fill={PALETTE[i % PALETTE.length]}>
              <title>{`${s.label}: ${f(s.value)} (${pct})`}</title>
            </rect>
            <text x={labelW + area + 6} y={y}>{`${f(s.value)} · ${pct}`}</text>
          </g>
        );
      })}
    </svg>
  );
}

function Donut({ spec, width, height }: { spec: Extract<ChartSpec, { kind: 'donut' }>; width: number; height: number }) {
  const f = spec.format ?? ((v: number) => fmtNum(v));
  const total = spec.slices.reduce((a, s) => a + s.value, 0) || 1;
  const r = Math.min(width, height) / 2 - 6;
  const cx = width / 2;
  const cy = height / 2;
  let angle = -Math.PI / 2;
  return (
    <svg width={width} height={height} aria-hidden="true">
      {spec.slices.map((s, i) => {
        const a0 = angle;
        const a1 = (angle += (s.value / total) * Math.PI * 2);
        const large = a1 - a0 > Math.PI ? 1 : 0;
        const p = (a: number, rr: number): string => `${cx + rr * Math.cos(a)},${cy + rr * Math.sin(a)}`;
        const ri = r * 0.55;
        const ring = `M${p(0, r)}A${r},${r} 0 1 1 ${p(Math.PI, r)}A${r},${r} 0 1 1 ${p(0, r)}ZM${p(0, ri)}A${ri},${ri} 0 1 0 ${p(Math.PI, ri)}A${ri},${ri} 0 1 0 ${p(0, ri)}Z`;
        const d =
          s.value >= total
            ? ring
            : `M${p(a0, r)}A${r},${r} 0 ${large} 1 ${p(a1, r)}L${p(a1, r * 0.55)}A${r * 0.55},${r * 0.55} 0 ${large} 0 ${p(a0, r * 0.55)}Z`;
        return (
          <path key={s.label} d={d} fill={color(s, i)} fillRule="evenodd">
            <title>{`${s.label}: ${f(s.value)}`}</title>
          </path>
        );
      })}
    </svg>
  );
}

/** Draws a chart spec at the width of its container. */
export function SvgChart({ spec, height }: { spec: ChartSpec; height: number }) {
  const [ref, width] = useWidth();
  const legend =
    spec.kind === 'donut'
      ? spec.slices.map((s, i) => ({ name: spec.format ? `${s.label} (${spec.format(s.value)})` : s.label, color: color(s, i) }))
      : spec.kind === 'funnel'
        ? []
        : spec.series.map((s, i) => ({ name: s.name, color: color(s, i) }));
  return (
    <div ref={ref} className="svg-chart" data-ready="true">
      {spec.kind === 'bar' && <Bars spec={spec} width={width} height={height} />}
      {spec.kind === 'line' && <Lines spec={spec} width={width} height={height} />}
      {spec.kind === 'funnel' && <Funnel spec={spec} width={width} height={height} />}
      {spec.kind === 'donut' && <Donut spec={spec} width={width} height={height} />}
      <Legend items={legend} always={spec.kind === 'donut'} />
    </div>
  );
}
