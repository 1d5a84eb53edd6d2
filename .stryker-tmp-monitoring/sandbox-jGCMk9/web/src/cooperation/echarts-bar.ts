/** The bar chart (ODA by agency and year), registered only where it is drawn. */
// @ts-nocheck

import { BarChart } from 'echarts/charts';
import { echarts } from '../ui/echarts-setup.ts';

echarts.use([BarChart]);
