import { asc, count, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { ENGAGEMENTS, UNION_ROLES } from '../../core/enums';
import { normalizeKana } from '../../core/members/kana';
import type { Db } from '../../db/client';
import { workplaceNameOrder } from '../../db/queries/workplaces';
import {
  atmosphereHistory,
  bargainingSeasons,
  demandMembers,
  demandNotes,
  demands,
  engagementHistory,
  memberCases,
  memberNotes,
  members,
  settings,
  users,
  userWorkplaces,
  workplaceMeetings,
  workplaces,
} from '../../db/schema';
import { verifyPassword } from '../auth/password';
import { demoSeasons } from './build-demands';
import { addDays, daysToSunday } from './days';
import { DEMO_ORGANIZATION_NAME, DEMO_PASSWORD, seedDemo } from './seed-demo';

// A Wednesday in Tokyo (2026-05-20): the week runs 05-18 to 05-24.
const NOW = new Date('2026-05-20T03:00:00Z');
const TODAY = '2026-05-20';

let a: TestDatabase;
let result: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  a = await createTestDb();
  result = await seedDemo(a.db, { seed: 7, now: NOW });
});
afterAll(async () => {
  await a?.close();
});

const allMembers = (db: Db) => db.select().from(members).orderBy(asc(members.id));

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    map.set(k, [...(map.get(k) ?? []), row]);
  }
  return map;
}

