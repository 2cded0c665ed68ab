import { z } from 'zod';
import { dateOut } from '../common/output';
import { ENGAGEMENTS, UNION_ROLES } from '../enums';
import { DEMAND_LINK_SOURCES } from './schemas';

// What a demand's 関連組合員数 is made of (issue 15 §2): its counted members by workplace,
// 職種, 等級, engagement and union role, and how the links moved over the season.

/**
 * Where a link event came from: a link's own source, or the transaction's (`merge`); an unlink
 * is `officer`, `bulk`, `merge`, `removal` (the member was erased or deleted) or an import's.
 */
export const LINK_EVENT_SOURCES = [...DEMAND_LINK_SOURCES, 'merge', 'removal'] as const;
export type LinkEventSource = (typeof LINK_EVENT_SOURCES)[number];

/** The member list's filter value that means "not set" for a text field (職種, 等級). */
export const UNSET_FILTER_VALUES = ['workplace', 'jobType', 'grade'] as const;
export type UnsetFilterValue = (typeof UNSET_FILTER_VALUES)[number];

const count = z
  .number()
  .int()
  .meta({ description: 'Counted members (active, not organizing targets) linked' });

const bySource = z
  .partialRecord(z.enum(LINK_EVENT_SOURCES), z.number().int())
  .meta({ description: 'Events that day per source (sources with none left out)' });

export const demandBreakdownSchema = z
  .object({
    demandId: z.uuid(),
    total: z.number().int().meta({
      description:
        "関連組合員数 within your scope: every list below sums to it (the demand's relatedMemberCount)",
    }),
    workplaces: z
      .array(
        z.object({
          workplaceId: z
            .uuid()
            .nullable()
            .meta({ description: 'null: members without a workplace (未設定)' }),
          workplaceName: z.string().nullable(),
          count,
          memberCount: z.number().int().nullable().meta({
            description: "The workplace's counted members (its memberCount); null without a workplace",
          }),
          share: z
            .number()
            .nullable()
            .meta({ description: 'count / memberCount (0–1); null without a workplace' }),
        }),
      )
      .meta({ description: 'Most first, then 職場名順; drill-down: workplaceId (or unset=workplace)' }),
    jobTypes: z
      .array(z.object({ value: z.string().nullable(), count }))
      .meta({ description: '職種, most first; null: 未設定. Drill-down: jobType (or unset=jobType)' }),
    grades: z
      .array(z.object({ value: z.string().nullable(), count }))
      .meta({ description: '等級, most first; null: 未設定. Drill-down: grade (or unset=grade)' }),
    engagements: z
      .array(z.object({ value: z.enum(ENGAGEMENTS), count }))
      .meta({ description: 'Warmest first (levels with no member left out). Drill-down: engagement' }),
    unionRoles: z
      .array(z.object({ value: z.enum(UNION_ROLES), count }))
      .meta({ description: 'In the roles’ order (roles with no member left out). Drill-down: unionRole' }),
    history: z
      .object({
        from: dateOut.nullable().meta({
          description: "The season's start, or (no season) the day of the first event; null: no history",
        }),
        to: dateOut.nullable().meta({ description: "min(today, the season's end)" }),
        points: z.array(
          z.object({
            date: dateOut,
            count: z.number().int().meta({ description: 'Links held at the end of the day' }),
            links: bySource,
            unlinks: bySource,
          }),
        ),
      })
      .meta({
        description:
          'Links held per day (organization time zone) from the link history. Counts every link, whatever ' +
          "the member's status now, so it can exceed `total` by linked members who left or are organizing " +
          "targets. Scoped (a rep): only the events of members now in the rep's workplaces (a merged record's " +
          'events count as the kept member’s); erased members are in no scope.',
      }),
  })
  .meta({ id: 'DemandBreakdown' });
export type DemandBreakdown = z.infer<typeof demandBreakdownSchema>;
