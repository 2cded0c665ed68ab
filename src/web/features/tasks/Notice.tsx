import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../http/client';
import type { Task } from '../../http/types';
import { translateFieldError } from '../../i18n/field-errors';
import { type Lang, useI18n } from '../../i18n/I18nProvider';
import { type TaskMessages, useTaskText } from './messages';
import { useUpdateTask } from './queries';

/** What the last action did: shown above the list, with an undo after completing a task. */
export type Notice = { tone: 'ok' | 'error'; text: string; undo?: Task | undefined; key: number };
export type NoticeInput = Omit<Notice, 'key'>;

let noticeKey = 0;

export function useNotice() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const show = useCallback((input: NoticeInput) => setNotice({ ...input, key: ++noticeKey }), []);
  const clear = useCallback(() => setNotice(null), []);
  return { notice, show, clear };
}

/** The words for a failed task request: a conflict, a field message, or the server's message. */
export function errorText(error: unknown, t: TaskMessages, lang: Lang): string {
  if (error instanceof ApiError) {
    if (error.status === 409 && error.fields.version) return t.notices.conflict;
    if (error.status === 409 && error.fields.ruleId) return t.actions.ruleNoDelete;
    const [field] = Object.values(error.fields);
    if (field) return translateFieldError(field, lang);
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The live region for task actions. It takes focus when a notice appears: the
 * task that was acted on may have left the list (completed in the open view),
 * and focus must not fall back to the top of the page.
 */
export function TaskNotice({
  notice,
  onNotice,
  onClose,
}: {
  notice: Notice | null;
  onNotice: (notice: NoticeInput) => void;
  onClose: () => void;
}) {
  const t = useTaskText();
  const { lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const reopen = useUpdateTask();

  useEffect(() => {
    if (notice) ref.current?.focus();
  }, [notice]);

  const undo = notice?.undo;
  return (
    <div role="status" aria-live="polite" className="task-notice-region">
      {notice && (
        <div
          ref={ref}
          tabIndex={-1}
          className={`alert task-notice ${notice.tone === 'ok' ? 'alert-ok' : 'alert-error'}`}
        >
          <p>
            <span aria-hidden="true">{notice.tone === 'ok' ? '✓ ' : '! '}</span>
            {notice.text}
          </p>
          <div className="task-notice-actions">
            {undo && (
              <button
                type="button"
                disabled={reopen.isPending}
                onClick={async () => {
                  try {
                    const task = await reopen.mutateAsync({ task: undo, changes: { status: 'open' } });
                    onNotice({ tone: 'ok', text: t.notices.reopened(task.title) });
                  } catch (err) {
                    onNotice({ tone: 'error', text: errorText(err, t, lang) });
                  }
                }}
              >
                {t.actions.undo}
              </button>
            )}
            <button type="button" className="link-button" onClick={onClose}>
              {t.notices.close}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
