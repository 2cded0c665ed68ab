import { EngagementChip } from '../../components/Chips';
import { EmptyState, QueryState } from '../../components/QueryState';
import type { TimelineItem } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { LockIcon } from './LockIcon';
import { type MemberMessages, useMemberMessages } from './messages';
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
    case 'task_created':
      return m.timeline.taskCreated;
    case 'task_completed':
      return m.timeline.taskCompleted;
    case 'handover':
      return m.timeline.handover;
  }
}

/** One event of the member's story; the API decides the order (newest first). */
function TimelineEntry({ item }: { item: TimelineItem }) {
  const { t, formatDate } = useI18n();
  const m = useMemberMessages();
  const isTask = item.kind === 'task_created' || item.kind === 'task_completed';
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
        (item.kind === 'engagement' || item.kind === 'handover' ? (
          <p className="tl-body">
            <span className="tl-label">
              {item.kind === 'handover' ? m.timeline.handoverNote : m.timeline.reason}
              {m.colon}
            </span>
            {item.body}
          </p>
        ) : (
          <p className="tl-body">{item.body}</p>
        ))}
      {item.actorName && (
        <p className="tl-meta">
          {item.kind === 'note'
            ? m.timeline.by(item.actorName)
            : isTask
              ? m.timeline.assignee(item.actorName)
              : m.timeline.changedBy(item.actorName)}
        </p>
      )}
    </li>
  );
}

export function Timeline({ memberId }: { memberId: string }) {
  const m = useMemberMessages();
  const timeline = useTimeline(memberId);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const total = timeline.data?.pages.at(-1)?.total ?? 0;

  return (
    <section className="card member-section" aria-labelledby="member-timeline-title">
      <h2 id="member-timeline-title">{m.timeline.title}</h2>
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
                <TimelineEntry key={item.id} item={item} />
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
