import { useState } from 'react';
import { EngagementChip } from '../../components/Chips';
import { EmptyState, QueryState } from '../../components/QueryState';
import type { TimelineItem } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { LockIcon } from './LockIcon';
import { type MemberMessages, useMemberMessages } from './messages';
import { NoteActions, type NoteNotice } from './NoteActions';
import { useTimeline } from './queries';

function kindLabel(item: TimelineItem, m: MemberMessages): string {
  switch (item.kind) {
    case 'note':
      return m.timeline.note;
    case 'engagement':
      return item.from ? m.timeline.engagement : m.timeline.engagementInitial;
    case 'case_opened':
      return m.timeline.caseOpened;
    case 'case_closed':
      return m.timeline.caseClosed;
    case 'case_reopened':
      return m.timeline.caseReopened;
    case 'task_created':
      return m.timeline.taskCreated;
    case 'task_completed':
      return m.timeline.taskCompleted;
    case 'handover':
      return m.timeline.handover;
    case 'survey_linked':
      return m.timeline.surveyLinked;
    case 'meeting_attended':
      return m.timeline.meetingAttended;
  }
}

/** Who the event names: a note's author, a task's assignee or completer, who opened a case… */
function actorText(item: TimelineItem, name: string, m: MemberMessages): string {
  switch (item.kind) {
    case 'note':
      return m.timeline.by(name);
    case 'task_created':
      return m.timeline.assignee(name);
    case 'task_completed':
    case 'case_closed':
      return m.timeline.completedBy(name);
    case 'case_opened':
      return m.timeline.openedBy(name);
    case 'case_reopened':
      return m.timeline.reopenedBy(name);
    case 'survey_linked':
      return m.timeline.appliedBy(name);
    default:
      return m.timeline.changedBy(name);
  }
}

/** One event of the member's story; the API decides the order (newest first). */
function TimelineEntry({
  item,
  memberId,
  onNotice,
}: {
  item: TimelineItem;
  memberId: string;
  onNotice: (notice: NoteNotice) => void;
}) {
  const { t, formatDate } = useI18n();
  const m = useMemberMessages();
  return (
    <li className={`tl-item tl-${item.kind}`} data-kind={item.kind}>
      <div className="tl-head">
        <time dateTime={item.date}>{formatDate(item.date)}</time>
        <span className="tl-kind">{kindLabel(item, m)}</span>
        {item.kind === 'note' && item.channel && (
          <span className="m-tag">{t.enums.channel[item.channel]}</span>
        )}
        {item.sensitive && (
          <span className="m-tag m-tag-sensitive" title={m.timeline.sensitiveHint}>
            <LockIcon />
            {m.timeline.sensitive}
          </span>
        )}
        {item.edited && (
          <span className="m-tag" title={m.timeline.editedHint}>
            {m.timeline.edited}
          </span>
        )}
      </div>
      {item.kind === 'engagement' && item.to && (
        <p className="tl-change">
          {item.from && (
            <>
              <EngagementChip value={item.from} />
              <span className="tl-arrow" aria-hidden="true">
                →
              </span>
            </>
          )}
          <EngagementChip value={item.to} />
        </p>
      )}
      {item.kind === 'handover' && item.fromUserName && item.toUserName && (
        <p className="tl-title">{m.timeline.handedOver(item.fromUserName, item.toUserName)}</p>
      )}
      {item.title && <p className="tl-title">{item.title}</p>}
      {item.body &&
        (item.kind === 'engagement' ||
        item.kind === 'handover' ||
        item.kind === 'case_closed' ||
        item.kind === 'case_reopened' ? (
          <p className="tl-body">
            <span className="tl-label">
              {item.kind === 'handover'
                ? m.timeline.handoverNote
                : item.kind === 'case_closed'
                  ? m.timeline.outcome
                  : m.timeline.reason}
              {m.colon}
            </span>
            {item.body}
          </p>
        ) : (
          <p className="tl-body">{item.body}</p>
        ))}
      {item.actorName && <p className="tl-meta">{actorText(item, item.actorName, m)}</p>}
      {item.kind === 'note' && item.canEdit && item.version !== null && (
        <NoteActions memberId={memberId} item={item} onNotice={onNotice} />
      )}
    </li>
  );
}

export function Timeline({ memberId }: { memberId: string }) {
  const m = useMemberMessages();
  const timeline = useTimeline(memberId);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const total = timeline.data?.pages.at(-1)?.total ?? 0;
  // A deleted or moved note leaves the list: its confirmation is said here.
  const [notice, setNotice] = useState<NoteNotice>(null);

  return (
    <section className="card member-section" aria-labelledby="member-timeline-title">
      <h2 id="member-timeline-title">{m.timeline.title}</h2>
      <div role="status" aria-live="polite">
        {notice && (
          <p className={notice.tone === 'ok' ? 'alert alert-ok' : 'alert alert-error'}>{notice.text}</p>
        )}
      </div>
      <QueryState
        isLoading={timeline.isLoading}
        error={timeline.data ? null : timeline.error}
        onRetry={() => timeline.refetch()}
      >
        {items.length === 0 ? (
          <EmptyState>{m.timeline.empty}</EmptyState>
        ) : (
          <>
            <ol className="timeline member-timeline">
              {items.map((item) => (
                <TimelineEntry key={item.id} item={item} memberId={memberId} onNotice={setNotice} />
              ))}
            </ol>
            {timeline.isFetchNextPageError && (
              <p className="alert alert-error" role="alert">
                {(timeline.error as Error).message}
              </p>
            )}
            <div className="tl-footer">
              <span className="muted">{m.timeline.shown(items.length, total)}</span>
              {timeline.hasNextPage && (
                <button
                  type="button"
                  onClick={() => timeline.fetchNextPage()}
                  disabled={timeline.isFetchingNextPage}
                >
                  {timeline.isFetchingNextPage ? m.timeline.loadingMore : m.timeline.loadMore}
                </button>
              )}
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
