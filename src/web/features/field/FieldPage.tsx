import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../core/access/policy';
import type { Atmosphere, Engagement, StaffRole } from '../../../core/enums';
import { LanguageToggle } from '../../components/LanguageToggle';
import { ApiError, post } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { authKeys } from '../auth/queries';
import { OtherMembers, Unsent, WorkplaceCard } from './cards';
import { type FieldText, useFieldText } from './messages';
import { putEntries, readOutbox, readPack, wipeDevice } from './store';
import { applyMine, discard, newEntry, refreshPack, SignedOut, sendOutbox } from './sync';
import type { Capture, OutboxEntry, Pack, PackTask } from './types';
import { type FieldView, fieldToday, fieldView } from './view';
import './field.css';

type Status = { kind: 'idle' | 'sending' | 'done' | 'failed'; text?: string };

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * The field app (現場, issue 19): the signed-in user's workplace pack from the device, with what
 * they capture laid over it until the server has it. Works without signal: it reads IndexedDB
 * only, and talks to the server when there is a connection (on load, when the connection comes
 * back, after a capture, and on 今すぐ送信). Outside the app frame on purpose: the frame asks the
 * server who is signed in, which offline would send the user to the sign-in page.
 */
export default function FieldPage() {
  const text = useFieldText();
  const { t, formatDateTime } = useI18n();
  const online = useOnline();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pack, setPack] = useState<Pack | null | undefined>(undefined);
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [loadError, setLoadError] = useState<string | null>(null);

  const signedOut = useCallback(() => {
    queryClient.clear();
    queryClient.setQueryData(authKeys.me, null);
    navigate('/login', { replace: true, state: { from: '/field' } });
  }, [navigate, queryClient]);

  const reload = useCallback(async () => {
    const [stored, entries] = await Promise.all([readPack(), readOutbox()]);
    setPack(stored ?? null);
    setOutbox(entries);
    return stored;
  }, []);

  /** Fetch the pack, send the outbox, fetch again if the server took anything. */
  const sync = useCallback(
    async (manual = false) => {
      if (!navigator.onLine) return;
      setStatus({ kind: 'sending' });
      try {
        let fresh = await refreshPack();
        // Another user's items (an earlier sign-in on this device) are never sent as this user.
        const foreign = (await readOutbox()).filter((e) => e.userId !== fresh.user.id);
        if (foreign.length) {
          await wipeDevice();
          fresh = await refreshPack();
        }
        const taken = await sendOutbox(fresh.user.id);
        const entries = await readOutbox();
        if (taken || entries.some((e) => e.state !== 'pending')) await refreshPack();
        await reload();
        setLoadError(null);
        setStatus({ kind: 'done', text: manual || taken ? text.sent(taken) : undefined });
      } catch (error) {
        if (error instanceof SignedOut) return signedOut();
        await reload();
        if (error instanceof ApiError && error.status !== 0) setLoadError(error.message);
        setStatus({ kind: 'failed', text: text.sendFailed });
      }
    },
    [reload, signedOut, text],
  );

  // The latest sync (it speaks the chosen language) for the listeners set once per visit.
  const latestSync = useRef(sync);
  latestSync.current = sync;
  useEffect(() => {
    let cancelled = false;
    void reload().then(() => {
      if (!cancelled) void latestSync.current();
    });
    const again = () => void latestSync.current();
    window.addEventListener('online', again);
    return () => {
      cancelled = true;
      window.removeEventListener('online', again);
    };
  }, [reload]);

  const busy = useRef(false);
  const capture = useCallback(
    async (item: Capture) => {
      if (!pack || busy.current) return;
      busy.current = true;
      try {
        await putEntries([newEntry(item, pack.user.id)]);
        setOutbox(await readOutbox());
        setStatus({ kind: 'done', text: text.form.saved });
      } finally {
        busy.current = false;
      }
      if (navigator.onLine) void sync();
    },
    [pack, sync, text],
  );

  const signOut = async () => {
    const count = (await readOutbox().catch(() => [])).length;
    if (count > 0 && !window.confirm(text.signOutConfirm(count))) return;
    await post('/auth/logout').catch(() => {});
    await wipeDevice();
    signedOut();
  };

  const today = fieldToday();
  const view = useMemo(() => (pack ? fieldView(pack, outbox, today) : null), [pack, outbox, today]);
  const pending = outbox.filter((e) => e.state === 'pending');
  const conflicts = outbox.filter((e) => e.state === 'conflict');
  const rejected = outbox.filter((e) => e.state === 'rejected');
  // A user with one list of members sees its cards at once; with several, they open one.
  const lists = view ? view.workplaces.length + (view.otherMembers.length > 0 ? 1 : 0) : 0;

  return (
    <div className="field-app">
      <header className="field-top">
        <span className="field-brand">
          {t.appName} <span lang="ja">組合</span>
        </span>
        <Link to="/members">{text.fullApp}</Link>
        <LanguageToggle />
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t.nav.signOut}
        </button>
      </header>
      <main id="main" className="field-main" tabIndex={-1}>
        <h1>{text.title}</h1>
        <p className={online ? 'field-line is-online' : 'field-line is-offline'}>
          {online ? text.online : text.offline}
          {pack ? ` · ${text.packAt(formatDateTime(pack.generatedAt))}` : ''}
        </p>
        <div className="field-sendbar">
          <p className="field-count" role="status">
            {text.unsentCount(pending.length)}
          </p>
          <button
            type="button"
            className="primary"
            disabled={status.kind === 'sending' || !online}
            onClick={() => void sync(true)}
          >
            {status.kind === 'sending' ? text.sending : text.sendNow}
          </button>
        </div>
        <p className="field-notice" role="status" aria-live="polite">
          {status.text ?? ''}
        </p>
        {loadError && (
          <p className="field-error" role="alert">
            {loadError}
          </p>
        )}
        {pack === undefined || (pack === null && status.kind === 'sending') ? (
          <p className="state state-loading" role="status">
            {t.common.loading}
          </p>
        ) : !view || !pack ? (
          <p className="field-empty">{text.noPack}</p>
        ) : (
          <>
            {conflicts.length > 0 && (
              <section className="field-section field-conflicts" aria-labelledby="field-conflicts">
                <h2 id="field-conflicts">
                  {text.conflicts} <span className="field-badge">{conflicts.length}</span>
                </h2>
                <p>{text.conflictsIntro}</p>
                <ul className="field-list">
                  {conflicts.map((entry) => (
                    <li key={entry.clientId}>
                      <p>{conflictLine(entry, pack, text, t)}</p>
                      <div className="field-actions">
                        <button type="button" onClick={() => void discard(entry).then(reload)}>
                          {text.keepTheirs}
                        </button>
                        <button
                          type="button"
                          className="primary"
                          onClick={() =>
                            void applyMine(entry)
                              .then(reload)
                              .then(() => sync())
                          }
                        >
                          {text.applyMine}
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {rejected.length > 0 && (
              <section className="field-section" aria-labelledby="field-rejected">
                <h2 id="field-rejected">{text.rejected}</h2>
                <ul className="field-list">
                  {rejected.map((entry) => (
                    <li key={entry.clientId}>
                      <p>
                        {text.kinds[entry.item.kind]}: {subjectName(entry, pack)} — {entry.error?.message}
                      </p>
                      <button type="button" onClick={() => void discard(entry).then(reload)}>
                        {text.discard}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {pending.length > 0 && (
              <section className="field-section" aria-labelledby="field-outbox">
                <h2 id="field-outbox">{text.outbox}</h2>
                <ul className="field-list field-outbox">
                  {pending.map((entry) => (
                    <li key={entry.clientId}>
                      {text.kinds[entry.item.kind]}: {subjectName(entry, pack)}{' '}
                      <span className="field-time">{formatDateTime(entry.item.deviceTime)}</span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {pack.truncated && <p className="field-notice">{text.truncated}</p>}
            <Tasks
              tasks={view.tasks}
              view={view}
              onDone={(taskId) => capture({ kind: 'task_done', taskId })}
            />
            <Meetings view={view} />
            <section className="field-section" aria-labelledby="field-workplaces">
              <h2 id="field-workplaces">{text.workplaces}</h2>
              {view.workplaces.length === 0 && <p>{text.noWorkplaces}</p>}
              {view.workplaces.map((w) => (
                <WorkplaceCard
                  key={w.id}
                  workplace={w}
                  view={view}
                  today={today}
                  startOpen={lists === 1}
                  mayChangeAtmosphere={can(pack.user.role as StaffRole, 'atmosphere.change')}
                  mayRecordMeetings={can(pack.user.role as StaffRole, 'meetings.record')}
                  onCapture={capture}
                />
              ))}
              {view.otherMembers.length > 0 && (
                <OtherMembers
                  members={view.otherMembers}
                  view={view}
                  startOpen={lists === 1}
                  onCapture={capture}
                />
              )}
            </section>
          </>
        )}
      </main>
    </div>
  );
}

function subjectName(entry: OutboxEntry, pack: Pack): string {
  const { item } = entry;
  if (item.kind === 'note' || item.kind === 'engagement')
    return pack.members.find((m) => m.id === item.memberId)?.name ?? '—';
  if (item.kind === 'meeting' || item.kind === 'atmosphere')
    return pack.workplaces.find((w) => w.id === item.workplaceId)?.name ?? '—';
  return pack.tasks.find((task) => task.id === item.taskId)?.title ?? '—';
}

function conflictLine(
  entry: OutboxEntry,
  pack: Pack,
  text: FieldText,
  t: ReturnType<typeof useI18n>['t'],
): string {
  const { item } = entry;
  const current = entry.current?.level ?? null;
  if (item.kind === 'engagement') {
    return text.conflictLine(
      text.kinds.engagement,
      subjectName(entry, pack),
      t.enums.engagement[item.level],
      current ? (t.enums.engagement[current as Engagement] ?? current) : t.common.none,
    );
  }
  if (item.kind === 'atmosphere') {
    return text.conflictLine(
      text.kinds.atmosphere,
      subjectName(entry, pack),
      t.enums.atmosphere[item.level],
      current ? (t.enums.atmosphere[current as Atmosphere] ?? current) : t.common.none,
    );
  }
  return `${text.kinds[item.kind]}: ${subjectName(entry, pack)}`;
}

function Tasks({
  tasks,
  view,
  onDone,
}: {
  tasks: FieldView['tasks'];
  view: FieldView;
  onDone: (taskId: string) => void;
}) {
  const text = useFieldText();
  const { formatDate } = useI18n();
  const about = (task: PackTask) => {
    if (task.memberId) {
      for (const w of view.workplaces) {
        const m = w.members.find((x) => x.id === task.memberId);
        if (m) return m.name;
      }
      return view.otherMembers.find((m) => m.id === task.memberId)?.name;
    }
    return view.workplaces.find((w) => w.id === task.workplaceId)?.name;
  };
  return (
    <section className="field-section" aria-labelledby="field-tasks">
      <h2 id="field-tasks">{text.tasks}</h2>
      {tasks.length === 0 ? (
        <p>{text.noTasks}</p>
      ) : (
        <ul className="field-list">
          {tasks.map((task) => (
            <li key={task.id} className={task.done ? 'field-task is-done' : 'field-task'}>
              <span className="field-task-title">{task.title}</span>
              {about(task) && <span className="field-sub"> — {about(task)}</span>}
              {task.dueOn && <span className="field-sub"> · {text.due(formatDate(task.dueOn))}</span>}
              {task.done ? (
                <span className="field-badge is-unsent">{text.completed}</span>
              ) : (
                <button
                  type="button"
                  aria-label={`${text.complete}: ${task.title}`}
                  onClick={() => onDone(task.id)}
                >
                  {text.complete}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Meetings({ view }: { view: FieldView }) {
  const text = useFieldText();
  const { formatDate } = useI18n();
  const name = (id: string) => view.workplaces.find((w) => w.id === id)?.name ?? '';
  return (
    <section className="field-section" aria-labelledby="field-meetings">
      <h2 id="field-meetings">{text.meetings}</h2>
      {view.meetings.length === 0 ? (
        <p>{text.noMeetings}</p>
      ) : (
        <ul className="field-list">
          {view.meetings.map((m) => (
            <li key={m.id}>
              {formatDate(m.heldOn)} {name(m.workplaceId)} {m.title} ·{' '}
              {text.attendance(m.attendeeIds.length || (m.attendeeCount ?? 0), m.invitedCount)}{' '}
              {m.unsent && <Unsent />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
