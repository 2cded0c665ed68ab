import { useCallback, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { RATE_BANDS, rateBand } from '../../../core/dashboards/rates';
import { EmptyState } from '../../components/QueryState';
import { Chart } from './charts/Chart';
import { ChartWithTable } from './charts/ChartWithTable';
import { barChartHeight, horizontalBarOption, tooltipHtml } from './charts/options';
import { useDashboardText } from './messages';
import type { MonthlyDashboard } from './queries';

type Rates = Pick<
  MonthlyDashboard,
  'organizationRates' | 'overallOrganizationRate' | 'overallBasis' | 'organizationRateDistribution'
>;

/** 組合組織率の職場別分布: the union's rate, a bar per workplace (highest first), and the bands. */
export function OrganizationRatesFigure({
  data,
  animation,
  tableShown = false,
  ratedHref,
}: {
  data: Rates;
  animation: boolean;
  tableShown?: boolean;
  /** Where the union's rate drills down to (its members); none on paper. */
  ratedHref?: string | undefined;
}) {
  const text = useDashboardText();
  const m = text.monthly;
  const navigate = useNavigate();
  const rated = useMemo(
    () => data.organizationRates.filter((r) => r.organizationRate != null),
    [data.organizationRates],
  );
  const overall = data.overallOrganizationRate;

  const build = useCallback(
    (width: number) => {
      const top = Math.max(1, ...rated.map((r) => r.organizationRate ?? 0));
      return horizontalBarOption({
        width,
        animation,
        labels: rated.map((r) => r.name),
        values: rated.map((r) => r.organizationRate),
        valueLabels: rated.map((r) => text.percent(r.organizationRate ?? 0)),
        tooltips: rated.map((r) =>
          tooltipHtml(r.name, [
            `${m.organizationRate} ${text.percent(r.organizationRate ?? 0)}`,
            m.rateTooltip(r.memberCount, r.employeeCount ?? 0),
          ]),
        ),
        max: top,
        axisFormatter: (v) => `${Math.round(v * 100)}%`,
        reference:
          overall == null ? undefined : { value: overall, label: m.overallShort(text.percent(overall)) },
      });
    },
    [rated, animation, m, text, overall],
  );

  if (data.organizationRates.length === 0) return <EmptyState>{m.emptyRates}</EmptyState>;
  const overallText = overall == null ? text.noValue : text.percent(overall);
  return (
    <>
      <div className="dash-headline">
        <span className="dash-headline-label">{m.overall}</span>
        <strong className="dash-headline-value" data-testid="overall-rate">
          {overallText}
        </strong>
        {data.overallBasis.employeeCount != null && (
          <span className="muted">
            {m.overallBasis(
              data.overallBasis.workplaceCount,
              data.overallBasis.memberCount,
              data.overallBasis.employeeCount,
            )}
          </span>
        )}
        {ratedHref && overall != null && (
          <Link to={ratedHref} className="dash-headline-link">
            {m.overallMembers}
          </Link>
        )}
      </div>
      <ChartWithTable
        tableShown={tableShown}
        chart={
          rated.length > 0 && (
            <Chart
              label={m.ratesChart(rated.length, overallText)}
              height={barChartHeight(rated.length)}
              build={build}
              onSelect={(i) => {
                const r = rated[i];
                if (r) navigate(`/workplaces/${r.workplaceId}`);
              }}
            />
          )
        }
        table={
          <div className="table-wrap">
            <table className="dash-table" data-testid="rates-table">
              <thead>
                <tr>
                  <th scope="col">{m.workplace}</th>
                  <th scope="col" className="num">
                    {m.memberCount}
                  </th>
                  <th scope="col" className="num">
                    {m.employeeCount}
                  </th>
                  <th scope="col" className="num">
                    {m.organizationRate}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.organizationRates.map((r) => (
                  <tr key={r.workplaceId}>
                    <th scope="row" className="dash-name">
                      <Link to={`/workplaces/${r.workplaceId}`}>{r.name}</Link>
                    </th>
                    <td className="num">{text.people(r.memberCount)}</td>
                    <td className="num">
                      {r.employeeCount == null ? text.noValue : text.people(r.employeeCount)}
                    </td>
                    <td className="num" data-testid="rate">
                      {r.organizationRate == null ? (
                        <span className="muted">{m.noHeadcount}</span>
                      ) : (
                        text.percent(r.organizationRate)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        }
      />
      <RateDistribution data={data} />
    </>
  );
}

/** The bands with their workplaces, so "3職場" names which three. */
function RateDistribution({ data }: { data: Rates }) {
  const text = useDashboardText();
  const m = text.monthly;
  const byBand = new Map(RATE_BANDS.map((b) => [b.band, [] as Rates['organizationRates']]));
  for (const r of data.organizationRates) byBand.get(rateBand(r.memberCount, r.employeeCount))?.push(r);
  return (
    <>
      <h3>{m.distribution}</h3>
      <div className="table-wrap">
        <table className="dash-table dash-bands" data-testid="bands-table">
          <thead>
            <tr>
              <th scope="col">{m.band}</th>
              <th scope="col" className="num">
                {m.workplaceCount}
              </th>
              <th scope="col">{m.bandWorkplaces}</th>
            </tr>
          </thead>
          <tbody>
            {data.organizationRateDistribution.map((b) => (
              <tr key={b.band}>
                <th scope="row">{m.bands[b.band]}</th>
                <td className="num">{text.workplaces(b.workplaceCount)}</td>
                <td>
                  {b.workplaceCount === 0 ? (
                    <span className="muted">{text.noValue}</span>
                  ) : (
                    <ul className="dash-inline-list">
                      {(byBand.get(b.band) ?? []).map((r) => (
                        <li key={r.workplaceId}>
                          <Link to={`/workplaces/${r.workplaceId}`}>{r.name}</Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