describe('seedDemo', () => {
  it('creates a union of the expected size', async () => {
    expect(result).toEqual({ workplaces: 12, members: 600, demands: 15, users: 5 });
    const ms = await allMembers(a.db);
    expect(ms).toHaveLength(600);
    const ws = await a.db.select().from(workplaces);
    expect(ws).toHaveLength(12);
    expect(new Set(ws.map((w) => w.establishment))).toEqual(
      new Set(['本社', '名古屋工場', '大阪物流センター']),
    );
    expect(ws.map((w) => w.atmosphere)).toEqual(
      expect.arrayContaining(['active', 'normal', 'indifferent', 'split_risk']),
    );
    for (const w of ws) {
      expect(w.issues).toBeTruthy();
      expect(w.organizingStatus).toBeTruthy();
    }
    expect(await a.db.select({ n: count() }).from(demands)).toEqual([{ n: 15 }]);
    const [notes] = await a.db.select({ n: count() }).from(memberNotes);
    expect(notes!.n).toBeGreaterThan(600);
    const [demandLog] = await a.db.select({ n: count() }).from(demandNotes);
    expect(demandLog!.n).toBeGreaterThanOrEqual(15);
  });

  it('gives every workplace more employees than members, with organization rates from 40 to 95 %', async () => {
    const ws = await a.db.select().from(workplaces);
    const ms = await allMembers(a.db);
    const rates = ws.map((w) => {
      const memberCount = ms.filter(
        (m) => m.workplaceId === w.id && m.status === 'active' && m.unionRole !== 'organizing_target',
      ).length;
      expect(w.employeeCount!).toBeGreaterThan(memberCount);
      return memberCount / w.employeeCount!;
    });
    for (const rate of rates) {
      expect(rate).toBeGreaterThanOrEqual(0.4);
      expect(rate).toBeLessThanOrEqual(0.95);
    }
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.4);
  });

  it('gives every workplace its reading, stored as the API stores one, so 職場名順 is gojūon order', async () => {
    const ws = await a.db.select().from(workplaces);
    for (const w of ws) {
      expect(w.nameKana, w.name).toBeTruthy();
      expect(normalizeKana(w.nameKana!), w.name).toBe(w.nameKana);
      expect(w.nameKana, w.name).toMatch(/^[\u30A0-\u30FFー]+$/);
    }
    const byName = Object.fromEntries(ws.map((w) => [w.name, w.nameKana]));
    expect(byName).toMatchObject({
      人事総務部: normalizeKana('じんじそうむぶ'),
      品質保証課: normalizeKana('ひんしつほしょうか'),
      営業部: normalizeKana('えいぎょうぶ'),
    });
    const sorted = await a.db
      .select({ name: workplaces.name })
      .from(workplaces)
      .orderBy(...workplaceNameOrder());
    expect(
      sorted.map((w) => w.name).filter((n) => ['人事総務部', '品質保証課', '営業部'].includes(n)),
    ).toEqual(['営業部', '人事総務部', '品質保証課']);
  });

  it('has realistic members: kana readings, unique employee numbers, all engagement levels and roles', async () => {
    const ms = await allMembers(a.db);
    for (const m of ms) {
      expect(m.nameKana).toMatch(/^[\u30A0-\u30FF\u3000 ー]+$/);
      expect(m.name).toMatch(/^\S+ \S+$/);
      expect(m.version).toBe(1);
      expect(m.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(new Set(ms.map((m) => m.name.split(' ')[0])).size).toBeGreaterThanOrEqual(60);
    expect(new Set(ms.map((m) => m.name.split(' ')[1])).size).toBeGreaterThanOrEqual(60);
    const numbers = ms.map((m) => m.employeeNumber);
    expect(numbers.every((n) => /^E\d{4}$/.test(n ?? ''))).toBe(true);
    expect(new Set(numbers).size).toBe(600);

    const engagements = new Set(ms.map((m) => m.engagement));
    expect([...engagements].sort()).toEqual([...ENGAGEMENTS].sort());
    const roles = groupBy(ms, (m) => m.unionRole);
    expect([...roles.keys()].sort()).toEqual([...UNION_ROLES].sort());
    expect(roles.get('full_time_officer')!.length).toBeLessThanOrEqual(5);
    expect(roles.get('general_member')!.length).toBeGreaterThan(450);
    const targets = roles.get('organizing_target')!.length;
    expect(targets).toBeGreaterThanOrEqual(18);
    expect(targets).toBeLessThanOrEqual(42);

    const current = ms.filter((m) => m.status === 'active' && m.unionRole !== 'organizing_target');
    const atRisk = current.filter((m) => m.engagement === 'at_risk').length / current.length;
    expect(atRisk).toBeGreaterThanOrEqual(0.02);
    expect(atRisk).toBeLessThanOrEqual(0.06);
    expect(current.filter((m) => m.engagement === 'active_core').length).toBeLessThan(
      current.filter((m) => m.engagement === 'regular').length,
    );

    const left = ms.filter((m) => m.status === 'left');
    expect(left.length).toBeGreaterThanOrEqual(12);
    expect(left.length).toBeLessThanOrEqual(24);
    for (const m of left) {
      expect(m.leftOn).toBeTruthy();
      expect(m.leftOn! >= m.joinedOn!).toBe(true);
      expect(m.leftOn! <= TODAY).toBe(true);
    }
    expect(ms.filter((m) => m.concerns?.includes('夜間作業の手当が低すぎる')).length).toBeGreaterThan(0);
    expect(ms.filter((m) => m.nextAction && m.nextActionDueOn).length).toBeGreaterThan(30);
  });

  it('spreads joinedOn over 25 years, with milestones near today and a leap-day joiner', async () => {
    const ms = (await allMembers(a.db)).filter((m) => m.joinedOn);
    const dates = ms.map((m) => m.joinedOn!).sort();
    expect(dates[0]! < '2004-01-01').toBe(true);
    expect(dates[dates.length - 1]! <= TODAY).toBe(true);
    expect(dates).toContain('2020-02-29');
    // Anniversary month is next month (June 2026): the tenure_milestone rule fires today.
    for (const years of [5, 10, 20]) {
      const month = `${2026 - years}-06`;
      expect(ms.some((m) => m.joinedOn!.startsWith(month) && m.status === 'active')).toBe(true);
    }
  });

  it('writes engagement history that starts from null and ends at the current engagement', async () => {
    const ms = await allMembers(a.db);
    const history = await a.db
      .select()
      .from(engagementHistory)
      .orderBy(asc(engagementHistory.memberId), asc(engagementHistory.changedAt));
    const byMember = groupBy(history, (h) => h.memberId);
    const recordingStart = new Date('2024-11-19T00:00:00+09:00').getTime();
    expect(byMember.size).toBe(600);
    let changes = 0;
    for (const m of ms) {
      const rows = byMember.get(m.id)!;
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.length).toBeLessThanOrEqual(5);
      expect(rows[0]!.from).toBeNull();
      expect(rows[0]!.changedAt.getTime()).toBeGreaterThanOrEqual(recordingStart);
      expect(rows[rows.length - 1]!.to).toBe(m.engagement);
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i]!.changedAt.getTime()).toBeGreaterThan(rows[i - 1]!.changedAt.getTime());
        expect(rows[i]!.from).toBe(rows[i - 1]!.to);
        expect(rows[i]!.reason).toBeTruthy();
      }
      expect(rows[rows.length - 1]!.changedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      changes += rows.length - 1;
    }
    expect(changes).toBeGreaterThan(300);
  });

  it('has open and closed cases, some sensitive, some overdue and some due this week', async () => {
    const cases = await a.db.select().from(memberCases);
    expect(cases.length).toBeGreaterThan(40);
    expect(cases.some((c) => c.sensitive)).toBe(true);
    expect(cases.some((c) => c.sensitive && c.title.includes('ハラスメント'))).toBe(true);
    expect(cases.some((c) => !c.sensitive)).toBe(true);
    const open = cases.filter((c) => c.status === 'open');
    const closed = cases.filter((c) => c.status === 'closed');
    expect(open.length).toBeGreaterThan(10);
    expect(closed.length).toBeGreaterThan(10);
    for (const c of closed) expect(c.closedOn! >= c.openedOn).toBe(true);
    const sunday = addDays(TODAY, daysToSunday(TODAY));
    expect(open.some((c) => c.dueOn && c.dueOn < TODAY)).toBe(true);
    expect(open.some((c) => c.dueOn && c.dueOn >= TODAY && c.dueOn <= sunday)).toBe(true);
    for (const c of open) expect(c.closedOn).toBeNull();
  });

  it('holds demands with clearly different numbers of members', async () => {
    const ds = await a.db.select().from(demands);
    const links = await a.db.select().from(demandMembers);
    const ms = new Map((await allMembers(a.db)).map((m) => [m.id, m]));
    const counts = ds.map(
      (d) => links.filter((l) => l.demandId === d.id && ms.get(l.memberId)?.status === 'active').length,
    );
    for (const n of counts) {
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(250);
    }
    expect(new Set(counts).size).toBeGreaterThanOrEqual(12);
    expect(new Set(ds.map((d) => d.status))).toEqual(
      new Set(['not_submitted', 'negotiating', 'settled', 'carried_over']),
    );
    expect(ds.find((d) => d.title === '夜勤手当の引き上げ')?.nextNegotiationOn).toBeTruthy();
  });

  it('records meetings and atmosphere history for each workplace', async () => {
    const ws = await a.db.select().from(workplaces);
    const meetings = groupBy(await a.db.select().from(workplaceMeetings), (m) => m.workplaceId);
    const history = groupBy(
      await a.db.select().from(atmosphereHistory).orderBy(asc(atmosphereHistory.changedAt)),
      (h) => h.workplaceId,
    );
    const ms = await allMembers(a.db);
    for (const w of ws) {
      const list = meetings.get(w.id)!;
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThanOrEqual(8);
      for (const m of list) {
        expect(m.attendeeCount).toBeLessThanOrEqual(m.invitedCount);
        expect(m.heldOn <= TODAY).toBe(true);
      }
      const rows = history.get(w.id)!;
      expect(rows[0]!.from).toBeNull();
      expect(rows[rows.length - 1]!.to).toBe(w.atmosphere);
      const rep = ms.find((m) => m.id === w.repMemberId);
      expect(rep).toMatchObject({ unionRole: 'workplace_rep', workplaceId: w.id });
      expect(w.ownerId).toBeTruthy();
    }
    // An indifferent workplace without a gathering for over 3 months: the gathering rule has work.
    expect(
      ws.some(
        (w) =>
          w.atmosphere === 'indifferent' && meetings.get(w.id)!.every((m) => m.heldOn < addDays(TODAY, -92)),
      ),
    ).toBe(true);
  });

  it('puts its demands in two bargaining seasons: the current one (containing today) and the one before', async () => {
    const seasons = await a.db.select().from(bargainingSeasons).orderBy(desc(bargainingSeasons.startsOn));
    // 2026-05-20: within 2026春闘 (from the previous November to June); the past season is 2025秋闘.
    expect(seasons.map((s) => [s.name, s.startsOn, s.endsOn])).toEqual([
      ['2026春闘', '2025-11-01', '2026-06-30'],
      ['2025秋闘', '2025-07-01', '2025-10-31'],
    ]);
    const ds = await a.db.select().from(demands);
    const inSeason = (id: string) => ds.filter((d) => d.seasonId === id);
    expect(ds.every((d) => d.seasonId !== null)).toBe(true);
    expect(inSeason(seasons[0]!.id).length).toBeGreaterThan(10);
    // The past season keeps demands settled before this one began.
    const past = inSeason(seasons[1]!.id);
    expect(past.length).toBeGreaterThanOrEqual(2);
    expect(past.every((d) => d.status === 'settled')).toBe(true);
    expect(demoSeasons('2026-11-24').current.name).toBe('2027春闘');
    expect(demoSeasons('2026-08-01')).toEqual({
      current: { name: '2026秋闘', startsOn: '2026-07-01', endsOn: '2026-10-31' },
      past: { name: '2026春闘', startsOn: '2025-11-01', endsOn: '2026-06-30' },
    });
  });

  it('creates the staff accounts, owners spread over them, and the organization settings', async () => {
    const staff = await a.db.select().from(users).orderBy(asc(users.email));
    expect(staff.map((u) => [u.email, u.role])).toEqual([
      ['ito@demo.kumiai.example', 'rep'],
      ['sato@demo.kumiai.example', 'officer'],
      ['suzuki@demo.kumiai.example', 'officer'],
      ['takahashi@demo.kumiai.example', 'executive'],
      ['tanaka@demo.kumiai.example', 'rep'],
    ]);
    expect(await verifyPassword(DEMO_PASSWORD, staff[1]!.passwordHash)).toBe(true);
    const reps = await a.db.select().from(userWorkplaces);
    expect(reps).toHaveLength(4);
    const owners = groupBy(
      (await allMembers(a.db)).filter((m) => m.ownerId),
      (m) => m.ownerId!,
    );
    expect(owners.size).toBeGreaterThanOrEqual(3);
    for (const list of owners.values()) expect(list.length).toBeGreaterThan(50);
    const [s] = await a.db.select().from(settings).where(eq(settings.id, 1));
    expect(s!.organizationName).toBe(DEMO_ORGANIZATION_NAME);
    expect(s!.secretaryGeneralUserId).toBe(staff.find((u) => u.email.startsWith('sato'))!.id);
  });

  it('is deterministic: the same seed and now give identical rows, another seed different ones', async () => {
    const b = await createTestDb();
    const c = await createTestDb();
    try {
      await seedDemo(b.db, { seed: 7, now: NOW });
      await seedDemo(c.db, { seed: 8, now: NOW });
      const [ma, mb, mc] = await Promise.all([allMembers(a.db), allMembers(b.db), allMembers(c.db)]);
      expect(mb).toEqual(ma);
      const history = (db: Db) => db.select().from(engagementHistory).orderBy(asc(engagementHistory.id));
      expect(await history(b.db)).toEqual(await history(a.db));
      const links = (db: Db) =>
        db.select().from(demandMembers).orderBy(asc(demandMembers.demandId), asc(demandMembers.memberId));
      expect(await links(b.db)).toEqual(await links(a.db));
      expect(mc.map((m) => m.id)).not.toEqual(ma.map((m) => m.id));
      expect(mc.map((m) => [m.name, m.engagement])).not.toEqual(ma.map((m) => [m.name, m.engagement]));
      for (const m of [...ma, ...mc]) {
        expect(m.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      }
    } finally {
      await Promise.all([b.close(), c.close()]);
    }
  });

  it('refuses a database that already has a workplace, and writes nothing', async () => {
    const d = await createTestDb();
    try {
      await d.db.insert(workplaces).values({ name: '既存の職場' });
      await expect(seedDemo(d.db, { seed: 1, now: NOW })).rejects.toThrow(/empty database/);
      expect(await d.db.select({ n: count() }).from(members)).toEqual([{ n: 0 }]);
      expect(await d.db.select({ n: count() }).from(users)).toEqual([{ n: 0 }]);
      expect(await d.db.select({ n: count() }).from(workplaces)).toEqual([{ n: 1 }]);
      const [s] = await d.db.select().from(settings);
      expect(s!.organizationName).not.toBe(DEMO_ORGANIZATION_NAME);
    } finally {
      await d.close();
    }
  });

  it('reuses a demo account left from an earlier demo instead of failing on its email', async () => {
    const d = await createTestDb();
    try {
      const [old] = await d.db
        .insert(users)
        .values({
          email: 'Sato@demo.kumiai.example',
          displayName: '佐藤（旧）',
          role: 'officer',
          passwordHash: 'x',
        })
        .returning();
      await seedDemo(d.db, { seed: 7, now: NOW });
      const staff = await d.db.select().from(users);
      expect(staff).toHaveLength(5);
      expect(staff.find((u) => u.email.toLowerCase() === 'sato@demo.kumiai.example')).toMatchObject({
        id: old!.id,
        displayName: '佐藤（旧）',
      });
      const [owned] = await d.db.select({ n: count() }).from(members).where(eq(members.ownerId, old!.id));
      expect(owned!.n).toBeGreaterThan(50);
    } finally {
      await d.close();
    }
  });

  it('refuses a second run on the same database', async () => {
    await expect(seedDemo(a.db, { seed: 7, now: NOW })).rejects.toThrow(/already has members or workplaces/);
    expect(await a.db.select({ n: count() }).from(members)).toEqual([{ n: 600 }]);
  });
});

