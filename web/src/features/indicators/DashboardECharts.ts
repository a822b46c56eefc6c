/**
 * ECharts' core with only what the dashboard draws (bars, lines, pie; grid, tooltip, legend,
 * mark line; canvas). Imported dynamically by DashboardChart: its own small chunk, loaded by the
 * dashboard alone.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export { init };
