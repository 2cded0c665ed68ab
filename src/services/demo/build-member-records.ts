import { ENGAGEMENTS, type Engagement, type NoteChannel } from '../../core/enums';
import type { DemoMember } from './build-members';
import { addDays, daysBetween, daysToSunday, maxDate, minDate } from './days';
import type { CaseRow, DemoContext, EngagementRow, NoteRow } from './demo-context';
import {
  CASES,
  COOLER_REASONS,
  GENERIC_NOTES,
  INITIAL_REASON_JOINED,
  INITIAL_REASON_RECORDING,
  INITIAL_REASON_TARGET,
  LEAVING_REASONS,
  NOTES_BY_TOPIC,
  ORGANIZING_NOTES,
  WARMER_REASONS,
} from './demo-texts';

export type MemberRecords = { history: EngagementRow[]; notes: NoteRow[]; cases: CaseRow[] };

const CHANNELS: Record<NoteChannel, number> = {
  visit: 30,
  meeting: 22,
  phone: 16,
  chat: 16,
  email: 11,
  other: 5,
};

/**
 * Each member's story: engagement history (from null, then 0–4 moves ending at
 * today's value), consultation notes and follow-up cases. Also stamps the
 * member row's createdAt/updatedAt from the story's own dates.
 */
export function buildMemberRecords(ctx: DemoContext, list: readonly DemoMember[]): MemberRecords {
  const records: MemberRecords = { history: [], notes: [], cases: [] };
  for (const member of list) {
    const start = storyStart(ctx, member);
    const end = member.row.leftOn ?? addDays(ctx.today, -1);
    const history = buildHistory(ctx, member, start, end);
    records.history.push(...history);
    member.row.createdAt = history[0]!.changedAt;
    member.row.updatedAt = history[history.length - 1]!.changedAt;
    records.notes.push(...buildNotes(ctx, member, start));
    records.cases.push(...buildCases(ctx, member, start));
  }
  return records;
}

/** Members already in the union when recording began start then; later joiners (and targets) when they came. */
function storyStart(ctx: DemoContext, member: DemoMember): string {
  const { rng, recordingStart, today } = ctx;
  if (member.row.unionRole === 'organizing_target') {
    return rng.chance(0.6)
      ? recordingStart
      : addDays(recordingStart, rng.int(0, daysBetween(recordingStart, today)));
  }
  return minDate(maxDate(recordingStart, member.row.joinedOn ?? recordingStart), ctx.today);
}

function buildHistory(ctx: DemoContext, member: DemoMember, start: string, end: string): EngagementRow[] {
  const { rng } = ctx;
  const { row } = member;
  const changedBy = row.ownerId ?? ctx.userIds.sato;
  const span = Math.max(0, daysBetween(start, end));
  const wanted =
    row.unionRole === 'full_time_officer'
      ? 0
      : row.status === 'left' || row.engagement === 'at_risk'
        ? rng.int(1, 4)
        : rng.weightedIndex([40, 30, 17, 9, 4]);
  const count = Math.min(wanted, span);
  const changeDays = rng
    .sample(
      Array.from({ length: span }, (_, i) => i + 1),
      count,
    )
    .sort((a, b) => a - b);

  // Walk backwards from today's value so the last `to` is the member's engagement.
  const levels: Engagement[] = [row.engagement!];
  for (let i = 0; i < count; i++) levels.unshift(neighbour(ctx, levels[0]!));

  const initialReason =
    row.unionRole === 'organizing_target'
      ? INITIAL_REASON_TARGET
      : row.joinedOn && row.joinedOn >= ctx.recordingStart
        ? INITIAL_REASON_JOINED
        : INITIAL_REASON_RECORDING;
  const rows: EngagementRow[] = [
    {
      id: rng.uuid(),
      memberId: row.id,
      from: null,
      to: levels[0]!,
      changedAt: ctx.at(start),
      changedBy,
      reason: initialReason,
    },
  ];
  changeDays.forEach((offset, i) => {
    const from = levels[i]!;
    const to = levels[i + 1]!;
    const last = i === count - 1;
    const reason =
      last && row.status === 'left'
        ? rng.pick(LEAVING_REASONS)
        : ENGAGEMENTS.indexOf(to) < ENGAGEMENTS.indexOf(from)
          ? rng.pick(WARMER_REASONS)
          : rng.pick(COOLER_REASONS);
    rows.push({
      id: rng.uuid(),
      memberId: row.id,
      from,
      to,
      changedAt: ctx.at(addDays(start, offset)),
      changedBy,
      reason,
    });
  });
  return rows;
}

