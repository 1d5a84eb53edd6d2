/** The bar chart (ODA by agency and year), registered only where it is drawn. */
import { BarChart } from 'echarts/charts';
import { echarts } from '../ui/echarts-setup.ts';

echarts.use([BarChart]);
