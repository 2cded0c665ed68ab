import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Engagement, MemberStatus, UnionRole } from '../../../core/enums';
import { useI18n } from '../../i18n/I18nProvider';
import { importMessage, useImportText } from './messages';
import type { ImportResult } from './queries';

/**
 * The counts of a check (or an import), the changes of the members it updates
 * (before → after) and its row errors: row, column, reason.
 */
export function ImportResultView({ result }: { result: ImportResult }) {
  const m = useImportText();
  const { lang, t } = useI18n();
  const listSep = lang === 'ja' ? '、' : ', ';
  const shown = (field: string, value: string | null) => {
    if (value === null) return m.empty;
    if (field === 'engagement') return t.enums.engagement[value as Engagement] ?? value;
    if (field === 'unionRole') return t.enums.unionRole[value as UnionRole] ?? value;
    if (field === 'status') return t.enums.memberStatus[value as MemberStatus] ?? value;
    return value;
  };
  const unknownWorkplace = result.errors.some((e) => e.message.startsWith('no workplace is named '));
  const links = result.kind === 'demand-links';
  return (
    <div className="import-result">
      <p className="muted">{m.fileInfo(result.format, result.encoding, result.total)}</p>
      <dl className="import-counts" aria-label={m.counts}>
        {links ? (
          <>
            <div>
              <dt>{m.willLink}</dt>
              <dd>{m.rows(result.created)}</dd>
            </div>
            <div>
              <dt>{m.alreadyLinked}</dt>
              <dd>{m.rows(result.unchanged)}</dd>
            </div>
          </>
        ) : (
          <>
            <div>
              <dt>{m.willCreate}</dt>
              <dd>{m.rows(result.created)}</dd>
            </div>
            <div>
              <dt>{m.willUpdate}</dt>
              <dd>{m.rows(result.updated)}</dd>
            </div>
            <div>
              <dt>{m.unchanged}</dt>
              <dd>{m.rows(result.unchanged)}</dd>
            </div>
          </>
        )}
        <div className={result.skipped ? 'import-count-errors' : undefined}>
          <dt>{m.withErrors}</dt>
          <dd>{m.rows(result.skipped)}</dd>
        </div>
      </dl>
      {result.createdWorkplaces.length > 0 && (
        <p>{m.newWorkplaces(result.createdWorkplaces.join(listSep))}</p>
      )}
      {result.followUpTasks > 0 && <p>{m.followUps(result.followUpTasks)}</p>}
      {result.byDemand.length > 0 && (
        <div className="table-wrap import-by-demand">
          <table>
            <caption>{m.byDemandTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{m.season}</th>
                <th scope="col">{m.demand}</th>
                <th scope="col">{m.willLink}</th>
                <th scope="col">{m.alreadyLinked}</th>
              </tr>
            </thead>
            <tbody>
              {result.byDemand.map((d) => (
                <tr key={d.demandId}>
                  <td>{d.seasonName ?? m.noSeason}</td>
                  <th scope="row">
                    <Link to={`/demands/${d.demandId}`}>{d.title}</Link>
                  </th>
                  <td className="num">{m.people(d.linked)}</td>
                  <td className="num">{m.people(d.alreadyLinked)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.changes.length > 0 && (
        <div className="table-wrap import-changes">
          <table>
            <caption>
              {m.changesTitle(result.changes.length + result.changesNotListed)}
              {result.changesNotListed > 0 && (
                <span className="muted"> {m.changesMore(result.changesNotListed)}</span>
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{m.row}</th>
                <th scope="col">{m.member}</th>
                <th scope="col">{m.item}</th>
                <th scope="col">{m.before}</th>
                <th scope="col">{m.after}</th>
              </tr>
            </thead>
            <tbody>
              {result.changes.flatMap((c) =>
                c.fields.map((f) => (
                  <tr key={`${c.row}:${f.field}`}>
                    <td className="num">{c.row}</td>
                    <td>{c.name}</td>
                    <td>{f.column}</td>
                    <td>{shown(f.field, f.before)}</td>
                    <td>{shown(f.field, f.after)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
      {result.warningCount > 0 && (
        <RowTable
          className="import-warnings"
          title={links ? m.repeatsTitle(result.warningCount) : m.warningsTitle(result.warningCount)}
          shown={
            result.warnings.length < result.warningCount
              ? m.warningsShown(result.warnings.length, result.warningCount)
              : null
          }
          after={
            <p className="import-hint" role="note">
              {links ? m.repeatsHint : m.warningsHint}
            </p>
          }
        >
          {result.warnings.map((w) => (
            <tr key={`${w.row}:${w.kind}`}>
              <td className="num">{w.row}</td>
              <td>{w.column ?? m.wholeRow}</td>
              <td>
                {w.kind === 'same_name_in_file' ||
                w.kind === 'employee_number_zeros_in_file' ||
                w.kind === 'link_in_file' ? (
                  m.warning[w.kind](w.otherRow ?? 0)
                ) : (
                  <>
                    {w.kind === 'same_name'
                      ? m.warning.same_name(w.memberName ?? '')
                      : m.warning[w.kind](w.memberName ?? '', w.memberEmployeeNumber ?? '')}
                    {w.memberId && (
                      <>
                        {' '}
                        <Link to={`/members/${w.memberId}`} target="_blank" rel="noopener">
                          {w.memberName}
                        </Link>
                      </>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </RowTable>
      )}
      {unknownWorkplace && (
        <p className="import-hint" role="note">
          {m.unknownWorkplaces}
        </p>
      )}
      {result.errorCount > 0 ? (
        <RowTable
          className="import-errors"
          title={m.errorsTitle(result.errorCount)}
          shown={
            result.errors.length < result.errorCount
              ? m.errorsShown(result.errors.length, result.errorCount)
              : null
          }
        >
          {result.errors.map((e, i) => (
            // A row may have several errors: the index keeps the keys apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id and never reorder
            <tr key={i}>
              <td className="num">{e.row}</td>
              <td>{e.column ?? m.wholeRow}</td>
              <td>{importMessage(e.message, lang)}</td>
            </tr>
          ))}
        </RowTable>
      ) : (
        <p>{m.noErrors}</p>
      )}
    </div>
  );
}

/** A table of rows of the file (row, column, reason): the errors and the likely duplicates. */
function RowTable({
  className,
  title,
  shown,
  after,
  children,
}: {
  className: string;
  title: string;
  /** "the first n of m" when the list is cut short. */
  shown: string | null;
  after?: ReactNode;
  children: ReactNode;
}) {
  const m = useImportText();
  return (
    <div className={`table-wrap ${className}`}>
      <table>
        <caption>
          {title}
          {shown && <span className="muted"> {shown}</span>}
        </caption>
        <thead>
          <tr>
            <th scope="col">{m.row}</th>
            <th scope="col">{m.column}</th>
            <th scope="col">{m.reason}</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {after}
    </div>
  );
}
