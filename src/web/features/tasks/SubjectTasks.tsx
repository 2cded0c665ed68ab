import { useId } from 'react';
import { Link } from 'react-router';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useToday } from '../../components/today';
import { useMe } from '../auth/queries';
import { useTaskText } from './messages';
import { TaskNotice, useNotice } from './Notice';
import { useSubjectTasks } from './queries';
import { TaskItem } from './TaskItem';
import './tasks.css';

/**
 * The open tasks about one record, on that record's page (「この職場のタスク」,
 * a member's 「未完了のタスク」): rule-made ones included, each completable here.
 */
export function SubjectTasks({
  subjectType,
  subjectId,
  className = 'card',
}: {
  subjectType: 'member' | 'workplace';
  subjectId: string;
  className?: string;
}) {
  const t = useTaskText();
  const headingId = useId();
  const me = useMe();
  const today = useToday();
  const tasks = useSubjectTasks(subjectType, subjectId);
  const { notice, show, clear } = useNotice();
  const total = tasks.data?.total ?? 0;
  const more = total - (tasks.data?.items.length ?? 0);

  return (
    <section className={`${className} task-section`} aria-labelledby={headingId}>
      <div className="task-section-header">
        <h2 id={headingId}>
          {t.section[subjectType]}
          {total > 0 && <span className="task-group-count">{t.count(total)}</span>}
        </h2>
        <Link to="/tasks">{t.section.toInbox}</Link>
      </div>
      <TaskNotice notice={notice} onNotice={show} onClose={clear} />
      <QueryState isLoading={tasks.isLoading} error={tasks.error} onRetry={() => tasks.refetch()}>
        {tasks.data && tasks.data.items.length === 0 ? (
          <EmptyState>{t.section.empty}</EmptyState>
        ) : (
          <ul className="task-list task-list-compact">
            {tasks.data?.items.map((task) => (
              <TaskItem key={task.id} task={task} me={me.data} today={today} onNotice={show} compact />
            ))}
          </ul>
        )}
        {more > 0 && <p className="muted task-more-count">{t.section.more(more)}</p>}
      </QueryState>
    </section>
  );
}
