import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../core/access/policy';
import {
  ATMOSPHERES,
  type Atmosphere,
  ENGAGEMENTS,
  type Engagement,
  type StaffRole,
} from '../../../core/enums';
import { LanguageToggle } from '../../components/LanguageToggle';
import { todayIn } from '../../components/today';
import { ApiError, post } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { authKeys } from '../auth/queries';
import { type FieldText, useFieldText } from './messages';
import { putEntries, readOutbox, readPack, wipeDevice } from './store';
import { applyMine, discard, newEntry, refreshPack, SignedOut, sendOutbox } from './sync';
import type { Capture, OutboxEntry, Pack, PackTask } from './types';
import { type FieldView, fieldView, shownLevel, type ViewMember, type ViewWorkplace } from './view';
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

  const today = todayIn();
  const view = useMemo(() => (pack ? fieldView(pack, outbox, today) : null), [pack, outbox, today]);
  const pending = outbox.filter((e) => e.state === 'pending');
  const conflicts = outbox.filter((e) => e.state === 'conflict');
  const rejected = outbox.filter((e) => e.state === 'rejected');

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
                  mayChangeAtmosphere={can(pack.user.role as StaffRole, 'atmosphere.change')}
                  mayRecordMeetings={can(pack.user.role as StaffRole, 'meetings.record')}
                  onCapture={capture}
                />
              ))}
              {view.otherMembers.length > 0 && (
                <section className="field-workplace" aria-labelledby="field-other">
                  <h3 id="field-other">{text.otherMembers}</h3>
                  <MemberList members={view.otherMembers} view={view} onCapture={capture} />
                </section>
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

function Unsent() {
  const text = useFieldText();
  return <span className="field-badge is-unsent">{text.unsent}</span>;
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

type Open = { kind: 'note' | 'engagement' | 'meeting' | 'atmosphere'; id: string } | null;

function WorkplaceCard({
  workplace,
  view,
  today,
  mayChangeAtmosphere,
  mayRecordMeetings,
  onCapture,
}: {
  workplace: ViewWorkplace;
  view: FieldView;
  today: string;
  mayChangeAtmosphere: boolean;
  mayRecordMeetings: boolean;
  onCapture: (item: Capture) => Promise<void>;
}) {
  const text = useFieldText();
  const { t } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const save = useCloseAfterSave(setOpen, onCapture);
  const headingId = `field-w-${workplace.id}`;
  return (
    <section className="field-workplace" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {workplace.name} <span className="field-sub">{text.members(workplace.members.length)}</span>
      </h3>
      <p>
        {text.atmosphere}: {workplace.atmosphere ? t.enums.atmosphere[workplace.atmosphere] : t.common.none}{' '}
        {workplace.unsent && <Unsent />}
      </p>
      <div className="field-actions">
        {mayRecordMeetings && (
          <Toggle
            open={open?.kind === 'meeting'}
            onToggle={() => setOpen(open?.kind === 'meeting' ? null : { kind: 'meeting', id: workplace.id })}
          >
            {text.recordMeeting}
          </Toggle>
        )}
        {/* Those who may change a workplace's atmosphere (atmosphere.change: reps too, with its reason). */}
        {mayChangeAtmosphere && (
          <Toggle
            open={open?.kind === 'atmosphere'}
            onToggle={() =>
              setOpen(open?.kind === 'atmosphere' ? null : { kind: 'atmosphere', id: workplace.id })
            }
          >
            {text.changeAtmosphere}
          </Toggle>
        )}
      </div>
      {open?.kind === 'meeting' && <MeetingForm workplace={workplace} today={today} onSave={save} />}
      {open?.kind === 'atmosphere' && (
        <AtmosphereForm
          base={shownLevel<Atmosphere>(view, 'workplace', workplace.id)}
          workplaceId={workplace.id}
          onSave={save}
        />
      )}
      {workplace.groups.map((g) => (
        <div key={g.engagement} className="field-group">
          <h4>
            {t.enums.engagement[g.engagement]}{' '}
            <span className="field-sub">{text.members(g.members.length)}</span>
          </h4>
          <MemberList members={g.members} view={view} onCapture={onCapture} />
        </div>
      ))}
    </section>
  );
}

function MemberList({
  members,
  view,
  onCapture,
}: {
  members: ViewMember[];
  view: FieldView;
  onCapture: (item: Capture) => Promise<void>;
}) {
  return (
    <ul className="field-members">
      {members.map((m) => (
        <li key={m.id}>
          <MemberCard member={m} view={view} onCapture={onCapture} />
        </li>
      ))}
    </ul>
  );
}

function MemberCard({
  member,
  view,
  onCapture,
}: {
  member: ViewMember;
  view: FieldView;
  onCapture: (item: Capture) => Promise<void>;
}) {
  const text = useFieldText();
  const { t, formatDate, formatDateTime } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const save = useCloseAfterSave(setOpen, onCapture);
  return (
    <article className="field-member" aria-label={member.name}>
      <p className="field-member-name">
        <strong>{member.name}</strong>
        {member.employeeNumber && <span className="field-sub"> {member.employeeNumber}</span>}{' '}
        {member.unsent && (
          <>
            <span className="field-sub">{t.enums.engagement[member.engagement]}</span> <Unsent />
          </>
        )}
      </p>
      {member.nextAction && (
        <p className="field-sub">
          {text.nextAction}: {member.nextAction.title}
          {member.nextAction.due ? ` (${formatDate(member.nextAction.due)})` : ''}
        </p>
      )}
      {member.openCases.length > 0 && (
        <p className="field-sub">
          {text.openCases}: {member.openCases.map((c) => c.title).join('、')}
        </p>
      )}
      {member.notes.length > 0 && (
        <ul className="field-notes" aria-label={text.recentNotes}>
          {member.notes.slice(0, 3).map((n) => (
            <li key={n.id}>
              <span className="field-time">{formatDateTime(n.createdAt)}</span> {n.body}{' '}
              {n.unsent && <Unsent />}
            </li>
          ))}
        </ul>
      )}
      <div className="field-actions">
        <Toggle
          open={open?.kind === 'note'}
          onToggle={() => setOpen(open?.kind === 'note' ? null : { kind: 'note', id: member.id })}
        >
          {text.addNote}
        </Toggle>
        <Toggle
          open={open?.kind === 'engagement'}
          onToggle={() => setOpen(open?.kind === 'engagement' ? null : { kind: 'engagement', id: member.id })}
        >
          {text.changeEngagement}
        </Toggle>
      </div>
      {open?.kind === 'note' && <NoteForm memberId={member.id} onSave={save} />}
      {open?.kind === 'engagement' && (
        <EngagementForm
          memberId={member.id}
          base={shownLevel<Engagement>(view, 'member', member.id) ?? member.engagement}
          onSave={save}
        />
      )}
    </article>
  );
}

/**
 * Saves a capture and closes its form a moment later: meanwhile the form shows 保存しました on a
 * disabled button, so the second tap of a double tap meets it instead of what lies below.
 */
function useCloseAfterSave(setOpen: (open: Open) => void, onCapture: (item: Capture) => Promise<void>) {
  return async (item: Capture) => {
    await onCapture(item);
    setTimeout(() => setOpen(null), 600);
  };
}

function Toggle({ open, onToggle, children }: { open: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <button type="button" aria-expanded={open} onClick={onToggle}>
      {children}
    </button>
  );
}

/** A capture form's submit: one press saves one item (the form closes as it saves; a second tap finds none). */
function useSubmit(onSave: (item: Capture) => Promise<void>, build: () => Capture | null) {
  const done = useRef(false);
  const [saved, setSaved] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (done.current) return;
    const item = build();
    if (!item) return;
    done.current = true;
    setSaved(true);
    void onSave(item);
  };
  return [submit, saved] as const;
}

/** The submit button: after the first press it says 保存しました and takes no second one. */
function SaveButton({ saved }: { saved: boolean }) {
  const text = useFieldText();
  return (
    <button type="submit" className="primary" disabled={saved}>
      {saved ? text.form.saved : text.form.save}
    </button>
  );
}

function NoteForm({ memberId, onSave }: { memberId: string; onSave: (item: Capture) => Promise<void> }) {
  const text = useFieldText();
  const [body, setBody] = useState('');
  const [error, setError] = useState(false);
  const [submit, saved] = useSubmit(onSave, () => {
    if (!body.trim()) {
      setError(true);
      return null;
    }
    return { kind: 'note', memberId, body: body.trim() };
  });
  const id = `note-${memberId}`;
  return (
    <form className="field-form" onSubmit={submit} noValidate>
      <RequiredText
        id={id}
        label={text.form.note}
        value={body}
        onChange={setBody}
        error={error}
        rows={3}
        maxLength={10000}
      />
      <SaveButton saved={saved} />
    </form>
  );
}

/** A labelled text box that must not be left blank, with its message when it was. */
function RequiredText({
  id,
  label,
  value,
  onChange,
  error,
  rows,
  maxLength,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: boolean;
  rows: number;
  /** The server's limit for the field (core/sync/schemas.ts). */
  maxLength: number;
}) {
  const text = useFieldText();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={error || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {text.form.required}
        </p>
      )}
    </>
  );
}

