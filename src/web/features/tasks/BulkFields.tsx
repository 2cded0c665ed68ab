import type { FormEvent, ReactNode } from 'react';
import type { StaffOption } from '../users/queries';

// The pieces the list pages' bulk bars share (members, workplaces): the confirmation form that
// states the count, and the owner and task fields. Each bar keeps its own panels and wording.

type Text = { run: string; cancel: string };

/** The confirmation of one bulk action: the question (with the count), its fields, 実行する / キャンセル. */
export function BulkDialog({
  id,
  question,
  ready,
  pending,
  text,
  onRun,
  onCancel,
  children,
}: {
  id: string;
  question: string;
  ready: boolean;
  pending: boolean;
  text: Text;
  onRun: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  return (
    <form
      id={id}
      className="bulk-link-confirm bulk-action-form"
      role="dialog"
      aria-labelledby={`${id}-q`}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (ready) onRun();
      }}
    >
      <p id={`${id}-q`} className="bulk-action-question">
        <strong>{question}</strong>
      </p>
      {children}
      <div className="bulk-action-buttons">
        <button type="submit" className="primary" disabled={!ready || pending}>
          {text.run}
        </button>
        <button type="button" disabled={pending} onClick={onCancel}>
          {text.cancel}
        </button>
      </div>
    </form>
  );
}

function StaffSelect({
  id,
  label,
  none,
  value,
  onChange,
  staff,
  error,
}: {
  id: string;
  label: string;
  none: string;
  value: string;
  onChange: (id: string) => void;
  staff: readonly StaffOption[];
  error: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{none}</option>
        {staff.map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName}
          </option>
        ))}
      </select>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

/** 新しい担当者 (empty: none). */
export function BulkOwnerField(props: {
  id: string;
  text: { owner: string; ownerNone: string };
  value: string;
  onChange: (id: string) => void;
  staff: readonly StaffOption[];
  error: string | undefined;
}) {
  const { text, ...rest } = props;
  return <StaffSelect {...rest} label={text.owner} none={text.ownerNone} />;
}

export type BulkTask = { title: string; dueOn: string; assigneeId: string };
export const NO_TASK: BulkTask = { title: '', dueOn: '', assigneeId: '' };

/** A task for each selected record: its title, due date and (for roles that assign others) assignee. */
export function BulkTaskFields({
  id,
  text,
  value,
  onChange,
  staff,
  fieldError,
}: {
  id: string;
  text: { taskTitle: string; taskDue: string; taskAssignee: string; taskUnassigned: string };
  value: BulkTask;
  onChange: (next: BulkTask) => void;
  /** The staff to assign to; null when the user assigns only themselves. */
  staff: readonly StaffOption[] | null;
  fieldError: (name: string) => string | undefined;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-title`}>{text.taskTitle}</label>
        <input
          id={`${id}-title`}
          value={value.title}
          required
          onChange={(e) => onChange({ ...value, title: e.target.value })}
        />
        {fieldError('task.title') && <p className="field-error">{fieldError('task.title')}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{text.taskDue}</label>
        <input
          id={`${id}-due`}
          type="date"
          value={value.dueOn}
          onChange={(e) => onChange({ ...value, dueOn: e.target.value })}
        />
        {fieldError('task.dueOn') && <p className="field-error">{fieldError('task.dueOn')}</p>}
      </div>
      {staff && (
        <StaffSelect
          id={`${id}-assignee`}
          label={text.taskAssignee}
          none={text.taskUnassigned}
          value={value.assigneeId}
          onChange={(assigneeId) => onChange({ ...value, assigneeId })}
          staff={staff}
          error={fieldError('task.assigneeId')}
        />
      )}
    </>
  );
}
