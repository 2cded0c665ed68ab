import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Priority } from '../../../core/enums';
import { NegotiationStatusChip, PriorityChip } from '../../components/Chips';
import { EmptyState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { Chart } from './charts/Chart';
import { ChartWithTable } from './charts/ChartWithTable';
import { barChartHeight, horizontalBarOption, tooltipHtml } from './charts/options';
import { useDashboardText } from './messages';
import type { DemandFigure } from './queries';

// Priority is written in each bar's label; the colour repeats it for a quick scan.
const PRIORITY_COLOR: Record<Priority, string> = { high: '#a3231a', medium: '#a35f00', low: '#5f6673' };

/** 要求別の関連組合員数: a bar per demand, most members first; a bar opens its demand. */
export function DemandsFigure({
  demands,
  animation,
  tableShown = false,
}: {
  demands: DemandFigure[];
  animation: boolean;
  tableShown?: boolean;
}) {
  const { t } = useI18n();
  const text = useDashboardText();
  const m = text.monthly;
  const navigate = useNavigate();

  const build = useCallback(
    (width: number) =>
      horizontalBarOption({
        width,
        animation,
        labels: demands.map((d) => m.demandAxis(t.enums.priority[d.priority], d.title)),
        values: demands.map((d) => d.relatedMemberCount),
        valueLabels: demands.map((d) =>
          width < 560
            ? String(d.relatedMemberCount)
            : m.demandValue(text.people(d.relatedMemberCount), t.enums.negotiationStatus[d.status]),
        ),
        tooltips: demands.map((d) =>
          tooltipHtml(d.title, [
            text.people(d.relatedMemberCount),
            m.demandTooltip(t.enums.priority[d.priority], t.enums.negotiationStatus[d.status]),
          ]),
        ),
        colors: demands.map((d) => PRIORITY_COLOR[d.priority]),
      }),
    [demands, animation, m, t, text],
  );

  if (demands.length === 0) return <EmptyState>{m.emptyDemands}</EmptyState>;
  const top = demands[0]!;
  return (
    <ChartWithTable
      tableShown={tableShown}
      chart={
        <Chart
          label={m.demandsChart(demands.length, top.title, top.relatedMemberCount)}
          height={barChartHeight(demands.length)}
          build={build}
          onSelect={(i) => {
            const d = demands[i];
            if (d) navigate(`/demands/${d.demandId}`);
          }}
        />
      }
      table={
        <div className="table-wrap">
          <table className="dash-table" data-testid="demands-table">
            <thead>
              <tr>
                <th scope="col">{m.demandTitle}</th>
                <th scope="col">{m.priority}</th>
                <th scope="col">{m.status}</th>
                <th scope="col" className="num">
                  {m.relatedMemberCount}
                </th>
              </tr>
            </thead>
            <tbody>
              {demands.map((d) => (
                <tr key={d.demandId}>
                  <th scope="row" className="dash-name">
                    <Link to={`/demands/${d.demandId}`}>{d.title}</Link>
                  </th>
                  <td>
                    <PriorityChip value={d.priority} />
                  </td>
                  <td>
                    <NegotiationStatusChip value={d.status} />
                  </td>
                  <td className="num" data-testid="related-count">
                    {text.people(d.relatedMemberCount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}
