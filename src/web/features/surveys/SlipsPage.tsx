import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { QrCode } from '../../components/QrCode';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useSetupState } from '../auth/queries';
import { useSurveyText } from './messages';
import { type SurveyInvitation, useAllInvitations, useSurvey } from './queries';
import './slips.css';

type Group = { key: string; name: string; slips: SurveyInvitation[] };

/** Invitations with a live link, by workplace in the server's order (workplace, then member). */
export function groupSlips(invitations: SurveyInvitation[], noWorkplace: string): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const inv of invitations) {
    if (!inv.link || inv.revoked) continue;
    const key = inv.workplaceId ?? '';
    let group = byKey.get(key);
    if (!group) {
      group = { key, name: inv.workplaceName ?? noWorkplace, slips: [] };
      byKey.set(key, group);
      groups.push(group);
    }
    group.slips.push(inv);
  }
  return groups;
}

/**
 * /surveys/:id/slips[?workplaceId=]: one invitation slip per member, grouped by workplace
 * (each workplace starts a new sheet), for reps to hand out. Several slips per A4 sheet; a
 * slip is never cut across two.
 */
export default function SlipsPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const workplaceId = params.get('workplaceId') || undefined;
  const s = useSurveyText();
  const { t, formatDate } = useI18n();
  const setup = useSetupState();
  const survey = useSurvey(id);
  const invitations = useAllInvitations(id, workplaceId);
  const groups = groupSlips(invitations.data ?? [], s.noWorkplace);
  const total = groups.reduce((n, g) => n + g.slips.length, 0);
  const organization = setup.data?.organizationName ?? '';

  useEffect(() => {
    if (survey.data) document.title = `${s.slipsTitle(survey.data.title)} | ${t.appName}`;
  }, [survey.data, s, t.appName]);

  return (
    <div className="slips-page">
      <QueryState
        isLoading={survey.isLoading || invitations.isLoading}
        error={survey.error ?? invitations.error}
        onRetry={() => invitations.refetch()}
      >
        {survey.data && (
          <>
            <header className="slips-toolbar">
              <h1>{s.slipsTitle(survey.data.title)}</h1>
              <p className="muted">{s.slipsIntro(total)}</p>
              <div className="actions">
                <Link to={`/surveys/${id}`}>{s.backToSurvey}</Link>
                <button
                  type="button"
                  className="primary"
                  onClick={() => window.print()}
                  disabled={total === 0}
                >
                  {s.print}
                </button>
              </div>
            </header>
            {total === 0 && <p className="state state-empty">{s.noSlips}</p>}
            {groups.map((group) => (
              <section
                key={group.key}
                className="slips-group"
                aria-label={group.name}
                data-workplace={group.name}
              >
                <h2 className="slips-group-name">{group.name}</h2>
                <ul className="slips">
                  {group.slips.map((inv) => (
                    <li key={inv.id} className="slip" data-testid="slip" data-member-id={inv.memberId}>
                      <div className="slip-text">
                        <p className="slip-org">{organization}</p>
                        <p className="slip-title">{survey.data?.title}</p>
                        <p className="slip-name">{s.slipGreeting(inv.memberName)}</p>
                        <p className="slip-workplace">{group.name}</p>
                        <p className="slip-closes">{s.slipCloses(formatDate(survey.data?.closesOn))}</p>
                        <p className="slip-ask">{s.slipAsk}</p>
                        <p className="slip-privacy">
                          {survey.data?.anonymous ? s.slipAnonymous : s.slipIdentified}
                        </p>
                        <p className="slip-link">{inv.link}</p>
                        <p className="slip-personal">{s.slipPersonal}</p>
                      </div>
                      <QrCode text={inv.link ?? ''} label={s.qrLabel(inv.memberName)} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </QueryState>
    </div>
  );
}
