import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCan } from '../../components/access';
import { AtmosphereChip } from '../../components/Chips';
import { QueryState } from '../../components/QueryState';
import { patch } from '../../http/client';
import type { Workplace } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { CustomFieldFacts } from '../custom-fields/CustomFieldFacts';
import { customFieldsOf } from '../custom-fields/use-custom-field-form';
import { SubjectTasks } from '../tasks/SubjectTasks';
import { enabledStaff, useOwnerOptions, useStaffOptions } from '../users/queries';
import { AtmosphereSection } from './AtmosphereSection';
import { useReturnFocus } from './form-helpers';
import { MeetingsSection } from './MeetingsSection';
import { MembersByEngagement } from './MembersByEngagement';
import { useWorkplaceText } from './messages';
import { useInvalidateWorkplace, useWorkplace, useWorkplaceMembers, workplaceKeys } from './queries';
import { RateBar } from './RateBar';
import { type RepOption, valuesOf, WorkplaceForm } from './WorkplaceForm';
import './workplaces.css';

export default function WorkplacePage() {
  const { id = '' } = useParams();
  // Keyed by id: going back/forward between two workplaces must not carry open forms or versions over.
  return <WorkplaceView key={id} id={id} />;
}

function WorkplaceView({ id }: { id: string }) {
  const w = useWorkplaceText();
  const { t } = useI18n();
  const workplace = useWorkplace(id);
  // Editing is a record write: read-only for executives and reps (a rep changes the atmosphere and records meetings).
  const mayEdit = useCan('records.write');
  const [editing, setEditing] = useState(false);
  const toggle = useReturnFocus();
  const reload = async () => (await workplace.refetch()).data;

  return (
    <>
      <p className="wp-breadcrumb">
        <Link to="/workplaces">{w.listTitle}</Link>
      </p>
      <QueryState isLoading={workplace.isLoading} error={workplace.error} onRetry={() => workplace.refetch()}>
        {workplace.data && (
          <>
            <div className="page-header">
              <h1>{workplace.data.name}</h1>
              <AtmosphereChip value={workplace.data.atmosphere} />
              <div className="actions">
                {!editing && mayEdit && (
                  <button type="button" ref={toggle.ref} onClick={() => setEditing(true)}>
                    {t.common.edit}
                  </button>
                )}
              </div>
            </div>
            {editing && mayEdit && (
              <EditWorkplace
                workplace={workplace.data}
                onReload={reload}
                onDone={() => {
                  setEditing(false);
                  toggle.returnFocus();
                }}
              />
            )}
            <div className="grid wp-top">
              <Facts workplace={workplace.data} />
              <AtmosphereSection workplace={workplace.data} onReload={reload} />
            </div>
            <SubjectTasks subjectType="workplace" subjectId={id} className="card wp-section" />
            <MembersByEngagement workplaceId={id} />
            <MeetingsSection workplaceId={id} memberCount={workplace.data.memberCount} />
          </>
        )}
      </QueryState>
    </>
  );
}

function Facts({ workplace: wp }: { workplace: Workplace }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const w = useWorkplaceText();
  const none = <span className="muted">{t.common.none}</span>;
  return (
    <section className="card" aria-labelledby="wp-facts-title">
      <h2 id="wp-facts-title">{w.facts}</h2>
      <dl className="facts">
        <dt>{w.fields.nameKana}</dt>
        <dd>{wp.nameKana ?? none}</dd>
        <dt>{w.fields.establishment}</dt>
        <dd>{wp.establishment ?? none}</dd>
        <dt>{w.fields.organizationRate}</dt>
        <dd>
          <RateBar rate={wp.organizationRate} />
        </dd>
        <dt>{w.fields.memberCount}</dt>
        <dd>{t.common.people(wp.memberCount)}</dd>
        <dt>{w.fields.employeeCount}</dt>
        <dd>{wp.employeeCount == null ? none : w.headCount(wp.employeeCount)}</dd>
        <dt>{w.fields.nonMemberCount}</dt>
        <dd>{wp.nonMemberCount == null ? none : w.headCount(wp.nonMemberCount)}</dd>
        <dt>{w.fields.repMember}</dt>
        <dd>
          {wp.repMemberId ? (
            <Link to={`/members/${wp.repMemberId}`}>{wp.repMemberName ?? wp.repMemberId}</Link>
          ) : (
            none
          )}
        </dd>
        <dt>{w.fields.owner}</dt>
        <dd>{wp.ownerName ?? none}</dd>
        <dt>{w.fields.lastMeetingOn}</dt>
        <dd>
          {wp.lastMeetingOn ? (
            <>
              {formatDate(wp.lastMeetingOn)}
              {wp.lastMeetingParticipationRate != null && (
                <span className="muted">
                  {w.paren(w.participation(t.common.percent(wp.lastMeetingParticipationRate)))}
                </span>
              )}
            </>
          ) : (
            <span className="muted">{w.noMeeting}</span>
          )}
        </dd>
        <dt>{w.fields.issues}</dt>
        <dd className="wp-pre">{wp.issues ?? none}</dd>
        <dt>{w.fields.organizingStatus}</dt>
        <dd className="wp-pre">{wp.organizingStatus ?? none}</dd>
        <CustomFieldFacts entity="workplace" values={customFieldsOf(wp)} empty={none} />
        <dt>{w.fields.updatedAt}</dt>
        <dd>
          <time dateTime={wp.updatedAt}>{formatDateTime(wp.updatedAt)}</time>
        </dd>
      </dl>
    </section>
  );
}

/**
 * Edits everything but the atmosphere (which asks for a reason). The form keeps what was
 * typed when someone else saved first; "load the latest" replaces it with their version.
 */
function EditWorkplace({
  workplace,
  onReload,
  onDone,
}: {
  workplace: Workplace;
  onReload: () => Promise<Workplace | undefined>;
  onDone: () => void;
}) {
  const w = useWorkplaceText();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateWorkplace();
  const staff = useStaffOptions();
  const owners = useOwnerOptions(workplace.id);
  const members = useWorkplaceMembers(workplace.id);
  const [base, setBase] = useState(workplace);
  // The current owner stays selectable even if they would no longer qualify.
  const ownerList =
    owners.data && base.ownerId && !owners.data.some((u) => u.id === base.ownerId)
      ? [...owners.data, ...(staff.data ?? []).filter((u) => u.id === base.ownerId)]
      : owners.data;
  const [formKey, setFormKey] = useState(0);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      patch<Workplace>(`/workplaces/${workplace.id}`, { ...body, version: base.version }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(workplaceKeys.detail(updated.id), updated);
      await invalidate(updated.id);
      onDone();
    },
  });

  const reps: RepOption[] | undefined = members.data
    ? members.data.items
        .filter((m) => m.unionRole !== 'organizing_target')
        .map((m) => ({ id: m.id, name: m.name }))
    : undefined;
  if (reps && base.repMemberId && !reps.some((r) => r.id === base.repMemberId)) {
    reps.unshift({ id: base.repMemberId, name: base.repMemberName ?? base.repMemberId });
  }

  const reload = async () => {
    const latest = await onReload();
    if (latest) {
      setBase(latest);
      setFormKey((k) => k + 1);
    }
    save.reset();
  };

  return (
    <WorkplaceForm
      key={formKey}
      mode="edit"
      title={w.editTitle}
      initial={valuesOf(base)}
      customFields={customFieldsOf(base)}
      staff={enabledStaff(ownerList)}
      reps={reps}
      error={save.error}
      pending={save.isPending}
      onSubmit={(body) => save.mutate(body)}
      onCancel={onDone}
      onReload={reload}
    />
  );
}
