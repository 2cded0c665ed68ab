/**
 * Leaks through secondary surfaces (issue: access): on the demo union, what a rep
 * and an executive see through totals, search, filters, sub-resources and the
 * dashboards must equal what the same figures give over the records they may see —
 * computed here from the admin's unrestricted answers and the database, not from
 * the code under test.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { rowsOf } from '../../db/queries/records';
import { DEMO_PASSWORD, seedDemo } from '../../services/demo/seed-demo';

const NOW = new Date('2026-11-24T03:00:00Z');
let t: TestApp;
type Client = TestApp['api'];
let rep: Client;
let executive: Client;
let repWorkplaces: string[];

async function all<T>(client: Client, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await client(
      'GET',
      `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  await seedDemo(t.db, { now: NOW });
  const reps = rowsOf<{ email: string; workplace_ids: string[] }>(
    await t.db.execute(
      sql`select u.email, array_agg(uw.workplace_id::text order by uw.workplace_id) as workplace_ids
          from users u join user_workplaces uw on uw.user_id = u.id
          where u.role = 'rep' group by u.email order by u.email limit 1`,
    ),
  );
  expect(reps.length).toBe(1);
  repWorkplaces = reps[0]!.workplace_ids;
  rep = t.as(await t.signIn(reps[0]!.email, DEMO_PASSWORD));
  const exec = rowsOf<{ email: string }>(
    await t.db.execute(sql`select email from users where role = 'executive' order by email limit 1`),
  );
  executive = t.as(await t.signIn(exec[0]!.email, DEMO_PASSWORD));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

type Member = { id: string; workplaceId: string | null; openCaseCount: number };
const inRepScope = (workplaceId: string | null) =>
  workplaceId !== null && repWorkplaces.includes(workplaceId);

describe('a rep sees their workplaces only, on every surface', () => {
  it('member list totals, search hits and filters equal the admin’s restricted to the rep’s workplaces', async () => {
    for (const query of [
      '',
      'q=田',
      'q=ヤマ',
      'engagement=at_risk',
      'unionRole=general_member',
      'status=left',
      'sort=-joinedOn',
    ]) {
      const everyone = await all<Member>(t.api, `/api/members?${query}`);
      const expected = everyone.filter((m) => inRepScope(m.workplaceId)).map((m) => m.id);
      const seen = await rep('GET', `/api/members?${query}&limit=500`);
      expect(seen.body.total, query).toBe(expected.length);
      expect(new Set(seen.body.items.map((m: Member) => m.id)), query).toEqual(new Set(expected));
    }
    // Filtering by a workplace outside the scope gives nothing, not an error.
    const [outside] = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select id from workplaces where not (id = any(${`{${repWorkplaces.join(',')}}`}::uuid[])) limit 1`,
      ),
    );
    const filtered = await rep('GET', `/api/members?workplaceId=${outside!.id}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.total).toBe(0);
  });

  it('the workplace list holds only the rep’s workplaces', async () => {
    const seen = await all<{ id: string }>(rep, '/api/workplaces');
    expect(seen.map((w) => w.id).sort()).toEqual([...repWorkplaces].sort());
  });

  it('demand counts and demand members count only the rep’s members', async () => {
    const links = rowsOf<{ demand_id: string; n: number }>(
      await t.db.execute(sql`
        select d.id as demand_id, count(m.id)::int as n
        from demands d
        left join demand_members dm on dm.demand_id = d.id
        left join members m on m.id = dm.member_id and m.status = 'active' and m.union_role <> 'organizing_target'
          and m.workplace_id = any(${`{${repWorkplaces.join(',')}}`}::uuid[])
        group by d.id`),
    );
    const expected = new Map(links.map((l) => [l.demand_id, Number(l.n)]));
    const demands = await all<{ id: string; relatedMemberCount: number }>(rep, '/api/demands');
    expect(demands.length).toBe(expected.size);
    for (const d of demands) expect(d.relatedMemberCount, d.id).toBe(expected.get(d.id));
    const busiest = demands.sort((a, b) => b.relatedMemberCount - a.relatedMemberCount)[0]!;
    const members = await all<{ id: string; workplaceId: string | null }>(
      rep,
      `/api/demands/${busiest.id}/members`,
    );
    expect(members.every((m) => inRepScope(m.workplaceId))).toBe(true);
  });

  it('weekly dashboard lists equal the admin’s restricted to the rep’s workplaces, without sensitive cases', async () => {
    const [full, own] = await Promise.all([
      t.api('GET', '/api/dashboards/weekly?limit=500'),
      rep('GET', '/api/dashboards/weekly?limit=500'),
    ]);
    expect(own.status).toBe(200);
    const memberWorkplace = new Map(
      (await all<Member>(t.api, '/api/members')).map((m) => [m.id, m.workplaceId] as const),
    );
    const followUps = full.body.followUps.filter(
      (f: { memberId: string; sensitive: boolean }) =>
        !f.sensitive && inRepScope(memberWorkplace.get(f.memberId) ?? null),
    );
    expect(own.body.followUps.map((f: { caseId: string }) => f.caseId)).toEqual(
      followUps.map((f: { caseId: string }) => f.caseId),
    );
    expect(own.body.attritionRisk.map((r: { memberId: string }) => r.memberId)).toEqual(
      full.body.attritionRisk
        .filter((r: { workplaceId: string | null }) => inRepScope(r.workplaceId))
        .map((r: { memberId: string }) => r.memberId),
    );
    expect(own.body.earlyWarnings.map((r: { memberId: string }) => r.memberId)).toEqual(
      full.body.earlyWarnings
        .filter((r: { workplaceId: string | null }) => inRepScope(r.workplaceId))
        .map((r: { memberId: string }) => r.memberId),
    );
    expect(own.body.workplaceMap).toEqual(
      full.body.workplaceMap.filter((r: { workplaceId: string }) => inRepScope(r.workplaceId)),
    );
    // Under the cap, every total is its list's length (nothing counted that is not shown).
    for (const key of ['followUps', 'attritionRisk', 'earlyWarnings']) {
      expect(own.body.totals[key], `totals.${key}`).toBe(own.body[key].length);
    }
    expect(own.body.totals.overdueFollowUps).toBe(
      own.body.followUps.filter((f: { overdue: boolean }) => f.overdue).length,
    );
  });

  it('monthly organization rates cover the rep’s workplaces, the overall rate their sums', async () => {
    const [full, own] = await Promise.all([
      t.api('GET', '/api/dashboards/monthly'),
      rep('GET', '/api/dashboards/monthly'),
    ]);
    expect(own.status).toBe(200);
    type Rate = { workplaceId: string; memberCount: number; employeeCount: number | null };
    const rates = full.body.organizationRates.filter((r: Rate) => inRepScope(r.workplaceId));
    expect(own.body.organizationRates).toEqual(rates);
    const rated = rates.filter((r: Rate) => (r.employeeCount ?? 0) > 0);
    const members = rated.reduce((s: number, r: Rate) => s + r.memberCount, 0);
    const employees = rated.reduce((s: number, r: Rate) => s + (r.employeeCount ?? 0), 0);
    expect(own.body.overallBasis).toMatchObject({ memberCount: members, employeeCount: employees });
  });

  it('no sensitive case reaches a rep or an executive: case lists, counts, timelines', async () => {
    const sensitive = rowsOf<{ id: string; member_id: string; title: string }>(
      await t.db.execute(sql`select id, member_id, title from member_cases where sensitive`),
    );
    expect(sensitive.length).toBeGreaterThan(0);
    const sensitiveIds = new Set(sensitive.map((c) => c.id));
    for (const [who, client] of [
      ['rep', rep],
      ['executive', executive],
    ] as const) {
      for (const c of sensitive.slice(0, 12)) {
        const cases = await client('GET', `/api/members/${c.member_id}/cases?limit=500`);
        if (cases.status === 404) continue; // outside a rep's workplaces
        expect(cases.status, who).toBe(200);
        expect(
          cases.body.items.some((x: { id: string }) => sensitiveIds.has(x.id)),
          who,
        ).toBe(false);
        const member = await client('GET', `/api/members/${c.member_id}`);
        const visibleOpen = cases.body.items.filter((x: { status: string }) => x.status === 'open').length;
        expect(member.body.openCaseCount, `${who} openCaseCount`).toBe(visibleOpen);
        const timeline = await client('GET', `/api/members/${c.member_id}/timeline?limit=500`);
        // The title may also be a visible case's; it must not appear through the sensitive one.
        if (!cases.body.items.some((x: { title: string }) => x.title === c.title)) {
          expect(timeline.text.includes(c.title), `${who} timeline shows ${c.title}`).toBe(false);
        }
        expect(
          timeline.body.items.some((x: { sensitive?: boolean }) => x.sensitive),
          `${who} timeline`,
        ).toBe(false);
      }
      const weekly = await client('GET', '/api/dashboards/weekly?limit=500');
      expect(
        weekly.body.followUps.some((f: { sensitive: boolean }) => f.sensitive),
        who,
      ).toBe(false);
    }
  });
});
