import type { ReactNode } from 'react';
import { useDashboardText } from '../messages';

/**
 * A chart and the same numbers as a table: behind a "表で見る" toggle on
 * screen, always shown on paper (`tableShown`), where nothing can be hovered.
 */
export function ChartWithTable({
  chart,
  table,
  tableShown = false,
}: {
  chart: ReactNode;
  table: ReactNode;
  tableShown?: boolean;
}) {
  const text = useDashboardText();
  return (
    <div className="dash-figure">
      {chart}
      {tableShown ? (
        <div className="dash-figure-table">{table}</div>
      ) : (
        <details className="dash-table-toggle">
          <summary>{text.showTable}</summary>
          <div className="dash-figure-table">{table}</div>
        </details>
      )}
    </div>
  );
}
