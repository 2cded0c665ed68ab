import { PACK_LIMITS, type SyncPack } from '../../core/sync/schemas';
import { firstDayOfMonth, plusDays, plusMonths } from '../../core/workflows/calendar';
import {
  packMeetings,
  packMembers,
  packNotes,
  packOpenCases,
  packTasks,
  packWorkplaces,
} from '../../db/queries/sync';
import { scopeOf } from '../access';
import { organizationToday, type ServiceContext } from '../context';
import { requireSyncUser } from './sync-access';

type Limits = typeof PACK_LIMITS;

/**
 * GET /api/sync/pack (issue 19): what the phone app keeps for working without signal. A rep:
 * their workplaces and those workplaces' active members; an officer or admin: their portfolio
 * (workplaces they own, members they own or who belong to those workplaces). Never a
 * sensitive case, whatever the role. Each section is one set-based query within the
 * scope; past a limit the section is cut and `truncated` is true. The device replaces its
 * stored pack with this one, so members who left the user's reach disappear from it.
 */
export async function getSyncPack(ctx: ServiceContext, limits: Limits = PACK_LIMITS): Promise<SyncPack> {
  requireSyncUser(ctx);
  const scope = scopeOf(ctx);
  const today = await organizationToday(ctx.db, ctx.now);
  const [workplaceRows, memberRows, taskRows] = await Promise.all([
    packWorkplaces(ctx.db, scope, limits.workplaces),
    packMembers(ctx.db, scope, limits.members),
    packTasks(ctx.db, scope, limits.tasks),
  ]);
  let truncated = false;
  const cut = <T>(rows: T[], limit: number) => {
    if (rows.length <= limit) return rows;
    truncated = true;
    return rows.slice(0, limit);
  };
  const workplaces = cut(workplaceRows, limits.workplaces);
  const members = cut(memberRows, limits.members);
  const tasks = cut(taskRows, limits.tasks);
  const memberIds = members.map((m) => m.id);
  const [cases, notes, meetings] = await Promise.all([
    packOpenCases(ctx.db, memberIds),
    packNotes(ctx.db, memberIds, plusDays(today, -limits.noteDays), limits.notesPerMember),
    packMeetings(
      ctx.db,
      scope,
      workplaces.map((w) => w.id),
      firstDayOfMonth(plusMonths(firstDayOfMonth(today), -1)),
    ),
  ]);
  const casesByMember = new Map<string, { id: string; title: string; status: string }[]>();
  for (const c of cases) {
    const list = casesByMember.get(c.memberId) ?? [];
    list.push({ id: c.id, title: c.title, status: c.status });
    casesByMember.set(c.memberId, list);
  }
  return {
    generatedAt: ctx.now.toISOString(),
    user: { id: ctx.actor.id, displayName: ctx.actor.displayName, role: ctx.actor.role },
    workplaces,
    members: members.map(({ nextAction, nextActionDueOn, ...m }) => ({
      ...m,
      nextAction: nextAction ? { title: nextAction, due: nextActionDueOn } : null,
      openCases: casesByMember.get(m.id) ?? [],
    })),
    tasks,
    notes: notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    meetings,
    truncated,
  };
}
