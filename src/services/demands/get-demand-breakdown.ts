import type { DemandBreakdown, LinkEventSource } from '../../core/demands/breakdown';
import { ENGAGEMENTS, UNION_ROLES } from '../../core/enums';
import { notFound } from '../../core/errors';
import {
  findDemandBreakdown,
  findDemandLinkHistory,
  type HistoryRow,
} from '../../db/queries/demand-breakdown';
import { demandExists } from '../../db/queries/demands';
import { organizationTodaySql } from '../../db/queries/settings';
import { scopeOf } from '../access';
import type { ServiceContext } from '../context';

type Point = DemandBreakdown['history']['points'][number];

function pointOf(row: HistoryRow): Point {
  const events = typeof row.events === 'string' ? JSON.parse(row.events) : (row.events ?? []);
  const links: Point['links'] = {};
  const unlinks: Point['unlinks'] = {};
  for (const [action, source, n] of events as [string, LinkEventSource, number][]) {
    (action === 'link' ? links : unlinks)[source] = Number(n);
  }
  return { date: row.date!, count: Number(row.count), links, unlinks };
}

/**
 * What a demand's 関連組合員数 is made of, within the caller's scope (every role reads every
 * demand; a rep's figures are their workplaces' members): its counted members by workplace
 * (with the workplace's memberCount and the share), 職種, 等級, engagement and union role, and
 * the links held day by day over the season with each day's links and unlinks per source.
 * Each list sums to `total`, the demand's relatedMemberCount. 404 for an unknown demand.
 */
export async function getDemandBreakdown(ctx: ServiceContext, demandId: string): Promise<DemandBreakdown> {
  if (!(await demandExists(ctx.db, demandId))) throw notFound('Demand');
  const scope = scopeOf(ctx);
  const [rows, history] = await Promise.all([
    findDemandBreakdown(ctx.db, demandId, scope),
    findDemandLinkHistory(ctx.db, demandId, scope, organizationTodaySql(ctx.now)),
  ]);
  const of = (dim: (typeof rows)[number]['dim']) => rows.filter((r) => r.dim === dim);
  const listed = (dim: 'jobType' | 'grade') => of(dim).map((r) => ({ value: r.key, count: r.n }));
  const inOrder = <T extends string>(dim: 'engagement' | 'unionRole', order: readonly T[]) =>
    of(dim)
      .map((r) => ({ value: r.key as T, count: r.n }))
      .sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  const from = history[0]?.from ?? null;
  return {
    demandId,
    total: of('total')[0]?.n ?? 0,
    workplaces: of('workplace').map((r) => ({
      workplaceId: r.key,
      workplaceName: r.workplaceName,
      count: r.n,
      memberCount: r.key === null ? null : (r.memberCount ?? 0),
      share: r.key === null || !r.memberCount ? null : r.n / r.memberCount,
    })),
    jobTypes: listed('jobType'),
    grades: listed('grade'),
    engagements: inOrder('engagement', ENGAGEMENTS),
    unionRoles: inOrder('unionRole', UNION_ROLES),
    history: {
      from,
      to: from === null ? null : (history[0]?.to ?? null),
      points: history.filter((r) => r.date !== null).map(pointOf),
    },
  };
}
