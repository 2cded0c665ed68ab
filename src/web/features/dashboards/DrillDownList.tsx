import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { EngagementChip } from '../../components/Chips';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { useDashboardText } from './messages';
import { type DrillParams, useDashboardMembers } from './queries';
import { WorkplaceName } from './WorkplaceName';

/** The members behind a figure of the monthly dashboard, paged on the server. */
export function DrillDownList({
  params,
  onOffset,
  onClose,
}: {
  params: DrillParams;
  onOffset: (offset: number) => void;
  onClose: () => void;
}) {
  const text = useDashboardText();
  const d = text.monthly.drill;
  const members = useDashboardMembers(params);
  const heading = useRef<HTMLHeadingElement>(null);
  const title =
    params.figure === 'rated' ? d.rated : d[params.figure](params.month ? text.month(params.month) : '');

  // Opened by a click on the chart: take the user (and the screen reader) to the list.
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, []);

  return (
    <section className="card dash-drill" aria-labelledby="dash-drill-title" data-testid="drill-down">
      <div className="dash-drill-head">
        <h3 id="dash-drill-title" ref={heading} tabIndex={-1}>
          {title}
          {members.data && <span className="dash-count"> {text.people(members.data.total)}</span>}
        </h3>
        <button type="button" onClick={onClose}>
          {d.close}
        </button>
      </div>
      <p className="muted">{d.intro}</p>
      <QueryState isLoading={members.isLoading} error={members.error} onRetry={() => members.refetch()}>
        {members.data &&
          (members.data.items.length === 0 ? (
            <EmptyState>{d.empty}</EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table className="dash-table dash-stack">
                  <thead>
                    <tr>
                      <th scope="col">{d.name}</th>
                      <th scope="col">{text.weekly.cols.workplace}</th>
                      <th scope="col">{d.engagement}</th>
                      <th scope="col">{text.weekly.cols.owner}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {members.data.items.map((member) => (
                      <tr key={member.memberId} data-testid="drill-member">
                        <th scope="row" className="dash-name">
                          <Link to={`/members/${member.memberId}`}>{member.name}</Link>
                        </th>
                        <td data-label={text.weekly.cols.workplace}>
                          <WorkplaceName id={member.workplaceId} name={member.workplaceName} />
                        </td>
                        <td data-label={d.engagement}>
                          <EngagementChip value={member.engagement} />
                        </td>
                        <td data-label={text.weekly.cols.owner}>
                          {member.ownerName ?? <span className="muted">{text.notSet}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination
                offset={params.offset}
                limit={params.limit}
                total={members.data.total}
                onOffset={onOffset}
              />
            </>
          ))}
      </QueryState>
    </section>
  );
}
