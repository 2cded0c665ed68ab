import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { MemberBulkAction, MemberBulkResult } from '../../../core/bulk/schemas';
import { ENGAGEMENTS, type Engagement, NOTE_CHANNELS, type NoteChannel } from '../../../core/enums';
import { useAccess } from '../../components/access';
import { ApiError, post } from '../../http/client';
import { useIdempotencyKey } from '../../http/idempotency';
import { translateFieldError } from '../../i18n/field-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { ExportLinks } from '../export/ExportLinks';
import { BulkDialog, BulkOwnerField, type BulkTask, BulkTaskFields, NO_TASK } from '../tasks/BulkFields';
import { useStaffOptions } from '../users/queries';
import type { MemberSelection } from './BulkLinkBar';
import { useBulkActionMessages } from './bulk-actions-messages';
import { useInvalidateMember } from './queries';
import '../tasks/bulk.css';

type Panel = MemberBulkAction | 'export';

/**
 * The member list's bulk actions while members are selected (ids, or 「条件に合う全N件」):
 * 担当者を変更 / 関与度を変更 (one reason) / メモを追加 / タスクを作成 / エクスポート, each only for
 * roles whose single action is allowed. Each opens a confirmation that states the count, and
 * after it a notice with what was changed (POST /api/members/bulk, within the user's scope).
 */
export function BulkActionsBar({
  selection,
  exportFilters,
  onDone,
}: {
  selection: MemberSelection;
  exportFilters: Record<string, string | number | null | undefined>;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const a = useBulkActionMessages();
  const may = useAccess();
  const ids = { title: useId(), panel: useId(), field: useId() };
  const staff = useStaffOptions();
  const invalidate = useInvalidateMember();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [engagement, setEngagement] = useState<Engagement>('regular');
  const [reason, setReason] = useState('');
  const [channel, setChannel] = useState<NoteChannel>('other');
  const [noteBody, setNoteBody] = useState('');
  const [task, setTask] = useState<BulkTask>(NO_TASK);

  const people =
    selection.kind === 'ids' ? a.people(selection.ids.length) : a.people(selection.total, selection.capped);
  const empty = selection.kind === 'ids' ? selection.ids.length === 0 : selection.total === 0;
  const chosen = selection.kind === 'ids' ? { memberIds: selection.ids } : { filter: selection.filter };
  const mayAssignOthers = may('tasks.unassigned');

  const bodyOf = (action: MemberBulkAction) => {
    switch (action) {
      case 'set_owner':
        return { action, ...chosen, ownerId: ownerId || null };
      case 'set_engagement':
        return { action, ...chosen, engagement, engagementReason: reason.trim() };
      case 'add_note':
        return { action, ...chosen, note: { channel, body: noteBody.trim() } };
      case 'create_task':
        return {
          action,
          ...chosen,
          task: {
            title: task.title.trim(),
            dueOn: task.dueOn || null,
            ...(mayAssignOthers ? { assigneeId: task.assigneeId || null } : {}),
          },
        };
    }
  };

  const retry = useIdempotencyKey();
  const run = useMutation({
    mutationFn: (action: MemberBulkAction) => {
      const body = bodyOf(action);
      return post<MemberBulkResult>('/members/bulk', body, retry.headersFor(body));
    },
    onSuccess: async (result, action) => {
      retry.done();
      setNotice(a.done[action](result.changed) + (result.skipped ? a.skipped(result.skipped) : ''));
      setPanel(null);
      setReason('');
      setNoteBody('');
      setTask((t) => ({ ...t, title: '' }));
      onDone();
      await invalidate();
    },
  });
  const apiError = run.error instanceof ApiError ? run.error : undefined;
  const fieldError = (name: string) =>
    apiError?.fields[name] ? translateFieldError(apiError.fields[name], lang) : undefined;

  const open = (next: Panel) => {
    setNotice('');
    run.reset();
    setPanel(panel === next ? null : next);
  };
  const ready =
    panel === 'set_engagement'
      ? reason.trim() !== ''
      : panel === 'add_note'
        ? noteBody.trim() !== ''
        : panel === 'create_task'
          ? task.title.trim() !== ''
          : true;

  const buttons: [Panel, string, boolean][] = [
    ['set_owner', a.setOwner, may('records.write')],
    ['set_engagement', a.setEngagement, may('engagement.change')],
    ['add_note', a.addNote, may('notes.create')],
    ['create_task', a.createTask, true],
    ['export', a.export, may('export')],
  ];

  return (
    <section className="card bulk-link-bar bulk-actions-bar" aria-labelledby={ids.title}>
      <h2 id={ids.title} className="visually-hidden">
        {a.bar}
      </h2>
      <div className="bulk-link-controls">
        {buttons
          .filter(([, , allowed]) => allowed)
          .map(([key, label]) => (
            <button
              key={key}
              type="button"
              aria-expanded={panel === key}
              aria-controls={ids.panel}
              disabled={(empty && key !== 'export') || run.isPending}
              onClick={() => open(key)}
            >
              {label}
            </button>
          ))}
      </div>
      {panel === 'export' && (
        <div id={ids.panel} className="bulk-link-confirm">
          <p className="muted">{selection.kind === 'ids' ? a.exportNote : a.exportAll}</p>
          <ExportLinks kind="members" filters={exportFilters} />
        </div>
      )}
      {panel && panel !== 'export' && (
        <BulkDialog
          id={ids.panel}
          question={a.confirm[panel](people)}
          ready={ready}
          pending={run.isPending}
          text={a}
          onRun={() => run.mutate(panel)}
          onCancel={() => setPanel(null)}
        >
          {panel === 'set_owner' && (
            <BulkOwnerField
              id={`${ids.field}-owner`}
              text={a}
              value={ownerId}
              onChange={setOwnerId}
              staff={staff.data ?? []}
              error={fieldError('ownerId')}
            />
          )}
          {panel === 'set_engagement' && (
            <>
              <div className="field">
                <label htmlFor={`${ids.field}-eng`}>{a.engagement}</label>
                <select
                  id={`${ids.field}-eng`}
                  value={engagement}
                  onChange={(e) => setEngagement(e.target.value as Engagement)}
                >
                  {ENGAGEMENTS.map((e) => (
                    <option key={e} value={e}>
                      {t.enums.engagement[e]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${ids.field}-reason`}>{a.reason}</label>
                <textarea
                  id={`${ids.field}-reason`}
                  value={reason}
                  required
                  rows={2}
                  onChange={(e) => setReason(e.target.value)}
                />
                {fieldError('engagementReason') && (
                  <p className="field-error">{fieldError('engagementReason')}</p>
                )}
              </div>
            </>
          )}
          {panel === 'add_note' && (
            <>
              <div className="field">
                <label htmlFor={`${ids.field}-channel`}>{a.noteChannel}</label>
                <select
                  id={`${ids.field}-channel`}
                  value={channel}
                  onChange={(e) => setChannel(e.target.value as NoteChannel)}
                >
                  {NOTE_CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {t.enums.channel[c]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${ids.field}-note`}>{a.noteBody}</label>
                <textarea
                  id={`${ids.field}-note`}
                  value={noteBody}
                  required
                  rows={3}
                  onChange={(e) => setNoteBody(e.target.value)}
                />
                {fieldError('note.body') && <p className="field-error">{fieldError('note.body')}</p>}
              </div>
            </>
          )}
          {panel === 'create_task' && (
            <BulkTaskFields
              id={ids.field}
              text={a}
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
