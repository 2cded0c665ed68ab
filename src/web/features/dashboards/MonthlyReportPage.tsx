import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useSetupState } from '../auth/queries';
import { DemandBreakdownList } from '../demands/DemandBreakdown';
import { monthlyChanges } from './changes';
import { DemandsFigure } from './DemandsFigure';
import { asOfForMonth, isMonth, monthOf, plusMonths } from './dates';
import { MonthlyChangesSection } from './MonthlyChangesSection';
import { useDashboardText } from './messages';
import { OrganizationRatesFigure } from './OrganizationRatesFigure';
import { type DrillFigure, type DrillParams, useDashboardMembers, useMonthlyDashboard } from './queries';
import { AttritionTrendFigure, RateTrendFigure } from './TrendFigures';
import { UnmatchedVoicesSection } from './UnmatchedVoicesSection';
import { useOrgToday } from './use-today';
import './dashboards.css';
import './report.css';

// The comparison needs every at-risk member of both month-ends (tens in a union of hundreds).
const COMPARE_LIMIT = 500;

function atRiskParams(month: string | undefined, asOf: string | undefined): DrillParams | null {
  if (!month || !asOf) return null;
  return { figure: 'at_risk_month', month, asOf, offset: 0, limit: COMPARE_LIMIT };
}

/**
 * The monthly report on A4 paper (/reports/monthly?month=YYYY-MM), outside the
 * app frame. Charts are drawn as SVG without animation so the print is final and crisp.
 */
export default function MonthlyReportPage() {
  const { t, formatDate } = useI18n();
  const text = useDashboardText();
  const r = text.report;
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const setup = useSetupState();
  const today = useOrgToday();
  const param = search.get('month');
  const month = isMonth(param) ? param : monthOf(today);
  const asOf = asOfForMonth(month, today);
  const dashboard = useMonthlyDashboard(asOf ?? undefined, asOf !== null, search.get('season') || undefined);
  const data = dashboard.data;
  const current = useDashboardMembers(atRiskParams(data?.month, data?.asOf));
  const previous = useDashboardMembers(
    atRiskParams(data ? plusMonths(data.month, -1) : undefined, data?.asOf),
  );
  const organization = setup.data?.organizationName ?? '';

  useEffect(() => {
    document.title = `${r.documentTitle(organization, text.month(month))} | ${t.appName}`;
  }, [r, organization, text, month, t.appName]);

  const changes = useMemo(
    () =>
      data && current.data && previous.data
        ? monthlyChanges(data, current.data.items, previous.data.items)
        : null,
    [data, current.data, previous.data],
  );
  const truncated = Boolean(
    (current.data && current.data.total > current.data.items.length) ||
      (previous.data && previous.data.total > previous.data.items.length),
  );
  const dashboardHref = (figure?: DrillFigure) => (listMonth?: string) => {
    const params = new URLSearchParams({ month });
    if (figure) params.set('list', figure);
    if (listMonth) params.set('listMonth', listMonth);
    return `/dashboards/monthly?${params}`;
  };

  return (
    <div className="report">
      <nav className="report-toolbar" aria-label={r.toolbar}>
        <Link to={dashboardHref()()}>{r.back}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {r.print}
        </button>
      </nav>
      <main className="report-page">
        <header className="report-header">
          {organization && <p className="report-org">{organization}</p>}
          <h1>
            {r.title}
            <span className="report-month">{text.month(month)}</span>
          </h1>
          {data && <p className="muted">{r.asOf(formatDate(data.asOf))}</p>}
        </header>
        {asOf === null ? (
          <p className="alert alert-warning">{text.monthly.futureMonth}</p>
        ) : (
          <QueryState
            isLoading={dashboard.isLoading || current.isLoading || previous.isLoading}
            error={dashboard.error ?? current.error ?? previous.error}
            onRetry={() => {
              dashboard.refetch();
              current.refetch();
              previous.refetch();
            }}
          >
            {data && changes && (
              <>
                <section className="report-section" aria-labelledby="report-changes">
                  <h2 id="report-changes">{r.changes}</h2>
                  <MonthlyChangesSection changes={changes} truncated={truncated} />
                  <h3>{r.demandsNow}</h3>
                  <p className="muted" data-testid="report-season">
                    {text.monthly.seasonShown(data.season?.name ?? null)}
                  </p>
                  <DemandsFigure demands={data.demands} animation={false} tableShown />
                  <DemandBreakdownList demands={data.demands} links={false} />
                </section>
                <UnmatchedVoicesSection paper />
                <section className="report-section" aria-labelledby="report-rates">
                  <h2 id="report-rates">{text.monthly.rates}</h2>
                  <OrganizationRatesFigure data={data} animation={false} tableShown />
                </section>
                <section className="report-section" aria-labelledby="report-attrition">
                  <h2 id="report-attrition">{text.monthly.attritionTrend}</h2>
                  <AttritionTrendFigure
                    trend={data.attritionTrend}
                    animation={false}
                    tableShown
                    onSelectMonth={(m) => navigate(dashboardHref('at_risk_month')(m))}
                    monthHref={dashboardHref('at_risk_month')}
                  />
                </section>
                <section className="report-section" aria-labelledby="report-rate-trend">
                  <h2 id="report-rate-trend">{text.monthly.rateTrend}</h2>
                  <RateTrendFigure
                    trend={data.organizationRateTrend}
                    animation={false}
                    tableShown
                    onSelectMonth={(m) => navigate(dashboardHref('month_end')(m))}
                    monthHref={dashboardHref('month_end')}
                  />
                </section>
              </>
            )}
          </QueryState>
        )}
      </main>
    </div>
  );
}
