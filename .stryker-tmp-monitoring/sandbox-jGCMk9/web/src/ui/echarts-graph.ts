/** The graph chart (a lot's chain of custody), registered only where it is drawn. */
// @ts-nocheck

import { GraphChart } from 'echarts/charts';
import { echarts } from './echarts-setup.ts';

echarts.use([GraphChart]);
