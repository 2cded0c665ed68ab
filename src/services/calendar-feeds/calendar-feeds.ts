import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { scopeOf, workplaceInScope } from '../../core/access/policy';
import { notFound } from '../../core/errors';
import {
  addDays,
  type CalendarFeedKind,
  type CreateCalendarFeedInput,
  cleanClient,
  FEED_FUTURE_DAYS,
  FEED_PAST_DAYS,
  FEED_TOKEN,
  FEED_TOUCH_MS,
  type FeedItem,
  placeOf,
  renderCalendar,
  scopeKeyOf,
  TASK_RULE_LABELS,
} from '../../core/reminders/calendar-feeds';
import type { DbOrTx } from '../../db/client';
import { insertAuditEvents } from '../../db/queries/audit';
import {
  feedMeetings,
  feedNegotiations,
  feedNextActions,
  feedTasks,
  findDemandForIcs,
  findFeedByTokenHash,
  findMeetingForIcs,
  listOwnFeeds,
  touchFeed,
} from '../../db/queries/calendar-feeds';
import { calendarFeeds } from '../../db/schema';
import { organizationToday, type ServiceContext } from '../context';

/** sha-256 hex of a token: what the database keeps. */
export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The feed's path under the API (public, no session). */
export function feedPath(token: string): string {
  return `/api/public/calendar/${token}.ics`;
}

/** Creates a feed for the signed-in user; the URL (with the token) is returned this once only. */
export async function createCalendarFeed(ctx: ServiceContext, input: CreateCalendarFeedInput, base: string) {
  const token = randomBytes(32).toString('base64url');
  // In a transaction: the audit trigger attributes the insert to the actor.
  const [row] = await ctx.db.transaction((tx) =>
    tx
      .insert(calendarFeeds)
      .values({
        userId: ctx.actor.id,
        kind: input.kind,
        includeNames: input.includeNames ?? false,
        tokenHash: feedTokenHash(token),
        scopeKey: scopeKeyOf(ctx.actor.role, ctx.actor.workplaceIds),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning(),
  );
  if (!row) throw new Error('insert returned no row');
  return {
    id: row.id,
    url: `${base}${feedPath(token)}`,
    kind: row.kind as CalendarFeedKind,
    includeNames: row.includeNames,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The signed-in user's own feeds (never the token); `active` false once their scope changed. */
export async function listCalendarFeeds(ctx: ServiceContext) {
  const key = scopeKeyOf(ctx.actor.role, ctx.actor.workplaceIds);
  const rows = await listOwnFeeds(ctx.db, ctx.actor.id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as CalendarFeedKind,
      includeNames: r.includeNames,
      createdAt: r.createdAt.toISOString(),
      lastFetchedAt: r.lastFetchedAt?.toISOString() ?? null,
      lastClient: r.lastClient,
      active: r.scopeKey === key,
    })),
  };
}

/** Revokes one of the user's own feeds (another user's, or an unknown id: 404). */
export async function revokeCalendarFeed(ctx: ServiceContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(calendarFeeds)
      .set({ revokedAt: ctx.now, updatedAt: ctx.now })
      .where(
        and(
          eq(calendarFeeds.id, id),
          eq(calendarFeeds.userId, ctx.actor.id),
          isNull(calendarFeeds.revokedAt),
        ),
      )
      .returning({ id: calendarFeeds.id, kind: calendarFeeds.kind });
    if (!row) throw notFound('Calendar feed');
    await insertAuditEvents(tx, [
      {
        at: ctx.now,
        actorId: ctx.actor.id,
        action: 'calendar_feed_revoke',
        tableName: 'calendar_feeds',
        recordId: row.id,
        subjectId: row.id,
        details: { kind: row.kind },
      },
    ]);
  });
}

/**
 * A feed's calendar text, or undefined (the route's 404, always the same): a malformed, unknown
 * or revoked token, a disabled user, a user whose role or workplaces changed since.
 */
