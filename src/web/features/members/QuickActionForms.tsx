// The four quick-action forms of the member page (each one request, then a refresh).
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { ENGAGEMENTS, type Engagement, NOTE_CHANNELS, type NoteChannel } from '../../../core/enums';
import { Field } from '../../components/Field';
import { ApiError, patch, post } from '../../http/client';
import type { Member, MemberCase, MemberNote } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { LockIcon } from './LockIcon';
import { useMemberMessages } from './messages';
import { useInvalidateMember, useToday } from './queries';

/** What an error means for a quick action form: field messages, a conflict, or a plain message. */
export function useErrorView(error: unknown) {
  const { lang } = useI18n();
  const m = useMemberMessages();
  const apiError = error instanceof ApiError ? error : undefined;
  const fieldError = (name: string) =>
    apiError?.fields[name] && apiError.status !== 409
      ? translateFieldError(apiError.fields[name], lang)
      : undefined;
  let summary: string | undefined;
  if (apiError?.status === 409 && apiError.fields.version) summary = m.actions.conflict;
  else if (apiError && !Object.keys(apiError.fields).length) summary = apiError.message;
  else if (error && !apiError) summary = (error as Error).message;
  return { fieldError, summary };
}

export function ErrorSummary({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}

type FormProps = { member: Member; onDone: () => void; onCancel: () => void };

/**
 * The form frame of every quick action and timeline editor: a titled form, the error
 * summary, Cancel and a submit button (「保存」 unless `submit` says otherwise).
 * `inline` is the compact look inside a timeline entry or a case row.
 */
export function ActionForm({
  title,
  onSubmit,
  onCancel,
  pending,
  error,
  submit,
  danger,
  inline,
  children,
}: {
  title: string;
  onSubmit: () => void;
  onCancel: () => void;
  pending: boolean;
  error: string | undefined;
  submit?: string;
  danger?: boolean;
  inline?: boolean;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const titleId = useId();
  return (
    <form
      className={inline ? 'tl-editor' : undefined}
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={titleId} className={inline ? 'tl-editor-title' : undefined}>
        {title}
      </h3>
      <ErrorSummary message={error} />
      {children}
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className={danger ? 'danger' : 'primary'} disabled={pending}>
          {submit ?? (pending ? t.common.saving : t.common.save)}
        </button>
      </div>
    </form>
  );
}

/** A note's date, channel and text (相談・連絡), for recording one and for correcting it. */
export type NoteDraft = { occurredOn: string; channel: NoteChannel; body: string };

export function NoteFields({
  draft,
  onChange,
  fieldError,
}: {
  draft: NoteDraft;
  onChange: (draft: NoteDraft) => void;
  fieldError: (name: string) => string | undefined;
}) {
  const { t } = useI18n();
  const m = useMemberMessages();
  return (
    <>
      <div className="form-grid">
        <Field label={m.actions.occurredOn} error={fieldError('occurredOn')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.occurredOn}
              onChange={(e) => onChange({ ...draft, occurredOn: e.target.value })}
            />
          )}
        </Field>
        <Field label={m.actions.channel} error={fieldError('channel')}>
          {(p) => (
            <select
              {...p}
              value={draft.channel}
              onChange={(e) => onChange({ ...draft, channel: e.target.value as NoteChannel })}
            >
              {NOTE_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t.enums.channel[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={m.actions.body} required error={fieldError('body')}>
        {(p) => (
          <textarea
            {...p}
            rows={4}
            value={draft.body}
            onChange={(e) => onChange({ ...draft, body: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}

export function NoteForm({ member, onDone, onCancel }: FormProps) {
  const m = useMemberMessages();
  const invalidate = useInvalidateMember();
  const today = useToday();
  const [draft, setDraft] = useState<NoteDraft>({ occurredOn: today, channel: 'visit', body: '' });
  const save = useMutation({
    mutationFn: () =>
      post<MemberNote>(`/members/${member.id}/notes`, { ...draft, occurredOn: draft.occurredOn || null }),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
  });
  const { fieldError, summary } = useErrorView(save.error);
  return (
    <ActionForm
      title={m.actions.note}
      onSubmit={() => save.mutate()}
      onCancel={onCancel}
      pending={save.isPending}
      error={summary}
    >
      <NoteFields draft={draft} onChange={setDraft} fieldError={fieldError} />
    </ActionForm>
  );
}

export function EngagementForm({
  member,
  onDone,
  onCancel,
  initial,
}: FormProps & {
  /** Prefilled values (the engagement review's suggestion): a person still confirms. */
  initial?: { engagement: Engagement; reason: string };
}) {
  const { t } = useI18n();
  const m = useMemberMessages();
  const invalidate = useInvalidateMember();
  const [engagement, setEngagement] = useState<Engagement>(initial?.engagement ?? member.engagement);
  const [reason, setReason] = useState(initial?.reason ?? '');
  const [unchanged, setUnchanged] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      patch<Member>(`/members/${member.id}`, {
        version: member.version,
        engagement,
        engagementReason: reason,
      }),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
    // A stale version: reload the member so the next try carries the new version.
    onError: (err) => (err instanceof ApiError && err.status === 409 ? invalidate() : undefined),
  });
  const { fieldError, summary } = useErrorView(save.error);
  const submit = () => {
    setUnchanged(engagement === member.engagement);
    if (engagement !== member.engagement) save.mutate();
  };
  return (
    <ActionForm
      title={m.actions.engagement}
      onSubmit={submit}
      onCancel={onCancel}
      pending={save.isPending}
      error={summary ?? (unchanged ? m.actions.engagementUnchanged : undefined)}
    >
      <Field label={m.actions.newEngagement} error={fieldError('engagement')}>
        {(p) => (
          <select
            {...p}
            value={engagement}
            onChange={(e) => {
              setUnchanged(false);
              setEngagement(e.target.value as Engagement);
            }}
          >
            {ENGAGEMENTS.map((e) => (
              <option key={e} value={e}>
                {t.enums.engagement[e]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={m.actions.reason} error={fieldError('engagementReason')}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={reason}
            placeholder={m.actions.reasonPlaceholder}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
    </ActionForm>
  );
}

export function CaseForm({ member, onDone, onCancel }: FormProps) {
  const m = useMemberMessages();
  const invalidate = useInvalidateMember();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      post<MemberCase>(`/members/${member.id}/cases`, {
        title,
        description,
        dueOn: dueOn || null,
        sensitive,
      }),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
  });
  const { fieldError, summary } = useErrorView(save.error);
  return (
    <ActionForm
      title={m.actions.openCase}
      onSubmit={() => save.mutate()}
      onCancel={onCancel}
      pending={save.isPending}
      error={summary}
    >
      <Field label={m.actions.caseTitle} required error={fieldError('title')}>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field label={m.actions.caseDescription} error={fieldError('description')}>
        {(p) => (
          <textarea {...p} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        )}
      </Field>
      <Field label={m.actions.caseDueOn} error={fieldError('dueOn')}>
        {(p) => <input {...p} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.target.checked)} />
        <span>
          <LockIcon />
          {m.actions.caseSensitive}
        </span>
      </label>
    </ActionForm>
  );
}

export function NextActionForm({ member, onDone, onCancel }: FormProps) {
  const m = useMemberMessages();
  const invalidate = useInvalidateMember();
  const [nextAction, setNextAction] = useState(member.nextAction ?? '');
  const [dueOn, setDueOn] = useState(member.nextActionDueOn ?? '');
  const save = useMutation({
    mutationFn: () =>
      patch<Member>(`/members/${member.id}`, {
        version: member.version,
        nextAction,
        nextActionDueOn: dueOn || null,
      }),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
    onError: (err) => (err instanceof ApiError && err.status === 409 ? invalidate() : undefined),
  });
  const { fieldError, summary } = useErrorView(save.error);
  return (
    <ActionForm
      title={m.actions.nextAction}
      onSubmit={() => save.mutate()}
      onCancel={onCancel}
      pending={save.isPending}
      error={summary}
    >
      <Field label={m.fields.nextAction} error={fieldError('nextAction')}>
        {(p) => <input {...p} value={nextAction} onChange={(e) => setNextAction(e.target.value)} />}
      </Field>
      <Field label={m.fields.nextActionDueOn} error={fieldError('nextActionDueOn')}>
        {(p) => <input {...p} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
      </Field>
    </ActionForm>
  );
}
