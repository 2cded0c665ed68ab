import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import { EmptyState, QueryState } from '../../components/QueryState';
import { ApiError, patch } from '../../http/client';
import type { MemberCase } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { LockIcon } from './LockIcon';
import { useMemberMessages } from './messages';
import { ActionForm, useErrorView } from './QuickActionForms';
import { useInvalidateMember, useMemberCases, useToday } from './queries';

/**
 * フォロー中の案件: the member's open cases, earliest due first. Closing one asks for the
 * outcome (対応結果) and a confirmation — for a 要配慮 case, that it leaves every follow-up
 * list — and closed cases can be reopened with a reason.
 */
export function OpenCases({ memberId }: { memberId: string }) {
  const m = useMemberMessages();
  const cases = useMemberCases(memberId);
  const [done, setDone] = useState<string | null>(null);
  const all = cases.data?.items ?? [];
  const open = all.filter((c) => c.status === 'open');
  const closed = all.filter((c) => c.status === 'closed');

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
          <ul className="case-list" aria-label={m.cases.openList}>
            {open.map((c) => (
              <CaseRow key={c.id} memberId={memberId} item={c} onDone={setDone} />
            ))}
          </ul>
        )}
        {closed.length > 0 && (
          <details className="case-closed-list">
            <summary>{m.cases.closedTitle(closed.length)}</summary>
            <ul className="case-list" aria-label={m.cases.closedList}>
              {closed.map((c) => (
                <CaseRow key={c.id} memberId={memberId} item={c} onDone={setDone} />
              ))}
            </ul>
          </details>
        )}
      </QueryState>
    </section>
  );
}

function CaseRow({
  memberId,
  item,
  onDone,
}: {
  memberId: string;
  item: MemberCase;
  onDone: (text: string) => void;
}) {
  const { formatDate } = useI18n();
  const m = useMemberMessages();
  const today = useToday();
  const mayWrite = useCan('records.write');
  const [editing, setEditing] = useState(false);
  const isOpen = item.status === 'open';
  const overdue = isOpen && item.dueOn !== null && item.dueOn < today;

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
          {isOpen ? (
            item.dueOn ? (
              <span className={overdue ? 'overdue' : undefined}>
                {m.cases.due(formatDate(item.dueOn))}
                {overdue && <span className="overdue-tag">{m.list.overdue}</span>}
              </span>
            ) : (
              <span>{m.cases.noDue}</span>
            )
          ) : (
            item.closedOn && (
              <span>
                {m.cases.closedOn(formatDate(item.closedOn))}
                {item.closedByName && ` · ${m.cases.closedBy(item.closedByName)}`}
              </span>
            )
          )}
          <span className="muted"> · {m.cases.openedOn(formatDate(item.openedOn))}</span>
        </p>
        {!isOpen && item.outcome && (
          <p className="case-desc">
            <span className="tl-label">
              {m.timeline.outcome}
              {m.colon}
            </span>
            {item.outcome}
          </p>
        )}
        {editing &&
          (isOpen ? (
            <CloseCase memberId={memberId} item={item} onCancel={() => setEditing(false)} onDone={onDone} />
          ) : (
            <ReopenCase memberId={memberId} item={item} onCancel={() => setEditing(false)} onDone={onDone} />
          ))}
      </div>
      {mayWrite && !editing && (
        <button
          type="button"
          className="case-close"
          onClick={() => setEditing(true)}
          aria-label={isOpen ? m.cases.closeLabel(item.title) : m.cases.reopenLabel(item.title)}
        >
          {isOpen ? m.cases.close : m.cases.reopen}
        </button>
      )}
    </li>
  );
}

type FormProps = { memberId: string; item: MemberCase; onCancel: () => void; onDone: (text: string) => void };

/** A stale version: reload the cases so the next try reads the latest. */
function useConflictText() {
  const { t } = useI18n();
  return (error: unknown) =>
    error instanceof ApiError && error.status === 409 ? t.common.conflict : undefined;
}

function CloseCase({ memberId, item, onCancel, onDone }: FormProps) {
  const m = useMemberMessages();
  const invalidate = useInvalidateMember();
  const conflict = useConflictText();
  const [outcome, setOutcome] = useState('');
  const close = useMutation({
    mutationFn: () =>
      patch<MemberCase>(`/members/${memberId}/cases/${item.id}`, {
        status: 'closed',
        outcome,
        version: item.version,
      }),
    onSuccess: async () => {
      onDone(m.cases.closed);
      await invalidate();
    },
    onError: (err) => (conflict(err) ? invalidate() : undefined),
  });
  const { fieldError, summary } = useErrorView(close.error);
  return (
    <ActionForm
      inline
      title={m.cases.closeTitle(item.title)}
      onSubmit={() => close.mutate()}
      onCancel={onCancel}
      pending={close.isPending}
      submit={close.isPending ? m.cases.closing : m.cases.closeYes}
      error={conflict(close.error) ?? summary}
      danger={item.sensitive}
    >
      <Field label={m.cases.outcome} required error={fieldError('outcome')}>
        {(p) => <textarea {...p} rows={3} value={outcome} onChange={(e) => setOutcome(e.target.value)} />}
      </Field>
      <p className="tl-confirm">{item.sensitive ? m.cases.closeConfirmSensitive : m.cases.closeConfirm}</p>
    </ActionForm>
  );
}

function ReopenCase({ memberId, item, onCancel, onDone }: FormProps) {
  const m = useMemberMessages();
  const invalidate = useInvalidateMember();
  const conflict = useConflictText();
  const [reason, setReason] = useState('');
  const reopen = useMutation({
    mutationFn: () =>
      patch<MemberCase>(`/members/${memberId}/cases/${item.id}`, {
        status: 'open',
        reopenReason: reason,
        version: item.version,
      }),
    onSuccess: async () => {
      onDone(m.cases.reopened);
      await invalidate();
    },
    onError: (err) => (conflict(err) ? invalidate() : undefined),
  });
  const { fieldError, summary } = useErrorView(reopen.error);
  return (
    <ActionForm
      inline
      title={m.cases.reopenTitle(item.title)}
      onSubmit={() => reopen.mutate()}
      onCancel={onCancel}
      pending={reopen.isPending}
      submit={reopen.isPending ? m.cases.reopening : m.cases.reopenYes}
      error={conflict(reopen.error) ?? summary}
    >
      <Field label={m.cases.reopenReason} required error={fieldError('reopenReason')}>
        {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <p className="tl-confirm">{m.cases.reopenConfirm}</p>
    </ActionForm>
  );
}
