import { createElement } from 'react';
import { Link } from 'react-router';
import { EngagementChip, NegotiationStatusChip, PriorityChip } from '../../components/Chips';
import { todayIn } from '../../components/today';
import { useI18n } from '../../i18n/I18nProvider';
import { useSetupState } from '../auth/queries';
import { useHandoverText } from './messages';
import type { MemberBriefing as Briefing } from './queries';

type Level = 1 | 2;

/**
 * One member's 引き継ぎ資料: everything a new owner needs to pick up the
 * relationship, laid out for paper (tables, no controls). `level` is the
 * heading level of the member's name; its sections are one below.
 */
export function MemberBriefing({
  briefing,
  level,
  className,
}: {
  briefing: Briefing;
  level: Level;
  className?: string;
}) {
  const { t, formatDate } = useI18n();
  const ht = useHandoverText();
  const b = ht.briefing;
  const setup = useSetupState();
  const zone = setup.data?.timezone || 'Asia/Tokyo';
  const dayOf = (iso: string) => formatDate(todayIn(zone, new Date(iso)));
  const { member, engagementTrend: trend } = briefing;
  const id = `briefing-${member.id}`;
  const h = (text: string, suffix: string) => createElement(`h${level + 1}`, { id: `${id}-${suffix}` }, text);
  const dash = <span className="muted">{b.none}</span>;
  const text = (value: string | null) => value || dash;

  return (
    <article
      className={`briefing${className ? ` ${className}` : ''}`}
      aria-labelledby={id}
      data-testid="briefing"
    >
      <header className="briefing-header">
        {createElement(`h${level}`, { id, className: 'briefing-name' }, member.name)}
        {member.nameKana && <p className="briefing-kana">{member.nameKana}</p>}
        <p className="briefing-badges">
          <EngagementChip value={member.engagement} />
          <span>{t.enums.unionRole[member.unionRole]}</span>
          <span>{t.enums.memberStatus[member.status]}</span>
          {member.workplaceName && <span>{member.workplaceName}</span>}
        </p>
      </header>

      <section className="briefing-section" aria-labelledby={`${id}-basics`}>
        {h(b.basics, 'basics')}
        <dl className="briefing-facts">
          <dt>{b.employeeNumber}</dt>
          <dd>{text(member.employeeNumber)}</dd>
          <dt>{b.workplace}</dt>
          <dd>
            {member.workplaceId ? (
              <Link to={`/workplaces/${member.workplaceId}`}>
                {member.workplaceName ?? member.workplaceId}
              </Link>
            ) : (
              dash
            )}
          </dd>
          <dt>{b.department}</dt>
          <dd>{text(member.department)}</dd>
          <dt>{b.joinedOn}</dt>
          <dd>{member.joinedOn ? formatDate(member.joinedOn) : dash}</dd>
          <dt>{b.owner}</dt>
          <dd>{member.ownerName ?? <span className="muted">{b.noOwner}</span>}</dd>
        </dl>
      </section>

      <section className="briefing-section" aria-labelledby={`${id}-next`}>
        {h(b.nextAction, 'next')}
        <p className="briefing-text">{text(member.nextAction)}</p>
        {member.nextActionDueOn && <p className="muted">{b.due(formatDate(member.nextActionDueOn))}</p>}
        <p className="briefing-label">{b.concerns}</p>
        <p className="briefing-text multiline">{text(member.concerns)}</p>
      </section>

      <section className="briefing-section" aria-labelledby={`${id}-trend`}>
        {h(b.trend, 'trend')}
        <p>
          <span className="briefing-label">
            {b.engagementNow}
            {ht.colon}
          </span>
          <EngagementChip value={member.engagement} />
        </p>
        <ol className="briefing-trend" data-testid="briefing-trend">
          {trend.atStart && (
            <li>
              <span className="briefing-when">{b.trendStart(dayOf(trend.since))}</span>
              <EngagementChip value={trend.atStart} />
            </li>
          )}
          {trend.changes.map((c) => (
            <li key={`${c.changedAt}-${c.to}`}>
              <time className="briefing-when" dateTime={c.changedAt}>
                {dayOf(c.changedAt)}
              </time>
              {c.from && (
                <>
                  <EngagementChip value={c.from} />
                  <span aria-hidden="true"> → </span>
                </>
              )}
              <EngagementChip value={c.to} />
              {c.reason && (
                <span className="briefing-reason">
                  {b.reason}
                  {ht.colon}
                  {c.reason}
                </span>
              )}
              {c.changedByName && <span className="muted"> {b.by(c.changedByName)}</span>}
            </li>
          ))}
        </ol>
        {trend.changes.length === 0 && <p className="muted">{b.noChanges}</p>}
      </section>

      <section className="briefing-section" aria-labelledby={`${id}-cases`}>
        {h(b.openCases, 'cases')}
        {briefing.openCases.length === 0 ? (
          <p className="muted">{b.noCases}</p>
        ) : (
          <table className="briefing-table" data-testid="briefing-cases">
            <thead>
              <tr>
                <th scope="col">{b.caseTitle}</th>
                <th scope="col">{b.openedOn}</th>
                <th scope="col">{b.dueOn}</th>
              </tr>
            </thead>
            <tbody>
              {briefing.openCases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.title}
                    {c.sensitive && (
                      <span className="m-tag m-tag-sensitive briefing-sensitive">{b.sensitive}</span>
                    )}
                  </th>
                  <td>{formatDate(c.openedOn)}</td>
                  <td>{c.dueOn ? formatDate(c.dueOn) : dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="briefing-section" aria-labelledby={`${id}-notes`}>
        {h(b.notes, 'notes')}
        {briefing.recentNotes.length === 0 ? (
          <p className="muted">{b.noNotes}</p>
        ) : (
          <table className="briefing-table" data-testid="briefing-notes">
            <thead>
              <tr>
                <th scope="col">{b.date}</th>
                <th scope="col">{b.channel}</th>
                <th scope="col">{b.body}</th>
                <th scope="col">{b.author}</th>
              </tr>
            </thead>
            <tbody>
              {briefing.recentNotes.map((n) => (
                <tr key={n.id}>
                  <td className="nowrap">{formatDate(n.occurredOn)}</td>
                  <td className="nowrap">{t.enums.channel[n.channel]}</td>
                  <td className="multiline">{n.body}</td>
                  <td>{n.authorName ?? dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="briefing-section" aria-labelledby={`${id}-demands`}>
        {h(b.demands, 'demands')}
        {briefing.demands.length === 0 ? (
          <p className="muted">{b.noDemands}</p>
        ) : (
          <table className="briefing-table" data-testid="briefing-demands">
            <thead>
              <tr>
                <th scope="col">{b.demand}</th>
                <th scope="col">{b.demandStatus}</th>
                <th scope="col">{b.priority}</th>
              </tr>
            </thead>
            <tbody>
              {briefing.demands.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <Link to={`/demands/${d.id}`}>{d.title}</Link>
                  </th>
                  <td>
                    <NegotiationStatusChip value={d.status} />
                  </td>
                  <td>
                    <PriorityChip value={d.priority} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="briefing-section" aria-labelledby={`${id}-tasks`}>
        {h(b.tasks, 'tasks')}
        {briefing.openTasks.length === 0 ? (
          <p className="muted">{b.noTasks}</p>
        ) : (
          <table className="briefing-table" data-testid="briefing-tasks">
            <thead>
              <tr>
                <th scope="col">{b.task}</th>
                <th scope="col">{b.dueOn}</th>
                <th scope="col">{b.assignee}</th>
              </tr>
            </thead>
            <tbody>
              {briefing.openTasks.map((task) => (
                <tr key={task.id}>
                  <th scope="row">{task.title}</th>
                  <td className="nowrap">{task.dueOn ? formatDate(task.dueOn) : dash}</td>
                  <td>{task.assigneeName ?? dash}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
