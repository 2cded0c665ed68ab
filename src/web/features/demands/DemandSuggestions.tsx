import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../components/access';
import { useFocusOnMount, useReturnFocus } from '../../components/form';
import { EmptyState, QueryState } from '../../components/QueryState';
import type { Demand } from '../../http/types';
import { MatchReasons, MatchScore } from './MatchReasons';
import {
  acceptSuggestions,
  demandKeys,
  rejectSuggestions,
  useDemandSuggestions,
  useInvalidateDemand,
} from './queries';
import { useSuggestionText } from './suggestion-messages';

type Action = 'accept' | 'reject';
type Outcome =
  | { action: 'accept'; linked: number; relatedMemberCount: number }
  | { action: 'reject'; rejected: number };

/**
 * 関係しそうな組合員（提案）: members whose words (主な職場の悩み・要求, notes, survey answers)
 * match the demand and who are not linked yet, best first, each with why. Those allowed to link
 * members tick some and link them (source: matched) or turn them down for good, after a
 * confirmation that counts them.
 */
export function DemandSuggestions({ demandId, title }: { demandId: string; title: string }) {
  const s = useSuggestionText();
  const ids = { title: useId(), confirm: useId() };
  const queryClient = useQueryClient();
  const suggestions = useDemandSuggestions(demandId);
  const invalidate = useInvalidateDemand();
  // Reps too (demands.link); the server keeps them to their workplaces' members.
  const mayLink = useCan('demands.link');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [notice, setNotice] = useState('');
  const acceptButton = useReturnFocus();
  const rejectButton = useReturnFocus();
  const heading = useRef<HTMLHeadingElement>(null);

  const items = suggestions.data?.items ?? [];
  const total = suggestions.data?.total ?? 0;
  const capped = suggestions.data?.totalCapped ?? false;
  const pending = suggestions.data?.pending ?? 0;
  // Only what is shown can be chosen: a suggestion gone after a refresh drops out of the selection.
  const chosen = items.filter((i) => selected.has(i.memberId)).map((i) => i.memberId);
  const allChosen = items.length > 0 && chosen.length === items.length;

  const run = useMutation({
    mutationFn: async ({ action, memberIds }: { action: Action; memberIds: string[] }): Promise<Outcome> =>
      action === 'accept'
        ? { action, ...(await acceptSuggestions(demandId, memberIds)) }
        : { action, ...(await rejectSuggestions(demandId, memberIds)) },
    onSuccess: async (outcome) => {
      if (outcome.action === 'accept') {
        setNotice(s.accepted(outcome.linked, outcome.relatedMemberCount));
        queryClient.setQueryData<Demand>(demandKeys.detail(demandId), (d) =>
          d ? { ...d, relatedMemberCount: outcome.relatedMemberCount } : d,
        );
      } else {
        setNotice(s.rejected(outcome.rejected));
      }
      setSelected(new Set());
      setConfirming(null);
      // The rows acted on are gone: the keyboard goes to the section, the notice says what was done.
      heading.current?.focus();
      // The demand (関連組合員数), its members, breakdown and suggestions, lists, members, dashboards.
      await invalidate(demandId);
    },
  });

  const toggle = (memberId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(memberId);
      else next.delete(memberId);
      return next;
    });
  const ask = (action: Action) => {
    setNotice('');
    run.reset();
    setConfirming(action);
  };
  const cancel = () => {
    if (confirming === 'accept') acceptButton.returnFocus();
    else rejectButton.returnFocus();
    setConfirming(null);
  };

  return (
    <section className="card dm-section sg-section" aria-labelledby={ids.title}>
      <h2 id={ids.title} ref={heading} tabIndex={-1}>
        {s.title}
        {total > 0 && <span className="sg-count">{s.count(total, capped)}</span>}
      </h2>
      <p className="muted sg-intro">{s.intro}</p>
      {pending > 0 && (
        <p className="muted sg-pending" data-testid="suggestions-pending">
          {s.pending}
        </p>
      )}
      <div role="status">{notice && <p className="alert alert-ok sg-notice">{notice}</p>}</div>
      <QueryState
        isLoading={suggestions.isLoading}
        error={suggestions.error}
        onRetry={() => suggestions.refetch()}
      >
        {items.length === 0 ? (
          <EmptyState>{s.empty}</EmptyState>
        ) : (
          <>
            {total > items.length && <p className="muted sg-shown">{s.shown(items.length, total, capped)}</p>}
            {mayLink && (
              <div className="sg-toolbar">
                <label className="sg-pick">
                  <input
                    type="checkbox"
                    checked={allChosen}
                    disabled={confirming !== null}
                    onChange={(e) =>
                      setSelected(new Set(e.target.checked ? items.map((i) => i.memberId) : []))
                    }
                  />
                  {s.selectAll}
                </label>
                <span className="sg-selected" aria-live="polite">
                  {s.selected(chosen.length)}
                </span>
                {confirming === null && (
                  <span className="sg-actions">
                    <button
                      type="button"
                      className="primary"
                      ref={acceptButton.ref}
                      disabled={chosen.length === 0 || run.isPending}
                      onClick={() => ask('accept')}
                    >
                      {s.accept}
                    </button>
                    <button
                      type="button"
                      ref={rejectButton.ref}
                      disabled={chosen.length === 0 || run.isPending}
                      onClick={() => ask('reject')}
                    >
                      {s.reject}
                    </button>
                  </span>
                )}
              </div>
            )}
            {mayLink && confirming && (
              <Confirm
                id={ids.confirm}
                text={
                  confirming === 'accept'
                    ? s.confirmAccept(chosen.length, title)
                    : s.confirmReject(chosen.length, title)
                }
                yes={confirming === 'accept' ? s.doAccept : s.doReject}
                danger={confirming === 'reject'}
                busy={run.isPending}
                onYes={() => run.mutate({ action: confirming, memberIds: chosen })}
                onCancel={cancel}
              />
            )}
            {run.error && (
              <p className="alert alert-error" role="alert">
                {run.error.message}
              </p>
            )}
            <ul className="sg-list" aria-label={s.list}>
              {items.map((item) => (
                <li key={item.memberId} className="sg-item" data-member-id={item.memberId}>
                  {mayLink && (
                    <label className="sg-item-pick">
                      <input
                        type="checkbox"
                        checked={selected.has(item.memberId)}
                        disabled={confirming !== null}
                        onChange={(e) => toggle(item.memberId, e.target.checked)}
                      />
                      <span className="visually-hidden">{s.select(item.memberName)}</span>
                    </label>
                  )}
                  <div className="sg-body">
                    <div className="sg-head">
                      <span className="sg-who">
                        <Link to={`/members/${item.memberId}`} className="sg-name">
                          {item.memberName}
                        </Link>
                        {item.memberNameKana && <span className="muted sg-kana">{item.memberNameKana}</span>}
                      </span>
                      <span className="muted sg-wp">{item.workplaceName ?? s.noWorkplace}</span>
                      <MatchScore score={item.score} />
                    </div>
                    <MatchReasons
                      source={item.source}
                      excerpt={item.excerpt}
                      highlights={item.highlights}
                      terms={item.terms}
                      rules={item.rules}
                    />
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryState>
    </section>
  );
}

function Confirm({
  id,
  text,
  yes,
  danger,
  busy,
  onYes,
  onCancel,
}: {
  id: string;
  text: string;
  yes: string;
  danger: boolean;
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const s = useSuggestionText();
  const first = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="sg-confirm" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{text}</p>
      <div className="sg-confirm-actions">
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          ref={first}
          disabled={busy}
          onClick={onYes}
        >
          {yes}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {s.cancel}
        </button>
      </div>
    </div>
  );
}
