import { Link } from 'react-router';
import { EmptyState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useDashboardText } from './messages';
import type { FollowUp } from './queries';
import { ListFooter } from './ShowMore';
import { useCollapsed } from './use-collapsed';

/** Overdue cases first, then by due date as the API sends them (a stable sort keeps that order). */
export function overdueFirst(items: FollowUp[]): FollowUp[] {
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

export function FollowUpList({ items, total }: { items: FollowUp[]; total: number }) {
  const { formatDate } = useI18n();
  const text = useDashboardText();
  const w = text.weekly;
  const rows = useCollapsed(overdueFirst(items));
  if (items.length === 0) return <EmptyState>{w.emptyFollowUps}</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table id="dash-follow-ups-table" className="dash-table dash-stack">
          <thead>
            <tr>
              <th scope="col">{w.cols.member}</th>
              <th scope="col">{w.cols.case}</th>
              <th scope="col">{w.cols.dueOn}</th>
              <th scope="col">{w.cols.owner}</th>
            </tr>
          </thead>
          <tbody>
            {rows.visible.map((f) => (
              <tr
                key={f.caseId}
                className={f.overdue ? 'dash-row-overdue' : undefined}
                data-testid="follow-up"
              >
                <th scope="row" className="dash-name">
                  <Link to={`/members/${f.memberId}`}>{f.memberName}</Link>
                </th>
                <td data-label={w.cols.case}>
                  {f.caseTitle}
                  {f.sensitive && (
                    <>
                      {' '}
                      <span className="chip dash-sensitive" title={w.sensitiveHint}>
                        {w.sensitive}
                        <span className="visually-hidden">{text.paren(w.sensitiveHint)}</span>
                      </span>
                    </>
                  )}
                </td>
                <td className="dash-due" data-label={w.cols.dueOn}>
                  <time dateTime={f.dueOn}>{formatDate(f.dueOn)}</time>
                  {f.overdue && (
                    <>
                      {' '}
                      <span className="overdue dash-overdue">{w.overdue}</span>
                    </>
                  )}
                </td>
                <td data-label={w.cols.owner}>
                  {f.ownerName ?? <span className="muted">{text.notSet}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter rows={rows} shown={items.length} total={total} controls="dash-follow-ups-table" />
    </>
  );
}
