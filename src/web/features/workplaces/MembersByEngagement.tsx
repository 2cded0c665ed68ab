import { Link } from 'react-router';
import { ENGAGEMENTS, type Engagement } from '../../../core/enums';
import { EngagementChip } from '../../components/Chips';
import { QueryState } from '../../components/QueryState';
import type { Member } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkplaceText } from './messages';
import { useWorkplaceMembers } from './queries';

export type EngagementGroups = {
  groups: { engagement: Engagement; members: Member[] }[];
  organizingTargets: Member[];
};

/**
 * Members in SPEC's engagement order (warmest first), keeping the API's kana order
 * inside each level. Organizing targets are not members, so they stand apart.
 */
export function groupByEngagement(members: Member[]): EngagementGroups {
  const byLevel = new Map<Engagement, Member[]>(ENGAGEMENTS.map((e) => [e, []]));
  const organizingTargets: Member[] = [];
  for (const m of members) {
    if (m.unionRole === 'organizing_target') organizingTargets.push(m);
    else byLevel.get(m.engagement)?.push(m);
  }
  return {
    groups: ENGAGEMENTS.map((engagement) => ({ engagement, members: byLevel.get(engagement) ?? [] })),
    organizingTargets,
  };
}

function MemberLinks({ members }: { members: Member[] }) {
  const { t } = useI18n();
  const w = useWorkplaceText();
  return (
    <ul className="wp-member-list">
      {members.map((m) => (
        <li key={m.id}>
          <Link to={`/members/${m.id}`}>{m.name}</Link>
          {m.unionRole !== 'general_member' && m.unionRole !== 'organizing_target' && (
            <span className="muted wp-role">{w.paren(t.enums.unionRole[m.unionRole])}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function MembersByEngagement({ workplaceId }: { workplaceId: string }) {
  const { t } = useI18n();
  const w = useWorkplaceText();
  const members = useWorkplaceMembers(workplaceId);
  const grouped = members.data ? groupByEngagement(members.data.items) : undefined;
  const memberTotal = grouped ? grouped.groups.reduce((n, g) => n + g.members.length, 0) : 0;

  return (
    <section className="card wp-section" aria-labelledby="wp-members-title">
      <h2 id="wp-members-title">{w.membersTitle}</h2>
      <QueryState isLoading={members.isLoading} error={members.error} onRetry={() => members.refetch()}>
        {grouped && members.data && (
          <>
            <p className="muted">{w.membersIntro(memberTotal)}</p>
            {members.data.total > members.data.items.length && (
              <p className="alert alert-warning">
                {w.membersTruncated(members.data.items.length, members.data.total)}{' '}
                <Link to={`/members?workplaceId=${workplaceId}`}>{w.openMemberList}</Link>
              </p>
            )}
            <div className="wp-groups">
              {grouped.groups.map((g) => (
                <section
                  key={g.engagement}
                  className="wp-group"
                  data-engagement-group={g.engagement}
                  aria-labelledby={`wp-group-${g.engagement}`}
                >
                  <h3 id={`wp-group-${g.engagement}`} className="wp-group-title">
                    <EngagementChip value={g.engagement} />
                    <span className="wp-group-count" data-testid="group-count">
                      {t.common.people(g.members.length)}
                    </span>
                  </h3>
                  {g.members.length ? (
                    <MemberLinks members={g.members} />
                  ) : (
                    <p className="muted wp-none">{w.noMembersAtLevel}</p>
                  )}
                </section>
              ))}
            </div>
            <section
              className="wp-group wp-targets"
              data-engagement-group="organizing_target"
              aria-labelledby="wp-targets"
            >
              <h3 id="wp-targets" className="wp-group-title">
                {w.organizingTargets}
                <span className="wp-group-count" data-testid="group-count">
                  {w.headCount(grouped.organizingTargets.length)}
                </span>
              </h3>
              <p className="muted">{w.organizingTargetsNote}</p>
              {grouped.organizingTargets.length ? (
                <MemberLinks members={grouped.organizingTargets} />
              ) : (
                <p className="muted wp-none">{w.noOrganizingTargets}</p>
              )}
            </section>
          </>
        )}
      </QueryState>
    </section>
  );
}
