import { useState } from 'react';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import { ApiError } from '../../http/client';
import type { Task, User } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useFocusOnMount } from '../members/use-focus-on-mount';
import type { StaffOption } from '../users/queries';
import { useTaskText } from './messages';
import { useCreateTask } from './queries';

/**
 * A manual task. Admins and officers may give it to anyone or to the unassigned
 * pile (which they work through); executives and reps make tasks for themselves
 * only, so they are not offered a choice.
 */
export function NewTaskForm({
  me,
  staff,
  onDone,
  onCancel,
}: {
  me: User;
  staff: StaffOption[] | null | undefined;
  onDone: (task: Task) => void;
  onCancel: () => void;
}) {
  const t = useTaskText();
  const { t: common, lang } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [assigneeId, setAssigneeId] = useState(me.id);
  const mayChooseAssignee = useCan('tasks.unassigned');
  const create = useCreateTask();

  const apiError = create.error instanceof ApiError ? create.error : undefined;
  const fieldError = (name: string) =>
    apiError?.fields[name] ? translateFieldError(apiError.fields[name], lang) : undefined;
  const summary =
    create.error && !(apiError && Object.keys(apiError.fields).length)
      ? (create.error as Error).message
      : apiError
        ? common.common.fieldErrors
        : undefined;
  const others = (staff ?? []).filter((u) => u.id !== me.id && !u.disabled);

  return (
    <section className="card task-new" aria-labelledby="task-new-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            {
              title: title.trim(),
              body: body.trim() || null,
              dueOn: dueOn || null,
              assigneeId: mayChooseAssignee ? assigneeId || null : me.id,
            },
            { onSuccess: onDone },
          );
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !e.nativeEvent.isComposing) onCancel();
        }}
      >
        <h2 id="task-new-title" ref={heading} tabIndex={-1}>
          {t.form.title}
        </h2>
        {summary && (
          <p className="alert alert-error" role="alert">
            {summary}
          </p>
        )}
        <Field label={t.form.fields.title} required error={fieldError('title')}>
          {(p) => <input {...p} required value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t.form.fields.body} error={fieldError('body')}>
          {(p) => <textarea {...p} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />}
        </Field>
        <div className="form-grid">
          <Field label={t.form.fields.dueOn} error={fieldError('dueOn')}>
            {(p) => <input {...p} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />}
          </Field>
          {mayChooseAssignee && (
            <Field label={t.form.fields.assignee} error={fieldError('assigneeId')}>
              {(p) => (
                <select {...p} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
                  <option value={me.id}>{t.form.me(me.displayName)}</option>
                  <option value="">{t.unassigned}</option>
                  {others.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.displayName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        <div className="form-actions">
          <button type="button" onClick={onCancel}>
            {common.common.cancel}
          </button>
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? common.common.saving : t.form.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