export async function renderFeedByToken(
  db: DbOrTx,
  token: string,
  now: Date,
  userAgent: string | undefined,
): Promise<string | undefined> {
  if (!FEED_TOKEN.test(token)) return undefined;
  const found = await findFeedByTokenHash(db, feedTokenHash(token));
  if (!found) return undefined;
  const { feed, user } = found;
  if (feed.revokedAt || user.disabled) return undefined;
  if (scopeKeyOf(user.role, user.workplaceIds) !== feed.scopeKey) return undefined;
  const scope = scopeOf({ id: user.id, role: user.role, workplaceIds: user.workplaceIds });
  const items = await feedItems(db, feed.kind as CalendarFeedKind, scope, feed.includeNames, now);
  await touchFeed(db, feed.id, now, cleanClient(userAgent), FEED_TOUCH_MS);
  return renderCalendar(feed.kind as CalendarFeedKind, items, now);
}

/** The items of a feed, within the scope at this moment. Exported for tests. */
export async function feedItems(
  db: DbOrTx,
  kind: CalendarFeedKind,
  scope: ReturnType<typeof scopeOf>,
  includeNames: boolean,
  now: Date,
): Promise<FeedItem[]> {
  const today = await organizationToday(db, now);
  const window = { from: addDays(today, -FEED_PAST_DAYS), to: addDays(today, FEED_FUTURE_DAYS) };
  if (kind === 'negotiations') {
    return (await feedNegotiations(db, window)).map((d) => ({
      uid: `negotiation-${d.id}@kumiai`,
      day: d.day!,
      summary: `交渉期日: ${d.title}`,
      sequence: d.version,
      stamp: d.updatedAt,
    }));
  }
  if (kind === 'meetings') {
    return (await feedMeetings(db, scope, window)).map((m) => ({
      uid: `meeting-${m.id}@kumiai`,
      day: m.day,
      summary: `職場集会: ${m.title}${placeOf(m.workplaceName)}`,
      sequence: m.version,
      stamp: m.updatedAt,
    }));
  }
  const [taskRows, actionRows] = await Promise.all([
    feedTasks(db, scope, window),
    feedNextActions(db, scope, window),
  ]);
  const items: FeedItem[] = taskRows.map((t) => ({
    uid: `task-${t.id}@kumiai`,
    day: t.dueOn!,
    // A sensitive case's follow-up never shows its title, nor where: a neutral word only.
    summary: t.sensitiveCase
      ? '相談対応'
      : includeNames
        ? t.title
        : `${(t.ruleId && TASK_RULE_LABELS[t.ruleId]) || 'タスク'}${placeOf(t.workplaceName, t.department)}`,
    sequence: t.version,
    stamp: t.updatedAt,
  }));
  for (const m of actionRows) {
    items.push({
      uid: `next-action-${m.id}@kumiai`,
      day: m.dueOn!,
      summary: includeNames
        ? `次のアクション: ${m.name}${m.nextAction ? ` — ${m.nextAction}` : ''}`
        : `次のアクション${placeOf(m.workplaceName, m.department)}`,
      sequence: m.version,
      stamp: m.updatedAt,
    });
  }
  return items.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.uid < b.uid ? -1 : 1));
}

/** A single meeting as an .ics file, for a user who may see its workplace (otherwise 404). */
export async function meetingIcs(ctx: ServiceContext, workplaceId: string, meetingId: string) {
  const scope = scopeOf(ctx.actor);
  const row = await findMeetingForIcs(ctx.db, workplaceId, meetingId);
  if (!row || !workplaceInScope(scope, row.workplaceId)) throw notFound('Meeting');
  return {
    day: row.day,
    text: renderCalendar(
      'meetings',
      [
        {
          uid: `meeting-${row.id}@kumiai`,
          day: row.day,
          summary: `職場集会: ${row.title}${placeOf(row.workplaceName)}`,
          sequence: row.version,
          stamp: row.updatedAt,
        },
      ],
      ctx.now,
    ),
  };
}

/** A demand's next negotiation date as an .ics file (every role reads demands; none set: 404). */
export async function negotiationIcs(ctx: ServiceContext, demandId: string) {
  const row = await findDemandForIcs(ctx.db, demandId);
  if (!row?.day) throw notFound('Negotiation date');
  return {
    day: row.day,
    text: renderCalendar(
      'negotiations',
      [
        {
          uid: `negotiation-${row.id}@kumiai`,
          day: row.day,
          summary: `交渉期日: ${row.title}`,
          sequence: row.version,
          stamp: row.updatedAt,
        },
      ],
      ctx.now,
    ),
  };
}
