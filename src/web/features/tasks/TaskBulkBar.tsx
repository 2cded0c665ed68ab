import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { BulkTaskFilter, TaskBulkAction, TaskBulkResult } from '../../../core/bulk/schemas';
import { post } from '../../http/client';
import { useIdempotencyKey } from '../../http/idempotency';
import type { StaffOption } from '../users/queries';
import { useTaskBulkText } from './bulk-messages';
import { useInvalidateTasks } from './queries';
import './bulk.css';

/** What is selected in the task inbox: tasks by id, or every task the inbox's filters match. */
export type TaskSelection =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'filter'; filter: BulkTaskFilter; total: number };

type Panel = 'complete' | 'reassign' | 'set_due';
type Outcome = { text: string; undo?: string[] };

/**
 * The task inbox's bulk actions (POST /api/tasks/bulk): 完了 (with 元に戻す, which reopens exactly
 * the tasks completed), 担当者を変更 (admins and officers) and 期日を変更, each behind a
 * confirmation that states the count.
 */
export function TaskBulkBar({
  selection,
  staff,
  onDone,
}: {
  selection: TaskSelection;
  /** Staff to reassign to: only for admins and officers (others see no 担当者を変更). */
  staff: StaffOption[] | null | undefined;
  onDone: () => void;
}) {
  const b = useTaskBulkText();
  const ids = { title: useId(), field: useId() };
  const invalidate = useInvalidateTasks();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [assigneeId, setAssigneeId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const count = selection.kind === 'ids' ? selection.ids.length : selection.total;
  const chosen = selection.kind === 'ids' ? { taskIds: selection.ids } : { filter: selection.filter };

  const retry = useIdempotencyKey();
  const run = useMutation({
    mutationFn: (p: { action: TaskBulkAction; taskIds?: string[] }) => {
      const body = {
        action: p.action,
        ...(p.taskIds ? { taskIds: p.taskIds } : chosen),
        ...(p.action === 'reassign' ? { assigneeId: assigneeId || null } : {}),
        ...(p.action === 'set_due' ? { dueOn: dueOn || null } : {}),
      };
      return post<TaskBulkResult>('/tasks/bulk', body, retry.headersFor(body));
    },
    onSuccess: async (result, p) => {
      retry.done();
      const text = b.done[p.action](result.changed) + (result.skipped ? b.skipped(result.skipped) : '');
      setOutcome({
        text,
        ...(p.action === 'complete' && result.taskIds.length ? { undo: result.taskIds } : {}),
      });
      setPanel(null);
      if (p.action !== 'reopen') onDone();
      await invalidate();
    },
  });

  const buttons: [Panel, string, boolean][] = [
    ['complete', b.complete, true],
    ['reassign', b.reassign, Boolean(staff)],
    ['set_due', b.setDue, true],
  ];

  return (
    <section className="card bulk-link-bar task-bulk-bar" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="visually-hidden">
        {b.bar}
      </h2>
      <p className="bulk-link-count" aria-live="polite">
        {selection.kind === 'ids' ? b.selectedCount(count) : b.selectedAllMatching(count)}
      </p>
      <div className="bulk-link-controls">
        {buttons
          .filter(([, , allowed]) => allowed)
          .map(([key, label]) => (
            <button
              key={key}
              type="button"
              aria-expanded={panel === key}
              disabled={count === 0 || run.isPending}
              onClick={() => {
                run.reset();
                setOutcome(null);
                setPanel(panel === key ? null : key);
              }}
            >
              {label}
            </button>
          ))}
      </div>
      {panel && (
        <form
          className="bulk-link-confirm bulk-action-form"
          role="dialog"
          aria-labelledby={`${ids.field}-q`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate({ action: panel });
          }}
        >
          <p id={`${ids.field}-q`}>
            <strong>{b.confirm[panel](count)}</strong>
          </p>
          {panel === 'reassign' && (
            <div className="field">
              <label htmlFor={`${ids.field}-assignee`}>{b.assignee}</label>
              <select
                id={`${ids.field}-assignee`}
                value={assigneeId}
                onChange={(e) => setAssigneeId(e.target.value)}
              >
                <option value="">{b.unassigned}</option>
                {(staff ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            </div>
          )}
          {panel === 'set_due' && (
            <div className="field">
              <label htmlFor={`${ids.field}-due`}>{b.due}</label>
              <input
                id={`${ids.field}-due`}
                type="date"
                value={dueOn}
                onChange={(e) => setDueOn(e.target.value)}
              />
            </div>
          )}
          <div className="bulk-action-buttons">
            <button type="submit" className="primary" disabled={run.isPending}>
              {b.run}
            </button>
            <button type="button" disabled={run.isPending} onClick={() => setPanel(null)}>
              {b.cancel}
            </button>
          </div>
        </form>
      )}
      {run.error && (
        <p className="alert alert-error" role="alert">
          {run.error.message}
        </p>
      )}
      <div role="status" aria-live="polite">
        {outcome && (
          <div className="alert alert-ok bulk-link-notice">
            <p>{outcome.text}</p>
            {outcome.undo && (
              <button
                type="button"
                disabled={run.isPending}
                onClick={() => run.mutate({ action: 'reopen', taskIds: outcome.undo })}
              >
                {b.undo}
              </button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
