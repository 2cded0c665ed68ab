import { and, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '../../core/access/policy';
import { todayIn } from '../../core/common/dates';
import { monthEndOn } from '../../core/dashboards/periods';
import type { DashboardMembersQuery } from '../../core/dashboards/schemas';
import { invalid, notFound } from '../../core/errors';
import {
  demandMemberSql,
  findDashboardMembers,
  inSourceSql,
  subjectExists,
  workplaceMemberSql,
} from '../../db/queries/dashboard-members';
import {
  attritionRiskSql,
  earlyWarningSource,
  followUpMemberSql,
  nextActionMemberSql,
} from '../../db/queries/dashboards';
import { atRiskAtDayEndSql, memberAtEndOfSql, ratedMemberSql } from '../../db/queries/dashboards-monthly';
import { memberScopeSql } from '../../db/queries/scope';
import { findSettings } from '../../db/queries/settings';
import { assertReachableWorkplace, scopeOf } from '../access';
import type { ServiceContext } from '../context';
import { resolvePage, toPage } from '../paging';
import { weeklyFrame } from './weekly-frame';

/**
 * The drill-down of every dashboard figure (SPEC §5): the members it counts,
 * listed with the same SQL predicate the figure is counted with, within the
 * actor's scope as the figure is (a rep: members of their workplaces; a
 * workplace outside them is a 404, like a missing one).
 */
export async function listDashboardMembers(ctx: ServiceContext, query: DashboardMembersQuery) {
  const page = resolvePage(query);
  const scope = scopeOf(ctx);
  const figure = await figureCondition(ctx, scope, query);
  // 自分の担当だけ (mine=1): the drill-down of the narrowed figure lists the owner's members only.
  const mine = query.mine ? sql`members.owner_id = ${ctx.actor.id}::uuid` : undefined;
  const condition = and(figure, memberScopeSql(scope, sql`members.workplace_id`), mine) ?? figure;
  return toPage(page, await findDashboardMembers(ctx.db, condition, page));
}

async function figureCondition(ctx: ServiceContext, scope: Scope, q: DashboardMembersQuery): Promise<SQL> {
  switch (q.figure) {
    case 'workplace':
      await assertReachableWorkplace(ctx.db, scope, q.workplaceId!);
      return workplaceMemberSql(q.workplaceId!, q.engagement);
    case 'rated':
      return ratedMemberSql;
    case 'attrition_risk':
      return attritionRiskSql;
    case 'early_warning': {
      const frame = await weeklyFrame(ctx.db, ctx.now, q.asOf);
      const { baseline, minSteps, colderValues } = frame.earlyWarning;
      return inSourceSql(earlyWarningSource(baseline, minSteps, colderValues));
    }
    case 'follow_up':
      return followUpMemberSql((await weeklyFrame(ctx.db, ctx.now, q.asOf)).weekEnd, scope);
    case 'next_action':
      return nextActionMemberSql((await weeklyFrame(ctx.db, ctx.now, q.asOf)).weekEnd);
    case 'demand':
      if (!(await subjectExists(ctx.db, 'demand', q.demandId!))) throw notFound('Demand');
      return demandMemberSql(q.demandId!);
    case 'at_risk_month':
    case 'month_end': {
      const { timezone } = await findSettings(ctx.db);
      const asOf = q.asOf ?? todayIn(timezone, ctx.now);
      const endOn = monthEndOn(q.month!, asOf);
      if (!endOn) throw invalid({ month: 'must not be after the month of asOf' });
      return q.figure === 'at_risk_month'
        ? atRiskAtDayEndSql(endOn, timezone)
        : memberAtEndOfSql(endOn, timezone);
    }
  }
}
