import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { todayIn } from '../../core/common/dates';
import type { StaffRole } from '../../core/enums';
import { updateMemberSchema } from '../../core/members/schemas';
import { plusDays } from '../../core/workflows/calendar';
import { evaluateDateRules, type TaskDraft, type WorkflowFacts } from '../../core/workflows/evaluate';
import { WORKFLOW_RULE_IDS, WORKFLOW_RULES } from '../../core/workflows/rules';
import { actingAs } from '../../db/acting';
import { type Db, openDatabase } from '../../db/client';
import { findSettings } from '../../db/queries/settings';
import { findRuleConfigs } from '../../db/queries/workflows';
import {
  memberCases,
  members,
  settings,
  tasks,
  users,
  userWorkplaces,
  workflowRules,
  workplaceMeetings,
  workplaces,
} from '../../db/schema';
import { updateMember } from '../members/update-member';
import { runWorkflowRules } from './run-workflow-rules';

// ---------------------------------------------------------------- helpers

/** The facts the pure evaluation needs, read from the same rows the sweep's SQL sees. */
async function loadFacts(db: Db): Promise<WorkflowFacts> {
  const s = await findSettings(db);
  const memberRows = await db
    .select({
      id: members.id,
      name: members.name,
      workplaceName: workplaces.name,
      joinedOn: members.joinedOn,
      status: members.status,
      unionRole: members.unionRole,
      ownerId: members.ownerId,
      ownerRole: users.role,
      workplaceId: members.workplaceId,
    })
    .from(members)
    .leftJoin(workplaces, eq(workplaces.id, members.workplaceId))
    .leftJoin(users, eq(users.id, members.ownerId));
  const caseRows = await db
    .select({
      id: memberCases.id,
      memberId: memberCases.memberId,
      status: memberCases.status,
      dueOn: memberCases.dueOn,
      title: memberCases.title,
      sensitive: memberCases.sensitive,
    })
    .from(memberCases);
  const workplaceRows = await db
    .select({
      id: workplaces.id,
      name: workplaces.name,
      atmosphere: workplaces.atmosphere,
      ownerId: workplaces.ownerId,
      ownerRole: users.role,
    })
    .from(workplaces)
    .leftJoin(users, eq(users.id, workplaces.ownerId));
  const coverage = await db.select().from(userWorkplaces);
  const workplacesOf = (userId: string | null) =>
    coverage.filter((c) => c.userId === userId).map((c) => c.workplaceId);
  const meetingRows = await db
    .select({ workplaceId: workplaceMeetings.workplaceId, heldOn: workplaceMeetings.heldOn })
    .from(workplaceMeetings);
  const taskRows = await db
    .select({
      ruleId: tasks.ruleId,
      subjectId: tasks.subjectId,
      status: tasks.status,
      onceKey: tasks.onceKey,
      createdAt: tasks.createdAt,
    })
    .from(tasks)
    .where(isNotNull(tasks.ruleId));
  const lastMeeting = new Map<string, string>();
  for (const m of meetingRows) {
    const prev = lastMeeting.get(m.workplaceId);
    if (!prev || m.heldOn > prev) lastMeeting.set(m.workplaceId, m.heldOn);
  }
  return {
    settings: {
      shuntoStartOn: s.shuntoStartOn,
      milestoneYears: s.milestoneYears,
      secretaryGeneralUserId: s.secretaryGeneralUserId,
    },
    members: memberRows.map((m) => ({ ...m, ownerWorkplaceIds: workplacesOf(m.ownerId) })),
    cases: caseRows,
    workplaces: workplaceRows.map((w) => ({
      ...w,
      ownerWorkplaceIds: workplacesOf(w.ownerId),
      lastMeetingOn: lastMeeting.get(w.id) ?? null,
    })),
    tasks: taskRows.map(({ createdAt, ...t }) => ({ ...t, createdOn: todayIn(s.timezone, createdAt) })),
  };
}

