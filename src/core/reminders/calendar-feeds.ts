import ical, { type ICalCalendar } from 'ical-generator';
import { z } from 'zod';
import type { StaffRole } from '../enums';

// Calendar feeds (issue 18): personal, secret iCal subscriptions. Everything here is pure: the
// feed's items come from db/queries/calendar-feeds.ts, already cut to the user's scope.

export const CALENDAR_FEED_KINDS = ['tasks', 'negotiations', 'meetings'] as const;
export type CalendarFeedKind = (typeof CALENDAR_FEED_KINDS)[number];

/** Days before today and after today a feed covers: keeps a feed small. */
export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_DAYS = 366;
/** How often calendar clients should refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL) and Cache-Control max-age. */
export const FEED_TTL_SECONDS = 3600;
export const FEED_CACHE_SECONDS = 300;
/** Fetch bookkeeping (last_fetched_at, last_client) is written at most this often per feed. */
export const FEED_TOUCH_MS = 60_000;
export const LAST_CLIENT_MAX = 200;

/** A feed token: 32 random bytes, base64url (43 characters). */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const createCalendarFeedSchema = z
  .strictObject({
    kind: z.enum(CALENDAR_FEED_KINDS, { message: 'must be one of: tasks, negotiations, meetings' }),
    includeNames: z
      .boolean({ message: 'must be true or false' })
      .optional()
      .meta({ description: "Show members' names (default false: the kind and the workplace only)" }),
  })
  .meta({ id: 'CalendarFeedCreate' });
export type CreateCalendarFeedInput = z.infer<typeof createCalendarFeedSchema>;

export const createdCalendarFeedSchema = z
  .object({
    id: z.string(),
    url: z.string().meta({ description: 'The secret feed URL, shown this once (absolute)' }),
    kind: z.enum(CALENDAR_FEED_KINDS),
    includeNames: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'CalendarFeedCreated' });

export const calendarFeedSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CALENDAR_FEED_KINDS),
    includeNames: z.boolean(),
    createdAt: z.string(),
    lastFetchedAt: z.string().nullable(),
    lastClient: z.string().nullable(),
    active: z
      .boolean()
      .meta({ description: 'False once the user’s role or workplaces changed (the feed answers 404)' }),
  })
  .meta({ id: 'CalendarFeed' });

export const calendarFeedListSchema = z
  .object({ items: z.array(calendarFeedSchema) })
  .meta({ id: 'CalendarFeedList' });

/**
 * What a feed was made for: the user's role and sorted workplaces. A feed whose user's key
 * changed (promotion, a rep's workplaces moved) answers nothing.
 */
export function scopeKeyOf(role: StaffRole, workplaceIds: readonly string[]): string {
  return `${role}:${[...workplaceIds].sort().join(',')}`;
}

/** A User-Agent as kept: control characters out, at most 200 characters; null when empty. */
export function cleanClient(userAgent: string | undefined | null): string | null {
  if (!userAgent) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const text = userAgent.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  if (!text) return null;
  return Array.from(text)
    .slice(0, LAST_CLIENT_MAX)
    .join('')
    .replace(/[\ud800-\udfff]/g, '');
}

/** `YYYY-MM-DD` plus days, as `YYYY-MM-DD` (calendar arithmetic, no zone). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One calendar item: always a whole day (Kumiai's dates are days in the organization's zone). */
export type FeedItem = {
  uid: string;
  day: string;
  summary: string;
  description?: string | undefined;
  sequence: number;
  stamp: Date;
};

export const FEED_NAMES: Record<CalendarFeedKind, string> = {
  tasks: 'Kumiai タスクと次のアクション',
  negotiations: 'Kumiai 交渉期日',
  meetings: 'Kumiai 職場集会',
};

export const TASK_RULE_LABELS: Record<string, string> = {
  at_risk_follow_up: 'フォロー',
  case_due_follow_up: '相談対応',
  tenure_milestone: '組合歴の節目',
  workplace_gathering: '職場集会の検討',
  shunto_survey: '春闘アンケート',
};

/** `（第一製造課）` or nothing. */
export function placeOf(workplace: string | null | undefined, department?: string | null): string {
  const parts = [workplace, department].filter((p): p is string => !!p?.trim());
  return parts.length ? `（${parts.join('・')}）` : '';
}

/** Builds the feed's text (RFC 5545), all-day items as VALUE=DATE with the exclusive end. */
export function renderCalendar(kind: CalendarFeedKind, items: readonly FeedItem[], now: Date): string {
  return buildCalendar(FEED_NAMES[kind], items, now).toString();
}

export function buildCalendar(name: string, items: readonly FeedItem[], now: Date): ICalCalendar {
  const calendar = ical({
    name,
    prodId: '//Kumiai//Calendar//JA',
    ttl: FEED_TTL_SECONDS,
  });
  for (const item of items) {
    calendar.createEvent({
      id: item.uid,
      start: new Date(`${item.day}T00:00:00Z`),
      end: new Date(`${addDays(item.day, 1)}T00:00:00Z`),
      allDay: true,
      summary: item.summary,
      description: item.description ?? null,
      sequence: item.sequence,
      stamp: item.stamp ?? now,
    });
  }
  return calendar;
}

/** A file name for a one-off download: ASCII only. */
export function icsFileName(prefix: string, day: string): string {
  return `${prefix}-${day}.ics`;
}
