import { z } from 'zod';
import { dateOut, timestampOut } from '../common/output';
import { enumOf, pagingQuery, plainDate, text, uuid } from '../common/schemas';
import { seasonRefSchema } from '../demands/seasons';
import {
  ATMOSPHERES,
  ENGAGEMENTS,
  MEMBER_STATUSES,
  NEGOTIATION_STATUSES,
  PRIORITIES,
  UNION_ROLES,
} from '../enums';
import { engagementReviewRowSchema } from '../members/engagement-review';
import { isValidMonth } from './periods';
import { RATE_BAND_KEYS } from './rates';

// The dashboards' inputs (SPEC §5). Every figure can be drilled down to the
// members it counts (GET /api/dashboards/members?figure=…): no number is a dead end.

export const monthString = text('must be a month (YYYY-MM)')
  .refine(isValidMonth, { message: 'must be a month (YYYY-MM)' })
  .meta({ example: '2026-03' });

const asOfQuery = plainDate.optional().meta({
  description: 'The day the dashboard is for (default: today in the organization time zone).',
});

/** 自分の担当だけ (issue 17): the figures of the members the signed-in user owns (担当者). */
export const mineQuery = z
  .enum(['1', 'true', '0', 'false'], { message: 'must be 1 or 0' })
  .transform((v) => v === '1' || v === 'true')
  .optional()
  .meta({
    description:
      '`1`: only the members the signed-in user owns (担当者) — member lists, counts and trends, and the workplace map’s counts (workplaces with none of them left out). Default: every member in scope.',
  });

/** Weekly lists are capped (totals give the full counts; the drill-down lists every member). */
export const weeklyDashboardQuery = z.object({
  asOf: asOfQuery,
  mine: mineQuery,
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(500, { message: 'must be at most 500' })
    .default(500)
    .meta({
      description: 'At most this many rows per list (default and maximum 500); `totals` counts them all.',
    }),
});
export type WeeklyDashboardQuery = z.infer<typeof weeklyDashboardQuery>;

export const monthlyDashboardQuery = z.object({
  asOf: asOfQuery,
  mine: mineQuery,
  season: z
    .union([z.enum(['current', 'all']), uuid], { message: 'must be a season id, current or all' })
    .optional()
    .meta({
      description:
        'Whose demands `demands` ranks: a season id, `current` (default: the season current on asOf — its dates contain asOf, latest start first, else the one started most recently; every demand when none has started) or `all`.',
    }),
});
export type MonthlyDashboardQuery = z.infer<typeof monthlyDashboardQuery>;

export const writeSnapshotSchema = z
  .strictObject({
    month: monthString.meta({ description: 'The month to snapshot; not after the current month.' }),
  })
  .meta({ id: 'MonthlySnapshotRequest' });
export type WriteSnapshotInput = z.infer<typeof writeSnapshotSchema>;

export const DASHBOARD_FIGURES = [
  'workplace',
  'rated',
  'attrition_risk',
  'early_warning',
  'follow_up',
  'next_action',
  'demand',
  'at_risk_month',
  'month_end',
] as const;
export type DashboardFigure = (typeof DASHBOARD_FIGURES)[number];

/** Which query parameters each figure needs (checked after parsing: 400 names the missing one). */
const FIGURE_PARAMS: Record<DashboardFigure, readonly ('workplaceId' | 'demandId' | 'month')[]> = {
  workplace: ['workplaceId'],
  rated: [],
  attrition_risk: [],
  early_warning: [],
  follow_up: [],
  next_action: [],
  demand: ['demandId'],
  at_risk_month: ['month'],
  month_end: ['month'],
};

