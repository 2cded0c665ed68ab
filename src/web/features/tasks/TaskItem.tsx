import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../components/access';
import { Field } from '../../components/Field';
import type { Task, User } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useSurveyText } from '../surveys/messages';
import type { StaffOption } from '../users/queries';
import { isOverdue } from './due';
import { ruleName, useTaskText } from './messages';
import { errorText, type NoticeInput } from './Notice';
import { type TaskChanges, useDeleteTask, useUpdateTask } from './queries';

const SUBJECT_PATHS = { member: '/members', workplace: '/workplaces', demand: '/demands' } as const;
const LONG_BODY = 140;

type Editor = 'due' | 'assignee' | 'delete' | null;

/**
 * One task with what an officer does to it: complete (or reopen), change the
 * due date, reassign (admins) or take an unassigned one, delete a manual one.
 * `compact` is the short form used on a member's or workplace's page.
 */
export function TaskItem({
  task,
  me,
  staff,
  today,
  onNotice,
  compact = false,
  selection,
}: {
  task: Task;
  me: User | null | undefined;
  /** Staff to reassign to: only given to admins and officers (null/undefined hides 再割当). */
  staff?: StaffOption[] | null | undefined;
  today: string;
  onNotice: (notice: NoticeInput) => void;
  compact?: boolean;
  /** While selecting for bulk actions (the inbox): the row's checkbox. */
  selection?: { checked: boolean; disabled: boolean; label: string; onToggle: (checked: boolean) => void };
}) {
  const t = useTaskText();
  const { lang, formatDateTime } = useI18n();
  const titleId = useId();
  const [editor, setEditor] = useState<Editor>(null);
  const update = useUpdateTask();
  const remove = useDeleteTask();
  const busy = update.isPending || remove.isPending;
  const overdue = isOverdue(task, today);
  const done = task.status === 'done';
  const TitleTag = compact ? 'p' : 'h3';

  // mutateAsync, not mutate's callbacks: those are dropped when the item has
  // already left the list (a completed task leaves the open view on refetch),
  // and the notice must be shown all the same.
  const run = async (changes: TaskChanges, success: (updated: Task) => NoticeInput) => {
    try {
      const updated = await update.mutateAsync({ task, changes });
      setEditor(null);
      onNotice(success(updated));
    } catch (err) {
      setEditor(null);
      onNotice({ tone: 'error', text: errorText(err, t, lang) });
    }
  };

  const complete = () =>
    run({ status: 'done' }, (updated) => ({
      tone: 'ok',
      text: t.notices.completed(updated.title),
      undo: updated,
    }));
  const reopen = () =>
    run({ status: 'open' }, (updated) => ({ tone: 'ok', text: t.notices.reopened(updated.title) }));
  const assign = (assigneeId: string | null) =>
    run({ assigneeId }, (updated) => ({
      tone: 'ok',
      text: t.notices.reassigned(updated.title, updated.assigneeName ?? t.unassigned),
    }));
  const changeDue = (dueOn: string | null) =>
    run({ dueOn }, (updated) => ({ tone: 'ok', text: t.notices.dueChanged(updated.title) }));
  const destroy = async () => {
    try {
      await remove.mutateAsync(task);
      onNotice({ tone: 'ok', text: t.notices.deleted(task.title) });
    } catch (err) {
      setEditor(null);
      onNotice({ tone: 'error', text: errorText(err, t, lang) });
    }
  };

  const toggle = (next: Editor) => setEditor(editor === next ? null : next);
  const canReassign = !done && Boolean(staff);
  // Unassigned tasks are the pile admins and officers work through.
  const mayTake = useCan('tasks.unassigned');
  const mayBuildSurvey = useCan('surveys.write');
  const surveyText = useSurveyText();
  const canTake = mayTake && !done && task.assigneeId === null && Boolean(me);

  return (
    <li
      className={`task${overdue ? ' task-overdue' : ''}${done ? ' task-done' : ''}${compact ? ' task-compact' : ''}`}
      aria-labelledby={titleId}
    >
      {selection && (
        <input
          type="checkbox"
          className="task-select"
          aria-label={selection.label}
          checked={selection.checked}
          disabled={selection.disabled}
          onChange={(e) => selection.onToggle(e.target.checked)}
        />
      )}
      <div className="task-main">
        <TitleTag id={titleId} className="task-title">
          {task.title}
        </TitleTag>
        <p className="task-meta">
          <DueText task={task} overdue={overdue} />
          <span>
            <span className="task-meta-label">{t.assignee}:</span>{' '}
            {task.assigneeName ?? <span className="task-unassigned">{t.unassigned}</span>}
          </span>
          {!compact && task.subjectType && task.subjectId && (
            <span>
              <span className="task-meta-label">{t.subject[task.subjectType]}:</span>{' '}
              <Link to={`${SUBJECT_PATHS[task.subjectType]}/${task.subjectId}`}>
                {task.subjectName ?? t.deletedSubject}
              </Link>
            </span>
          )}
          {task.ruleId && (
            <span className="task-rule" title={t.ruleHint}>
              <span className="visually-hidden">{t.rule}: </span>
              <span>{ruleName(t, task.ruleId)}</span>
            </span>
          )}
          {done && task.completedAt && (
            <span className="task-done-tag">{t.completedOn(formatDateTime(task.completedAt))}</span>
          )}
        </p>
        {!compact && task.body && <TaskBody body={task.body} />}
        {/* The 春闘 rule's task: the survey it asks for is built here. */}
        {task.ruleId === 'shunto_survey' && !done && mayBuildSurvey && (
          <p className="task-link">
            <Link to="/surveys/new?preselect=1">{surveyText.createForSeason}</Link>
          </p>
        )}
      </div>

      <div className="task-actions">
        {done ? (
          <button
            type="button"
            onClick={reopen}
            disabled={busy}
            aria-label={t.actions.reopenLabel(task.title)}
          >
            {t.actions.reopen}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={complete}
            disabled={busy}
            aria-label={t.actions.completeLabel(task.title)}
          >
            {update.isPending && update.variables?.changes.status === 'done'
              ? t.actions.completing
              : t.actions.complete}
          </button>
        )}
        {canTake && (
          <button
            type="button"
            onClick={() => assign(me?.id ?? null)}
            disabled={busy}
            aria-label={t.actions.takeLabel(task.title)}
          >
            {t.actions.take}
          </button>
        )}
        {!done && !compact && (
          <button
            type="button"
            aria-expanded={editor === 'due'}
            onClick={() => toggle('due')}
            disabled={busy}
            aria-label={t.actions.changeDueLabel(task.title)}
          >
            {t.actions.changeDue}
          </button>
        )}
        {canReassign && !compact && (
          <button
            type="button"
            aria-expanded={editor === 'assignee'}
            onClick={() => toggle('assignee')}
            disabled={busy}
            aria-label={t.actions.reassignLabel(task.title)}
          >
            {t.actions.reassign}
          </button>
        )}
        {/* A rule's task is never deleted (the rule would make it again): it is completed instead. */}
        {!task.ruleId && !compact && (
          <button
            type="button"
            className="danger"
            aria-expanded={editor === 'delete'}
            onClick={() => toggle('delete')}
            disabled={busy}
            aria-label={t.actions.deleteLabel(task.title)}
          >
            {t.actions.delete}
          </button>
        )}
      </div>

      {editor === 'due' && (
        <DueEditor task={task} busy={busy} onSave={changeDue} onCancel={() => setEditor(null)} />
      )}
      {editor === 'assignee' && staff && (
        <AssigneeEditor
          task={task}
          staff={staff}
          busy={busy}
          onSave={assign}
          onCancel={() => setEditor(null)}
        />
      )}
      {editor === 'delete' && (
        <InlineForm
          onSubmit={destroy}
          onCancel={() => setEditor(null)}
          busy={busy}
          submit={t.actions.deleteYes}
          danger
        >
          <p className="task-confirm">{t.actions.deleteConfirm}</p>
        </InlineForm>
      )}
    </li>
  );
}

