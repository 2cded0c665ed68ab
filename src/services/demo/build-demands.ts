import type { DemoMember } from './build-members';
import { addDays, maxDate } from './days';
import type { DemandMemberRow, DemandNoteRow, DemandRow, DemoContext } from './demo-context';
import { DEMO_DEMANDS } from './demo-demands';

export type DemandRecords = { rows: DemandRow[]; links: DemandMemberRow[]; notes: DemandNoteRow[] };

/**
 * The union's demands, each held by a clearly different number of members:
 * those whose concerns are about the demand's topic come first, then others
 * from the workplaces it concerns.
 */
export function buildDemands(ctx: DemoContext, list: readonly DemoMember[]): DemandRecords {
  const { rng, today, recordingStart, userIds } = ctx;
  const records: DemandRecords = { rows: [], links: [], notes: [] };
  const eligible = list.filter((m) => m.row.status === 'active' && m.row.unionRole !== 'organizing_target');

  for (const demand of DEMO_DEMANDS) {
    const id = rng.uuid();
    const oldest = Math.max(...demand.notes.map((n) => n.daysAgo));
    const newest = Math.min(...demand.notes.map((n) => n.daysAgo));
    const createdOn = maxDate(recordingStart, addDays(today, -oldest - rng.int(3, 20)));
    const createdAt = ctx.at(createdOn);
    records.rows.push({
      id,
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
  return records;
}
