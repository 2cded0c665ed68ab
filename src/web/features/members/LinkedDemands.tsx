import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../components/access';
import { NegotiationStatusChip, PriorityChip } from '../../components/Chips';
import { EmptyState, QueryState } from '../../components/QueryState';
import { del, put } from '../../http/client';
import type { Demand, Member } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useMemberMessages } from './messages';
import { useDemandOptions, useInvalidateMember } from './queries';

/**
 * The demands this member holds. Linking adds the member's weight to the
 * demand's 関連組合員数, so the demands' queries are refreshed everywhere.
 */
export function LinkedDemands({ member }: { member: Member }) {
  const { t } = useI18n();
  const m = useMemberMessages();
  const demands = useDemandOptions();
  const invalidate = useInvalidateMember();
  const mayLink = useCan('demands.link');
  const selectId = useId();
  const [choice, setChoice] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const all = demands.data?.items ?? [];
  const linked = member.demandIds
    .map((id) => all.find((d) => d.id === id))
    .filter((d): d is Demand => Boolean(d));
  const unlinked = all.filter((d) => !member.demandIds.includes(d.id));

  const link = useMutation({
    mutationFn: (demandId: string) => put<Demand>(`/demands/${demandId}/members/${member.id}`),
    onSuccess: async () => {
      setChoice('');
      await invalidate({ demands: true });
      setDone(m.demands.linked);
    },
  });
  const unlink = useMutation({
    mutationFn: (demandId: string) => del<Demand>(`/demands/${demandId}/members/${member.id}`),
    onSuccess: async () => {
      await invalidate({ demands: true });
      setDone(m.demands.unlinked);
    },
  });
  const error = link.error ?? unlink.error;

  const onLink = (e: FormEvent) => {
    e.preventDefault();
    if (choice) link.mutate(choice);
  };

  return (
    <section className="card member-section" aria-labelledby="member-demands-title">
      <h2 id="member-demands-title">
        {m.demands.title}
        {member.demandIds.length > 0 && <span className="m-count">{member.demandIds.length}</span>}
      </h2>
      <p className="qa-done" role="status">
        {done}
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {(error as Error).message}
        </p>
      )}
      <QueryState isLoading={demands.isLoading} error={demands.error} onRetry={() => demands.refetch()}>
        {linked.length === 0 ? (
          <EmptyState>{m.demands.empty}</EmptyState>
        ) : (
          <ul className="demand-list">
            {linked.map((d) => (
              <li key={d.id} className="demand-row">
                <div className="demand-main">
                  <Link to={`/demands/${d.id}`}>{d.title}</Link>
                  <span className="demand-chips">
                    <PriorityChip value={d.priority} />
                    <NegotiationStatusChip value={d.status} />
                    <span className="muted m-small">
                      {m.demands.related(t.common.people(d.relatedMemberCount))}
                    </span>
                  </span>
                </div>
                {mayLink && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => unlink.mutate(d.id)}
                    disabled={unlink.isPending}
                    aria-label={m.demands.unlinkLabel(d.title)}
                  >
                    {m.demands.unlink}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {!mayLink ? null : unlinked.length === 0 ? (
          all.length > 0 && <p className="muted m-small">{m.demands.allLinked}</p>
        ) : (
          <form className="demand-link" onSubmit={onLink}>
            <label htmlFor={selectId}>{m.demands.linkLabel}</label>
            <div className="demand-link-row">
              <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">{m.demands.choose}</option>
                {unlinked.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={!choice || link.isPending}>
                {m.demands.link}
              </button>
            </div>
            <small className="muted">{m.demands.hint}</small>
          </form>
        )}
      </QueryState>
    </section>
  );
}