function DueText({ task, overdue }: { task: Task; overdue: boolean }) {
  const t = useTaskText();
  const { formatDate } = useI18n();
  if (!task.dueOn) return <span className="muted">{t.noDue}</span>;
  return (
    <span className={overdue ? 'task-due overdue' : 'task-due'}>
      <time dateTime={task.dueOn}>{t.due(formatDate(task.dueOn))}</time>
      {overdue && <span className="task-overdue-tag">{t.overdue}</span>}
    </span>
  );
}

/** Rule bodies run to several lines: long ones fold to three until asked. */
function TaskBody({ body }: { body: string }) {
  const t = useTaskText();
  const id = useId();
  const [open, setOpen] = useState(false);
  const long = body.length > LONG_BODY || body.split('\n').length > 3;
  return (
    <div className="task-body-wrap">
      <p id={id} className={long && !open ? 'task-body task-body-folded' : 'task-body'}>
        {body}
      </p>
      {long && (
        <button
          type="button"
          className="link-button task-more"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
        >
          {open ? t.showLess : t.showMore}
        </button>
      )}
    </div>
  );
}

function InlineForm({
  onSubmit,
  onCancel,
  busy,
  submit,
  danger = false,
  children,
}: {
  onSubmit: () => void;
  onCancel: () => void;
  busy: boolean;
  submit: string;
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      className="task-editor"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.nativeEvent.isComposing) onCancel();
      }}
    >
      {children}
      <div className="task-editor-buttons">
        <button type="button" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
          {busy ? t.common.saving : submit}
        </button>
      </div>
    </form>
  );
}