describe('seedDemo through the API', () => {
  it('seeds next to an existing admin, lists ~600 members, and the demo officer can sign in', async () => {
    const t = await createTestApp({ now: () => NOW });
    try {
      await seedDemo(t.db, { seed: 3, now: NOW });
      const res = await t.api('GET', '/api/members?limit=5');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(5);
      expect(res.body.total).toBe(600);
      const atRisk = await t.api('GET', '/api/members?engagement=at_risk&limit=500');
      expect(atRisk.status).toBe(200);
      expect(atRisk.body.total).toBeGreaterThan(10);
      await expect(t.signIn('sato@demo.kumiai.example', DEMO_PASSWORD)).resolves.toMatch(/=/);
    } finally {
      await t.close();
    }
  });
});

describe('demo follow-ups', () => {
  it('gives every active at-risk demo member one open follow-up task for their owner', async () => {
    const database = await createTestDb();
    try {
      await seedDemo(database.db, { seed: 3, now: new Date('2026-05-20T03:00:00Z') });
      const result = await database.db.execute(sql`
        select count(*)::int as "atRisk",
               count(t.id)::int as "withTask",
               count(*) filter (where t.assignee_id is distinct from m.owner_id)::int as "wrongAssignee"
          from members m
          left join tasks t on t.subject_id = m.id and t.rule_id = 'at_risk_follow_up' and t.status = 'open'
         where m.engagement = 'at_risk' and m.status = 'active'`);
      const row = (
        result as unknown as { rows: { atRisk: number; withTask: number; wrongAssignee: number }[] }
      ).rows[0]!;
      expect(row.atRisk).toBeGreaterThan(5);
      expect(row.withTask).toBe(row.atRisk);
      expect(row.wrongAssignee).toBe(0);
    } finally {
      await database.close();
    }
  });
});
