import { useCallback } from 'react';
import { Link } from 'react-router';
import { Chart } from './charts/Chart';
import { ChartWithTable } from './charts/ChartWithTable';
import { ACCENT, lineTrendOption, tooltipHtml } from './charts/options';
import { useDashboardText } from './messages';
import type { MonthlyDashboard } from './queries';

const TREND_HEIGHT = 280;
const RATE_COLOR = '#0b5cad';

type TrendProps<T> = {
  trend: T[];
  animation: boolean;
  tableShown?: boolean;
  /** A month's drill-down: the list of the members behind its point. */
  onSelectMonth: (month: string) => void;
  monthHref: (month: string) => string;
};

/** 脱退リスクのある組合員の推移: 12 month-ends; a point lists that month's at-risk members. */
export function AttritionTrendFigure({
  trend,
  animation,
  tableShown = false,
  onSelectMonth,
  monthHref,
}: TrendProps<MonthlyDashboard['attritionTrend'][number]>) {
  const text = useDashboardText();
  const m = text.monthly;

  const build = useCallback(
    (width: number) =>
      lineTrendOption({
        width,
        animation,
        categories: trend.map((p, i) => text.monthShort(p.month, i === 0)),
        values: trend.map((p) => p.atRiskCount),
        valueLabels: trend.map((p) => String(p.atRiskCount)),
        tooltips: trend.map((p) => tooltipHtml(text.month(p.month), [text.people(p.atRiskCount)])),
        minInterval: 1,
        color: ACCENT,
      }),
    [trend, animation, text],
  );

  if (trend.length === 0) return null;
  const counts = trend.map((p) => p.atRiskCount);
  return (
    <ChartWithTable
      tableShown={tableShown}
      chart={
        <Chart
          label={m.attritionChart(
            text.month(trend[0]!.month),
            text.month(trend.at(-1)!.month),
            counts[0]!,
            counts.at(-1)!,
            Math.max(...counts),
          )}
          height={TREND_HEIGHT}
          build={build}
          onSelect={(i) => {
            const p = trend[i];
            if (p) onSelectMonth(p.month);
          }}
        />
      }
      table={
        <div className="table-wrap">
          <table className="dash-table" data-testid="attrition-table">
            <thead>
              <tr>
                <th scope="col">{m.monthCol}</th>
                <th scope="col" className="num">
                  {m.atRiskCount}
                </th>
              </tr>
            </thead>
            <tbody>
              {trend.map((p) => (
                <tr key={p.month}>
                  <th scope="row">{text.month(p.month)}</th>
                  <td className="num">
                    <Link
                      to={monthHref(p.month)}
                      aria-label={m.drill.showList(text.month(p.month), p.atRiskCount)}
                    >
                      {text.people(p.atRiskCount)}
                    </Link>
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

/** 組織率の推移: the union's rate at each month-end (a gap where no snapshot was kept). */
export function RateTrendFigure({
  trend,
  animation,
  tableShown = false,
  onSelectMonth,
  monthHref,
}: TrendProps<MonthlyDashboard['organizationRateTrend'][number]>) {
  const text = useDashboardText();
  const m = text.monthly;

  const build = useCallback(
    (width: number) => {
      const top = Math.max(1, ...trend.map((p) => p.organizationRate ?? 0));
      return lineTrendOption({
        width,
        animation,
        categories: trend.map((p, i) => text.monthShort(p.month, i === 0)),
        values: trend.map((p) => p.organizationRate),
        valueLabels: trend.map((p) => (p.organizationRate == null ? '' : text.percent(p.organizationRate))),
        tooltips: trend.map((p) =>
          tooltipHtml(text.month(p.month), [
            p.organizationRate == null ? m.sources.none : text.percent(p.organizationRate),
            ...(p.memberCount != null && p.employeeCount != null
              ? [m.rateTooltip(p.memberCount, p.employeeCount)]
              : []),
          ]),
        ),
        max: top,
        axisFormatter: (v) => `${Math.round(v * 100)}%`,
        color: RATE_COLOR,
      });
    },
    [trend, animation, text, m],
  );

  if (trend.length === 0) return null;
  const last = [...trend].reverse().find((p) => p.organizationRate != null);
  return (
    <ChartWithTable
      tableShown={tableShown}
      chart={
        <Chart
          label={m.rateTrendChart(
            text.month(trend[0]!.month),
            text.month(trend.at(-1)!.month),
            last?.organizationRate == null ? text.noValue : text.percent(last.organizationRate),
          )}
          height={TREND_HEIGHT}
          build={build}
          onSelect={(i) => {
            const p = trend[i];
            if (p && p.source !== 'none') onSelectMonth(p.month);
          }}
        />
      }
      table={
        <div className="table-wrap">
          <table className="dash-table" data-testid="rate-trend-table">
            <thead>
              <tr>
                <th scope="col">{m.monthCol}</th>
                <th scope="col" className="num">
                  {m.organizationRate}
                </th>
                <th scope="col" className="num">
                  {m.ratedMembers}
                </th>
                <th scope="col" className="num">
                  {m.employeeCount}
                </th>
                <th scope="col" className="num">
                  {m.totalMembers}
                </th>
                <th scope="col">{m.source}</th>
              </tr>
            </thead>
            <tbody>
              {trend.map((p) => (
                <tr key={p.month}>
                  <th scope="row">{text.month(p.month)}</th>
                  <td className="num">
                    {p.organizationRate == null ? text.noValue : text.percent(p.organizationRate)}
                  </td>
                  <td className="num">{p.memberCount == null ? text.noValue : text.people(p.memberCount)}</td>
                  <td className="num">
                    {p.employeeCount == null ? text.noValue : text.people(p.employeeCount)}
                  </td>
                  <td className="num">
                    {p.totalMemberCount == null ? (
                      text.noValue
                    ) : (
                      <Link
                        to={monthHref(p.month)}
                        aria-label={m.drill.showList(text.month(p.month), p.totalMemberCount)}
                      >
                        {text.people(p.totalMemberCount)}
                      </Link>
                    )}
                  </td>
                  <td>{m.sources[p.source]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}