function EngagementForm({
  memberId,
  base,
  onSave,
}: {
  memberId: string;
  base: Engagement;
  onSave: (item: Capture) => Promise<void>;
}) {
  const text = useFieldText();
  const { t } = useI18n();
  const [level, setLevel] = useState<Engagement>(base);
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  const [submit, saved] = useSubmit(onSave, () => {
    if (!reason.trim()) {
      setError(true);
      return null;
    }
    return { kind: 'engagement', memberId, level, reason: reason.trim(), baseLevel: base };
  });
  const id = `engagement-${memberId}`;
  return (
    <form className="field-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-level`}>{text.form.level}</label>
      <select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value as Engagement)}>
        {ENGAGEMENTS.map((key) => (
          <option key={key} value={key}>
            {t.enums.engagement[key]}
          </option>
        ))}
      </select>
      <RequiredText
        id={`${id}-reason`}
        label={text.form.reason}
        value={reason}
        onChange={setReason}
        error={error}
        rows={2}
        maxLength={1000}
      />
      <SaveButton saved={saved} />
    </form>
  );
}

function AtmosphereForm({
  workplaceId,
  base,
  onSave,
}: {
  workplaceId: string;
  base: Atmosphere | null;
  onSave: (item: Capture) => Promise<void>;
}) {
  const text = useFieldText();
  const { t } = useI18n();
  const [level, setLevel] = useState<Atmosphere>(base ?? 'normal');
  const [reason, setReason] = useState('');
  const [submit, saved] = useSubmit(onSave, () => ({
    kind: 'atmosphere',
    workplaceId,
    level,
    ...(reason.trim() ? { reason: reason.trim() } : {}),
    baseLevel: base,
  }));
  const id = `atmosphere-${workplaceId}`;
  return (
    <form className="field-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-level`}>{text.form.atmosphere}</label>
      <select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value as Atmosphere)}>
        {ATMOSPHERES.map((key) => (
          <option key={key} value={key}>
            {t.enums.atmosphere[key]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{text.form.reasonOptional}</label>
      <textarea id={`${id}-reason`} value={reason} rows={2} onChange={(e) => setReason(e.target.value)} />
      <SaveButton saved={saved} />
    </form>
  );
}

function MeetingForm({
  workplace,
  today,
  onSave,
}: {
  workplace: ViewWorkplace;
  today: string;
  onSave: (item: Capture) => Promise<void>;
}) {
  const text = useFieldText();
  const [heldOn, setHeldOn] = useState(today);
  const [title, setTitle] = useState(text.form.meetingTitleDefault);
  const [attendees, setAttendees] = useState<string[]>([]);
  const [invited, setInvited] = useState(String(workplace.memberCount || workplace.members.length));
  const [notes, setNotes] = useState('');
  const [error, setError] = useState(false);
  const [submit, saved] = useSubmit(onSave, () => {
    if (!heldOn || !title.trim()) {
      setError(true);
      return null;
    }
    const count = Number.parseInt(invited, 10);
    return {
      kind: 'meeting',
      workplaceId: workplace.id,
      heldOn,
      title: title.trim(),
      attendeeIds: attendees,
      ...(Number.isFinite(count) && count >= 0 ? { invitedCount: count } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
  });
  const id = `meeting-${workplace.id}`;
  const toggle = (memberId: string, on: boolean) =>
    setAttendees((list) => (on ? [...list, memberId] : list.filter((x) => x !== memberId)));
  return (
    <form className="field-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-day`}>{text.form.heldOn}</label>
      <input id={`${id}-day`} type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
      <label htmlFor={`${id}-title`}>{text.form.meetingTitle}</label>
      <input
        id={`${id}-title`}
        value={title}
        aria-invalid={(error && !title.trim()) || undefined}
        onChange={(e) => setTitle(e.target.value)}
      />
      <fieldset className="field-attendees">
        <legend>
          {text.form.attendees} ({attendees.length})
        </legend>
        {workplace.members.map((m) => (
          <label key={m.id} className="field-check">
            <input
              type="checkbox"
              checked={attendees.includes(m.id)}
              onChange={(e) => toggle(m.id, e.target.checked)}
            />
            {m.name}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-invited`}>{text.form.invited}</label>
      <input
        id={`${id}-invited`}
        type="number"
        inputMode="numeric"
        min={0}
        value={invited}
        onChange={(e) => setInvited(e.target.value)}
      />
      <label htmlFor={`${id}-notes`}>{text.form.meetingNotes}</label>
      <textarea id={`${id}-notes`} value={notes} rows={2} onChange={(e) => setNotes(e.target.value)} />
      {error && <p className="field-error">{text.form.required}</p>}
      <SaveButton saved={saved} />
    </form>
  );
}
