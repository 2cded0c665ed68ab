import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../components/access';
import { EmptyState, QueryState } from '../../components/QueryState';
import { MatchReasons, MatchScore } from '../demands/MatchReasons';
import { acceptSuggestions, rejectSuggestions } from '../demands/queries';
import { useSuggestionText } from '../demands/suggestion-messages';
import { useMemberSuggestionText } from './demand-suggestion-messages';
import { type MemberDemandSuggestion, useInvalidateMember, useMemberDemandSuggestions } from './queries';

type Action = 'accept' | 'reject';

/**
 * 関係しそうな要求: the demands of the current season this member's words match, best first,
 * each with why, and 紐付ける / 提案しない on its row for those allowed to link members.
 */
export function MemberDemandSuggestions({ memberId }: { memberId: string }) {
  const s = useSuggestionText();
  const m = useMemberSuggestionText();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const suggestions = useMemberDemandSuggestions(memberId);
  const invalidate = useInvalidateMember();
  const mayLink = useCan('demands.link');
  const [notice, setNotice] = useState('');

  const run = useMutation({
    mutationFn: ({ action, item }: { action: Action; item: MemberDemandSuggestion }): Promise<unknown> =>
      action === 'accept'
        ? acceptSuggestions(item.demandId, [memberId])
        : rejectSuggestions(item.demandId, [memberId]),
    onSuccess: async (_result, { action, item }) => {
      setNotice(action === 'accept' ? m.accepted(item.title) : m.rejected(item.title));
      heading.current?.focus();
      // The member (its demandIds and these suggestions) and every demand (関連組合員数).
      await invalidate({ demands: true });
    },
  });
  const items = suggestions.data?.items ?? [];
  const busy = (demandId: string) => run.isPending && run.variables?.item.demandId === demandId;

  return (
    <section className="card member-section sg-section" aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {m.title}
        {items.length > 0 && <span className="m-count">{items.length}</span>}
      </h2>
      <p className="muted sg-intro">{m.intro}</p>
      {(suggestions.data?.pending ?? 0) > 0 && <p className="muted sg-pending">{s.pending}</p>}
      <div role="status">{notice && <p className="alert alert-ok sg-notice">{notice}</p>}</div>
      {run.error && (
        <p className="alert alert-error" role="alert">
          {run.error.message}
        </p>
      )}
      <QueryState
        isLoading={suggestions.isLoading}
        error={suggestions.error}
        onRetry={() => suggestions.refetch()}
      >
        {items.length === 0 ? (
          <EmptyState>{m.empty}</EmptyState>
        ) : (
          <ul className="sg-list" aria-label={m.list}>
            {items.map((item) => (
              <li key={item.demandId} className="sg-item" data-demand-id={item.demandId}>
                <div className="sg-body">
                  <div className="sg-head">
                    <span className="sg-who">
                      <Link to={`/demands/${item.demandId}`}>{item.title}</Link>
                    </span>
                    <MatchScore score={item.score} />
                  </div>
                  <MatchReasons
                    source={item.source}
                    excerpt={item.excerpt}
                    highlights={item.highlights}
                    terms={item.terms}
                    rules={item.rules}
                  />
                  {mayLink && (
                    <div className="sg-row-actions">
                      <button
                        type="button"
                        className="primary"
                        aria-label={m.acceptLabel(item.title)}
                        disabled={busy(item.demandId)}
                        onClick={() => {
                          setNotice('');
                          run.mutate({ action: 'accept', item });
                        }}
                      >
                        {m.accept}
                      </button>
                      <button
                        type="button"
                        aria-label={m.rejectLabel(item.title)}
                        disabled={busy(item.demandId)}
                        onClick={() => {
                          setNotice('');
                          run.mutate({ action: 'reject', item });
                        }}
                      >
                        {m.reject}
                      </button>
                    </div>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
