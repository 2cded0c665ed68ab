import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useI18n } from '../../i18n/I18nProvider';
import { useHandoverText } from './messages';
import { type HandoverSummary, useHandoverSummary } from './queries';

type Row = HandoverSummary['atRisk']['items'][number];

/**
 * The first page of a handover's printed briefing, after who handed over to
 * whom: the members at risk (脱退リスクあり) with their next step, the open cases
 * and the next actions due, overdue first. Each list shows the first few; the
 * per-member briefings that follow, one a page, hold everything.
 */
export function HandoverOverview({ handoverId }: { handoverId: string }) {
  const o = useHandoverText().overview;
  const summary = useHandoverSummary(handoverId);
  const data = summary.data;
  return (
    <section
      className="report-section handover-overview"
      aria-labelledby="handover-overview"
      data-testid="handover-overview"
    >
      <h2 id="handover-overview">{o.title}</h2>
      <QueryState isLoading={summary.isLoading} error={summary.error} onRetry={() => summary.refetch()}>
        {data && (
          <>
            <OverviewPart
              id="overview-at-risk"
              title={o.atRisk(data.atRisk.total)}
              empty={data.atRisk.total === 0 ? o.noAtRisk : null}
              more={data.atRisk.total - data.atRisk.items.length}
            >
              <MemberTable rows={data.atRisk.items} withWorkplace />
            </OverviewPart>
            <OverviewPart
              id="overview-cases"
              title={o.cases(data.openCases.total, data.openCases.overdue)}
              empty={data.openCases.total === 0 ? o.noCases : null}
              more={data.openCases.total - data.openCases.items.length}
            >
              <CaseTable rows={data.openCases.items} />
            </OverviewPart>
            <OverviewPart
              id="overview-next"
              title={o.nextActions(data.nextActions.total, data.nextActions.overdue)}
              empty={data.nextActions.total === 0 ? o.noNextActions : null}
              more={data.nextActions.total - data.nextActions.items.length}
            >
              <MemberTable rows={data.nextActions.items} />
            </OverviewPart>
          </>
        )}
      </QueryState>
    </section>
  );
}

function OverviewPart({
  id,
  title,
  empty,
  more,
  children,
}: {
  id: string;
  title: string;
  empty: string | null;
  more: number;
  children: ReactNode;
}) {
  const o = useHandoverText().overview;
  return (
    <section className="handover-overview-part" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {empty ? <p className="muted">{empty}</p> : children}
      {more > 0 && <p className="muted handover-overview-more">{o.more(more)}</p>}
    </section>
  );
}

function Due({ on, overdue }: { on: string | null; overdue: boolean }) {
  const { formatDate } = useI18n();
  const o = useHandoverText().overview;
  if (!on) return <span className="muted">{o.noDue}</span>;
  return (
    <>
      {formatDate(on)}
      {overdue && <span className="handover-overdue">{o.overdue}</span>}
    </>
  );
}

function MemberTable({ rows, withWorkplace = false }: { rows: Row[]; withWorkplace?: boolean }) {
  const o = useHandoverText().overview;
  return (
    <table className="briefing-table handover-overview-table">
      <thead>
        <tr>
          <th scope="col">{o.name}</th>
          {withWorkplace && <th scope="col">{o.workplace}</th>}
          <th scope="col">{o.nextAction}</th>
          <th scope="col">{o.due}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.memberId} className={r.overdue ? 'handover-row-overdue' : undefined}>
            <th scope="row">
              <Link to={`/members/${r.memberId}`}>{r.name}</Link>
            </th>
            {withWorkplace && <td>{r.workplaceName ?? o.none}</td>}
            <td>{r.nextAction || o.none}</td>
            <td className="nowrap">
              <Due on={r.nextActionDueOn} overdue={r.overdue} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CaseTable({ rows }: { rows: HandoverSummary['openCases']['items'] }) {
  const o = useHandoverText().overview;
  const b = useHandoverText().briefing;
  return (
    <table className="briefing-table handover-overview-table">
      <thead>
        <tr>
          <th scope="col">{o.caseTitle}</th>
          <th scope="col">{o.member}</th>
          <th scope="col">{o.due}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.caseId} className={c.overdue ? 'handover-row-overdue' : undefined}>
            <th scope="row">
              {c.title}
              {c.sensitive && <span className="m-tag m-tag-sensitive briefing-sensitive">{b.sensitive}</span>}
            </th>
            <td>
              <Link to={`/members/${c.memberId}`}>{c.memberName}</Link>
            </td>
            <td className="nowrap">
              <Due on={c.dueOn} overdue={c.overdue} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