export const dashboardMembersQuery = pagingQuery
  .extend({
    figure: enumOf(DASHBOARD_FIGURES).meta({
      description: [
        'The figure whose members to list:',
        '`workplace` (workplaceId, optional engagement): a workplace’s memberCount, or with `engagement` one cell of the weekly workplaceMap;',
        '`rated`: the members behind overallOrganizationRate (members of workplaces with employeeCount > 0);',
        '`attrition_risk`: the weekly attritionRisk list;',
        '`early_warning` (asOf): the weekly earlyWarnings;',
        '`follow_up` (asOf): the members of the weekly followUps (open cases due by the week’s Sunday);',
        '`next_action` (asOf): the weekly nextActions (active members whose next action is due by the week’s Sunday);',
        '`demand` (demandId): a demand’s relatedMemberCount;',
        '`at_risk_month` (month, asOf): that month’s atRiskCount in attritionTrend;',
        '`month_end` (month, asOf): the members at that month’s end (organizationRateTrend totalMemberCount as computed now).',
      ].join(' '),
    }),
    workplaceId: uuid.optional(),
    engagement: enumOf(ENGAGEMENTS).optional(),
    demandId: uuid.optional(),
    month: monthString.optional(),
    asOf: asOfQuery,
    mine: mineQuery,
  })
  .superRefine((q, ctx) => {
    for (const param of FIGURE_PARAMS[q.figure]) {
      if (q[param] === undefined) ctx.addIssue({ code: 'custom', path: [param], message: 'is required' });
    }
  });
export type DashboardMembersQuery = z.infer<typeof dashboardMembersQuery>;

export const atRiskMembersQuery = pagingQuery.extend({
  month: monthString.meta({ description: 'A month of attritionTrend (not after asOf’s month).' }),
  asOf: asOfQuery,
  mine: mineQuery,
});
export type AtRiskMembersQuery = z.infer<typeof atRiskMembersQuery>;

// ---------------------------------------------------------------- responses

const owner = {
  ownerId: z.uuid().nullable().meta({ description: 'The member’s 担当者' }),
  ownerName: z.string().nullable(),
};

export const followUpSchema = z
  .object({
    memberId: z.uuid(),
    memberName: z.string(),
    caseId: z.uuid(),
    caseTitle: z.string(),
    dueOn: dateOut,
    overdue: z.boolean().meta({ description: 'dueOn is before asOf' }),
    sensitive: z.boolean().meta({
      description:
        'A sensitive case (e.g. harassment): listed only for roles that may see sensitive cases (admin, officer), and each one shown is recorded as a sensitive read.',
    }),
    ...owner,
  })
  .meta({ id: 'DashboardFollowUp' });

export const attritionRiskSchema = z
  .object({
    memberId: z.uuid(),
    name: z.string(),
    workplaceId: z.uuid().nullable(),
    workplaceName: z.string().nullable(),
    since: timestampOut.nullable().meta({
      description:
        'When the current at-risk spell began: the latest history change to at_risk from another value (null without history).',
    }),
    sinceOn: dateOut.nullable().meta({ description: '`since` as a day in the organization time zone' }),
    ...owner,
  })
  .meta({ id: 'DashboardAttritionRisk' });

export const engagementCountsSchema = z
  .object(
    Object.fromEntries(ENGAGEMENTS.map((e) => [e, z.number().int()])) as Record<
      (typeof ENGAGEMENTS)[number],
      z.ZodNumber
    >,
  )
  .meta({ id: 'EngagementCounts' });

export const workplaceMapRowSchema = z
  .object({
    workplaceId: z.uuid(),
    name: z.string(),
    atmosphere: z.enum(ATMOSPHERES),
    counts: engagementCountsSchema.meta({
      description:
        'Counted members by engagement. Drill-down: /api/dashboards/members?figure=workplace&workplaceId=…&engagement=…',
    }),
    memberCount: z.number().int().meta({
      description:
        'As the workplace’s memberCount. Drill-down: /api/dashboards/members?figure=workplace&workplaceId=…',
    }),
  })
  .meta({ id: 'DashboardWorkplaceMapRow' });

export const earlyWarningSchema = z
  .object({
    memberId: z.uuid(),
    name: z.string(),
    workplaceId: z.uuid().nullable(),
    workplaceName: z.string().nullable(),
    from: z.enum(ENGAGEMENTS).meta({ description: 'The engagement at the end of earlyWarningBaselineOn' }),
    to: z.enum(ENGAGEMENTS).meta({ description: 'The current engagement' }),
    steps: z.number().int().meta({ description: 'Steps fallen on the 6-step scale (≥ 2)' }),
    changedAt: timestampOut.nullable().meta({ description: 'The latest fall within the window' }),
    ...owner,
  })
  .meta({ id: 'DashboardEarlyWarning' });

export const nextActionSchema = z
  .object({
    memberId: z.uuid(),
    name: z.string(),
    nextAction: z
      .string()
      .nullable()
      .meta({ description: 'The member’s 次のアクション (may be empty when only a due day is set)' }),
    nextActionDueOn: dateOut,
    overdue: z.boolean().meta({ description: 'nextActionDueOn is before asOf' }),
    workplaceId: z.uuid().nullable(),
    workplaceName: z.string().nullable(),
    ...owner,
  })
  .meta({ id: 'DashboardNextAction' });

