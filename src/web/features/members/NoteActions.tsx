// Changing a note 相談・連絡履歴 from the timeline: edit, move to another member, delete.
// Shown only for notes the server says the user may change (TimelineItem.canEdit).
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { SearchInput } from '../../components/SearchInput';
import { ApiError, del, patch } from '../../http/client';
import type { Member, MemberNote, TimelineItem } from '../../http/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useMemberMessages } from './messages';
import { ActionForm, type NoteDraft, NoteFields, useErrorView } from './QuickActionForms';
import { useInvalidateMember, useMemberSearch } from './queries';

type Mode = 'edit' | 'move' | 'delete' | null;
export type NoteNotice = { tone: 'ok' | 'error'; text: string } | null;

/** A stale version or a note gone from this member: reload, and say so. */
function useFailureText() {
  const m = useMemberMessages();
  return (error: unknown): string | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    if (error.status === 409 && error.fields.version) return m.noteEdit.conflict;
    if (error.status === 404) return m.noteEdit.gone;
    return undefined;
  };
}

export function NoteActions({
  memberId,
  item,
  onNotice,
}: {
  memberId: string;
  item: TimelineItem;
  onNotice: (notice: NoteNotice) => void;
}) {
  const m = useMemberMessages();
  const { formatDate } = useI18n();
  const [mode, setMode] = useState<Mode>(null);
  const date = formatDate(item.date);
  const toggle = (next: Mode) => {
    onNotice(null);
    setMode(mode === next ? null : next);
  };
  return (
    <>
      <div className="tl-actions">
        <button
          type="button"
          aria-expanded={mode === 'edit'}
          aria-label={m.noteEdit.editLabel(date)}
          onClick={() => toggle('edit')}
        >
          {m.noteEdit.edit}
        </button>
        <button
          type="button"
          aria-expanded={mode === 'move'}
          aria-label={m.noteEdit.moveLabel(date)}
          onClick={() => toggle('move')}
        >
          {m.noteEdit.move}
        </button>
        <button
          type="button"
          className="danger"
          aria-expanded={mode === 'delete'}
          aria-label={m.noteEdit.deleteLabel(date)}
          onClick={() => toggle('delete')}
        >
          {m.noteEdit.delete}
        </button>
      </div>
      {mode === 'edit' && <EditNote memberId={memberId} item={item} onClose={() => setMode(null)} />}
      {mode === 'move' && (
        <MoveNote memberId={memberId} item={item} onClose={() => setMode(null)} onNotice={onNotice} />
      )}
      {mode === 'delete' && (
        <DeleteNote memberId={memberId} item={item} onClose={() => setMode(null)} onNotice={onNotice} />
      )}
    </>
  );
}

type EditorProps = { memberId: string; item: TimelineItem; onClose: () => void };

function EditNote({ memberId, item, onClose }: EditorProps) {
  const { t } = useI18n();
  const m = useMemberMessages();
  const invalidate = useInvalidateMember();
  const failure = useFailureText();
  const [draft, setDraft] = useState<NoteDraft>({
    occurredOn: item.date,
    channel: item.channel ?? 'other',
    body: item.body ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      patch<MemberNote>(`/members/${memberId}/notes/${item.refId}`, { ...draft, version: item.version }),
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
    // A stale version or a note gone: reload the timeline so the next try reads the latest.
    onError: (err) => (failure(err) ? invalidate() : undefined),
  });
  const { fieldError, summary } = useErrorView(save.error);
  return (
    <ActionForm
      inline
      title={m.noteEdit.editTitle}
      onSubmit={() => save.mutate()}
      onCancel={onClose}
      pending={save.isPending}
      submit={save.isPending ? t.common.saving : t.common.save}
      error={failure(save.error) ?? summary}
    >
      <NoteFields draft={draft} onChange={setDraft} fieldError={fieldError} />
    </ActionForm>
  );
}

type NoticeProps = EditorProps & { onNotice: (notice: NoteNotice) => void };

