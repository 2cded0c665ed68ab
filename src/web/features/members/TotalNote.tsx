import { Link } from 'react-router';
import { useMemberMessages } from './messages';
import { type MemberListParams, useMembers } from './queries';

/**
 * Says why the list's total is larger than the dashboards' 組合員数: the list shows
 * organizing targets (オルグ対象) too, who are not members yet. Counted by the API with
 * the list's own filters (one capped count, no rows), so the figure matches the list.
 */
export function TotalNote({ params }: { params: MemberListParams }) {
  const m = useMemberMessages();
  const shown = !params.unionRole;
  const targets = useMembers(
    { ...params, unionRole: 'organizing_target', sort: 'nameKana', limit: 1, offset: 0 },
    shown,
  );
  const n = targets.data?.total ?? 0;
  if (!shown || n === 0) return null;
  // The same filters in the page's URL form: 在籍中 is the default, every status is `all`.
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && !['limit', 'offset', 'sort', 'status'].includes(key))
      query.set(key, String(value));
  }
  query.set('unionRole', 'organizing_target');
  if (params.status !== 'active') query.set('status', params.status ?? 'all');
  return (
    <p className="muted member-total-note">
      {m.totalNote(n)} <Link to={`?${query.toString()}`}>{m.showTargets}</Link>
    </p>
  );
}
