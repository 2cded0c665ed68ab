import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../../components/access';
import { EmptyState, QueryState } from '../../components/QueryState';
import { ApiError, patch } from '../../http/client';
import type { MemberCase } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { LockIcon } from './LockIcon';
import { useMemberMessages } from './messages';
import { useInvalidateMember, useMemberCases, useToday } from './queries';

/** フォロー中の案件: the member's open cases, earliest due first, each closable. */
export function OpenCases({ memberId }: { memberId: string }) {
  const m = useMemberMessages();
  const cases = useMemberCases(memberId);
  const [done, setDone] = useState<string | null>(null);
  const open = (cases.data?.items ?? []).filter((c) => c.status === 'open');

  return (
    <section className="card member-section" aria-labelledby="member-cases-title">
      <h2 id="member-cases-title">
        {m.cases.title}
        {open.length > 0 && <span className="m-count">{open.length}</span>}
      </h2>
      <p className="qa-done" role="status">
        {done}
      </p>
      <QueryState isLoading={cases.isLoading} error={cases.error} onRetry={() => cases.refetch()}>
        {open.length === 0 ? (
          <EmptyState>{m.cases.empty}</EmptyState>
        ) : (
          <ul className="case-list">
            {open.map((c) => (
              <CaseRow key={c.id} memberId={memberId} item={c} onClosed={() => setDone(m.cases.closed)} />
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function CaseRow({ memberId, item, onClosed }: { memberId: string; item: MemberCase; onClosed: () => void }) {
  const { t, formatDate } = useI18n();
  const m = useMemberMessages();
  const today = useToday();
  const invalidate = useInvalidateMember();
  const mayClose = useCan('records.write');
  const close = useMutation({
    mutationFn: () =>
      patch<MemberCase>(`/members/${memberId}/cases/${item.id}`, { version: item.version, status: 'closed' }),
    onSuccess: async () => {
      await invalidate();
      onClosed();
    },
    onError: (err) => (err instanceof ApiError && err.status === 409 ? invalidate() : undefined),
  });
  const overdue = item.dueOn !== null && item.dueOn < today;
  const error =
    close.error instanceof ApiError && close.error.status === 409 ? t.common.conflict : close.error?.message;

  return (
    <li className="case-row">
      <div className="case-main">
        <p className="case-title">
          {item.sensitive && (
            <span className="m-tag m-tag-sensitive">
              <LockIcon />
              {m.timeline.sensitive}
            </span>
          )}{' '}
          {item.title}
        </p>
        {item.description && <p className="case-desc">{item.description}</p>}
        <p className="case-meta">
          {item.dueOn ? (
            <span className={overdue ? 'overdue' : undefined}>
              {m.cases.due(formatDate(item.dueOn))}
              {overdue && <span className="overdue-tag">{m.list.overdue}</span>}
            </span>
          ) : (
            <span>{m.cases.noDue}</span>
          )}
          <span className="muted"> · {m.cases.openedOn(formatDate(item.openedOn))}</span>
        </p>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {mayClose && (
        <button
          type="button"
          className="case-close"
          onClick={() => close.mutate()}
          disabled={close.isPending}
          aria-label={m.cases.closeLabel(item.title)}
        >
          {close.isPending ? m.cases.closing : m.cases.close}
        </button>
      )}
    </li>
  );
}
