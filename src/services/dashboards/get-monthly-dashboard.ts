import { eq, sql } from 'drizzle-orm';
import { todayIn } from '../../core/common/dates';
import { TREND_MONTHS, trendMonths } from '../../core/dashboards/periods';
import { rateDistribution } from '../../core/dashboards/rates';
import type { MonthlyDashboardQuery } from '../../core/dashboards/schemas';
import { invalid } from '../../core/errors';
import { monthOf } from '../../core/workflows/calendar';
import { organizationRate } from '../../core/workplaces/rates';
import { latencyRead } from '../../db/queries/dashboards';
import {
  findAttritionTrend,
  findDemandFigures,
  findLiveMonthCounts,
  findOrganizationRates,
} from '../../db/queries/dashboards-monthly';
import { findOverallSnapshots, findWorkplaceSnapshotSums } from '../../db/queries/monthly-snapshots';
import { currentSeasonIdSql, findSeasonRef } from '../../db/queries/seasons';
import { findSettings } from '../../db/queries/settings';
import { demands as demandsTable } from '../../db/schema';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { cachedFigures, figuresScopeKey } from '../figures-cache';

/**
 * 執行委員会向け月次ダッシュボード (SPEC §5). Every role may read it; a rep's
 * figures are those of their workplaces: demands count their members, rates
 * and the overall rate cover their workplaces, the trends their members (past
 * rates: the sum of their workplaces' snapshot rows, not the union's row).
 * Demands are those of one bargaining season: by default the one current on asOf
 * (every demand while none has started), or `season` (an id, or `all`).
 */
export async function getMonthlyDashboard(ctx: ServiceContext, query: MonthlyDashboardQuery) {
  // 自分の担当だけ (mine=1): demands count and the at-risk trend follows only the members the
  // signed-in user owns; organization rates stay those of the scope's workplaces (a rate is
  // members over a workplace's employees, which an owner's members are not).
  const base = scopeOf(ctx);
  const scope = { ...base, ownerId: query.mine ? ctx.actor.id : undefined };
  const { timezone } = await findSettings(ctx.db);
  const asOf = query.asOf ?? todayIn(timezone, ctx.now);
  const month = monthOf(asOf);
  const months = trendMonths(asOf, TREND_MONTHS);
  const from = months[0]!.month;
  // The season is resolved outside the cache: its dates and name are not part of the data version.
  const season =
    query.season === 'all'
      ? null
      : ((await findSeasonRef(
          ctx.db,
          query.season && query.season !== 'current' ? query.season : currentSeasonIdSql(sql`${asOf}::date`),
        )) ?? null);
  if (!season && query.season && query.season !== 'all' && query.season !== 'current') {
    throw invalid({ season: 'does not exist' });
  }
  const [demands, rates, attritionTrend, snapshots, live] = await cachedFigures(
    ctx.db,
    `monthly|${figuresScopeKey(scope)}|${asOf}|${timezone}|${season?.id ?? 'all'}`,
    () =>
      Promise.all([
        latencyRead(ctx.db, (db) =>
          findDemandFigures(db, scope, season ? eq(demandsTable.seasonId, season.id) : undefined),
        ),
        latencyRead(ctx.db, (db) => findOrganizationRates(db, base)),
        latencyRead(ctx.db, (db) =>
          findAttritionTrend(db, { asOf, months: TREND_MONTHS, timeZone: timezone }, scope),
        ),
        scope.workplaceIds === null
          ? findOverallSnapshots(ctx.db, from, month)
          : findWorkplaceSnapshotSums(ctx.db, from, month, scope.workplaceIds),
        latencyRead(ctx.db, (db) => findLiveMonthCounts(db, { endOn: asOf, timeZone: timezone }, base)),
      ]),
  );
  const byMonth = new Map(snapshots.map((s) => [s.month, s]));
  // Past months as they were recorded; asOf's month is not over (or is asOf's view of it): computed now.
  const organizationRateTrend = months.map(({ month: m }) => {
    if (m === month) {
      return {
        month: m,
        ...live,
        organizationRate: organizationRate(live.memberCount, live.employeeCount),
        source: 'live' as const,
      };
    }
    const s = byMonth.get(m);
    if (!s) {
      return {
        month: m,
        memberCount: null,
        employeeCount: null,
        organizationRate: null,
        totalMemberCount: null,
        source: 'none' as const,
      };
    }
    return {
      month: m,
      memberCount: s.ratedMemberCount,
      employeeCount: s.employeeCount,
      organizationRate: organizationRate(s.ratedMemberCount, s.employeeCount),
      totalMemberCount: s.memberCount,
      source: 'snapshot' as const,
    };
  });
  return {
    asOf,
    month,
    season,
    demands,
    organizationRates: rates.items,
    overallOrganizationRate: organizationRate(rates.basis.memberCount, rates.basis.employeeCount),
    overallBasis: rates.basis,
    organizationRateDistribution: rateDistribution(rates.items),
    attritionTrend,
    organizationRateTrend,
  };
}
