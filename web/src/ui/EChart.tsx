import { useEffect, useRef } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { PALETTE } from './svg-charts.tsx';

/**
 * An ECharts chart, for what the small SVG charts do not draw (dense time series with
 * an axis tooltip, the graph of a lot's chain). ECharts loads on first use, in its own chunk.
 */
export function EChart({ option, height, register }: { option: EChartsCoreOption; height: number; register?: () => Promise<void> }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const latest = useRef(option);
  latest.current = option;
  // The page's font by name: ECharts measures labels on a canvas, where "inherit" is no font
  // (it measured 10 px sans-serif and laid legend entries over each other).
  const fontFamily = useRef('sans-serif');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void (async () => {
      const { echarts } = await import('./echarts-setup.ts');
      if (register) await register();
      const el = ref.current;
      if (disposed || !el) return;
      chart.current = echarts.init(el, undefined, { renderer: 'svg' });
      fontFamily.current = getComputedStyle(el).fontFamily || 'sans-serif';
      chart.current.setOption({ color: PALETTE, textStyle: { fontFamily: fontFamily.current }, ...latest.current });
      el.dataset['ready'] = 'true';
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(el);
    })();
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
    // Created once (`register` is fixed per chart); option changes are applied below.
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, textStyle: { fontFamily: fontFamily.current }, ...option }, true);
  }, [option]);

  return <div ref={ref} className="chart" style={{ height }} />;
}