/** Created tasks as drafts (with their once-keys), sorted for comparison. */
async function asDrafts(db: Db, ids: string[]): Promise<TaskDraft[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({
      ruleId: tasks.ruleId,
      onceKey: tasks.onceKey,
      title: tasks.title,
      body: tasks.body,
      dueOn: tasks.dueOn,
      assigneeId: tasks.assigneeId,
      subjectType: tasks.subjectType,
      subjectId: tasks.subjectId,
    })
    .from(tasks)
    .where(sql`${tasks.id} = any(${`{${ids.join(',')}}`}::uuid[])`);
  return sortDrafts(rows as TaskDraft[]);
}

const sortDrafts = (drafts: TaskDraft[]) => [...drafts].sort((a, b) => a.onceKey.localeCompare(b.onceKey));

/** Noon in Tokyo on a day: the clock a sweep of that day runs with. */
const noonTokyo = (day: string) => new Date(`${day}T03:00:00Z`);

/**
 * Runs the sweep for a day and checks that the SQL created exactly what the
 * pure core evaluation of the same rows says (SPEC §4 parity).
 */
async function sweepAndCompare(db: Db, day: string, now = noonTokyo(day)) {
  const facts = await loadFacts(db);
  const expected = sortDrafts(evaluateDateRules(await findRuleConfigs(db), facts, day));
  const result = await runWorkflowRules({ db, now }, { asOf: day });
  const created = await asDrafts(
    db,
    result.created.map((t) => t.id),
  );
  expect(created, `sweep of ${day}`).toEqual(expected);
  return result;
}

let counter = 0;
async function addUser(db: Db, name = `担当者${++counter}`, role: StaffRole = 'officer') {
  const [u] = await db
    .insert(users)
    .values({
      email: `u${counter}-${Math.random()}@example.org`,
      displayName: name,
      role,
      passwordHash: 'x',
    })
    .returning();
  return u!;
}

async function addWorkplace(db: Db, values: Partial<typeof workplaces.$inferInsert> = {}) {
  const [w] = await db
    .insert(workplaces)
    .values({ name: `職場${++counter}`, ...values })
    .returning();
  return w!;
}

async function addMember(db: Db, values: Partial<typeof members.$inferInsert> = {}) {
  const [m] = await db
    .insert(members)
    .values({ name: `組合員${++counter}`, ...values })
    .returning();
  return m!;
}

async function addCase(db: Db, memberId: string, values: Partial<typeof memberCases.$inferInsert> = {}) {
  const [c] = await db
    .insert(memberCases)
    .values({ memberId, title: '相談', openedOn: '2025-01-01', ...values })
    .returning();
  return c!;
}

async function setSettings(db: Db, values: Partial<typeof settings.$inferInsert>) {
  await db.update(settings).set(values).where(eq(settings.id, 1));
}

