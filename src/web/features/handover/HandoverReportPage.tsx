import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState, QueryState } from '../../components/QueryState';
import { todayIn } from '../../components/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useSetupState } from '../auth/queries';
import { HandoverOverview } from './HandoverOverview';
import { MemberBriefing } from './MemberBriefing';
import { useHandoverText } from './messages';
import { type Handover, useHandover, useHandoverBriefings } from './queries';
import '../dashboards/report.css';
import './briefing.css';

/**
 * A handover's printable portfolio briefing (/handovers/:id): a first page with
 * the handover (who to whom, when, the note, what moved) and what needs
 * attention first (at-risk members, open cases, next actions due), then every
 * member's briefing, each starting on a new A4 page.
 */
export default function HandoverReportPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const h = useHandoverText();
  const setup = useSetupState();
  const handover = useHandover(id);
  const briefings = useHandoverBriefings(id);
  const items = briefings.data?.pages.flatMap((p) => p.items) ?? [];
  const total = briefings.data?.pages.at(-1)?.total ?? 0;
  const data = handover.data;

  useEffect(() => {
    if (data)
      document.title = `${h.handover.documentTitle(data.fromUserName, data.toUserName)} | ${t.appName}`;
  }, [data, h, t.appName]);

  return (
    <div className="report briefing-report">
      <nav className="report-toolbar" aria-label={h.toolbar}>
        <Link to="/handovers">{h.backToHandovers}</Link>
        <button
          type="button"
          className="primary"
          onClick={() => window.print()}
          disabled={briefings.hasNextPage}
        >
          {h.print}
        </button>
      </nav>
      <main className="report-page">
        <QueryState isLoading={handover.isLoading} error={handover.error} onRetry={() => handover.refetch()}>
          {data && (
            <>
              <header className="report-header">
                {setup.data?.organizationName && <p className="report-org">{setup.data.organizationName}</p>}
                <h1>
                  {h.handover.title}
                  <span className="report-month">
                    {h.handover.fromTo(data.fromUserName, data.toUserName)}
                  </span>
                </h1>
              </header>
              <div className="handover-first-page">
                <HandoverSummary handover={data} />
                <HandoverOverview handoverId={id} />
              </div>
              <QueryState
                isLoading={briefings.isLoading}
                error={briefings.data ? null : briefings.error}
                onRetry={() => briefings.refetch()}
              >
                {items.length === 0 ? (
                  <EmptyState>{h.handover.noMembers}</EmptyState>
                ) : (
                  items.map((b, i) => (
                    <section key={b.member.id} className="report-section report-break briefing-member">
                      <p className="muted briefing-counter">{h.handover.memberOf(i + 1, total)}</p>
                      <MemberBriefing briefing={b} level={2} />
                    </section>
                  ))
                )}
                {briefings.hasNextPage && !briefings.isFetchNextPageError && (
                  <p className="state state-loading" role="status">
                    {h.handover.loadingMore(items.length, total)}
                  </p>
                )}
                {briefings.isFetchNextPageError && (
                  <div className="alert alert-error" role="alert">
                    <p className="alert-text">{(briefings.error as Error).message}</p>
                    <button type="button" onClick={() => briefings.fetchNextPage()}>
                      {t.common.retry}
                    </button>
                  </div>
                )}
              </QueryState>
            </>
          )}
        </QueryState>
      </main>
    </div>
  );
}

function HandoverSummary({ handover }: { handover: Handover }) {
  const { formatDate } = useI18n();
  const h = useHandoverText().handover;
  const setup = useSetupState();
  const day = formatDate(todayIn(setup.data?.timezone || 'Asia/Tokyo', new Date(handover.createdAt)));
  return (
    <section className="report-section" aria-labelledby="handover-summary">
      <h2 id="handover-summary">{h.summary}</h2>
      <dl className="briefing-facts" data-testid="handover-summary">
        <dt>{h.date}</dt>
        <dd>{day}</dd>
        <dt>{h.from}</dt>
        <dd>{handover.fromUserName}</dd>
        <dt>{h.to}</dt>
        <dd>{handover.toUserName}</dd>
        {handover.createdByName && (
          <>
            <dt>{h.by}</dt>
            <dd>{handover.createdByName}</dd>
          </>
        )}
        <dt>{h.counts}</dt>
        <dd>
          <ul className="briefing-counts">
            <li>{h.members(handover.memberCount)}</li>
            <li>{h.workplaces(handover.workplaceCount)}</li>
            <li>{h.tasks(handover.taskCount)}</li>
            <li>{h.openCases(handover.openCaseCount)}</li>
          </ul>
        </dd>
        <dt>{h.note}</dt>
        <dd className="multiline">{handover.note ?? <span className="muted">{h.noNote}</span>}</dd>
      </dl>
    </section>
  );
}