function DueEditor({
  task,
  busy,
  onSave,
  onCancel,
}: {
  task: Task;
  busy: boolean;
  onSave: (dueOn: string | null) => void;
  onCancel: () => void;
}) {
  const t = useTaskText();
  const { t: common } = useI18n();
  const [dueOn, setDueOn] = useState(task.dueOn ?? '');
  return (
    <InlineForm
      onSubmit={() => onSave(dueOn || null)}
      onCancel={onCancel}
      busy={busy}
      submit={common.common.save}
    >
      <Field label={t.actions.newDue} hint={t.actions.newDueHint}>
        {(p) => (
          // biome-ignore lint/a11y/noAutofocus: the field the officer just asked for
          <input {...p} type="date" autoFocus value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        )}
      </Field>
    </InlineForm>
  );
}

function AssigneeEditor({
  task,
  staff,
  busy,
  onSave,
  onCancel,
}: {
  task: Task;
  staff: Pick<StaffOption, 'id' | 'displayName'>[];
  busy: boolean;
  onSave: (assigneeId: string | null) => void;
  onCancel: () => void;
}) {
  const t = useTaskText();
  const { t: common } = useI18n();
  const [assigneeId, setAssigneeId] = useState(task.assigneeId ?? '');
  const options = staff.some((u) => u.id === task.assigneeId)
    ? staff
    : task.assigneeId
      ? [{ id: task.assigneeId, displayName: task.assigneeName ?? task.assigneeId }, ...staff]
      : staff;
  return (
    <InlineForm
      onSubmit={() => onSave(assigneeId || null)}
      onCancel={onCancel}
      busy={busy}
      submit={common.common.save}
    >
      <Field label={t.actions.newAssignee}>
        {(p) => (
          // biome-ignore lint/a11y/noAutofocus: the field the officer just asked for
          <select {...p} autoFocus value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
            <option value="">{t.unassigned}</option>
            {options.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
    </InlineForm>
  );
}
