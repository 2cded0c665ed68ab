import { Link } from 'react-router';
import { EngagementChip } from '../../components/Chips';
import { EmptyState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useDashboardText } from './messages';
import type { EarlyWarning } from './queries';
import { ListFooter } from './ShowMore';
import { useCollapsed } from './use-collapsed';
import { WorkplaceName } from './WorkplaceName';

export function EarlyWarningList({ items, total }: { items: EarlyWarning[]; total: number }) {
  const { formatDateTime } = useI18n();
  const text = useDashboardText();
  const w = text.weekly;
  const rows = useCollapsed(items);
  if (items.length === 0) return <EmptyState>{w.emptyEarly}</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table id="dash-early-table" className="dash-table dash-stack">
          <thead>
            <tr>
              <th scope="col">{w.cols.member}</th>
              <th scope="col">{w.cols.change}</th>
              <th scope="col">{w.cols.steps}</th>
              <th scope="col">{w.cols.when}</th>
              <th scope="col">{w.cols.workplace}</th>
              <th scope="col">{w.cols.owner}</th>
            </tr>
          </thead>
          <tbody>
            {rows.visible.map((r) => (
              <tr key={r.memberId} data-testid="early-warning">
                <th scope="row" className="dash-name">
                  <Link to={`/members/${r.memberId}`}>{r.name}</Link>
                </th>
                <td className="dash-change" data-label={w.cols.change}>
                  <EngagementChip value={r.from} />
                  <span className="dash-arrow" aria-hidden="true">
                    {w.to}
                  </span>
                  <span className="visually-hidden">{w.toSr}</span>
                  <EngagementChip value={r.to} />
                </td>
                <td className="num" data-label={w.cols.steps}>
                  {w.steps(r.steps)}
                </td>
                <td data-label={w.cols.when}>
                  {r.changedAt ? (
                    <time dateTime={r.changedAt}>{formatDateTime(r.changedAt)}</time>
                  ) : (
                    <span className="muted">{text.noValue}</span>
                  )}
                </td>
                <td data-label={w.cols.workplace}>
                  <WorkplaceName id={r.workplaceId} name={r.workplaceName} />
                </td>
                <td data-label={w.cols.owner}>
                  {r.ownerName ?? <span className="muted">{text.notSet}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter rows={rows} shown={items.length} total={total} controls="dash-early-table" />
    </>
  );
}
