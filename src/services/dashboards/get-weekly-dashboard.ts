import type { WeeklyDashboardQuery } from '../../core/dashboards/schemas';
import {
  findAttritionRisk,
  findEarlyWarnings,
  findFollowUps,
  findWorkplaceMap,
} from '../../db/queries/dashboards';
import type { ServiceContext } from '../context';
import { weeklyFrame } from './weekly-frame';

/** 専従役員・書記長の週次ダッシュボード (SPEC §5): the union as it stands, seen from asOf's week. */
export async function getWeeklyDashboard(ctx: ServiceContext, query: WeeklyDashboardQuery) {
  const frame = await weeklyFrame(ctx.db, ctx.now, query.asOf);
  const [followUps, attritionRisk, earlyWarnings, workplaceMap] = await Promise.all([
    findFollowUps(ctx.db, frame, query.limit),
    findAttritionRisk(ctx.db, frame.timeZone, query.limit),
    findEarlyWarnings(ctx.db, frame.earlyWarning, query.limit),
    findWorkplaceMap(ctx.db),
  ]);
  return {
    asOf: frame.asOf,
    weekStart: frame.weekStart,
    weekEnd: frame.weekEnd,
    earlyWarningBaselineOn: frame.baselineOn,
    followUps: followUps.items,
    attritionRisk: attritionRisk.items,
    workplaceMap,
    earlyWarnings: earlyWarnings.items,
    totals: {
      followUps: followUps.total,
      overdueFollowUps: followUps.overdue,
      attritionRisk: attritionRisk.total,
      earlyWarnings: earlyWarnings.total,
    },
  };
}
