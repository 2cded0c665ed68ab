import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import { IcsDownloadLink } from '../../components/IcsDownloadLink';
import { Pagination } from '../../components/Pagination';
import { EmptyState, QueryState } from '../../components/QueryState';
import { post } from '../../http/client';
import type { Meeting } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, serverFields, todayIn, useFocusOnMount, useReturnFocus } from './form-helpers';
import { useWorkplaceText, workplaceFieldError } from './messages';
import {
  MEETING_LIMIT,
  useInvalidateWorkplace,
  useMeetings,
  useWorkplaceMembers,
  workplaceKeys,
} from './queries';

type MeetingValues = {
  heldOn: string;
  title: string;
  attendeeCount: string;
  invitedCount: string;
  notes: string;
  /** The members ticked as attending (出席者); none ticked: the count is typed instead. */
  attendeeIds?: readonly string[];
};

const SHOWN = ['heldOn', 'title', 'attendeeCount', 'invitedCount', 'notes', 'attendeeIds'];

/**
 * The body as the API takes it: counts as numbers; an empty invitedCount lets the server use
 * memberCount; ticked attendees are sent as attendeeIds (the server counts them).
 */
export function meetingBody(v: MeetingValues): Record<string, unknown> {
  const body: Record<string, unknown> = { heldOn: v.heldOn, title: v.title };
  if (v.attendeeIds?.length) body.attendeeIds = [...v.attendeeIds];
  else if (v.attendeeCount.trim() !== '') body.attendeeCount = Number(v.attendeeCount);
  if (v.invitedCount.trim() !== '') body.invitedCount = Number(v.invitedCount);
  if (v.notes.trim() !== '') body.notes = v.notes;
  return body;
}

