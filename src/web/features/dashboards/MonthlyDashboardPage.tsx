import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { DemandBreakdownList } from '../demands/DemandBreakdown';
import { useSeasons } from '../demands/queries';
import { DashboardMineToggle } from '../saved-views/DashboardMineToggle';
import { prefersReducedMotion } from './charts/Chart';
import { DemandsFigure } from './DemandsFigure';
import { DrillDownList } from './DrillDownList';
import { asOfForMonth, isMonth, monthOf } from './dates';
import { MonthPicker } from './MonthPicker';
import { useDashboardText } from './messages';
import { OrganizationRatesFigure } from './OrganizationRatesFigure';
import { type DrillFigure, type DrillParams, useMonthlyDashboard } from './queries';
import { AttritionTrendFigure, RateTrendFigure } from './TrendFigures';
import { UnmatchedVoicesSection } from './UnmatchedVoicesSection';
import { useOrgToday } from './use-today';
import './dashboards.css';

const DRILL_LIMIT = 50;
const DRILL_FIGURES: readonly DrillFigure[] = ['at_risk_month', 'month_end', 'rated'];

/** The open drill-down, from the URL (?list=at_risk_month&listMonth=2026-10&listOffset=50). */
function drillFromUrl(search: URLSearchParams, asOf: string | undefined): DrillParams | null {
  const figure = search.get('list') as DrillFigure | null;
  if (!figure || !DRILL_FIGURES.includes(figure)) return null;
  const listMonth = search.get('listMonth');
  if (figure !== 'rated' && !isMonth(listMonth)) return null;
  const offset = Number(search.get('listOffset') ?? 0);
  return {
    figure,
    ...(figure === 'rated' ? {} : { month: listMonth ?? undefined, asOf }),
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
    limit: DRILL_LIMIT,
  };
}

/** 執行委員会向け月次ダッシュボード (SPEC §5). The month lives in the URL (?month=YYYY-MM). */
export default function MonthlyDashboardPage() {
  const { t, formatDate } = useI18n();
  const text = useDashboardText();
  const m = text.monthly;
  const [search, setSearch] = useSearchParams();
  const today = useOrgToday();
  const current = monthOf(today);
  const param = search.get('month');
  const month = isMonth(param) ? param : current;
  const asOf = asOfForMonth(month, today);
  // No parameter: the season current on asOf (the API's default).
  const season = search.get('season') || undefined;
  // 自分の担当だけ (mine=1): demand counts and the at-risk trend of the user's own members.
  const mine = search.get('mine') === '1';
  const dashboard = useMonthlyDashboard(asOf ?? undefined, asOf !== null, season, mine);
  const data = dashboard.data;
  const drillParams = drillFromUrl(search, data?.asOf);
  // Only the at-risk trend is narrowed (organization rates stay the scope's): so is its drill-down.
  const drill =
    drillParams && mine && drillParams.figure === 'at_risk_month'
      ? { ...drillParams, mine: 1 as const }
      : drillParams;
  const animation = !prefersReducedMotion();

  useEffect(() => {
    document.title = `${m.title} | ${t.appName}`;
  }, [m.title, t.appName]);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    setSearch(next);
  };
  const drillQuery = (figure: DrillFigure, listMonth?: string) => {
    const next = new URLSearchParams(search);
    next.set('list', figure);
    if (listMonth) next.set('listMonth', listMonth);
    else next.delete('listMonth');
    next.delete('listOffset');
    return next;
  };
  const drillHref = (figure: DrillFigure) => (listMonth?: string) => `?${drillQuery(figure, listMonth)}`;
  const openDrill = (figure: DrillFigure) => (listMonth: string) => setSearch(drillQuery(figure, listMonth));
  const closeDrill = () => update({ list: undefined, listMonth: undefined, listOffset: undefined });
  const drillPanel = (figure: DrillFigure) =>
    drill?.figure === figure && (
      <DrillDownList
        key={`${drill.figure}-${drill.month ?? ''}`}
        params={drill}
        onOffset={(offset) => update({ listOffset: offset ? String(offset) : undefined })}
        onClose={closeDrill}
      />
    );

  return (
    <div className="dash-page">
      <div className="page-header">
        <h1>{m.title}</h1>
        <div className="actions">
          <Link
            className="button"
            to={`/reports/monthly?month=${month}${season ? `&season=${encodeURIComponent(season)}` : ''}`}
            data-testid="report-link"
          >
            {m.printable}
          </Link>
        </div>
      </div>
      <MonthPicker
        month={month}
        current={current}
        onChange={(next) =>
          update({ month: next, list: undefined, listMonth: undefined, listOffset: undefined })
        }
      />
      <DashboardMineToggle />
      {asOf === null ? (
        <p className="alert alert-warning">{m.futureMonth}</p>
      ) : (
        <QueryState
          isLoading={dashboard.isLoading}
          error={dashboard.error}
          onRetry={() => dashboard.refetch()}
        >
          {data && (
            <>
              <p className="dash-period">
                {text.month(data.month)}
                {text.paren(m.asOf(formatDate(data.asOf)))}
              </p>
              <section className="card dash-section" aria-labelledby="dash-demands-title">
                <h2 id="dash-demands-title">{m.demands}</h2>
                <p className="muted dash-intro">{m.demandsIntro}</p>
                <DashboardSeasonSelect
                  value={season ?? ''}
                  current={season ? null : data.season}
                  onChange={(value) => update({ season: value || undefined })}
                />
                <DemandsFigure demands={data.demands} animation={animation} />
                <DemandBreakdownList demands={data.demands} />
              </section>

              <UnmatchedVoicesSection />

              <section className="card dash-section" aria-labelledby="dash-rates-title">
                <h2 id="dash-rates-title">{m.rates}</h2>
                <p className="muted dash-intro">{m.ratesIntro}</p>
                <OrganizationRatesFigure data={data} animation={animation} ratedHref={drillHref('rated')()} />
                {drillPanel('rated')}
              </section>

              <section className="card dash-section" aria-labelledby="dash-attrition-title">
                <h2 id="dash-attrition-title">{m.attritionTrend}</h2>
                <p className="muted dash-intro">{m.attritionIntro}</p>
                <AttritionTrendFigure
                  trend={data.attritionTrend}
                  animation={animation}
                  onSelectMonth={openDrill('at_risk_month')}
                  monthHref={drillHref('at_risk_month')}
                />
                {drillPanel('at_risk_month')}
              </section>

              <section className="card dash-section" aria-labelledby="dash-rate-trend-title">
                <h2 id="dash-rate-trend-title">{m.rateTrend}</h2>
                <p className="muted dash-intro">{m.rateTrendIntro}</p>
                <RateTrendFigure
                  trend={data.organizationRateTrend}
                  animation={animation}
                  onSelectMonth={openDrill('month_end')}
                  monthHref={drillHref('month_end')}
                />
                {drillPanel('month_end')}
              </section>
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}

/** Whose demands the figure ranks: the season current in the chosen month (default), another season, or all. */
function DashboardSeasonSelect({
  value,
  current,
  onChange,
}: {
  value: string;
  current: { id: string; name: string } | null;
  onChange: (value: string) => void;
}) {
  const m = useDashboardText().monthly;
  const seasons = useSeasons();
  const items = seasons.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div className="field dash-season">
      <label htmlFor="dash-season">{m.season}</label>
      <select id="dash-season" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{current ? m.seasonCurrent(current.name) : m.seasonNone}</option>
        {items
          .filter((s) => s.id !== current?.id)
          .map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        <option value="all">{m.seasonAll}</option>
      </select>
    </div>
  );
}
