import { z } from 'zod';
import type { Engagement } from '../enums';

// 関与度の見直し (issue 19): where a member's attendance at their workplace's meetings and their
// recorded engagement disagree, a person is asked to review the engagement. Never automatic.

/** How many of the workplace's latest meetings with recorded attendance are looked at. */
export const REVIEW_WINDOW = 4;
/** Attending at least this many of them while recorded as hardly taking part suggests a warmer level. */
export const REVIEW_ATTENDED_UP = 3;
/** ほぼ参加なし and colder: attending most meetings disagrees with these. */
export const REVIEW_UP_FROM: readonly Engagement[] = ['rare', 'indifferent', 'at_risk'];
/** 定期参加 and warmer: missing every meeting disagrees with these. */
export const REVIEW_DOWN_FROM: readonly Engagement[] = ['active_core', 'regular'];

export type ReviewDirection = 'up' | 'down';

/**
 * The reference rule (the SQL in db/queries/meeting-attendance.ts must agree): `window` is
 * the workplace's latest meetings with recorded attendance, newest first, with whether the
 * member attended; only meetings held on or after joinedOn count, and with fewer than
 * REVIEW_WINDOW of them (the latest since joining) there is nothing to judge.
 */
export function engagementReviewOf(
  member: { status: string; engagement: Engagement; joinedOn: string | null },
  window: readonly { heldOn: string; attended: boolean }[],
): { suggestedDirection: ReviewDirection; attended: number; of: number } | null {
  if (member.status !== 'active') return null;
  const latest = window.slice(0, REVIEW_WINDOW);
  if (latest.length < REVIEW_WINDOW) return null;
  if (member.joinedOn && latest.some((m) => m.heldOn < member.joinedOn!)) return null;
  const attended = latest.filter((m) => m.attended).length;
  if (attended >= REVIEW_ATTENDED_UP && REVIEW_UP_FROM.includes(member.engagement)) {
    return { suggestedDirection: 'up', attended, of: REVIEW_WINDOW };
  }
  if (attended === 0 && REVIEW_DOWN_FROM.includes(member.engagement)) {
    return { suggestedDirection: 'down', attended, of: REVIEW_WINDOW };
  }
  return null;
}

export const engagementReviewSchema = z
  .object({
    suggestedDirection: z.enum(['up', 'down']).meta({
      description:
        '`up`: attended at least 3 of the workplace’s last 4 meetings with recorded attendance while ほぼ参加なし or colder; `down`: attended none of them while 定期参加 or warmer.',
    }),
    attended: z.number().int(),
    of: z.number().int(),
  })
  .meta({ id: 'EngagementReview' });

export const engagementReviewRowSchema = engagementReviewSchema
  .extend({
    memberId: z.uuid(),
    name: z.string(),
    workplaceId: z.uuid(),
    workplaceName: z.string(),
    engagement: z.string(),
  })
  .meta({ id: 'EngagementReviewRow' });
