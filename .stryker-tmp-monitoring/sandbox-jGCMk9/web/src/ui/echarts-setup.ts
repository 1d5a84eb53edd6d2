/**
 * ECharts, imported piece by piece, for the officials' dense charts (time series with an
 * axis tooltip; the graph registers itself in echarts-graph.ts). Public pages use the
 * small SVG charts instead: ECharts 6's core alone is ~165 KB gzipped.
 */
// @ts-nocheck

import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { echarts };
