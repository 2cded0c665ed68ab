import type { WeeklyDashboardQuery } from '../../core/dashboards/schemas';
import {
  findAttritionRisk,
  findEarlyWarnings,
  findFollowUps,
  findNextActions,
  findWorkplaceMap,
  latencyRead,
} from '../../db/queries/dashboards';
import { findEngagementReviews } from '../../db/queries/meeting-attendance';
import { auditSensitiveReads, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { cachedFigures, figuresScopeKey } from '../figures-cache';
import { weeklyFrame } from './weekly-frame';

/**
 * 専従役員・書記長の週次ダッシュボード (SPEC §5): the union as it stands, seen
 * from asOf's week. Every role may read it, within its scope: follow-ups leave
 * out sensitive cases for roles that may not see them (items and totals), and a
 * rep's lists and totals cover the members and workplaces of their workplaces.
 * Sensitive follow-ups shown are recorded as sensitive reads in the audit log
 * (every time: the figures may come from the cache, the reading does not).
 */
export async function getWeeklyDashboard(ctx: ServiceContext, query: WeeklyDashboardQuery) {
  // 自分の担当だけ (mine=1): the members the signed-in user owns.
  const scope = { ...scopeOf(ctx), ownerId: query.mine ? ctx.actor.id : undefined };
  const frame = await weeklyFrame(ctx.db, ctx.now, query.asOf);
  const [followUps, attritionRisk, earlyWarnings, workplaceMap, nextActions] = await cachedFigures(
    ctx.db,
    `weekly|${figuresScopeKey(scope)}|${frame.asOf}|${query.limit}`,
    () =>
      Promise.all([
        latencyRead(ctx.db, (db) => findFollowUps(db, frame, query.limit, scope)),
        latencyRead(ctx.db, (db) => findAttritionRisk(db, frame.timeZone, query.limit, scope)),
        // Today's view (no asOf) keeps the early warnings for the day's baseline (migration 0032);
        // building them (once a day) is not a read to hold in a transaction.
        findEarlyWarnings(ctx.db, frame.earlyWarning, query.limit, scope, { build: !query.asOf }),
        latencyRead(ctx.db, (db) => findWorkplaceMap(db, scope)),
        latencyRead(ctx.db, (db) => findNextActions(db, frame, query.limit, scope)),
      ]),
  );
  // 関与度の見直し: not in the figures' cache (meetings do not move its version), one indexed query.
  const engagementReviews = await latencyRead(ctx.db, (db) => findEngagementReviews(db, scope, query.limit));
  const sensitive = followUps.items.filter((f) => f.sensitive);
  if (sensitive.length) {
    await auditSensitiveReads(
      ctx,
      sensitive.map((f) => ({ id: f.caseId, memberId: f.memberId })),
      'weekly_dashboard',
    );
  }
  return {
    asOf: frame.asOf,
    weekStart: frame.weekStart,
    weekEnd: frame.weekEnd,
    earlyWarningBaselineOn: frame.baselineOn,
    followUps: followUps.items,
    attritionRisk: attritionRisk.items,
    workplaceMap,
    earlyWarnings: earlyWarnings.items,
    nextActions: nextActions.items,
    engagementReviews: engagementReviews.items.map(({ total: _total, ...row }) => row),
    totals: {
      followUps: followUps.total,
      overdueFollowUps: followUps.overdue,
      attritionRisk: attritionRisk.total,
      earlyWarnings: earlyWarnings.total,
      nextActions: nextActions.total,
      engagementReviews: engagementReviews.total,
    },
  };
}
