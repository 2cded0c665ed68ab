import { Link } from 'react-router';
import { EmptyState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useDashboardText } from './messages';
import type { NextAction } from './queries';
import { ListFooter } from './ShowMore';
import { useCollapsed } from './use-collapsed';
import { WorkplaceName } from './WorkplaceName';

/** 今週期日の次のアクション: as the API orders them (overdue first, then by due day and name). */
export function NextActionsList({ items, total }: { items: NextAction[]; total: number }) {
  const { formatDate } = useI18n();
  const text = useDashboardText();
  const w = text.weekly;
  const rows = useCollapsed(items);
  if (items.length === 0) return <EmptyState>{w.emptyNextActions}</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table id="dash-next-actions-table" className="dash-table dash-stack">
          <thead>
            <tr>
              <th scope="col">{w.cols.member}</th>
              <th scope="col">{w.cols.nextAction}</th>
              <th scope="col">{w.cols.dueOn}</th>
              <th scope="col">{w.cols.workplace}</th>
              <th scope="col">{w.cols.owner}</th>
            </tr>
          </thead>
          <tbody>
            {rows.visible.map((n) => (
              <tr
                key={n.memberId}
                className={n.overdue ? 'dash-row-overdue' : undefined}
                data-testid="next-action"
              >
                <th scope="row" className="dash-name">
                  <Link to={`/members/${n.memberId}`}>{n.name}</Link>
                </th>
                <td data-label={w.cols.nextAction}>
                  {n.nextAction ?? <span className="muted">{w.noNextActionText}</span>}
                </td>
                <td className="dash-due" data-label={w.cols.dueOn}>
                  <time dateTime={n.nextActionDueOn}>{formatDate(n.nextActionDueOn)}</time>
                  {n.overdue && (
                    <>
                      {' '}
                      <span className="overdue dash-overdue">{w.overdue}</span>
                    </>
                  )}
                </td>
                <td data-label={w.cols.workplace}>
                  <WorkplaceName id={n.workplaceId} name={n.workplaceName} />
                </td>
                <td data-label={w.cols.owner}>
                  {n.ownerName ?? <span className="muted">{text.notSet}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter rows={rows} shown={items.length} total={total} controls="dash-next-actions-table" />
    </>
  );
}