function MeetingForm({
  workplaceId,
  memberCount,
  onDone,
}: {
  workplaceId: string;
  memberCount: number;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const w = useWorkplaceText();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateWorkplace();
  const [values, setValues] = useState<MeetingValues>({
    heldOn: todayIn(),
    title: '',
    attendeeCount: '',
    invitedCount: '',
    notes: '',
  });
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const roster = useWorkplaceMembers(workplaceId);
  const toggleAttendee = (id: string) =>
    setTicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const first = useFocusOnMount<HTMLInputElement>();
  const set = (key: keyof MeetingValues, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => post<Meeting>(`/workplaces/${workplaceId}/meetings`, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workplaceKeys.allMeetings(workplaceId) }),
        invalidate(workplaceId),
      ]);
      onDone();
    },
  });
  const fields = serverFields(create.error);
  const fieldError = (name: string) => workplaceFieldError(fields[name], lang);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(meetingBody({ ...values, attendeeIds: [...ticked] }));
  };

  return (
    <form className="wp-subform" onSubmit={submit} noValidate aria-labelledby="wp-meeting-form-title">
      <h3 id="wp-meeting-form-title">{w.meetingFormTitle}</h3>
      <FormAlert error={create.error} shownFields={SHOWN} translate={(m) => workplaceFieldError(m, lang)} />
      <div className="form-grid">
        <Field label={w.meeting.heldOn} required error={fieldError('heldOn')}>
          {(props) => (
            <input
              {...props}
              ref={first}
              type="date"
              value={values.heldOn}
              onChange={(e) => set('heldOn', e.target.value)}
            />
          )}
        </Field>
        <Field label={w.meeting.title} required error={fieldError('title')}>
          {(props) => (
            <input
              {...props}
              value={values.title}
              maxLength={200}
              onChange={(e) => set('title', e.target.value)}
            />
          )}
        </Field>
        <Field label={w.meeting.attendeeCount} required={!ticked.size} error={fieldError('attendeeCount')}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              // Ticked attendees set the count (the server counts them too).
              readOnly={ticked.size > 0}
              value={ticked.size ? String(ticked.size) : values.attendeeCount}
              onChange={(e) => set('attendeeCount', e.target.value)}
            />
          )}
        </Field>
        <Field label={w.meeting.invitedCount} hint={w.meeting.invitedHint} error={fieldError('invitedCount')}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              placeholder={w.meeting.invitedPlaceholder(memberCount)}
              value={values.invitedCount}
              onChange={(e) => set('invitedCount', e.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="wp-attendees" aria-describedby="wp-attendees-hint">
        <legend>
          {w.meeting.attendees} <span className="muted">{w.meeting.attendeesPicked(ticked.size)}</span>
        </legend>
        <p id="wp-attendees-hint" className="muted">
          {w.meeting.attendeesHint}
        </p>
        {fieldError('attendeeIds') && (
          <p className="field-error" role="alert">
            {fieldError('attendeeIds')}
          </p>
        )}
        <QueryState isLoading={roster.isLoading} error={roster.error} onRetry={() => roster.refetch()}>
          {roster.data?.items.length === 0 ? (
            <p className="muted">{w.meeting.noMembersToTick}</p>
          ) : (
            <ul className="wp-attendee-list">
              {roster.data?.items.map((member) => (
                <li key={member.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={ticked.has(member.id)}
                      onChange={() => toggleAttendee(member.id)}
                    />{' '}
                    {member.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </fieldset>
      <Field label={w.meeting.notes} error={fieldError('notes')}>
        {(props) => (
          <textarea
            {...props}
            value={values.notes}
            maxLength={10000}
            onChange={(e) => set('notes', e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t.common.saving : w.recordMeeting}
        </button>
      </div>
    </form>
  );
}

export function MeetingsSection({ workplaceId, memberCount }: { workplaceId: string; memberCount: number }) {
  const { t, formatDate } = useI18n();
  const w = useWorkplaceText();
  const [offset, setOffset] = useState(0);
  const mayRecord = useCan('meetings.record');
  const [recording, setRecording] = useState(false);
  const toggle = useReturnFocus();
  const meetings = useMeetings(workplaceId, offset);

  return (
    <section className="card wp-section" aria-labelledby="wp-meetings-title">
      <div className="wp-section-header">
        <h2 id="wp-meetings-title">{w.meetingsTitle}</h2>
        {!recording && mayRecord && (
          <button type="button" ref={toggle.ref} onClick={() => setRecording(true)}>
            {w.recordMeeting}
          </button>
        )}
      </div>
      {recording && mayRecord && (
        <MeetingForm
          workplaceId={workplaceId}
          memberCount={memberCount}
          onDone={() => {
            setRecording(false);
            toggle.returnFocus();
            setOffset(0);
          }}
        />
      )}
      <QueryState isLoading={meetings.isLoading} error={meetings.error} onRetry={() => meetings.refetch()}>
        {meetings.data?.items.length === 0 ? (
          <EmptyState>{w.noMeetings}</EmptyState>
        ) : (
          <ol className="wp-meetings">
            {meetings.data?.items.map((m) => (
              <li key={m.id} className="wp-meeting">
                <div className="wp-meeting-head">
                  <time dateTime={m.heldOn}>{formatDate(m.heldOn)}</time>
                  <strong>{m.title}</strong>
                  <IcsDownloadLink
                    href={`/api/workplaces/${encodeURIComponent(workplaceId)}/meetings/${encodeURIComponent(m.id)}/ics`}
                    what={m.title}
                  />
                </div>
                <div className="wp-meeting-figures">
                  <span>
                    {w.fields.participationRate}:{' '}
                    <strong>
                      {m.participationRate == null ? '—' : t.common.percent(m.participationRate)}
                    </strong>
                  </span>
                  <span className="muted">
                    {w.meeting.attendeeCount} / {w.meeting.invitedCount}:{' '}
                    {w.meeting.attendance(m.attendeeCount, m.invitedCount)}
                  </span>
                  {m.participationRate != null && (
                    <span className="bar wp-meeting-bar" aria-hidden="true">
                      <span style={{ width: `${Math.min(100, Math.round(m.participationRate * 100))}%` }} />
                    </span>
                  )}
                </div>
                {m.attendanceRecorded && (
                  <p className="wp-meeting-attendees">
                    <span className="muted">
                      {w.meeting.attendees}
                      {t.common.colon}
                    </span>
                    {m.attendees.map((a) => a.name).join('、')}
                    {m.attendeeIds.length > m.attendees.length && (
                      <span className="muted">
                        {' '}
                        {w.meeting.attendeesOutOfReach(m.attendeeIds.length - m.attendees.length)}
                      </span>
                    )}
                  </p>
                )}
                {m.notes && <p className="wp-pre">{m.notes}</p>}
              </li>
            ))}
          </ol>
        )}
        {meetings.data && (
          <Pagination
            offset={offset}
            limit={MEETING_LIMIT}
            total={meetings.data.total}
            onOffset={setOffset}
          />
        )}
      </QueryState>
    </section>
  );
}
