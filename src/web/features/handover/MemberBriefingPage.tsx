import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useToday } from '../../components/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useSetupState } from '../auth/queries';
import { MemberBriefing } from './MemberBriefing';
import { useHandoverText } from './messages';
import { useMemberBriefing } from './queries';
import '../dashboards/report.css';
import './briefing.css';

/**
 * One member's 引き継ぎ資料 on A4 paper (/members/:id/briefing), outside the
 * app frame: what a new owner reads before the first visit.
 */
export default function MemberBriefingPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const h = useHandoverText();
  const setup = useSetupState();
  const today = useToday();
  const briefing = useMemberBriefing(id);
  const name = briefing.data?.member.name;

  useEffect(() => {
    if (name) document.title = `${h.briefing.documentTitle(name)} | ${t.appName}`;
  }, [name, h, t.appName]);

  return (
    <div className="report briefing-report">
      <nav className="report-toolbar" aria-label={h.toolbar}>
        <Link to={`/members/${id}`}>{h.backToMember}</Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {h.print}
        </button>
      </nav>
      <main className="report-page">
        <header className="report-header">
          {setup.data?.organizationName && <p className="report-org">{setup.data.organizationName}</p>}
          <p className="briefing-doc-title">{h.briefing.title}</p>
          <p className="muted">{h.briefing.printedOn(formatDate(today))}</p>
        </header>
        <QueryState isLoading={briefing.isLoading} error={briefing.error} onRetry={() => briefing.refetch()}>
          {briefing.data && <MemberBriefing briefing={briefing.data} level={1} />}
        </QueryState>
      </main>
    </div>
  );
}
