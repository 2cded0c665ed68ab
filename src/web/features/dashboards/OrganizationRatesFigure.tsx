import { useCallback, useId, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { RATE_BANDS, rateBand } from '../../../core/dashboards/rates';
import { EmptyState } from '../../components/QueryState';
import { Chart } from './charts/Chart';
import { ChartWithTable } from './charts/ChartWithTable';
import { barChartHeight, horizontalBarOption, tooltipHtml } from './charts/options';
import { useDashboardText } from './messages';
import type { MonthlyDashboard } from './queries';
import { ShowMore } from './ShowMore';
import { useCollapsed } from './use-collapsed';

type Rates = Pick<
  MonthlyDashboard,
  'organizationRates' | 'overallOrganizationRate' | 'overallBasis' | 'organizationRateDistribution'
>;
type RateRow = Rates['organizationRates'][number];

// A federation has thousands of workplaces: a bar, a row or a name for each of them
// makes the page slow to open and nothing anyone can read. Up to CHART_ALL_UP_TO
// rated workplaces (any single union) every one is drawn, as before.
const CHART_ALL_UP_TO = 40;
/** Above that, the chart (and the printed table) keep the lowest rates: where organizing is most needed. */
const LOWEST_SHOWN = 30;
/** Table rows on screen before "show all". */
const TABLE_ROWS = 50;
/** Workplace names per band before "show all". */
const BAND_NAMES = 20;

/** Lowest rate first (ties keep the API's name order); workplaces without a head count last. */
function lowestRateFirst(rows: RateRow[]): RateRow[] {
  const rated = rows.filter((r) => r.organizationRate != null);
  rated.sort((a, b) => (a.organizationRate ?? 0) - (b.organizationRate ?? 0));
  return [...rated, ...rows.filter((r) => r.organizationRate == null)];
}

/**
 * 組合組織率の職場別分布: the union's rate, a bar per workplace (highest first) —
 * or, for a large union, the lowest LOWEST_SHOWN — and the bands.
 */
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
  // null: every rated workplace has its bar.
  const lowest = useMemo(
    () => (rated.length > CHART_ALL_UP_TO ? lowestRateFirst(rated).slice(0, LOWEST_SHOWN) : null),
    [rated],
  );
  const bars = lowest ?? rated;
  // On paper nothing can be expanded: a large union prints the lowest rates and says what it left out.
  const printed = useMemo(
    () =>
      tableShown && data.organizationRates.length > CHART_ALL_UP_TO
        ? lowestRateFirst(data.organizationRates).slice(0, LOWEST_SHOWN)
        : null,
    [tableShown, data.organizationRates],
  );
  const rows = useCollapsed(data.organizationRates, TABLE_ROWS);
  const tableId = useId();
  const overall = data.overallOrganizationRate;

  const build = useCallback(
    (width: number) => {
      // The union's rate stays on the axis even when only the lowest bars are drawn.
      const top = Math.max(1, ...bars.map((r) => r.organizationRate ?? 0), overall ?? 0);
      return horizontalBarOption({
        width,
        animation,
        labels: bars.map((r) => r.name),
        values: bars.map((r) => r.organizationRate),
        valueLabels: bars.map((r) => text.percent(r.organizationRate ?? 0)),
        tooltips: bars.map((r) =>
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
    [bars, animation, m, text, overall],
  );

  if (data.organizationRates.length === 0) return <EmptyState>{m.emptyRates}</EmptyState>;
  const overallText = overall == null ? text.noValue : text.percent(overall);
  const tableRows = printed ?? (tableShown ? data.organizationRates : rows.visible);
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
            <>
              {lowest && (
                <p className="dash-figure-caption" data-testid="rates-chart-caption">
                  {m.lowestRates(lowest.length, rated.length)}
                </p>
              )}
              <Chart
                label={
                  lowest
                    ? m.lowestRatesChart(lowest.length, rated.length, overallText)
                    : m.ratesChart(rated.length, overallText)
                }
                height={barChartHeight(bars.length)}
                build={build}
                onSelect={(i) => {
                  const r = bars[i];
                  if (r) navigate(`/workplaces/${r.workplaceId}`);
                }}
              />
            </>
          )
        }
        table={
          <>
            <div className="table-wrap">
              <table id={tableId} className="dash-table" data-testid="rates-table">
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
                  {tableRows.map((r) => (
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
            {printed ? (
              <p className="muted">
                {m.ratesOmitted(printed.length, data.organizationRates.length - printed.length)}
              </p>
            ) : (
              !tableShown &&
              rows.collapsible && (
                <ShowMore
                  total={data.organizationRates.length}
                  rows={TABLE_ROWS}
                  expanded={rows.expanded}
                  onToggle={rows.toggle}
                  controls={tableId}
                />
              )
            )}
          </>
        }
      />
      <RateDistribution data={data} paper={tableShown} />
    </>
  );
}

/** The bands with their workplaces, so "3職場" names which three (the first BAND_NAMES of a large band). */
function RateDistribution({ data, paper }: { data: Rates; paper: boolean }) {
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
                    <BandWorkplaces rows={byBand.get(b.band) ?? []} paper={paper} />
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

function BandWorkplaces({ rows, paper }: { rows: RateRow[]; paper: boolean }) {
  const text = useDashboardText();
  const id = useId();
  const names = useCollapsed(rows, BAND_NAMES);
  return (
    <>
      <ul id={id} className="dash-inline-list">
        {names.visible.map((r) => (
          <li key={r.workplaceId}>
            <Link to={`/workplaces/${r.workplaceId}`}>{r.name}</Link>
          </li>
        ))}
        {paper && names.collapsible && (
          <li className="muted">{text.monthly.moreWorkplaces(rows.length - names.visible.length)}</li>
        )}
      </ul>
      {!paper && names.collapsible && (
        <ShowMore
          total={rows.length}
          rows={BAND_NAMES}
          expanded={names.expanded}
          onToggle={names.toggle}
          controls={id}
        />
      )}
    </>
  );
}
