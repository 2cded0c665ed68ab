import { type Atmosphere, ENGAGEMENTS, type Engagement } from '../../../core/enums';
import type { OutboxEntry, Pack, PackMeeting, PackMember, PackNote, PackTask, PackWorkplace } from './types';

/** A record shown with what the device has captured on it and not yet sent (未送信). */
export type Unsent = { unsent: boolean };
export type ViewMember = PackMember & Unsent & { notes: (PackNote & Unsent)[] };
export type ViewWorkplace = PackWorkplace &
  Unsent & {
    groups: { engagement: Engagement; members: ViewMember[] }[];
    members: ViewMember[];
  };
export type FieldView = {
  workplaces: ViewWorkplace[];
  /** Members of the pack without a workplace of the user's (an officer's own members). */
  otherMembers: ViewMember[];
  meetings: (PackMeeting & Unsent)[];
  tasks: (PackTask & Unsent & { done: boolean })[];
};

/** Names in Japanese order (one collator: localeCompare with a locale builds one per call). */
const collator = new Intl.Collator('ja');

let dayFormat: Intl.DateTimeFormat | undefined;

/**
 * Today (YYYY-MM-DD) in the organization's default zone, Asia/Tokyo, as components/today.ts has
 * it, without its date library: the field app's first load carries none (issue 19).
 */
export function fieldToday(now = new Date()): string {
  dayFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = dayFormat.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** YYYY-MM of a YYYY-MM-DD date. */
const monthOf = (day: string) => day.slice(0, 7);

/**
 * The field view as the user should see it: the stored pack with the outbox laid over it, in
 * capture order (optimistic): notes and meetings appear, engagement and atmosphere show the
 * captured level, done tasks are ticked — each marked unsent until the server has it. Items
 * back as conflicts or rejections are not laid over: the server did not take them.
 * Members are grouped by engagement, most engaged first; meetings are this month's (`today`).
 */
export function fieldView(pack: Pack, outbox: OutboxEntry[], today: string): FieldView {
  const notesOf = new Map<string, (PackNote & Unsent)[]>();
  for (const n of pack.notes) {
    const list = notesOf.get(n.memberId);
    if (list) list.push({ ...n, unsent: false });
    else notesOf.set(n.memberId, [{ ...n, unsent: false }]);
  }
  const members = new Map<string, ViewMember>(
    pack.members.map((m) => [m.id, { ...m, unsent: false, notes: notesOf.get(m.id) ?? [] }]),
  );
  const workplaces = new Map(pack.workplaces.map((w) => [w.id, { ...w, unsent: false }]));
  const meetings: (PackMeeting & Unsent)[] = pack.meetings.map((m) => ({ ...m, unsent: false }));
  const doneTasks = new Set<string>();
  for (const { item, state } of outbox) {
    if (state !== 'pending') continue;
    switch (item.kind) {
      case 'note': {
        const member = members.get(item.memberId);
        member?.notes.unshift({
          id: item.clientId,
          memberId: item.memberId,
          body: item.body,
          createdAt: item.deviceTime,
          authorName: pack.user.displayName,
          unsent: true,
        });
        break;
      }
      case 'engagement': {
        const member = members.get(item.memberId);
        if (member) Object.assign(member, { engagement: item.level, unsent: true });
        break;
      }
      case 'atmosphere': {
        const workplace = workplaces.get(item.workplaceId);
        if (workplace) Object.assign(workplace, { atmosphere: item.level as Atmosphere, unsent: true });
        break;
      }
      case 'meeting':
        meetings.push({
          id: item.clientId,
          workplaceId: item.workplaceId,
          heldOn: item.heldOn,
          title: item.title,
          attendeeIds: item.attendeeIds,
          invitedCount: item.invitedCount ?? null,
          attendeeCount: item.attendeeIds.length,
          unsent: true,
        });
        break;
      case 'task_done':
        doneTasks.add(item.taskId);
        break;
    }
  }
  const byName = (a: ViewMember, b: ViewMember) =>
    collator.compare(a.nameKana ?? a.name, b.nameKana ?? b.name);
  const grouped = (list: ViewMember[]) =>
    ENGAGEMENTS.map((engagement) => ({
      engagement,
      members: list.filter((m) => m.engagement === engagement).sort(byName),
    })).filter((g) => g.members.length > 0);
  const all = [...members.values()];
  return {
    workplaces: [...workplaces.values()].map((w) => {
      const list = all.filter((m) => m.workplaceId === w.id).sort(byName);
      return { ...w, members: list, groups: grouped(list) };
    }),
    otherMembers: all.filter((m) => !m.workplaceId || !workplaces.has(m.workplaceId)).sort(byName),
    meetings: meetings
      .filter((m) => monthOf(m.heldOn) === monthOf(today))
      .sort((a, b) => b.heldOn.localeCompare(a.heldOn)),
    tasks: pack.tasks
      .map((t) => ({ ...t, done: doneTasks.has(t.id), unsent: doneTasks.has(t.id) }))
      .sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999')),
  };
}

/** What a new engagement or atmosphere change is based on: the level shown (pending items included). */
export function shownLevel<T>(view: FieldView, kind: 'member' | 'workplace', id: string): T | null {
  if (kind === 'workplace') return (view.workplaces.find((w) => w.id === id)?.atmosphere ?? null) as T | null;
  for (const w of view.workplaces) {
    const m = w.members.find((x) => x.id === id);
    if (m) return m.engagement as T;
  }
  return (view.otherMembers.find((m) => m.id === id)?.engagement ?? null) as T | null;
}