export const weeklyDashboardSchema = z
  .object({
    asOf: dateOut,
    weekStart: dateOut.meta({ description: 'The Monday of asOf’s week' }),
    weekEnd: dateOut.meta({ description: 'The Sunday of asOf’s week' }),
    earlyWarningBaselineOn: dateOut.meta({
      description: 'asOf − 90 days: the engagement at the end of this day is compared with the current one.',
    }),
    followUps: z.array(followUpSchema).meta({
      description:
        '今週フォロー推奨の組合員: open cases (of any member) with dueOn ≤ weekEnd, earliest due first. Drill-down: /api/dashboards/members?figure=follow_up&asOf=…',
    }),
    attritionRisk: z.array(attritionRiskSchema).meta({
      description:
        '脱退リスクアラート: counted members (active, not organizing targets) whose engagement is at_risk, longest at risk first. Drill-down: /api/dashboards/members?figure=attrition_risk',
    }),
    workplaceMap: z.array(workplaceMapRowSchema).meta({
      description:
        '職場別の関与度・雰囲気マップ: every workplace, split_risk then indifferent first, then by name.',
    }),
    earlyWarnings: z.array(earlyWarningSchema).meta({
      description:
        'Counted members whose current engagement is 2+ steps colder than at the end of earlyWarningBaselineOn (or than their first recorded value if recorded later); biggest fall first. Drill-down: /api/dashboards/members?figure=early_warning&asOf=…',
    }),
    nextActions: z.array(nextActionSchema).meta({
      description:
        '今週期日の次のアクション: active members (organizing targets included, left members not) whose nextActionDueOn ≤ weekEnd, overdue first (earliest due first, then by name). Drill-down: /api/dashboards/members?figure=next_action&asOf=…',
    }),
    engagementReviews: z.array(engagementReviewRowSchema).meta({
      description:
        '関与度の見直し: active members whose attendance at their workplace’s last 4 meetings with recorded attendance disagrees with their engagement (3+ attended while ほぼ参加なし or colder: up; none while 定期参加 or warmer: down), by workplace and name. Suggestions only.',
    }),
    totals: z
      .object({
        followUps: z.number().int(),
        overdueFollowUps: z.number().int(),
        attritionRisk: z.number().int(),
        earlyWarnings: z.number().int(),
        nextActions: z.number().int(),
        engagementReviews: z.number().int(),
      })
      .meta({ description: 'The full counts of the lists (which are capped at `limit`).' }),
  })
  .meta({ id: 'WeeklyDashboard' });

export const demandFigureSchema = z
  .object({
    demandId: z.uuid(),
    title: z.string(),
    priority: z.enum(PRIORITIES),
    status: z.enum(NEGOTIATION_STATUSES),
    relatedMemberCount: z.number().int().meta({
      description: 'Counted members linked. Drill-down: /api/dashboards/members?figure=demand&demandId=…',
    }),
  })
  .meta({ id: 'DashboardDemand' });

export const organizationRateRowSchema = z
  .object({
    workplaceId: z.uuid(),
    name: z.string(),
    employeeCount: z.number().int().nullable(),
    memberCount: z.number().int().meta({
      description: 'Drill-down: /api/dashboards/members?figure=workplace&workplaceId=…',
    }),
    organizationRate: z
      .number()
      .nullable()
      .meta({ description: 'memberCount / employeeCount; null without a headcount' }),
  })
  .meta({ id: 'DashboardOrganizationRate' });

export const rateBandSchema = z
  .object({
    band: z.enum(RATE_BAND_KEYS),
    from: z.number().nullable().meta({ description: 'Lower bound, included' }),
    to: z.number().nullable().meta({ description: 'Upper bound, excluded (null: open-ended or unknown)' }),
    workplaceCount: z.number().int(),
  })
  .meta({ id: 'DashboardRateBand' });

export const attritionTrendPointSchema = z
  .object({
    month: z.string().meta({ example: '2026-03' }),
    endOn: dateOut.meta({ description: 'The day whose end is the cut-off: the month’s last day, or asOf' }),
    atRiskCount: z.number().int().meta({
      description: 'Drill-down: /api/dashboards/at-risk-members?month=…&asOf=…',
    }),
  })
  .meta({ id: 'DashboardAttritionTrendPoint' });

