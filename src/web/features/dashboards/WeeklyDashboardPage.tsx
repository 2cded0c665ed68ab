import { useEffect, useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useMe } from '../auth/queries';
import { DashboardMineToggle } from '../saved-views/DashboardMineToggle';
import { AttritionRiskList } from './AttritionRiskList';
import { isPlainDate, plusDays } from './dates';
import { EarlyWarningList } from './EarlyWarningList';
import { EngagementReviewSection } from './EngagementReviewList';
import { FollowUpList } from './FollowUpList';
import { useDashboardText } from './messages';
import { NextActionsList } from './NextActionsList';
import { useWeeklyDashboard } from './queries';
import { useOrgToday } from './use-today';
import { WorkplaceMap } from './WorkplaceMap';
import './dashboards.css';

/** 専従役員・書記長の週次ダッシュボード (SPEC §5). The day it is for lives in the URL (?asOf=). */
export default function WeeklyDashboardPage() {
  const { t, formatDate } = useI18n();
  const text = useDashboardText();
  const w = text.weekly;
  const role = useMe().data?.role;
  const title = (role && w.titles[role]) || w.title;
  const [search, setSearch] = useSearchParams();
  const param = search.get('asOf');
  const asOf = isPlainDate(param) ? param : undefined;
  // 自分の担当だけ (mine=1): the figures of the members the signed-in user owns.
  const mine = search.get('mine') === '1';
  const dashboard = useWeeklyDashboard(asOf, mine);
  const data = dashboard.data;
  const dateId = useId();
  const today = useOrgToday();

  useEffect(() => {
    document.title = `${title} | ${t.appName}`;
  }, [title, t.appName]);

  const go = (next: string | undefined) => {
    const params = new URLSearchParams(search);
    if (next) params.set('asOf', next);
    else params.delete('asOf');
    setSearch(params);
  };
  const shownAsOf = data?.asOf ?? asOf ?? '';

  return (
    <div className="dash-page">
      <div className="page-header">
        <h1>{title}</h1>
        <div className="actions">
          {/* Printed, every list shows all its rows (useCollapsed) and the controls are left out. */}
          <button type="button" onClick={() => window.print()}>
            {w.print}
          </button>
        </div>
      </div>
      <div className="dash-controls">
        <div className="field dash-date">
          <label htmlFor={dateId}>{w.asOf}</label>
          <input
            id={dateId}
            type="date"
            value={shownAsOf}
            onChange={(e) => {
              if (isPlainDate(e.target.value)) go(e.target.value);
            }}
          />
        </div>
        <div className="dash-steps">
          <button type="button" disabled={!shownAsOf} onClick={() => go(plusDays(shownAsOf, -7))}>
            {w.prevWeek}
          </button>
          <button type="button" disabled={!asOf} onClick={() => go(undefined)}>
            {w.today}
          </button>
          <button type="button" disabled={!shownAsOf} onClick={() => go(plusDays(shownAsOf, 7))}>
            {w.nextWeek}
          </button>
        </div>
        <DashboardMineToggle />
        {data && (
          <p className="dash-period" aria-live="polite">
            {w.week(formatDate(data.weekStart), formatDate(data.weekEnd))}
          </p>
        )}
      </div>

      <QueryState isLoading={dashboard.isLoading} error={dashboard.error} onRetry={() => dashboard.refetch()}>
        {data && (
          <>
            <section aria-labelledby="dash-summary" className="dash-summary">
              <h2 id="dash-summary" className="visually-hidden">
                {w.summary}
              </h2>
              <ul className="dash-stats">
                <li>
                  <a href="#dash-follow-ups" className="dash-stat">
                    <span className="dash-stat-label">{w.stat.followUps}</span>
                    <span className="dash-stat-value">{text.count(data.totals.followUps)}</span>
                    {data.totals.overdueFollowUps > 0 && (
                      <span className="dash-stat-note overdue">
                        {w.stat.overdue(data.totals.overdueFollowUps)}
                      </span>
                    )}
                  </a>
                </li>
                <li>
                  <a href="#dash-next-actions" className="dash-stat">
                    <span className="dash-stat-label">{w.stat.nextActions}</span>
                    <span className="dash-stat-value">{text.count(data.totals.nextActions)}</span>
                  </a>
                </li>
                <li>
                  <a href="#dash-attrition" className="dash-stat">
                    <span className="dash-stat-label">{w.stat.attritionRisk}</span>
                    <span className="dash-stat-value">{text.people(data.totals.attritionRisk)}</span>
                  </a>
                </li>
                <li>
                  <a href="#dash-early" className="dash-stat">
                    <span className="dash-stat-label">{w.stat.earlyWarnings}</span>
                    <span className="dash-stat-value">{text.people(data.totals.earlyWarnings)}</span>
                  </a>
                </li>
              </ul>
            </section>

            <section
              id="dash-follow-ups"
              className="card dash-section"
              aria-labelledby="dash-follow-ups-title"
            >
              <h2 id="dash-follow-ups-title">
                {w.followUps} <span className="dash-count">{text.count(data.totals.followUps)}</span>
              </h2>
              <p className="muted dash-intro">{w.followUpsIntro}</p>
              <FollowUpList items={data.followUps} total={data.totals.followUps} />
            </section>

            <section
              id="dash-next-actions"
              className="card dash-section"
              aria-labelledby="dash-next-actions-title"
            >
              <h2 id="dash-next-actions-title">
                {w.nextActions} <span className="dash-count">{text.count(data.totals.nextActions)}</span>
              </h2>
              <p className="muted dash-intro">{w.nextActionsIntro}</p>
              <NextActionsList items={data.nextActions} total={data.totals.nextActions} />
              {data.asOf === today && data.totals.nextActions > 0 && (
                // The member list's filter is relative to today: offered for the current week only.
                <p className="dash-links">
                  <Link to="/members?nextActionDue=overdue">{w.nextActionsInList.overdue}</Link>
                  {' ・ '}
                  <Link to="/members?nextActionDue=this_week">{w.nextActionsInList.thisWeek}</Link>
                </p>
              )}
            </section>

            <EngagementReviewSection items={data.engagementReviews} total={data.totals.engagementReviews} />

            <section id="dash-attrition" className="card dash-section" aria-labelledby="dash-attrition-title">
              <h2 id="dash-attrition-title">
                {w.attritionRisk} <span className="dash-count">{text.people(data.totals.attritionRisk)}</span>
              </h2>
              <p className="muted dash-intro">{w.attritionIntro}</p>
              <AttritionRiskList
                items={data.attritionRisk}
                total={data.totals.attritionRisk}
                asOf={data.asOf}
              />
            </section>

            <section id="dash-early" className="card dash-section" aria-labelledby="dash-early-title">
              <h2 id="dash-early-title">
                {w.earlyWarnings} <span className="dash-count">{text.people(data.totals.earlyWarnings)}</span>
              </h2>
              <p className="muted dash-intro">{w.earlyIntro(formatDate(data.earlyWarningBaselineOn))}</p>
              <EarlyWarningList items={data.earlyWarnings} total={data.totals.earlyWarnings} />
            </section>

            <section id="dash-map" className="card dash-section" aria-labelledby="dash-map-title">
              <h2 id="dash-map-title">{w.workplaceMap}</h2>
              <p className="muted dash-intro">{w.mapIntro}</p>
              <WorkplaceMap rows={data.workplaceMap} />
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
