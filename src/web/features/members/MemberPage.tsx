import { type RefObject, useEffect, useRef } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useCan } from '../../components/access';
import { EngagementChip } from '../../components/Chips';
import { QueryState } from '../../components/QueryState';
import type { Member } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { CustomFieldFacts } from '../custom-fields/CustomFieldFacts';
import { customFieldsOf } from '../custom-fields/use-custom-field-form';
import { BriefingLink } from '../handover/BriefingLink';
import { SubjectTasks } from '../tasks/SubjectTasks';
import { DataProtection } from './DataProtection';
import { EngagementReview } from './EngagementReview';
import { LinkedDemands } from './LinkedDemands';
import { MemberContacts } from './MemberContacts';
import { MemberDemandSuggestions } from './MemberDemandSuggestions';
import { MemberForm } from './MemberForm';
import { MemberMerge, MergedNotice, type MergedState } from './MergeDialog';
import { useMemberMessages } from './messages';
import { OpenCases } from './OpenCases';
import { QuickActions } from './QuickActions';
import { useMember, useToday } from './queries';
import { Timeline } from './Timeline';
import { useFocusOnMount } from './use-focus-on-mount';
import './members.css';

export default function MemberPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const m = useMemberMessages();
  const member = useMember(id);
  const [params, setParams] = useSearchParams();
  // Editing the record needs records.write: a shared ?edit=1 link shows the page instead.
  const mayEdit = useCan('records.write');
  const editing = mayEdit && params.get('edit') === '1';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const navigate = useNavigate();

  // A merged record's id: the server answered with the kept member (308). Show it at its own URL.
  const keptId = member.data?.id;
  useEffect(() => {
    if (keptId && keptId !== id) {
      const state: MergedState = { mergeRedirect: true };
      navigate(`/members/${keptId}`, { replace: true, state });
    }
  }, [keptId, id, navigate]);

  useEffect(() => {
    if (member.data) document.title = `${member.data.name} — ${m.title} | ${t.appName}`;
  }, [member.data, m.title, t.appName]);

  const setEditing = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set('edit', '1');
    else next.delete('edit');
    setParams(next);
    // Back from the form: the page's heading; into it: the form's own heading.
    if (!on) requestAnimationFrame(() => headingRef.current?.focus());
  };

  return (
    <div className="member-page">
      <p className="breadcrumb">
        <Link to="/members">← {m.backToList}</Link>
      </p>
      <MergedNotice />
      <QueryState isLoading={member.isLoading} error={member.error} onRetry={() => member.refetch()}>
        {member.data && (
          <>
            <MemberHeader
              member={member.data}
              headingRef={headingRef}
              editing={editing}
              onEdit={mayEdit ? () => setEditing(true) : undefined}
            />
            {editing ? (
              <EditMember member={member.data} onClose={() => setEditing(false)} />
            ) : (
              <>
                <QuickActions member={member.data} />
                <EngagementReview member={member.data} />
                <div className="member-layout">
                  <div className="member-side">
                    <MemberContacts member={member.data} />
                    <SubjectTasks
                      subjectType="member"
                      subjectId={member.data.id}
                      className="card member-section"
                    />
                    <MemberFacts member={member.data} />
                    <OpenCases memberId={member.data.id} />
                    <LinkedDemands member={member.data} />
                    <MemberDemandSuggestions memberId={member.data.id} />
                  </div>
                  <div className="member-main">
                    <Timeline memberId={member.data.id} />
                  </div>
                </div>
                <MemberMerge member={member.data} />
                <DataProtection member={member.data} />
              </>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

function EditMember({ member, onClose }: { member: Member; onClose: () => void }) {
  const m = useMemberMessages();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="card member-section" aria-labelledby="member-edit-title">
      <h2 id="member-edit-title" ref={heading} tabIndex={-1}>
        {m.editTitle(member.name)}
      </h2>
      <MemberForm member={member} onDone={onClose} onCancel={onClose} />
    </section>
  );
}

function MemberHeader({
  member,
  headingRef,
  editing,
  onEdit,
}: {
  member: Member;
  headingRef: RefObject<HTMLHeadingElement | null>;
  editing: boolean;
  /** Absent when the user may not edit the record. */
  onEdit: (() => void) | undefined;
}) {
  const { t, formatDate } = useI18n();
  const m = useMemberMessages();
  const today = useToday();
  const overdue = member.nextActionDueOn !== null && member.nextActionDueOn < today;
  return (
    <header className="member-header card">
      <div className="member-title">
        <h1 ref={headingRef} tabIndex={-1}>
          {member.name}
        </h1>
        {member.nameKana && <p className="member-kana">{member.nameKana}</p>}
        <div className="member-badges">
          <EngagementChip value={member.engagement} />
          <span className={`m-tag m-tag-status-${member.status}`}>{t.enums.memberStatus[member.status]}</span>
          <span className="m-tag">{t.enums.unionRole[member.unionRole]}</span>
          {member.workplaceName && <span className="muted">{member.workplaceName}</span>}
        </div>
      </div>
      {!editing && onEdit && (
        <div className="member-header-actions">
          <button type="button" className="primary" onClick={onEdit}>
            {t.common.edit}
          </button>
        </div>
      )}
      {!editing && <BriefingLink memberId={member.id} name={member.name} />}
      {(member.nextAction || member.nextActionDueOn) && (
        <div className={`next-action${overdue ? ' next-action-overdue' : ''}`}>
          <p className="next-action-label">{m.fields.nextAction}</p>
          <p className="next-action-text">{member.nextAction ?? m.page.unknown}</p>
          {member.nextActionDueOn && (
            <p className={overdue ? 'overdue' : 'muted'}>
              {m.page.due(formatDate(member.nextActionDueOn))}
              {overdue && <span className="overdue-tag">{m.list.overdue}</span>}
            </p>
          )}
        </div>
      )}
      {member.status === 'left' && member.leftOn && (
        <p className="alert alert-warning member-left">{m.page.leftNotice(formatDate(member.leftOn))}</p>
      )}
    </header>
  );
}

/** Every SPEC field of the member, in the order an officer reads them. */
function MemberFacts({ member }: { member: Member }) {
  const { t, formatDate } = useI18n();
  const m = useMemberMessages();
  const today = useToday();
  const dash = <span className="muted">{m.page.unknown}</span>;
  const text = (value: string | null) => (value ? value : dash);
  const overdue = member.nextActionDueOn !== null && member.nextActionDueOn < today;

  return (
    <section className="card member-section" aria-labelledby="member-facts-title">
      <h2 id="member-facts-title">{m.page.facts}</h2>
      <dl className="facts member-facts">
        <dt>{m.fields.name}</dt>
        <dd>{member.name}</dd>
        <dt>{m.fields.nameKana}</dt>
        <dd>{text(member.nameKana)}</dd>
        <dt>{m.fields.employeeNumber}</dt>
        <dd>{text(member.employeeNumber)}</dd>
        <dt>{m.fields.workplaceId}</dt>
        <dd>
          {member.workplaceId ? (
            <Link to={`/workplaces/${member.workplaceId}`}>{member.workplaceName ?? member.workplaceId}</Link>
          ) : (
            dash
          )}
        </dd>
        <dt>{m.fields.department}</dt>
        <dd>{text(member.department)}</dd>
        <dt>{m.fields.jobType}</dt>
        <dd>{text(member.jobType)}</dd>
        <dt>{m.fields.grade}</dt>
        <dd>{text(member.grade)}</dd>
        <dt>{m.fields.joinedOn}</dt>
        <dd>
          {member.joinedOn ? (
            <>
              {formatDate(member.joinedOn)}
              {member.tenureYears !== null && (
                <span className="muted">{m.paren(m.page.tenure(member.tenureYears))}</span>
              )}
            </>
          ) : (
            dash
          )}
        </dd>
        <dt>{m.fields.engagement}</dt>
        <dd>
          <EngagementChip value={member.engagement} />
        </dd>
        <dt>{m.fields.concerns}</dt>
        <dd className="multiline">{text(member.concerns)}</dd>
        <dt>{m.fields.nextAction}</dt>
        <dd>{text(member.nextAction)}</dd>
        <dt>{m.fields.nextActionDueOn}</dt>
        <dd>
          {member.nextActionDueOn ? (
            <span className={overdue ? 'overdue' : undefined}>
              {formatDate(member.nextActionDueOn)}
              {overdue && <span className="overdue-tag">{m.list.overdue}</span>}
            </span>
          ) : (
            dash
          )}
        </dd>
        <dt>{m.fields.parentOrganization}</dt>
        <dd>{text(member.parentOrganization)}</dd>
        <dt>{m.fields.unionRole}</dt>
        <dd>{t.enums.unionRole[member.unionRole]}</dd>
        <dt>{m.fields.status}</dt>
        <dd>
          {t.enums.memberStatus[member.status]}
          {member.leftOn && (
            <span className="muted">{m.paren(m.page.leftOn(formatDate(member.leftOn)))}</span>
          )}
        </dd>
        <dt>{m.fields.ownerId}</dt>
        <dd>{member.ownerName ?? dash}</dd>
        <CustomFieldFacts entity="member" values={customFieldsOf(member)} empty={dash} />
      </dl>
    </section>
  );
}
