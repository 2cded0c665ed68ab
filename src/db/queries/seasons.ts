import { asc, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { bargainingSeasons, demands } from '../schema';
import { rowsOf } from './records';

/**
 * The current season's id on `today` (a date expression in the organization's zone), or
 * null: the season whose dates contain today, the latest start first when seasons overlap;
 * else the one that started most recently; else none. A scalar subquery (one pass over
 * the few seasons, on bargaining_seasons_starts_on_idx), so every list, export and figure
 * can filter on it inside its own statement. `currentSeasonOf` in core/demands/seasons.ts
 * is the same rule in TypeScript.
 */
export function currentSeasonIdSql(today: SQL): SQL<string | null> {
  return sql<string | null>`(select cs.id from bargaining_seasons cs
      where cs.starts_on <= ${today}
      order by (cs.ends_on >= ${today}) desc, cs.starts_on desc, cs.id asc
      limit 1)`;
}

/** Every season, latest start first, with the number of demands in each (one grouped pass). */
export async function findSeasons(db: DbOrTx) {
  const counts = db
    .select({ seasonId: demands.seasonId, n: sql<number>`count(*)::int`.as('n') })
    .from(demands)
    .where(sql`${demands.seasonId} is not null`)
    .groupBy(demands.seasonId)
    .as('counts');
  return db
    .select({
      ...getTableColumns(bargainingSeasons),
      demandCount: sql<number>`coalesce(${counts.n}, 0)::int`,
    })
    .from(bargainingSeasons)
    .leftJoin(counts, eq(counts.seasonId, bargainingSeasons.id))
    .orderBy(desc(bargainingSeasons.startsOn), asc(bargainingSeasons.id));
}

export async function findSeasonById(db: DbOrTx, id: string) {
  const rows = await db
    .select({
      ...getTableColumns(bargainingSeasons),
      demandCount: sql<number>`(select count(*)::int from demands d where d.season_id = ${bargainingSeasons.id})`,
    })
    .from(bargainingSeasons)
    .where(eq(bargainingSeasons.id, id));
  return rows[0];
}

/** The current season's id on `today`, or null. */
export async function findCurrentSeasonId(db: DbOrTx, today: SQL): Promise<string | null> {
  const [row] = rowsOf<{ id: string | null }>(
    await db.execute(sql`select ${currentSeasonIdSql(today)} as id`),
  );
  return row?.id ?? null;
}

/** How many demands belong to a season (a delete is refused while any do). */
export async function countSeasonDemands(db: DbOrTx, seasonId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(demands)
    .where(eq(demands.seasonId, seasonId));
  return row?.n ?? 0;
}

/** A season's id, name and dates (for a dashboard's heading), or undefined. */
export async function findSeasonRef(db: DbOrTx, id: SQL | string) {
  const rows = await db
    .select({
      id: bargainingSeasons.id,
      name: bargainingSeasons.name,
      startsOn: bargainingSeasons.startsOn,
      endsOn: bargainingSeasons.endsOn,
    })
    .from(bargainingSeasons)
    .where(typeof id === 'string' ? eq(bargainingSeasons.id, id) : sql`${bargainingSeasons.id} = ${id}`);
  return rows[0];
}

/**
 * The demands of a season choice (`ListDemandsQuery.season`): a season id, `none`
 * (without a season), `all`, or `current`/omitted: the current season on `today`, and
 * every demand while there is no current season (a union that has not set up seasons
 * sees all its demands). On demands_season_idx.
 */
export function seasonCondition(season: string | undefined, today: SQL): SQL | undefined {
  if (season === 'all') return undefined;
  if (season === 'none') return sql`${demands.seasonId} is null`;
  if (season && season !== 'current') return eq(demands.seasonId, season);
  const current = currentSeasonIdSql(today);
  return sql`(${current} is null or ${demands.seasonId} = ${current})`;
}