/** A fresh database per scenario: each test makes its own rows. */
async function withDb(fn: (db: Db, database: TestDatabase) => Promise<void>) {
  const database = await createTestDb();
  try {
    await fn(database.db, database);
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------- scenarios

describe('the daily sweep', () => {
  it('counts days in the organization time zone, not the server one (2026-03-31T15:30Z is April 1 in Tokyo)', () =>
    withDb(async (db) => {
      const m = await addMember(db);
      await addCase(db, m.id, { dueOn: '2026-04-01' });
      const before = await runWorkflowRules({ db, now: new Date('2026-03-31T14:59:59Z') });
      expect(before.asOf).toBe('2026-03-31');
      expect(before.created).toEqual([]);
      const after = await runWorkflowRules({ db, now: new Date('2026-03-31T15:30:00Z') });
      expect(after.asOf).toBe('2026-04-01');
      expect(after.created.map((t) => [t.ruleId, t.dueOn])).toEqual([['case_due_follow_up', '2026-04-01']]);

      // Another zone: at 2026-04-01T02:00Z it is still March 31 in Los Angeles.
      await setSettings(db, { timezone: 'America/Los_Angeles' });
      const la = await runWorkflowRules({ db, now: new Date('2026-04-01T02:00:00Z') });
      expect(la.asOf).toBe('2026-03-31');
    }));

  it('is idempotent: a second sweep the same day, or a retry, creates nothing', () =>
    withDb(async (db) => {
      const w = await addWorkplace(db, { atmosphere: 'indifferent' });
      const m = await addMember(db, { workplaceId: w.id, joinedOn: '2016-05-10' });
      await addCase(db, m.id, { dueOn: '2026-04-01' });
      await setSettings(db, { shuntoStartOn: '2026-05-01' });
      const first = await sweepAndCompare(db, '2026-04-02');
      expect(first.counts).toEqual({
        case_due_follow_up: 1,
        tenure_milestone: 1,
        workplace_gathering: 1,
        shunto_survey: 1,
      });
      const again = await sweepAndCompare(db, '2026-04-02');
      expect(again.created).toEqual([]);
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tasks);
      expect(row!.n).toBe(4);
    }));

  it('creates the seed’s texts with the right subject, assignee and due date', () =>
    withDb(async (db) => {
      const owner = await addUser(db, '田中 一郎');
      const sg = await addUser(db, '書記長 花子');
      const w = await addWorkplace(db, { name: '第二工場', atmosphere: 'indifferent', ownerId: owner.id });
      const m = await addMember(db, {
        name: '山本 次郎',
        workplaceId: w.id,
        ownerId: owner.id,
        joinedOn: '2006-05-15',
      });
      await setSettings(db, { shuntoStartOn: '2026-05-20', secretaryGeneralUserId: sg.id });
      const { created } = await sweepAndCompare(db, '2026-04-01');
      const byRule = Object.fromEntries(created.map((t) => [t.ruleId, t]));
      expect(byRule.tenure_milestone).toMatchObject({
        title: '山本 次郎さん 組合歴20周年の感謝とフォロー',
        body: WORKFLOW_RULES.tenure_milestone.body,
        dueOn: '2026-05-15',
        assigneeId: owner.id,
        assigneeName: '田中 一郎',
        subjectType: 'member',
        subjectId: m.id,
        subjectName: '山本 次郎',
        status: 'open',
      });
      expect(byRule.workplace_gathering).toMatchObject({
        title: '第二工場職場 集会・懇親の場の設定',
        body: '職場委員と相談して、\n小規模でも集まる機会を作る。\n要求ではなく『話し合いの場』として設計する',
        dueOn: '2026-05-01',
        assigneeId: owner.id,
        subjectType: 'workplace',
        subjectId: w.id,
      });
      expect(byRule.shunto_survey).toMatchObject({
        title: '全組合員への要求アンケートの実施',
        dueOn: '2026-04-20',
        assigneeId: sg.id,
        subjectType: null,
        subjectId: null,
      });
    }));

  it('gives nothing for a milestone already passed when a member is imported', () =>
    withDb(async (db) => {
      // Imported on 2026-03-20 with a 10th anniversary on 2026-03-15: its window (February) has passed.
      await addMember(db, { joinedOn: '2016-03-15' });
      // This one's anniversary is later this month: its window passed too.
      await addMember(db, { joinedOn: '2016-03-25' });
      for (let day = '2026-03-20'; day <= '2026-12-31'; day = plusDays(day, 7)) {
        const { counts } = await sweepAndCompare(db, day);
        expect(counts.tenure_milestone, day).toBe(0);
      }
    }));

  it('announces a leap-day joiner’s milestone in January for February 28 of a common year', () =>
    withDb(async (db) => {
      const m = await addMember(db, { joinedOn: '2020-02-29' });
      expect((await sweepAndCompare(db, '2024-12-31')).created).toEqual([]);
      const { created } = await sweepAndCompare(db, '2025-01-01');
      expect(created.map((t) => [t.subjectId, t.title, t.dueOn])).toEqual([
        [m.id, `${m.name}さん 組合歴5周年の感謝とフォロー`, '2025-02-28'],
      ]);
    }));

  it('announces a January anniversary in December of the previous year', () =>
    withDb(async (db) => {
      await addMember(db, { joinedOn: '2016-01-01' });
      expect((await sweepAndCompare(db, '2025-11-30')).counts.tenure_milestone).toBe(0);
      const dec = await sweepAndCompare(db, '2025-12-01');
      expect(dec.created.map((t) => t.dueOn)).toEqual(['2026-01-01']);
      expect((await sweepAndCompare(db, '2026-01-01')).counts.tenure_milestone).toBe(0);
    }));

  it('leaves out organizing targets and members who left', () =>
    withDb(async (db) => {
      await addMember(db, { joinedOn: '2016-05-01', unionRole: 'organizing_target' });
      await addMember(db, { joinedOn: '2016-05-01', status: 'left', leftOn: '2026-01-31' });
      expect((await sweepAndCompare(db, '2026-04-15')).created).toEqual([]);
    }));

  it('fires the shunto survey again when the admin moves shuntoStartOn', () =>
    withDb(async (db) => {
      await setSettings(db, { shuntoStartOn: '2027-03-01' });
      expect((await sweepAndCompare(db, '2026-12-31')).counts.shunto_survey).toBe(0);
      const first = await sweepAndCompare(db, '2027-01-01');
      expect(first.created.map((t) => t.dueOn)).toEqual(['2027-02-01']);
      expect((await sweepAndCompare(db, '2027-01-02')).counts.shunto_survey).toBe(0);

      await setSettings(db, { shuntoStartOn: '2027-03-31' });
      const moved = await sweepAndCompare(db, '2027-01-31');
      expect(moved.created.map((t) => t.dueOn)).toEqual(['2027-02-28']);
      // Moving it back to a date already surveyed creates nothing more.
      await setSettings(db, { shuntoStartOn: '2027-03-01' });
      expect((await sweepAndCompare(db, '2027-02-01')).counts.shunto_survey).toBe(0);
      // No start date: no survey.
      await setSettings(db, { shuntoStartOn: null });
      expect((await sweepAndCompare(db, '2028-01-15')).counts.shunto_survey).toBe(0);
    }));

  it('fires a case follow-up again when the case’s due date is moved later, on the new date', () =>
    withDb(async (db) => {
      const m = await addMember(db);
      const c = await addCase(db, m.id, { dueOn: '2026-04-01' });
      expect((await sweepAndCompare(db, '2026-03-31')).counts.case_due_follow_up).toBe(0);
      expect((await sweepAndCompare(db, '2026-04-01')).counts.case_due_follow_up).toBe(1);
      await db.update(memberCases).set({ dueOn: '2026-04-10' }).where(eq(memberCases.id, c.id));
      expect((await sweepAndCompare(db, '2026-04-05')).counts.case_due_follow_up).toBe(0);
      const moved = await sweepAndCompare(db, '2026-04-10');
      expect(moved.created.map((t) => t.dueOn)).toEqual(['2026-04-10']);
      // A closed case gets nothing, even when overdue.
      await db
        .update(memberCases)
        .set({ dueOn: '2026-04-20', status: 'closed' })
        .where(eq(memberCases.id, c.id));
      expect((await sweepAndCompare(db, '2026-05-01')).counts.case_due_follow_up).toBe(0);
    }));

  it('leaves a sensitive case’s follow-up unassigned when the owner’s role may not see sensitive cases', () =>
    withDb(async (db) => {
      const officer = await addUser(db, '専従 一郎', 'officer');
      const executive = await addUser(db, '執行 二郎', 'executive');
      const rep = await addUser(db, '職場 三郎', 'rep');
      const w = await addWorkplace(db);
      await db.insert(userWorkplaces).values({ userId: rep.id, workplaceId: w.id });
      const byOwner = async (owner: { id: string }, sensitive: boolean) => {
        const m = await addMember(db, { ownerId: owner.id, workplaceId: w.id });
        const c = await addCase(db, m.id, { dueOn: '2026-04-01', sensitive, title: 'ハラスメント相談' });
        return { memberId: m.id, caseId: c.id };
      };
      const cases = {
        officerSensitive: await byOwner(officer, true),
        executiveSensitive: await byOwner(executive, true),
        repSensitive: await byOwner(rep, true),
        repPlain: await byOwner(rep, false),
      };
      const { created } = await sweepAndCompare(db, '2026-04-01');
      const assignee = (memberId: string) => created.find((t) => t.subjectId === memberId)?.assigneeId;
      expect(assignee(cases.officerSensitive.memberId)).toBe(officer.id);
      expect(assignee(cases.executiveSensitive.memberId)).toBeNull();
      expect(assignee(cases.repSensitive.memberId)).toBeNull();
      expect(assignee(cases.repPlain.memberId)).toBe(rep.id);
      // A sensitive case is never named (its task may reach staff who may not see it); a plain one is.
      const text = (memberId: string) => {
        const t = created.find((c) => c.subjectId === memberId);
        return `${t?.title}${t?.body ?? ''}`;
      };
      for (const c of [cases.officerSensitive, cases.executiveSensitive, cases.repSensitive]) {
        expect(text(c.memberId)).not.toContain('ハラスメント');
        expect(text(c.memberId)).toContain('案件「要配慮の案件」');
      }
      expect(text(cases.repPlain.memberId)).toContain('案件「ハラスメント相談」');
      // Idempotent: a second sweep makes none of them again.
      expect((await sweepAndCompare(db, '2026-04-01')).created).toEqual([]);
    }));

  it('gives a rule task about a member or workplace to a rep owner only when it is one of the rep’s workplaces', () =>
    withDb(async (db) => {
      const rep = await addUser(db, '職場 四郎', 'rep');
      const officer = await addUser(db, '専従 五郎', 'officer');
      const covered = await addWorkplace(db, { atmosphere: 'indifferent', ownerId: rep.id });
      const other = await addWorkplace(db, { atmosphere: 'indifferent', ownerId: rep.id });
      const byOfficer = await addWorkplace(db, { atmosphere: 'indifferent', ownerId: officer.id });
      await db.insert(userWorkplaces).values({ userId: rep.id, workplaceId: covered.id });
      // Owned by the rep (as an older version allowed): in their workplace, in another, in none.
      const member = (workplaceId: string | null, ownerId = rep.id) =>
        addMember(db, { ownerId, workplaceId, joinedOn: '2021-05-10' });
      const inside = await member(covered.id);
      const outside = await member(other.id);
      const nowhere = await member(null);
      const officers = await member(other.id, officer.id);
      for (const m of [inside, outside, nowhere, officers]) await addCase(db, m.id, { dueOn: '2026-03-31' });
      await setSettings(db, { shuntoStartOn: '2026-05-20', secretaryGeneralUserId: rep.id });

      const { created } = await sweepAndCompare(db, '2026-04-01');
      const assignees = (subjectId: string) =>
        created
          .filter((t) => t.subjectId === subjectId)
          .map((t) => `${t.ruleId}:${t.assigneeId}`)
          .sort();
      expect(assignees(inside.id)).toEqual([`case_due_follow_up:${rep.id}`, `tenure_milestone:${rep.id}`]);
      for (const m of [outside, nowhere]) {
        expect(assignees(m.id)).toEqual(['case_due_follow_up:null', 'tenure_milestone:null']);
      }
      expect(assignees(officers.id)).toEqual([
        `case_due_follow_up:${officer.id}`,
        `tenure_milestone:${officer.id}`,
      ]);
      expect(assignees(covered.id)).toEqual([`workplace_gathering:${rep.id}`]);
      expect(assignees(other.id)).toEqual(['workplace_gathering:null']);
      expect(assignees(byOfficer.id)).toEqual([`workplace_gathering:${officer.id}`]);
      // The survey has no subject: it goes to the secretary general, a rep or not.
      expect(created.find((t) => t.ruleId === 'shunto_survey')?.assigneeId).toBe(rep.id);

      // at_risk_follow_up, in the transaction of the change, follows the same rule.
      const admin = await addUser(db, '管理 六郎', 'admin');
      const ctx = { db: actingAs(db, admin.id, noonTokyo('2026-04-01')), now: noonTokyo('2026-04-01') };
      for (const m of [inside, outside]) {
        const input = updateMemberSchema.parse({ engagement: 'at_risk', version: m.version });
        await updateMember({ ...ctx, actor: { ...admin, workplaceIds: [] } }, m.id, input);
      }
      const atRisk = await db.select().from(tasks).where(eq(tasks.ruleId, 'at_risk_follow_up'));
      const atRiskOf = (memberId: string) => atRisk.find((t) => t.subjectId === memberId)?.assigneeId;
      expect(atRiskOf(inside.id)).toBe(rep.id);
      expect(atRiskOf(outside.id)).toBeNull();
    }));

  it('makes no gathering task next sweep for a workplace whose meeting is recorded after the task was made', () =>
    withDb(async (db) => {
      const w = await addWorkplace(db, { atmosphere: 'indifferent' });
      const first = await sweepAndCompare(db, '2026-04-01');
      expect(first.created.map((t) => t.dueOn)).toEqual(['2026-05-01']);
      // The officer holds the meeting and completes the task.
      await db.insert(workplaceMeetings).values({
        workplaceId: w.id,
        heldOn: '2026-04-01',
        title: '職場集会',
        attendeeCount: 5,
        invitedCount: 10,
      });
      await db.update(tasks).set({ status: 'done' }).where(eq(tasks.id, first.created[0]!.id));
      expect((await sweepAndCompare(db, '2026-04-02')).counts.workplace_gathering).toBe(0);
      // Exactly 3 months after the meeting it still counts; the day after, it no longer does.
      expect((await sweepAndCompare(db, '2026-07-01')).counts.workplace_gathering).toBe(0);
      expect((await sweepAndCompare(db, '2026-07-02')).counts.workplace_gathering).toBe(1);
    }));

  it('blocks a gathering task while one is open, and for 3 months after one was created', () =>
    withDb(async (db) => {
      const w = await addWorkplace(db, { atmosphere: 'indifferent' });
      const open = await addWorkplace(db, { atmosphere: 'indifferent' });
      await addWorkplace(db, { atmosphere: 'split_risk' });
      const first = await sweepAndCompare(db, '2026-05-31');
      expect(first.created.map((t) => t.subjectId).sort()).toEqual([w.id, open.id].sort());
      await db.update(tasks).set({ status: 'done' }).where(eq(tasks.subjectId, w.id));
      // Month ends: Aug 31 − 3 months is May 31, the day it was created: still blocked.
      expect((await sweepAndCompare(db, '2026-08-31')).counts.workplace_gathering).toBe(0);
      const later = await sweepAndCompare(db, '2026-09-01');
      expect(later.created.map((t) => t.subjectId)).toEqual([w.id]);
    }));

  it('creates nothing for a disabled rule, and renders edited templates in SQL exactly as in core', () =>
    withDb(async (db) => {
      const w = await addWorkplace(db, { name: '本社{name}', atmosphere: 'indifferent' });
      // A name that looks like a placeholder is text, not a placeholder.
      const m = await addMember(db, { name: '{workplace}さん', workplaceId: w.id, joinedOn: '2021-05-01' });
      await addMember(db, { joinedOn: '2021-05-02' });
      await addCase(db, m.id, { dueOn: '2026-04-01' });
      await db.insert(workflowRules).values([
        { id: 'case_due_follow_up', enabled: false },
        {
          id: 'tenure_milestone',
          titleTemplate: '{years}年 {name} / {workplace}',
          bodyTemplate: '【{workplace}】',
        },
        { id: 'workplace_gathering', titleTemplate: '集会: {workplace}', bodyTemplate: null },
      ]);
      const { created, counts } = await sweepAndCompare(db, '2026-04-01');
      expect(counts.case_due_follow_up).toBe(0);
      expect(created.map((t) => [t.title, t.body]).sort()).toEqual(
        [
          ['5年 {workplace}さん / 本社{name}', '【本社{name}】'],
          [`5年 組合員${counter} / `, '【】'],
          ['集会: 本社{name}', WORKFLOW_RULES.workplace_gathering.body],
        ].sort(),
      );
    }));
});

// ---------------------------------------------------------------- a year

describe('a simulated year', () => {
  let database: TestDatabase;
  let db: Db;
  const fired = new Map<string, string[]>();
  const keyOf = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDb();
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('fires each rule on exactly the expected days of 2026, each task exactly once', async () => {
    const sg = await addUser(db);
    const owner = await addUser(db);
    await setSettings(db, {
      shuntoStartOn: '2026-05-20',
      milestoneYears: [5, 10, 20],
      secretaryGeneralUserId: sg.id,
    });
    const m10 = await addMember(db, { joinedOn: '2016-04-15', ownerId: owner.id });
    const mLeap = await addMember(db, { joinedOn: '2016-02-29' });
    const mJan = await addMember(db, { joinedOn: '2007-01-10' });
    await addMember(db, { joinedOn: '2021-01-10' }); // 5 years on 2026-01-10: its window was December 2025
    await addMember(db, { joinedOn: '2016-06-01', unionRole: 'organizing_target' });
    await addMember(db, { joinedOn: '2016-06-01', status: 'left', leftOn: '2025-01-01' });
    const m5 = await addMember(db, { joinedOn: '2021-08-31' });
    const c1 = await addCase(db, m10.id, { dueOn: '2026-02-10' });
    await addCase(db, m10.id, { dueOn: '2026-03-01', status: 'closed', closedOn: '2026-02-01' });
    const c3 = await addCase(db, m10.id, { dueOn: '2025-12-01' });
    await addCase(db, m10.id, { dueOn: null });
    const w1 = await addWorkplace(db, { atmosphere: 'indifferent' });
    const w2 = await addWorkplace(db, { atmosphere: 'indifferent' });
    await db
      .insert(workplaceMeetings)
      .values({ workplaceId: w2.id, heldOn: '2025-12-10', title: '集会', attendeeCount: 3, invitedCount: 9 });
    await addWorkplace(db, { atmosphere: 'normal' });
    // Its officer completes each gathering task the day it appears, and holds no meeting.
    const w4 = await addWorkplace(db, { atmosphere: 'indifferent' });

    const expected: Record<string, string> = {
      [`tenure_milestone:${mLeap.id}:10`]: '2026-01-01',
      [`case_due_follow_up:${c3.id}:2025-12-01`]: '2026-01-01',
      [`workplace_gathering:${w1.id}:2026-01-01`]: '2026-01-01',
      [`workplace_gathering:${w4.id}:2026-01-01`]: '2026-01-01',
      [`case_due_follow_up:${c1.id}:2026-02-10`]: '2026-02-10',
      [`tenure_milestone:${m10.id}:10`]: '2026-03-01',
      [`workplace_gathering:${w2.id}:2026-03-11`]: '2026-03-11',
      'shunto_survey:2026-05-20': '2026-03-20',
      [`workplace_gathering:${w4.id}:2026-04-02`]: '2026-04-02',
      [`tenure_milestone:${m5.id}:5`]: '2026-07-01',
      // Created on Apr 2, it blocks while today − 3 months ≤ Apr 2: through Jul 2.
      [`workplace_gathering:${w4.id}:2026-07-03`]: '2026-07-03',
      [`workplace_gathering:${w4.id}:2026-10-04`]: '2026-10-04',
      [`tenure_milestone:${mJan.id}:20`]: '2026-12-01',
    };

    const started = performance.now();
    for (let day = '2026-01-01'; day <= '2026-12-31'; day = plusDays(day, 1)) {
      // The clock moves with the simulated day (noon in Tokyo), so "created in the last 3 months" is real.
      const result = await sweepAndCompare(db, day);
      if (day.endsWith('-01'))
        expect((await runWorkflowRules({ db, now: noonTokyo(day) })).created, day).toEqual([]);
      const drafts = await asDrafts(
        db,
        result.created.map((t) => t.id),
      );
      for (const d of drafts) {
        fired.set(d.onceKey, [...(fired.get(d.onceKey) ?? []), day]);
        keyOf.set(d.onceKey, d.ruleId);
      }
      await db
        .update(tasks)
        .set({ status: 'done' })
        .where(sql`${tasks.ruleId} = 'workplace_gathering' and ${tasks.subjectId} = ${w4.id}`);
    }
    const elapsed = performance.now() - started;

    expect(Object.fromEntries([...fired].map(([key, days]) => [key, days.join(',')]))).toEqual(expected);
    expect(new Set(keyOf.values())).toEqual(
      new Set(WORKFLOW_RULE_IDS.filter((id) => id !== 'at_risk_follow_up')),
    );
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tasks);
    expect(row!.n).toBe(Object.keys(expected).length);
    // 365 sweeps plus their parity checks: a sweep is a handful of statements.
    expect(elapsed).toBeLessThan(60_000);
  }, 120_000);
});

