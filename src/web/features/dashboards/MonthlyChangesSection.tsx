import { Link } from 'react-router';
import { EmptyState } from '../../components/QueryState';
import type { MonthlyChanges } from './changes';
import { useDashboardText } from './messages';
import type { DashboardMember } from './queries';
import { WorkplaceName } from './WorkplaceName';

/** 今月の変化: this month against the previous one, and who became (or stopped being) at risk. */
export function MonthlyChangesSection({
  changes,
  truncated,
}: {
  changes: MonthlyChanges;
  truncated: boolean;
}) {
  const text = useDashboardText();
  const r = text.report;
  const { atRisk, rate } = changes;
  const atRiskDiff =
    atRisk.previous == null || atRisk.current == null ? null : atRisk.current - atRisk.previous;
  const none = <span className="muted">{r.noPrevious}</span>;
  return (
    <>
      <div className="table-wrap">
        <table className="dash-table report-compare" data-testid="changes-table">
          <thead>
            <tr>
              <th scope="col">{r.item}</th>
              <th scope="col" className="num">
                {r.previous}
              </th>
              <th scope="col" className="num">
                {r.current}
              </th>
              <th scope="col" className="num">
                {r.diff}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr data-testid="change-at-risk">
              <th scope="row">{r.atRiskCount}</th>
              <td className="num">{atRisk.previous == null ? none : text.people(atRisk.previous)}</td>
              <td className="num">{atRisk.current == null ? text.noValue : text.people(atRisk.current)}</td>
              <td className="num report-diff">
                {atRiskDiff == null ? text.noValue : text.diffPeople(atRiskDiff)}
              </td>
            </tr>
            <tr data-testid="change-rate">
              <th scope="row">{r.organizationRate}</th>
              <td className="num">{rate.previous == null ? none : text.percent(rate.previous)}</td>
              <td className="num">{rate.current == null ? text.noValue : text.percent(rate.current)}</td>
              <td className="num report-diff">
                {rate.points == null ? text.noValue : text.diffPoints(rate.points)}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {truncated && <p className="muted">{r.listTruncated}</p>}
      <h3>
        {r.newAtRisk} <span className="dash-count">{text.people(changes.newAtRisk.length)}</span>
      </h3>
      <MemberTable members={changes.newAtRisk} empty={r.noneNew} testId="new-at-risk" />
      <h3>
        {r.noLongerAtRisk} <span className="dash-count">{text.people(changes.noLongerAtRisk.length)}</span>
      </h3>
      <MemberTable members={changes.noLongerAtRisk} empty={r.noneRecovered} testId="no-longer-at-risk" />
    </>
  );
}

function MemberTable({
  members,
  empty,
  testId,
}: {
  members: DashboardMember[];
  empty: string;
  testId: string;
}) {
  const text = useDashboardText();
  if (members.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="dash-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{text.monthly.drill.name}</th>
            <th scope="col">{text.weekly.cols.workplace}</th>
            <th scope="col">{text.weekly.cols.owner}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.memberId}>
              <th scope="row" className="dash-name">
                <Link to={`/members/${m.memberId}`}>{m.name}</Link>
              </th>
              <td>
                <WorkplaceName id={m.workplaceId} name={m.workplaceName} />
              </td>
              <td>{m.ownerName ?? <span className="muted">{text.notSet}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
