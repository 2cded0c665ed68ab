import {
  type Dispatch,
  type FormEvent,
  type ReactNode,
  type SetStateAction,
  useId,
  useRef,
  useState,
} from 'react';
import { ATMOSPHERES, type Atmosphere, ENGAGEMENTS, type Engagement } from '../../../core/enums';
import { useI18n } from '../../i18n/I18nProvider';
import { useFieldText } from './messages';
import type { Capture } from './types';
import { type FieldView, shownLevel, type ViewMember, type ViewWorkplace } from './view';

// The field view's workplaces and member cards (issue 19). A workplace's cards are drawn only
// once it is opened, and then PAGE at a time: drawing every card of a rep's pack at once was the
// longest task of the field app's first load on a slow phone (docs/performance.md, Issue 19).

/** Member cards drawn at a time in an opened list (さらに表示 draws the next ones). */
export const PAGE = 30;

export function Unsent() {
  const text = useFieldText();
  return <span className="field-badge is-unsent">{text.unsent}</span>;
}

type Open = { kind: 'note' | 'engagement' | 'meeting' | 'atmosphere'; id: string } | null;

export function WorkplaceCard({
  workplace,
  view,
  today,
  startOpen,
  mayChangeAtmosphere,
  mayRecordMeetings,
  onCapture,
}: {
  workplace: ViewWorkplace;
  view: FieldView;
  today: string;
  /** Its member cards shown at once (the user's only list); otherwise they wait for 組合員を表示. */
  startOpen: boolean;
  mayChangeAtmosphere: boolean;
  mayRecordMeetings: boolean;
  onCapture: (item: Capture) => Promise<void>;
}) {
  const text = useFieldText();
  const { t } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const [showMembers, setShowMembers] = useState(startOpen);
  const save = useCloseAfterSave(open, setOpen, onCapture);
  const headingId = `field-w-${workplace.id}`;
  const listId = useId();
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
        {workplace.members.length > 0 && (
          <Toggle open={showMembers} controls={listId} onToggle={() => setShowMembers(!showMembers)}>
            {showMembers ? text.hideMembers : text.showMembers}
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
      <div id={listId}>
        {showMembers && <MemberGroups groups={workplace.groups} view={view} onCapture={onCapture} />}
      </div>
    </section>
  );
}

/** The members of the user's portfolio outside their workplaces (an officer's own members). */
export function OtherMembers({
  members,
  view,
  startOpen,
  onCapture,
}: {
  members: ViewMember[];
  view: FieldView;
  startOpen: boolean;
  onCapture: (item: Capture) => Promise<void>;
}) {
  const text = useFieldText();
  const [showMembers, setShowMembers] = useState(startOpen);
  const listId = useId();
  return (
    <section className="field-workplace" aria-labelledby="field-other">
      <h3 id="field-other">
        {text.otherMembers} <span className="field-sub">{text.members(members.length)}</span>
      </h3>
      <div className="field-actions">
        <Toggle open={showMembers} controls={listId} onToggle={() => setShowMembers(!showMembers)}>
          {showMembers ? text.hideMembers : text.showMembers}
        </Toggle>
      </div>
      <div id={listId}>
        {showMembers && (
          <MemberGroups groups={[{ engagement: null, members }]} view={view} onCapture={onCapture} />
        )}
      </div>
    </section>
  );
}

/**
 * Member cards by group (a heading per engagement level, or none), the first PAGE of them in
 * order; さらに表示 draws PAGE more. Each group's heading counts all of its members.
 */
export function MemberGroups({
  groups,
  view,
  onCapture,
}: {
  groups: { engagement: Engagement | null; members: ViewMember[] }[];
  view: FieldView;
  onCapture: (item: Capture) => Promise<void>;
}) {
  const text = useFieldText();
  const { t } = useI18n();
  const [limit, setLimit] = useState(PAGE);
  const total = groups.reduce((sum, g) => sum + g.members.length, 0);
  let left = limit;
  const shown = groups.flatMap((g) => {
    if (left <= 0) return [];
    const members = g.members.slice(0, left);
    left -= members.length;
    return [{ ...g, members, all: g.members.length }];
  });
  return (
    <>
      {shown.map((g) =>
        g.engagement ? (
          <div key={g.engagement} className="field-group">
            <h4>
              {t.enums.engagement[g.engagement]} <span className="field-sub">{text.members(g.all)}</span>
            </h4>
            <MemberList members={g.members} view={view} onCapture={onCapture} />
          </div>
        ) : (
          <MemberList key="all" members={g.members} view={view} onCapture={onCapture} />
        ),
      )}
      {total > limit && (
        <button type="button" className="field-more" onClick={() => setLimit(limit + PAGE)}>
          {text.showMore(Math.min(PAGE, total - limit), total - limit)}
        </button>
      )}
    </>
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
  const save = useCloseAfterSave(open, setOpen, onCapture);
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
function useCloseAfterSave(
  open: Open,
  setOpen: Dispatch<SetStateAction<Open>>,
  onCapture: (item: Capture) => Promise<void>,
) {
  return async (item: Capture) => {
    await onCapture(item);
    // Only the form that saved: another one opened meanwhile (the next capture) stays open.
    setTimeout(() => setOpen((now) => (now === open ? null : now)), 600);
  };
}

function Toggle({
  open,
  controls,
  onToggle,
  children,
}: {
  open: boolean;
  /** The id of what it shows and hides, when that is always in the page. */
  controls?: string;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
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
