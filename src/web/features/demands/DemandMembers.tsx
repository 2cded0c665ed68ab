import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../components/access';
import { EngagementChip } from '../../components/Chips';
import { EmptyState, QueryState } from '../../components/QueryState';
import { del, put } from '../../http/client';
import type { Demand, DemandMember } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { SearchBox } from '../workplaces/form-helpers';
import { useDemandText } from './messages';
import { demandKeys, useDemandMembers, useInvalidateDemand, useMemberSearch } from './queries';

const OPEN_LIMIT = 40;

type Group = { key: string; name: string | null; members: DemandMember[] };

/** Linked members by workplace, in the API's order (workplace, then kana); no workplace last. */
export function groupByWorkplace(members: DemandMember[]): Group[] {
  const groups = new Map<string, Group>();
  for (const m of members) {
    const key = m.workplaceId ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { key, name: m.workplaceName, members: [] };
      groups.set(key, group);
    }
    group.members.push(m);
  }
  return [...groups.values()].sort((a, b) => Number(a.key === '') - Number(b.key === ''));
}

/** Whether a linked member adds to 関連組合員数 (active members, organizing targets excluded). */
const counts = (m: DemandMember) => m.status === 'active' && m.unionRole !== 'organizing_target';

function useLinkMutations(demandId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateDemand();
  const onSuccess = async (demand: Demand) => {
    queryClient.setQueryData(demandKeys.detail(demandId), demand);
    await invalidate(demandId);
  };
  const link = useMutation({
    mutationFn: (memberId: string) => put<Demand>(`/demands/${demandId}/members/${memberId}`),
    onSuccess,
  });
  const unlink = useMutation({
    mutationFn: (memberId: string) => del<Demand>(`/demands/${demandId}/members/${memberId}`),
    onSuccess,
  });
  return { link, unlink };
}

function AddMember({
  demandId,
  linkedIds,
  link,
}: {
  demandId: string;
  linkedIds: Set<string>;
  link: ReturnType<typeof useLinkMutations>['link'];
}) {
  const { t } = useI18n();
  const d = useDemandText();
  const [q, setQ] = useState('');
  const results = useMemberSearch(q);

  return (
    <div className="dm-add">
      <h3 id="dm-add-title">{d.addMember}</h3>
      <div className="field">
        <label htmlFor="dm-member-q">{d.searchMembers}</label>
        <SearchBox id="dm-member-q" value={q} onSearch={setQ} aria-describedby="dm-member-q-hint" />
        <small id="dm-member-q-hint" className="field-hint">
          {d.searchHint}
        </small>
      </div>
      {link.error && (
        <p className="alert alert-error" role="alert">
          {link.error.message}
        </p>
      )}
      {q && (
        <QueryState isLoading={results.isLoading} error={results.error} onRetry={() => results.refetch()}>
          {results.data?.items.length === 0 ? (
            <EmptyState>{d.noMatches}</EmptyState>
          ) : (
            <ul className="dm-results" aria-label={d.searchMembers}>
              {results.data?.items.map((m) => {
                const already = linkedIds.has(m.id) || m.demandIds.includes(demandId);
                const pending = link.isPending && link.variables === m.id;
                return (
                  <li key={m.id}>
                    <span className="dm-result-name">
                      <Link to={`/members/${m.id}`}>{m.name}</Link>
                      {m.nameKana && <span className="muted"> {m.nameKana}</span>}
                    </span>
                    <span className="muted dm-result-wp">{m.workplaceName ?? d.noWorkplace}</span>
                    <EngagementChip value={m.engagement} />
                    {(m.status === 'left' || m.unionRole === 'organizing_target') && (
                      <span className="dm-tag">
                        {d.notCounted(m.status === 'left' ? d.left : t.enums.unionRole.organizing_target)}
                      </span>
                    )}
                    {already ? (
                      <span className="dm-linked">{d.linked}</span>
                    ) : (
                      <button
                        type="button"
                        aria-label={d.linkLabel(m.name)}
                        disabled={pending}
                        onClick={() => link.mutate(m.id)}
                      >
                        {pending ? t.common.saving : d.link}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </QueryState>
      )}
    </div>
  );
}

export function DemandMembers({ demandId }: { demandId: string }) {
  const { t } = useI18n();
  const d = useDemandText();
  const members = useDemandMembers(demandId);
  const { link, unlink } = useLinkMutations(demandId);
  // A rep links and unlinks members of their workplaces (the only ones listed to them).
  const mayLink = useCan('demands.link');
  const items = members.data?.items ?? [];
  const linkedIds = new Set(items.map((m) => m.id));
  const groups = groupByWorkplace(items);
  const largest = Math.max(1, ...groups.map((g) => g.members.length));
  // A few dozen names fit on the page; beyond that the per-workplace counts lead and lists open on demand.
  const openGroups = items.length <= OPEN_LIMIT;

  return (
    <section className="card dm-section" aria-labelledby="dm-members-title">
      <h2 id="dm-members-title">{d.membersTitle}</h2>
      {mayLink && <AddMember demandId={demandId} linkedIds={linkedIds} link={link} />}
      {unlink.error && (
        <p className="alert alert-error" role="alert">
          {unlink.error.message}
        </p>
      )}
      <QueryState isLoading={members.isLoading} error={members.error} onRetry={() => members.refetch()}>
        {items.length === 0 ? (
          <EmptyState>{d.noMembers}</EmptyState>
        ) : (
          <>
            {members.data && members.data.total > items.length && (
              <p className="alert alert-warning">{d.membersTruncated(items.length, members.data.total)}</p>
            )}
            <p className="muted dm-groups-intro">{d.groupsIntro(groups.length)}</p>
            <div className="dm-groups">
              {groups.map((g) => (
                <details key={g.key} className="dm-group" open={openGroups} data-workplace={g.key || 'none'}>
                  <summary className="dm-group-title">
                    <span className="dm-group-name">{g.name ?? d.noWorkplace}</span>
                    <span className="dm-group-count">{d.membersCount(g.members.length)}</span>
                    <span className="bar dm-group-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round((g.members.length / largest) * 100)}%` }} />
                    </span>
                  </summary>
                  {g.key && (
                    <p className="dm-group-link">
                      <Link to={`/workplaces/${g.key}`}>{d.openWorkplace(g.name ?? '')}</Link>
                    </p>
                  )}
                  <ul className="dm-members">
                    {g.members.map((m) => (
                      <li key={m.id}>
                        <Link to={`/members/${m.id}`}>{m.name}</Link>
                        <EngagementChip value={m.engagement} />
                        {!counts(m) && (
                          <span className="dm-tag">
                            {d.notCounted(m.status === 'left' ? d.left : t.enums.unionRole.organizing_target)}
                          </span>
                        )}
                        {mayLink && (
                          <button
                            type="button"
                            className="link-button dm-unlink"
                            aria-label={d.unlinkLabel(m.name)}
                            disabled={unlink.isPending && unlink.variables === m.id}
                            onClick={() => unlink.mutate(m.id)}
                          >
                            {d.unlink}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                </details>
              ))}
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
