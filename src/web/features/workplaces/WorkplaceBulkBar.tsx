import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type {
  BulkWorkplaceFilter,
  WorkplaceBulkAction,
  WorkplaceBulkResult,
} from '../../../core/bulk/schemas';
import { useAccess } from '../../components/access';
import { ApiError, post } from '../../http/client';
import { useIdempotencyKey } from '../../http/idempotency';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { ExportLinks } from '../export/ExportLinks';
import { BulkDialog, BulkOwnerField, type BulkTask, BulkTaskFields, NO_TASK } from '../tasks/BulkFields';
import { useStaffOptions } from '../users/queries';
import { useWorkplaceBulkText } from './bulk-messages';
import { useInvalidateWorkplace } from './queries';
import '../tasks/bulk.css';

/** What is selected on the workplace list: workplaces by id, or every one the filters match. */
export type WorkplaceSelection =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'filter'; filter: BulkWorkplaceFilter; total: number };

/**
 * The selection state of the workplace list (「選択して一括操作」): ids ticked on the pages seen,
 * or every workplace the filters match; a change of filters starts it again.
 */
export function useWorkplaceSelection(filter: BulkWorkplaceFilter) {
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const filterKey = JSON.stringify(filter);
  const [selectionKey, setSelectionKey] = useState(filterKey);
  if (selectionKey !== filterKey) {
    setSelectionKey(filterKey);
    setSelected(new Set());
    setAllMatching(false);
  }
  const clear = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  return {
    selecting,
    selected,
    allMatching,
    setAllMatching,
    clear,
    toggleMode() {
      clear();
      setSelecting(!selecting);
    },
    toggle(ids: readonly string[], checked: boolean) {
      const next = new Set(selected);
      for (const id of ids) {
        if (checked) next.add(id);
        else next.delete(id);
      }
      setSelected(next);
    },
    selectionOf(total: number): WorkplaceSelection {
      return allMatching ? { kind: 'filter', filter, total } : { kind: 'ids', ids: [...selected] };
    },
  };
}
export type WorkplaceSelectionState = ReturnType<typeof useWorkplaceSelection>;

/** The header's 「選択して一括操作」 / 「選択をやめる」 button. */
export function WorkplaceSelectButton({ bulk }: { bulk: WorkplaceSelectionState }) {
  const b = useWorkplaceBulkText();
  return (
    <button type="button" aria-pressed={bulk.selecting} onClick={bulk.toggleMode}>
      {bulk.selecting ? b.endSelect : b.startSelect}
    </button>
  );
}

/** Above the table while selecting: this page's rows, or 「条件に合う全N件を選択」. */
export function WorkplaceSelectTools({
  bulk,
  pageIds,
  total,
}: {
  bulk: WorkplaceSelectionState;
  pageIds: readonly string[];
  total: number;
}) {
  const b = useWorkplaceBulkText();
  const pageSelected = pageIds.length > 0 && pageIds.every((id) => bulk.selected.has(id));
  return (
    <div className="bulk-select-tools">
      <label>
        <input
          type="checkbox"
          checked={bulk.allMatching || pageSelected}
          disabled={bulk.allMatching}
          onChange={(e) => bulk.toggle(pageIds, e.target.checked)}
        />
        {b.selectPage}
      </label>
      {bulk.allMatching ? (
        <button type="button" className="link-button" onClick={() => bulk.setAllMatching(false)}>
          {b.selectOnlyPage}
        </button>
      ) : (
        <button type="button" onClick={() => bulk.setAllMatching(true)}>
          {b.selectAllMatching(total)}
        </button>
      )}
    </div>
  );
}

/** The selection column's header cell. */
export function WorkplaceSelectHeader() {
  const b = useWorkplaceBulkText();
  return (
    <th scope="col" className="wp-select">
      <span className="visually-hidden">{b.selectColumn}</span>
    </th>
  );
}

/** A row's checkbox (ticked and fixed while every matching workplace is selected). */
export function WorkplaceSelectCell({
  bulk,
  id,
  name,
}: {
  bulk: WorkplaceSelectionState;
  id: string;
  name: string;
}) {
  const b = useWorkplaceBulkText();
  return (
    <td className="wp-select">
      <input
        type="checkbox"
        aria-label={b.selectRow(name)}
        checked={bulk.allMatching || bulk.selected.has(id)}
        disabled={bulk.allMatching}
        onChange={(e) => bulk.toggle([id], e.target.checked)}
      />
    </td>
  );
}

type Panel = WorkplaceBulkAction | 'export';