/** One or two steps warmer or cooler: temperature drifts, it rarely jumps. */
function neighbour(ctx: DemoContext, level: Engagement): Engagement {
  const index = ENGAGEMENTS.indexOf(level);
  const step = ctx.rng.chance(0.75) ? 1 : 2;
  const options = [index - step, index + step].filter((i) => i >= 0 && i < ENGAGEMENTS.length);
  return ENGAGEMENTS[ctx.rng.pick(options)]!;
}

function buildNotes(ctx: DemoContext, member: DemoMember, start: string): NoteRow[] {
  const { rng } = ctx;
  const { row } = member;
  const end = row.leftOn ?? ctx.today;
  const span = daysBetween(start, end);
  if (span < 0) return [];
  const weights = row.engagement === 'at_risk' ? [5, 10, 20, 25, 20, 12, 8] : [20, 25, 22, 15, 9, 6, 3];
  const count = rng.weightedIndex(weights);
  const days = Array.from({ length: count }, () => addDays(start, rng.int(0, span))).sort();
  const topicNotes = member.topics.flatMap((t) => NOTES_BY_TOPIC[t] ?? []);
  return days.map((occurredOn) => {
    const body =
      row.unionRole === 'organizing_target'
        ? rng.pick(ORGANIZING_NOTES)
        : topicNotes.length && rng.chance(0.55)
          ? rng.pick(topicNotes)
          : rng.pick(GENERIC_NOTES);
    const at = ctx.at(occurredOn);
    return {
      id: rng.uuid(),
      memberId: row.id,
      occurredOn,
      channel: rng.weighted(CHANNELS),
      body,
      authorId: noteAuthor(ctx, member),
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
  });
}

/** Mostly the member's owner; reps with an account write about their own workplaces too. */
function noteAuthor(ctx: DemoContext, member: DemoMember): string {
  const { rng, userIds } = ctx;
  const rep =
    member.workplace.name === '第一製造課' || member.workplace.name === '第二製造課'
      ? userIds.tanaka
      : member.workplace.name === '物流センター配送課' || member.workplace.name === '物流センター倉庫課'
        ? userIds.ito
        : null;
  const roll = rng.next();
  if (rep && roll < 0.25) return rep;
  if (member.row.ownerId && roll < 0.8) return member.row.ownerId;
  return rng.pick([userIds.sato, userIds.suzuki, userIds.takahashi]);
}

function buildCases(ctx: DemoContext, member: DemoMember, start: string): CaseRow[] {
  const { rng, today } = ctx;
  const { row } = member;
  const probability = row.engagement === 'at_risk' ? 0.3 : 0.14;
  // Leavers' and brand-new members' cases would predate their story: none for them.
  if (row.status === 'left' || daysBetween(start, today) < 45 || !rng.chance(probability)) return [];
  const matching = CASES.filter((c) => member.topics.includes(c.topic));
  const kind = matching.length && rng.chance(0.6) ? rng.pick(matching) : rng.pick(CASES);
  const earliest = addDays(start, 1);

  let openedOn: string;
  let dueOn: string | null;
  let closedOn: string | null = null;
  const open = rng.chance(0.55);
  if (open) {
    // Around now: some overdue, some due this week, some later, a few with no date.
    const due = rng.weighted({ overdue: 25, thisWeek: 28, later: 37, none: 10 });
    dueOn =
      due === 'overdue'
        ? addDays(today, -rng.int(1, 20))
        : due === 'thisWeek'
          ? addDays(today, rng.int(0, daysToSunday(today)))
          : due === 'later'
            ? addDays(today, rng.int(7, 45))
            : null;
    // The article's example: a bullying consultation two months ago, still being handled.
    const daysOpen = kind.title === '職場いじめの相談' ? rng.int(55, 65) : rng.int(3, 120);
    openedOn = maxDate(earliest, addDays(minDate(today, dueOn ?? today), -daysOpen));
  } else {
    openedOn = addDays(earliest, rng.int(0, Math.max(0, daysBetween(earliest, addDays(today, -10)))));
    closedOn = minDate(today, addDays(openedOn, rng.int(3, 60)));
    dueOn = rng.chance(0.7) ? addDays(openedOn, rng.int(7, 30)) : null;
  }
  const openedAt = ctx.at(openedOn);
  return [
    {
      id: rng.uuid(),
      memberId: row.id,
      title: kind.title,
      description: kind.description,
      openedOn,
      dueOn,
      status: open ? 'open' : 'closed',
      closedOn,
      closedAt: closedOn ? ctx.at(closedOn) : null,
      closedBy: closedOn ? (row.ownerId ?? ctx.userIds.sato) : null,
      outcome: closedOn ? '本人と面談して対応を確認し、完了とした。' : null,
      sensitive: kind.sensitive,
      createdAt: openedAt,
      updatedAt: closedOn ? ctx.at(closedOn) : openedAt,
      version: 1,
    },
  ];
}
