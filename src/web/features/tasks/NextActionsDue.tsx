import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get, type Page } from '../../http/client';
import type { Member } from '../../http/types';
import { memberKeys } from '../members/queries';
import { useTaskText } from './messages';

/**
 * 今週期日の次のアクション in the inbox: how many of the members the user owns
 * have a next action due by this Sunday (overdue included), counted by the
 * member list's own filter (`nextActionDue`, relative to the organization's
 * today), so the links open exactly the members counted. The user's own
 * members: the inbox is their work, as its default view is their tasks.
 */
export function NextActionsDue({ userId }: { userId: string }) {
  const text = useTaskText();
  const t = text.nextActions;
  const count = (nextActionDue: 'overdue' | 'this_week') => {
    const params = {
      ownerId: userId,
      status: 'active',
      nextActionDue,
      sort: 'nextActionDueOn',
      limit: 1,
      offset: 0,
    };
    return {
      queryKey: memberKeys.list(params),
      queryFn: () => get<Page<Member>>('/members', params),
    };
  };
  const overdue = useQuery(count('overdue'));
  const thisWeek = useQuery(count('this_week'));
  if (!overdue.data || !thisWeek.data) return null;
  const o = overdue.data.total;
  const total = o + thisWeek.data.total;
  const href = (due: string) => `/members?ownerId=${userId}&nextActionDue=${due}&sort=nextActionDueOn`;
  return (
    <p className="task-next-actions" data-testid="inbox-next-actions">
      <span>
        {t.label}
        {t.sep}
        <strong>{t.count(total)}</strong>
        {o > 0 && <span className="overdue">{text.paren(t.overdue(o))}</span>}
      </span>{' '}
      {thisWeek.data.total > 0 && <Link to={href('this_week')}>{t.openThisWeek}</Link>}
      {thisWeek.data.total > 0 && o > 0 && ' ・ '}
      {o > 0 && <Link to={href('overdue')}>{t.openOverdue}</Link>}
    </p>
  );
}