function DeleteNote({ memberId, item, onClose, onNotice }: NoticeProps) {
  const m = useMemberMessages();
  const invalidate = useInvalidateMember();
  const failure = useFailureText();
  const remove = useMutation({
    mutationFn: () => del(`/members/${memberId}/notes/${item.refId}`, { version: item.version ?? 0 }),
    onSuccess: async () => {
      onNotice({ tone: 'ok', text: m.noteEdit.deleted });
      await invalidate();
    },
    onError: (err) => (failure(err) ? invalidate() : undefined),
  });
  const { summary } = useErrorView(remove.error);
  return (
    <ActionForm
      inline
      title={m.noteEdit.delete}
      onSubmit={() => remove.mutate()}
      onCancel={onClose}
      pending={remove.isPending}
      submit={remove.isPending ? m.noteEdit.deleting : m.noteEdit.deleteYes}
      error={failure(remove.error) ?? summary}
      danger
    >
      <p className="tl-confirm">{m.noteEdit.deleteConfirm}</p>
    </ActionForm>
  );
}

function MoveNote({ memberId, item, onClose, onNotice }: NoticeProps) {
  const m = useMemberMessages();
  const { t } = useI18n();
  const invalidate = useInvalidateMember();
  const failure = useFailureText();
  const searchId = useId();
  const [q, setQ] = useState('');
  const [target, setTarget] = useState<Member | null>(null);
  const results = useMemberSearch(q);
  const move = useMutation({
    mutationFn: (to: Member) =>
      patch<MemberNote>(`/members/${memberId}/notes/${item.refId}`, {
        memberId: to.id,
        version: item.version,
      }),
    onSuccess: async (_note, to) => {
      onNotice({ tone: 'ok', text: m.noteEdit.moved(to.name) });
      await invalidate();
    },
    onError: (err) => (failure(err) ? invalidate() : undefined),
  });
  const { fieldError, summary } = useErrorView(move.error);

  if (target) {
    return (
      <ActionForm
        inline
        title={m.noteEdit.moveTitle}
        onSubmit={() => move.mutate(target)}
        onCancel={() => {
          move.reset();
          setTarget(null);
        }}
        pending={move.isPending}
        submit={move.isPending ? m.noteEdit.moving : m.noteEdit.moveYes}
        error={failure(move.error) ?? fieldError('memberId') ?? summary}
      >
        <p className="tl-confirm">{m.noteEdit.moveConfirm(target.name)}</p>
      </ActionForm>
    );
  }
  const items = (results.data?.items ?? []).filter((x) => x.id !== memberId);
  return (
    <section className="tl-editor" aria-labelledby={`${searchId}-title`}>
      <h3 id={`${searchId}-title`} className="tl-editor-title">
        {m.noteEdit.moveTitle}
      </h3>
      <p className="muted">{m.noteEdit.moveHint}</p>
      <div className="field">
        <label htmlFor={searchId}>{m.noteEdit.search}</label>
        <SearchInput
          id={searchId}
          value={q}
          onSearch={setQ}
          placeholder={m.noteEdit.searchHint}
          aria-describedby={`${searchId}-hint`}
        />
        <small id={`${searchId}-hint`} className="field-hint">
          {m.noteEdit.searchHint}
        </small>
      </div>
      {q && results.error && (
        <p className="alert alert-error" role="alert">
          {(results.error as Error).message}
        </p>
      )}
      {q && results.data && items.length === 0 && <p className="muted">{m.noteEdit.noMatches}</p>}
      {items.length > 0 && (
        <ul className="tl-picker" aria-label={m.noteEdit.search}>
          {items.map((x) => (
            <li key={x.id}>
              <span>
                {x.name}
                {x.nameKana && <span className="muted"> {x.nameKana}</span>}
              </span>
              <span className="muted">{x.workplaceName ?? ''}</span>
              <button type="button" aria-label={m.noteEdit.chooseLabel(x.name)} onClick={() => setTarget(x)}>
                {m.noteEdit.choose}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          {t.common.cancel}
        </button>
      </div>
    </section>
  );
}