// ---------------------------------------------------------------- PostgreSQL race

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('on PostgreSQL', () => {
  it('two sweeps started at the same moment from two pools create each task once', async () => {
    const database = await createTestDb();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${database.name}`;
    const other = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    try {
      const db = database.db;
      await setSettings(db, { shuntoStartOn: '2026-05-01' });
      for (let i = 0; i < 20; i++) {
        const w = await addWorkplace(db, { atmosphere: i % 2 ? 'indifferent' : 'normal' });
        const m = await addMember(db, {
          workplaceId: w.id,
          joinedOn: `20${10 + (i % 10)}-04-${String(10 + i).padStart(2, '0')}`,
        });
        await addCase(db, m.id, { dueOn: '2026-04-01' });
      }
      let total = 0;
      for (const day of ['2026-03-05', '2026-03-06', '2026-04-01', '2026-04-02']) {
        const now = noonTokyo(day);
        const [a, b] = await Promise.all([
          runWorkflowRules({ db, now }, { asOf: day }),
          runWorkflowRules({ db: other.db, now }, { asOf: day }),
        ]);
        total += a.created.length + b.created.length;
        const ids = [...a.created, ...b.created].map((t) => t.id);
        expect(new Set(ids).size, day).toBe(ids.length);
      }
      const rows = await db
        .select({ key: tasks.onceKey, n: sql<number>`count(*)::int` })
        .from(tasks)
        .groupBy(tasks.onceKey);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(rows.length).toBe(total);
      // 20 cases, 10 indifferent workplaces, one survey, and the milestones of the members
      // whose anniversary is in April (joined 2016 → 10 years, 2021 → 5 years).
      expect(total).toBeGreaterThan(31);
    } finally {
      await other.close();
      await database.close();
    }
  }, 60_000);
});

// ---------------------------------------------------------------- seed texts

// The seed sits beside the repository (shared/seed) on developer machines and in CI.
const SEED = fileURLToPath(new URL('../../../../shared/seed/labor-union-crm-article.txt', import.meta.url));

describe('rule texts', () => {
  it.runIf(existsSync(SEED))('are the seed’s task titles and bodies verbatim, line breaks kept', () => {
    const seed = readFileSync(SEED, 'utf8');
    const bodies = [...seed.matchAll(/内容:「([^」]*)」/g)].map((m) => m[1]);
    const titles = [...seed.matchAll(/タスク:「([^」]*)」/g)].map((m) => m[1]);
    const fill = (t: string) =>
      t.replace('{name}', '○○').replace('{workplace}', '○○').replace('{years}', '○');
    expect(WORKFLOW_RULE_IDS.map((id) => fill(WORKFLOW_RULES[id].title))).toEqual(titles);
    // The seed gives the case follow-up no body; ours names the case (issue 14).
    const seedBodies = WORKFLOW_RULE_IDS.filter((id) => id !== 'case_due_follow_up').map(
      (id) => WORKFLOW_RULES[id].body,
    );
    expect(seedBodies).toEqual(bodies);
    expect(WORKFLOW_RULES.case_due_follow_up.body).toContain('{case}');
  });
});