export const SNAPSHOT_SOURCES = ['snapshot', 'live', 'none'] as const;

export const organizationRateTrendPointSchema = z
  .object({
    month: z.string().meta({ example: '2026-03' }),
    memberCount: z.number().int().nullable().meta({
      description: 'The rate’s numerator: members of workplaces with a headcount at the month’s end',
    }),
    employeeCount: z.number().int().nullable().meta({ description: 'The summed headcount recorded then' }),
    organizationRate: z.number().nullable(),
    totalMemberCount: z.number().int().nullable().meta({
      description:
        'Every counted member at the month’s end. Drill-down (as computed now): /api/dashboards/members?figure=month_end&month=…',
    }),
    source: z.enum(SNAPSHOT_SOURCES).meta({
      description:
        '`snapshot`: the stored monthly snapshot; `live`: asOf’s month, computed now; `none`: no snapshot for that month',
    }),
  })
  .meta({ id: 'DashboardOrganizationRateTrendPoint' });

export const monthlyDashboardSchema = z
  .object({
    asOf: dateOut,
    month: z.string().meta({ example: '2026-03' }),
    season: seasonRefSchema.nullable().meta({
      description:
        'The bargaining season whose demands `demands` ranks; null: every demand (`season=all`, or no season yet)',
    }),
    demands: z.array(demandFigureSchema).meta({ description: '要求別の関連組合員数, most first' }),
    organizationRates: z.array(organizationRateRowSchema).meta({
      description: '組合組織率の職場別分布: every workplace, highest rate first, no rate last',
    }),
    overallOrganizationRate: z.number().nullable().meta({
      description:
        'Σ memberCount / Σ employeeCount over the workplaces with employeeCount > 0 (members without a workplace, and workplaces without a headcount, are left out of both); null when no workplace has a headcount. Drill-down: /api/dashboards/members?figure=rated',
    }),
    overallBasis: z
      .object({
        workplaceCount: z.number().int(),
        memberCount: z.number().int(),
        employeeCount: z.number().int().nullable(),
      })
      .meta({ description: 'The sums overallOrganizationRate is computed from' }),
    organizationRateDistribution: z.array(rateBandSchema).meta({
      description:
        'Workplaces per rate band (0–20 %, …, 80 % and above, unknown); a band includes its lower bound',
    }),
    attritionTrend: z.array(attritionTrendPointSchema).meta({
      description:
        '脱退リスクのある組合員の推移: the 12 months ending with asOf’s month. A member counts when, at the end of endOn (organization time zone), they were a member (not an organizing target, leftOn null or after endOn, joinedOn on or before endOn — or, without joinedOn, recorded by then) and their engagement per the history was at_risk.',
    }),
    organizationRateTrend: z.array(organizationRateTrendPointSchema).meta({
      description:
        'The same 12 months from the monthly snapshots (asOf’s month computed live). Backfilled months assume today’s employee counts.',
    }),
  })
  .meta({ id: 'MonthlyDashboard' });

export const monthlySnapshotSchema = z
  .object({
    month: z.string(),
    endOn: dateOut.meta({
      description: 'The day measured: the month’s last day, or today for the current month',
    }),
    provisional: z
      .boolean()
      .meta({ description: 'Written before the month was over: rewritten after it ends' }),
    memberCount: z.number().int(),
    ratedMemberCount: z.number().int(),
    employeeCount: z.number().int().nullable(),
    organizationRate: z.number().nullable(),
    atRiskCount: z.number().int().nullable(),
    workplaceCount: z.number().int().meta({ description: 'Per-workplace rows written' }),
    createdAt: timestampOut,
  })
  .meta({ id: 'MonthlySnapshot' });

export const dashboardMemberSchema = z
  .object({
    memberId: z.uuid(),
    name: z.string(),
    nameKana: z.string().nullable(),
    workplaceId: z.uuid().nullable(),
    workplaceName: z.string().nullable(),
    engagement: z.enum(ENGAGEMENTS).meta({ description: 'The current engagement' }),
    unionRole: z.enum(UNION_ROLES),
    status: z.enum(MEMBER_STATUSES),
    ...owner,
  })
  .meta({ id: 'DashboardMember' });
