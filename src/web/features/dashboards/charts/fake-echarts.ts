import type { MountedChart } from './echarts';
import type { ChartOption } from './options';

// Stands in for ./echarts in component tests (vi.mock('./charts/echarts', () => import('./charts/fake-echarts'))):
// no canvas or SVG layout, but the charts mounted, their options and their click handlers.

export type FakeChart = { el: HTMLElement; option: ChartOption; click: (dataIndex: number) => void };

export const mounted: FakeChart[] = [];

export function mountChart(
  el: HTMLElement,
  option: ChartOption,
  onClick: (dataIndex: number) => void,
): MountedChart {
  const chart: FakeChart = { el, option, click: onClick };
  mounted.push(chart);
  return {
    update: (next) => {
      chart.option = next;
    },
    resize: () => {},
    dispose: () => {
      mounted.splice(mounted.indexOf(chart), 1);
    },
  };
}

/** The mounted chart whose accessible name contains `text`. */
export function chartNamed(text: string): FakeChart {
  const chart = mounted.find((c) => c.el.getAttribute('aria-label')?.includes(text));
  if (!chart) throw new Error(`no chart named …${text}…`);
  return chart;
}
