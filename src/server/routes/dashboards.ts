import { createRoute } from '@hono/zod-openapi';
import {
  atRiskMembersQuery,
  dashboardMemberSchema,
  dashboardMembersQuery,
  monthlyDashboardQuery,
  monthlyDashboardSchema,
  monthlySnapshotSchema,
  weeklyDashboardQuery,
  weeklyDashboardSchema,
  writeSnapshotSchema,
} from '../../core/dashboards/schemas';
import { getMonthlyDashboard } from '../../services/dashboards/get-monthly-dashboard';
import { getWeeklyDashboard } from '../../services/dashboards/get-weekly-dashboard';
import { listDashboardMembers } from '../../services/dashboards/list-dashboard-members';
import { writeMonthlySnapshot } from '../../services/dashboards/write-monthly-snapshot';
import { serviceContext } from '../context';
import type { AppDeps } from '../env';
import { requireRole } from '../middleware/auth';
import {
  createRouter,
  errorResponses,
  jsonBody,
  jsonResponse,
  listOf,
  writeErrorResponses,
} from '../openapi';
import { present } from '../present';

const tags = ['Dashboards ダッシュボード'];
// A drill-down names a workplace or demand that may not exist; nothing here is versioned.
const drillDownErrors = { ...errorResponses, 404: writeErrorResponses[404] };
const memberList = listOf(dashboardMemberSchema, 'DashboardMemberList');

export function dashboardRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/dashboards/weekly',
        operationId: 'getWeeklyDashboard',
        tags,
        summary:
          '専従役員・書記長の週次ダッシュボード: follow-ups, attrition risk, workplace map, early warnings',
        description:
          'The union as it stands now, seen from the Monday–Sunday week containing `asOf` (default: today in the organization time zone). `asOf` sets the week (follow-ups due by its Sunday; `overdue` = due before asOf) and the early warnings’ 90-day window. Members are counted as in a workplace’s memberCount (active, not organizing targets); follow-ups list the open cases of any member; next actions list active members (organizing targets included) whose next action is due by the Sunday. Every role may read it within its scope: sensitive cases are left out of the follow-ups (items and totals) for roles that may not see them (executive, rep), and a rep’s lists, map and totals cover the members and workplaces of their workplaces only. Sensitive follow-ups shown are recorded in the audit log as sensitive reads. Each figure names its drill-down.',
        request: { query: weeklyDashboardQuery },
        responses: { 200: jsonResponse(weeklyDashboardSchema, 'The weekly dashboard'), ...errorResponses },
      }),
      async (c) =>
        c.json(present(await getWeeklyDashboard(serviceContext(c, deps), c.req.valid('query'))), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/dashboards/monthly',
        operationId: 'getMonthlyDashboard',
        tags,
        summary: '執行委員会向け月次ダッシュボード: demands, organization rates, attrition and rate trends',
        description:
          'Demands and organization rates are as they stand now; the trends cover the 12 months ending with the month of `asOf` (default: today), each measured at the end of its last day in the organization time zone (asOf’s month: at the end of asOf). For a rep every figure covers their workplaces only: demands count their members, organization rates and the overall rate their workplaces, the attrition trend their members, and past organization rates sum their workplaces’ snapshot rows. Each figure names its drill-down.',
        request: { query: monthlyDashboardQuery },
        responses: { 200: jsonResponse(monthlyDashboardSchema, 'The monthly dashboard'), ...errorResponses },
      }),
      async (c) =>
        c.json(present(await getMonthlyDashboard(serviceContext(c, deps), c.req.valid('query'))), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/dashboards/members',
        operationId: 'listDashboardMembers',
        tags,
        summary: 'The members behind a dashboard figure (drill-down), in kana order',
        description:
          'Counted with the same rule as the figure, so `total` equals it, within the actor’s scope as the figure is (a rep: members of their workplaces; the follow-up members of a role that may not see sensitive cases: those with a follow-up it may see). An unknown workplaceId or demandId is a 404, and so is a workplace outside a rep’s workplaces; a figure missing its parameter is a 400 naming it.',
        request: { query: dashboardMembersQuery },
        responses: { 200: jsonResponse(memberList, 'A page of members'), ...drillDownErrors },
      }),
      async (c) =>
        c.json(present(await listDashboardMembers(serviceContext(c, deps), c.req.valid('query'))), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/dashboards/at-risk-members',
        operationId: 'listAtRiskMembers',
        tags,
        summary: 'The members counted in a month’s atRiskCount (attritionTrend drill-down)',
        description:
          'Members at the end of the month (asOf for asOf’s month) whose engagement then, per the history, was at_risk. Same as /dashboards/members?figure=at_risk_month.',
        request: { query: atRiskMembersQuery },
        responses: { 200: jsonResponse(memberList, 'A page of members'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          present(
            await listDashboardMembers(serviceContext(c, deps), {
              ...c.req.valid('query'),
              figure: 'at_risk_month',
            }),
          ),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/dashboards/snapshots',
        operationId: 'createMonthlySnapshot',
        tags,
        summary: 'Write a month’s snapshot now (admin only); writing a month again replaces it',
        description:
          'The daily sweep writes each month on its last day and finalizes it the day after; past months missing a snapshot are backfilled from joinedOn/leftOn and the engagement history. Employee counts have no history: a snapshot records the headcounts of the day it is written.',
        middleware: [requireRole('admin')] as const,
        request: { body: jsonBody(writeSnapshotSchema) },
        responses: { 200: jsonResponse(monthlySnapshotSchema, 'The snapshot written'), ...errorResponses },
      }),
      async (c) =>
        c.json(present(await writeMonthlySnapshot(serviceContext(c, deps), c.req.valid('json'))), 200),
    );
}
