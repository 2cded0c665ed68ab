import { Link } from 'react-router';
import { EngagementChip } from '../../components/Chips';
import type { CustomField, Member } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { CustomColumnCells, CustomColumnHeaders } from '../custom-fields/CustomFieldColumns';
import { useBulkLinkMessages } from './bulk-link-messages';
import type { MemberMessages } from './messages';
import { useToday } from './queries';

/**
 * 組合員一覧: a table on a wide screen; on a phone each row is a card (members.css), whose
 * facts are labelled by `data-label` and whose less important columns fold away (.hide-narrow).
 */
export type RowSelection = {
  selected: ReadonlySet<string>;
  /** Every member the filters match is selected: each row shows it, none can be unticked. */
  all: boolean;
  onToggle: (id: string, checked: boolean) => void;
};

export function MemberTable({
  items,
  m,
  busy,
  selection,
  customColumns = [],
}: {
  items: Member[];
  /** Custom fields chosen as columns (「表示する列」), after the standard ones. */
  customColumns?: readonly CustomField[];
  m: MemberMessages;
  busy: boolean;
  /** Selection mode (linking members to a demand): a checkbox on each row. */
  selection?: RowSelection | undefined;
}) {
  const { t, formatDate } = useI18n();
  const b = useBulkLinkMessages();
  const today = useToday();
  return (
    <div className="table-wrap member-table-wrap" aria-busy={busy}>
      <table className="member-table">
        <caption className="visually-hidden">{m.list.caption}</caption>
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="member-select">
                <span className="visually-hidden">{b.selectColumn}</span>
              </th>
            )}
            <th scope="col">{m.fields.name}</th>
            <th scope="col" className="hide-narrow">
              {m.fields.employeeNumber}
            </th>
            <th scope="col">{m.fields.workplaceId}</th>
            <th scope="col" className="hide-narrow">
              {m.fields.unionRole}
            </th>
            <th scope="col">{m.fields.engagement}</th>
            <th scope="col" className="num hide-narrow">
              {m.fields.tenure}
            </th>
            <th scope="col">{m.fields.ownerId}</th>
            <th scope="col">{m.fields.nextActionDueOn}</th>
            <th scope="col" className="num">
              {m.fields.openCaseCount}
            </th>
            <CustomColumnHeaders columns={customColumns} />
          </tr>
        </thead>
        <tbody>
          {items.map((member) => {
            const overdue = member.nextActionDueOn !== null && member.nextActionDueOn < today;
            return (
              <tr
                key={member.id}
                className={
                  [member.status === 'left' && 'row-left', selection && 'is-selectable']
                    .filter(Boolean)
                    .join(' ') || undefined
                }
              >
                {selection && (
                  <td className="member-select">
                    <input
                      type="checkbox"
                      aria-label={b.selectMember(member.name)}
                      checked={selection.all || selection.selected.has(member.id)}
                      disabled={selection.all}
                      onChange={(e) => selection.onToggle(member.id, e.target.checked)}
                    />
                  </td>
                )}
                <td className="member-name-cell">
                  <Link to={`/members/${member.id}`} className="member-name">
                    {member.name}
                  </Link>
                  {member.nameKana && <small className="member-kana-small">{member.nameKana}</small>}
                  {member.status === 'left' && <span className="m-tag">{t.enums.memberStatus.left}</span>}
                </td>
                <td className="hide-narrow">{member.employeeNumber}</td>
                <td className="member-workplace" data-label={m.fields.workplaceId}>
                  {member.workplaceName}
                </td>
                <td className="hide-narrow">{t.enums.unionRole[member.unionRole]}</td>
                <td className="member-engagement">
                  <EngagementChip value={member.engagement} />
                </td>
                <td className="num hide-narrow">
                  {member.tenureYears !== null ? m.list.years(member.tenureYears) : ''}
                </td>
                <td className="member-owner" data-label={m.fields.ownerId}>
                  {member.ownerName}
                </td>
                <td
                  className={overdue ? 'member-due overdue m-nowrap' : 'member-due m-nowrap'}
                  data-label={m.fields.nextActionDueOn}
                >
                  {formatDate(member.nextActionDueOn)}
                  {overdue && <span className="overdue-tag">{m.list.overdue}</span>}
                </td>
                <td className="num member-cases" data-label={m.fields.openCaseCount}>
                  {member.openCaseCount > 0 ? m.list.openCases(member.openCaseCount) : ''}
                </td>
                <CustomColumnCells columns={customColumns} values={member.customFields} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
