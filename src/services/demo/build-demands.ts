import type { DemoMember } from './build-members';
import { addDays, maxDate } from './days';
import type { DemandMemberRow, DemandNoteRow, DemandRow, DemoContext, SeasonRow } from './demo-context';
import { DEMO_DEMANDS } from './demo-demands';

export type DemandRecords = {
  seasons: SeasonRow[];
  rows: DemandRow[];
  links: DemandMemberRow[];
  notes: DemandNoteRow[];
};

type SeasonDates = { name: string; startsOn: string; endsOn: string };

/**
 * The union's bargaining seasons around `today`: 春闘 Y runs from November 1 of Y−1
 * (要求アンケート, 要求策定) to June 30 of Y (継続協議 included); 秋闘 Y (年末一時金)
 * from July 1 to October 31 of Y. The current one contains today; the past one is
 * the season before it. So on 2026-11-24 they are 2027春闘 and 2026秋闘.
 */
export function demoSeasons(today: string): { current: SeasonDates; past: SeasonDates } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const spring = (y: number): SeasonDates => ({
    name: `${y}春闘`,
    startsOn: `${y - 1}-11-01`,
    endsOn: `${y}-06-30`,
  });
  const autumn = (y: number): SeasonDates => ({
    name: `${y}秋闘`,
    startsOn: `${y}-07-01`,
    endsOn: `${y}-10-31`,
  });
  if (month >= 11) return { current: spring(year + 1), past: autumn(year) };
  if (month >= 7) return { current: autumn(year), past: spring(year) };
  return { current: spring(year), past: autumn(year - 1) };
}

/**
 * The union's demands, each held by a clearly different number of members:
 * those whose concerns are about the demand's topic come first, then others
 * from the workplaces it concerns.
 */
export function buildDemands(ctx: DemoContext, list: readonly DemoMember[]): DemandRecords {
  const { rng, today, recordingStart, userIds } = ctx;
  const records: DemandRecords = { seasons: [], rows: [], links: [], notes: [] };
  const { current, past } = demoSeasons(today);
  const eligible = list.filter((m) => m.row.status === 'active' && m.row.unionRole !== 'organizing_target');

  for (const demand of DEMO_DEMANDS) {
    const id = rng.uuid();
    const oldest = Math.max(...demand.notes.map((n) => n.daysAgo));
    const newest = Math.min(...demand.notes.map((n) => n.daysAgo));
    const createdOn = maxDate(recordingStart, addDays(today, -oldest - rng.int(3, 20)));
    const createdAt = ctx.at(createdOn);
    // Settled before the current season began: it belongs to the past one; the rest
    // (継続案件 included, carried into this season) to the current one.
    const inPast = demand.status === 'settled' && addDays(today, -newest) < current.startsOn;
    records.rows.push({
      id,
      seasonId: inPast ? past.name : current.name,
      title: demand.title,
      description: demand.description,
      priority: demand.priority,
      status: demand.status,
      nextNegotiationOn:
        demand.nextNegotiationInDays === null ? null : addDays(today, demand.nextNegotiationInDays),
      createdAt,
      updatedAt: ctx.at(addDays(today, -newest)),
      version: 1,
    });

    const pool = eligible.filter((m) => demand.kinds.includes(m.workplace.kind));
    const holders = [
      ...rng.shuffle(pool.filter((m) => m.topics.includes(demand.topic))),
      ...rng.shuffle(pool.filter((m) => !m.topics.includes(demand.topic))),
    ].slice(0, demand.relatedMembers);
    for (const m of holders) {
      const linkedOn = maxDate(createdOn, m.row.joinedOn ?? createdOn);
      records.links.push({
        demandId: id,
        memberId: m.row.id,
        createdAt: ctx.at(maxDate(linkedOn, addDays(createdOn, rng.int(0, 60)))),
        createdBy: m.row.ownerId ?? userIds.sato,
      });
    }

    for (const note of demand.notes) {
      const occurredOn = maxDate(recordingStart, addDays(today, -note.daysAgo));
      const at = ctx.at(occurredOn);
      records.notes.push({
        id: rng.uuid(),
        demandId: id,
        occurredOn,
        kind: note.kind,
        body: note.body,
        authorId: note.kind === 'internal' ? userIds.suzuki : userIds.sato,
        createdAt: at,
        updatedAt: at,
        version: 1,
      });
    }
  }
  // Drawn last, so the rest of the union does not depend on the seasons.
  const seasonIds = new Map([current, past].map((season) => [season.name, rng.uuid()]));
  const createdAt = ctx.at(maxDate(recordingStart, addDays(past.startsOn, -14)));
  records.seasons = [current, past].map((season) => ({
    id: seasonIds.get(season.name)!,
    ...season,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  }));
  for (const row of records.rows) row.seasonId = seasonIds.get(row.seasonId!)!;
  return records;
}
