import { Link } from 'react-router';
import { EmptyState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { elapsed } from './dates';
import { type DashboardMessages, useDashboardText } from './messages';
import type { AttritionRisk } from './queries';
import { ListFooter } from './ShowMore';
import { useCollapsed } from './use-collapsed';
import { WorkplaceName } from './WorkplaceName';

/** "3か月" / "12日": how long the current at-risk spell has lasted on asOf. */
export function atRiskFor(sinceOn: string | null, asOf: string, text: DashboardMessages): string {
  if (!sinceOn) return text.weekly.unknownSince;
  const { unit, n } = elapsed(sinceOn, asOf);
  return unit === 'months' ? text.weekly.months(n) : text.weekly.days(n);
}

export function AttritionRiskList({
  items,
  total,
  asOf,
}: {
  items: AttritionRisk[];
  total: number;
  asOf: string;
}) {
  const { formatDate } = useI18n();
  const text = useDashboardText();
  const w = text.weekly;
  const rows = useCollapsed(items);
  if (items.length === 0) return <EmptyState>{w.emptyAttrition}</EmptyState>;
  return (
    <>
      <div className="table-wrap">
        <table id="dash-attrition-table" className="dash-table dash-stack">
          <thead>
            <tr>
              <th scope="col">{w.cols.member}</th>
              <th scope="col">{w.cols.workplace}</th>
              <th scope="col">{w.cols.atRiskFor}</th>
              <th scope="col">{w.cols.owner}</th>
            </tr>
          </thead>
          <tbody>
            {rows.visible.map((r) => (
              <tr key={r.memberId} data-testid="attrition-risk">
                <th scope="row" className="dash-name">
                  <Link to={`/members/${r.memberId}`}>{r.name}</Link>
                </th>
                <td data-label={w.cols.workplace}>
                  <WorkplaceName id={r.workplaceId} name={r.workplaceName} />
                </td>
                <td data-label={w.cols.atRiskFor}>
                  <strong data-testid="at-risk-for">{atRiskFor(r.sinceOn, asOf, text)}</strong>
                  {r.sinceOn && (
                    <small className="muted dash-sub">
                      <time dateTime={r.sinceOn}>{w.sinceFrom(formatDate(r.sinceOn))}</time>
                    </small>
                  )}
                </td>
                <td data-label={w.cols.owner}>
                  {r.ownerName ?? <span className="muted">{text.notSet}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter rows={rows} shown={items.length} total={total} controls="dash-attrition-table" />
    </>
  );
}
