import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

// Chart options as plain data (type-only ECharts imports: this file adds no
// ECharts code to a page's chunk). Every text is passed in already translated.

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

const FONT =
  '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, system-ui, sans-serif';
const TEXT = '#1f1f1f';
const AXIS_TEXT = '#404040';
const GRID_LINE = '#e4e1da';
export const ACCENT = '#a3231a';

/** Tooltips are HTML: user text (a demand's title) must be escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function tooltipHtml(title: string, lines: string[]): string {
  return [`<strong>${escapeHtml(title)}</strong>`, ...lines.map(escapeHtml)].join('<br>');
}

const ROW_HEIGHT = 34;

/** A rough width of a label in px: wide for kana and kanji, narrow for Latin and digits. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += ch.charCodeAt(0) >= 0x2e80 ? 1 : 0.6;
  return Math.ceil(em * fontSize);
}

export function barChartHeight(rows: number): number {
  return Math.max(120, rows * ROW_HEIGHT + 48);
}

export type BarChartInput = {
  width: number;
  /** Category labels, drawn top to bottom in this order. */
  labels: string[];
  values: (number | null)[];
  /** The text at the end of each bar (the number, with units). */
  valueLabels: string[];
  /** Escaped HTML per bar (see tooltipHtml). */
  tooltips: string[];
  colors?: string[] | undefined;
  max?: number | undefined;
  axisFormatter?: ((value: number) => string) | undefined;
  reference?: { value: number; label: string } | undefined;
  animation: boolean;
};

/** Horizontal bars: long Japanese names stay readable on the left, even on a phone. */
export function horizontalBarOption(input: BarChartInput): ChartOption {
  const narrow = input.width < 560;
  const labelWidth = Math.round(Math.min(260, Math.max(96, input.width * (narrow ? 0.34 : 0.3))));
  // 12 px at every width: smaller text is not legible on a phone (Lighthouse's legible-font audit).
  const fontSize = 12;
  // Room at the right for the longest value label, so "248 members · Negotiating" is not cut off.
  const longest = Math.max(0, ...input.valueLabels.map((l) => textWidth(l, fontSize)));
  const valueRoom = Math.round(Math.min(input.width * 0.35, Math.max(48, longest + 16)));
  return {
    animation: input.animation,
    textStyle: { fontFamily: FONT, color: TEXT },
    grid: { left: labelWidth + 12, right: valueRoom, top: input.reference ? 28 : 8, bottom: 28 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        return input.tooltips[p?.dataIndex ?? 0] ?? '';
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      ...(input.max === undefined ? {} : { max: input.max }),
      axisLabel: {
        color: AXIS_TEXT,
        ...(input.axisFormatter ? { formatter: input.axisFormatter } : {}),
      },
      splitLine: { lineStyle: { color: GRID_LINE } },
      splitNumber: narrow ? 3 : 5,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: input.labels,
      axisTick: { show: false },
      axisLabel: { color: TEXT, width: labelWidth, overflow: 'truncate', fontSize },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        cursor: 'pointer',
        data: input.values.map((value, i) => ({
          value,
          itemStyle: { color: input.colors?.[i] ?? ACCENT },
        })),
        label: {
          show: true,
          position: 'right',
          color: TEXT,
          fontSize,
          formatter: (p) => input.valueLabels[p.dataIndex] ?? '',
        },
        ...(input.reference
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#3b1f4a', type: 'dashed', width: 2 },
                label: {
                  formatter: input.reference.label,
                  color: '#3b1f4a',
                  position: 'start',
                  fontWeight: 'bold',
                },
                data: [{ xAxis: input.reference.value }],
              },
            }
          : {}),
      },
    ],
  };
}

export type LineChartInput = {
  width: number;
  categories: string[];
  values: (number | null)[];
  tooltips: string[];
  valueLabels?: string[] | undefined;
  axisFormatter?: ((value: number) => string) | undefined;
  max?: number | undefined;
  minInterval?: number | undefined;
  color?: string | undefined;
  animation: boolean;
};

/** A 12-month trend; every point is a click target (symbols big enough for a finger). */
export function lineTrendOption(input: LineChartInput): ChartOption {
  const narrow = input.width < 560;
  const color = input.color ?? ACCENT;
  return {
    animation: input.animation,
    textStyle: { fontFamily: FONT, color: TEXT },
    grid: { left: narrow ? 44 : 56, right: narrow ? 16 : 32, top: 28, bottom: narrow ? 64 : 40 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        return input.tooltips[p?.dataIndex ?? 0] ?? '';
      },
    },
    xAxis: {
      type: 'category',
      data: input.categories,
      boundaryGap: true,
      axisTick: { alignWithLabel: true },
      axisLabel: { color: AXIS_TEXT, interval: 0, rotate: narrow ? 45 : 0, fontSize: 12 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      ...(input.max === undefined ? {} : { max: input.max }),
      ...(input.minInterval === undefined ? {} : { minInterval: input.minInterval }),
      axisLabel: {
        color: AXIS_TEXT,
        ...(input.axisFormatter ? { formatter: input.axisFormatter } : {}),
      },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      {
        type: 'line',
        data: input.values,
        connectNulls: false,
        cursor: 'pointer',
        symbol: 'circle',
        symbolSize: narrow ? 10 : 12,
        lineStyle: { color, width: 3 },
        itemStyle: { color, borderColor: '#fff', borderWidth: 2 },
        label: {
          show: Boolean(input.valueLabels) && !narrow,
          position: 'top',
          color: TEXT,
          fontSize: 12,
          formatter: (p) => input.valueLabels?.[p.dataIndex] ?? '',
        },
      },
    ],
  };
}