/**
 * The workplace list's bulk actions while workplaces are selected (ids, or 「条件に合う全N件」):
 * 担当者を変更 (records.write) / タスクを作成 (everyone; an executive or rep makes them for
 * themselves) / エクスポート (export). Each opens a confirmation that states the count, and after
 * it a notice with what was changed and what was left alone (POST /api/workplaces/bulk, within
 * the user's scope, with an Idempotency-Key kept while the same request is retried).
 */
export function WorkplaceBulkBar({
  selection,
  exportFilters,
  onDone,
}: {
  selection: WorkplaceSelection;
  exportFilters: Record<string, string | number | null | undefined>;
  onDone: () => void;
}) {
  const { lang } = useI18n();
  const b = useWorkplaceBulkText();
  const may = useAccess();
  const ids = { title: useId(), panel: useId(), field: useId() };
  const mayChangeOwner = may('records.write');
  const mayAssignOthers = may('tasks.unassigned');
  const staff = useStaffOptions(mayChangeOwner || mayAssignOthers);
  const invalidate = useInvalidateWorkplace();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [task, setTask] = useState<BulkTask>(NO_TASK);

  const count = selection.kind === 'ids' ? selection.ids.length : selection.total;
  const chosen = selection.kind === 'ids' ? { workplaceIds: selection.ids } : { filter: selection.filter };

  const bodyOf = (action: WorkplaceBulkAction) =>
    action === 'set_owner'
      ? { action, ...chosen, ownerId: ownerId || null }
      : {
          action,
          ...chosen,
          task: {
            title: task.title.trim(),
            dueOn: task.dueOn || null,
            ...(mayAssignOthers ? { assigneeId: task.assigneeId || null } : {}),
          },
        };

  const retry = useIdempotencyKey();
  const run = useMutation({
    mutationFn: (action: WorkplaceBulkAction) => {
      const body = bodyOf(action);
      return post<WorkplaceBulkResult>('/workplaces/bulk', body, retry.headersFor(body));
    },
    onSuccess: async (result, action) => {
      retry.done();
      setNotice(b.done[action](result.changed) + (result.skipped ? b.skipped(result.skipped) : ''));
      setPanel(null);
      setTask((t) => ({ ...t, title: '' }));
      onDone();
      await invalidate();
    },
  });
  const apiError = run.error instanceof ApiError ? run.error : undefined;
  const fieldError = (name: string) =>
    apiError?.fields[name] ? translateFieldError(apiError.fields[name], lang) : undefined;
  const ready = panel === 'create_task' ? task.title.trim() !== '' : true;

  const buttons: [Panel, string, boolean][] = [
    ['set_owner', b.setOwner, mayChangeOwner],
    ['create_task', b.createTask, true],
    ['export', b.export, may('export')],
  ];

  return (
    <section className="card bulk-link-bar bulk-actions-bar" aria-labelledby={ids.title}>
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
              aria-controls={ids.panel}
              disabled={(count === 0 && key !== 'export') || run.isPending}
              onClick={() => {
                setNotice('');
                run.reset();
                setPanel(panel === key ? null : key);
              }}
            >
              {label}
            </button>
          ))}
      </div>
      {panel === 'export' && (
        <div id={ids.panel} className="bulk-link-confirm">
          <p className="muted">{selection.kind === 'ids' ? b.exportNote : b.exportAll}</p>
          <ExportLinks kind="workplaces" filters={exportFilters} />
        </div>
      )}
      {panel && panel !== 'export' && (
        <BulkDialog
          id={ids.panel}
          question={b.confirm[panel](count)}
          ready={ready}
          pending={run.isPending}
          text={b}
          onRun={() => run.mutate(panel)}
          onCancel={() => setPanel(null)}
        >
          {panel === 'set_owner' && (
            <BulkOwnerField
              id={`${ids.field}-owner`}
              text={b}
              value={ownerId}
              onChange={setOwnerId}
              staff={staff.data ?? []}
              error={fieldError('ownerId')}
            />
          )}
          {panel === 'create_task' && (
            <BulkTaskFields
              id={ids.field}
              text={b}
              value={task}
              onChange={setTask}
              staff={mayAssignOthers ? (staff.data ?? []) : null}
              fieldError={fieldError}
            />
          )}
        </BulkDialog>
      )}
      {run.error && !Object.keys(apiError?.fields ?? {}).length && (
        <p className="alert alert-error" role="alert">
          {run.error.message}
        </p>
      )}
      <div role="status" aria-live="polite">
        {notice && <p className="alert alert-ok bulk-link-notice">{notice}</p>}
      </div>
    </section>
  );
}
