import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { type ECElementEvent, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './options';

// The one module that imports ECharts. Chart.tsx loads it with import(), so
// ECharts is a chunk of its own, fetched only when a chart is on screen.
// SVG everywhere: crisp on screen and on paper, and light for a few hundred marks.
use([BarChart, LineChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export type MountedChart = {
  update: (option: ChartOption) => void;
  resize: () => void;
  dispose: () => void;
};

/** Draws `option` into `el`; `onClick` gets the index of the clicked bar or point. */
export function mountChart(
  el: HTMLElement,
  option: ChartOption,
  onClick: (dataIndex: number) => void,
): MountedChart {
  const chart = init(el, null, { renderer: 'svg' });
  chart.setOption(option);
  chart.on('click', (params: ECElementEvent) => {
    if (params.componentType === 'series' && typeof params.dataIndex === 'number') onClick(params.dataIndex);
  });
  return {
    update: (next) => chart.setOption(next, { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
