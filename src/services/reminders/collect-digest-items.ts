import { type Scope, scopeOf } from '../../core/access/policy';
import type { StaffRole } from '../../core/enums';
import type { DigestItems } from '../../core/reminders/digest';
import type { DbOrTx } from '../../db/client';
import {
  findAttritionRisk,
  findEarlyWarnings,
  findFollowUps,
  findNextActions,
} from '../../db/queries/dashboards';
import {
  findDigestTasks,
  findMeetingsBetween,
  findNegotiationsBetween,
  findNewRuleTasks,
} from '../../db/queries/digests';
import { weeklyFrame } from '../dashboards/weekly-frame';

/** How many items a section lists (the rest is a count). */
export const DIGEST_SECTION_LIMIT = 20;

export type DigestRecipient = {
  id: string;
  role: StaffRole;
  workplaceIds: readonly string[];
};

/**
 * What a user's digest holds at `now`, read within their scope as it is now: a rep's
 * workplaces only; cases never sensitive by name (counted for those who may see them);
 * next actions and cases of the members the user is 担当 for (a rep: of their workplaces).
 * The week's at-risk and early-warning counts for admins, officers and executives,
 * from the weekly dashboard's queries.
 */
export async function collectDigestItems(
  db: DbOrTx,
  user: DigestRecipient,
  frequency: 'daily' | 'weekly',
  now: Date,
  since: Date,
): Promise<DigestItems> {
  const frame = await weeklyFrame(db, now, undefined);
  const scope = scopeOf(user);
  const blind: Scope = { ...scope, sensitiveCases: false };
  // A rep's digest covers their workplaces; other roles' (union-wide) the members they own.
  const mine = user.role === 'rep' ? blind : { ...blind, ownerId: user.id };
  const p = { asOf: frame.asOf, weekEnd: frame.weekEnd };
  const limit = DIGEST_SECTION_LIMIT;
  const [tasks, newRuleTasks, nextActions, cases, negotiations, meetings] = await Promise.all([
    findDigestTasks(db, user.id, scope, p, limit),
    findNewRuleTasks(db, user.id, scope, since, limit),
    findNextActions(db, p, limit, mine),
    findFollowUps(db, p, limit, mine),
    findNegotiationsBetween(db, frame.asOf, frame.weekEnd, limit),
    findMeetingsBetween(db, scope, frame.asOf, frame.weekEnd, limit),
  ]);
  let sensitiveCasesDue = 0;
  if (scope.sensitiveCases) {
    const all = await findFollowUps(db, p, 1, { ...mine, sensitiveCases: true });
    sensitiveCasesDue = Math.max(0, all.total - cases.total);
  }
  let figures: DigestItems['figures'];
  if (user.role !== 'rep') {
    const [atRisk, early] = await Promise.all([
      findAttritionRisk(db, frame.timeZone, 1, blind),
      findEarlyWarnings(db, frame.earlyWarning, 1, blind),
    ]);
    figures = { atRisk: atRisk.total, earlyWarnings: early.total };
  }
  return {
    frequency,
    asOf: frame.asOf,
    weekStart: frame.weekStart,
    weekEnd: frame.weekEnd,
    tasks: tasks.items,
    tasksTotal: tasks.total,
    newRuleTasks,
    nextActions: nextActions.items.map((a) => ({
      memberId: a.memberId,
      name: a.name,
      dueOn: a.nextActionDueOn,
      overdue: Boolean(a.overdue),
    })),
    nextActionsTotal: nextActions.total,
    cases: cases.items
      .filter((c) => !c.sensitive)
      .map((c) => ({
        memberId: c.memberId,
        memberName: c.memberName,
        dueOn: c.dueOn,
        overdue: Boolean(c.overdue),
      })),
    casesTotal: cases.total,
    sensitiveCasesDue,
    negotiations,
    meetings,
    figures,
  };
}
