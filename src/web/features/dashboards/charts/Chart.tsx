import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useDashboardText } from '../messages';
import type { MountedChart } from './echarts';
import type { ChartOption } from './options';

type EChartsModule = typeof import('./echarts');

let loading: Promise<EChartsModule> | undefined;
/** One import for every chart on the page (and a retry after a failed load). */
function loadECharts(): Promise<EChartsModule> {
  loading ??= import('./echarts').catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

// Before layout (and in tests, where nothing has a width) charts are drawn this wide.
const FALLBACK_WIDTH = 640;

export function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' && Boolean(window.matchMedia?.('(prefers-reduced-motion: reduce)').matches)
  );
}

/**
 * An ECharts chart, loaded on demand (ECharts is its own chunk, fetched when
 * the first chart mounts). For assistive technology the chart is one image
 * whose name summarizes it; its numbers are in the table beside it.
 * `build` must be memoized: it gets the chart's width and returns the option.
 */
export function Chart({
  label,
  height,
  build,
  onSelect,
}: {
  label: string;
  height: number;
  build: (width: number) => ChartOption;
  onSelect?: ((dataIndex: number) => void) | undefined;
}) {
  const text = useDashboardText();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<MountedChart | null>(null);
  const select = useRef(onSelect);
  const [width, setWidth] = useState(0);
  const [lib, setLib] = useState<EChartsModule | null>(null);
  const [failed, setFailed] = useState(false);

  useLayoutEffect(() => {
    select.current = onSelect;
  });

  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return;
    const measure = () => setWidth(Math.round(node.getBoundingClientRect().width) || FALLBACK_WIDTH);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    let live = true;
    loadECharts().then(
      (m) => live && setLib(m),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const option = useMemo(() => (width ? build(width) : null), [build, width]);

  useEffect(() => {
    const node = el.current;
    if (!lib || !node || !option) return;
    if (!chart.current) {
      chart.current = lib.mountChart(node, option, (i) => select.current?.(i));
    } else {
      chart.current.resize();
      chart.current.update(option);
    }
  }, [lib, option]);

  // Paper is narrower than most screens: redraw at the printed width.
  useEffect(() => {
    if (typeof window === 'undefined' || !window.matchMedia) return;
    const media = window.matchMedia('print');
    const redraw = () => chart.current?.resize();
    media.addEventListener?.('change', redraw);
    window.addEventListener('beforeprint', redraw);
    window.addEventListener('afterprint', redraw);
    return () => {
      media.removeEventListener?.('change', redraw);
      window.removeEventListener('beforeprint', redraw);
      window.removeEventListener('afterprint', redraw);
    };
  }, []);

  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  return (
    <div className="dash-chart">
      <div
        ref={el}
        className={`dash-chart-canvas${onSelect ? ' dash-chart-clickable' : ''}`}
        role="img"
        aria-label={label}
        data-testid="chart"
        style={{ height }}
      />
      {!lib && !failed && (
        <p className="dash-chart-state muted" aria-hidden="true">
          {text.chartLoading}
        </p>
      )}
      {failed && <p className="dash-chart-state muted">{text.chartFailed}</p>}
    </div>
  );
}
