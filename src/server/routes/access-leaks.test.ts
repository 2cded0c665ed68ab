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

  it('likely duplicates name only members of the rep’s workplaces, the same as the admin’s restricted to them', async () => {
    type Found = { id: string; workplaceId: string | null };
    const everyone = await all<
      Member & { name: string; nameKana: string | null; employeeNumber: string | null }
    >(t.api, '/api/members');
    const inside = everyone.filter((m) => inRepScope(m.workplaceId)).slice(0, 10);
    const outside = everyone.filter((m) => !inRepScope(m.workplaceId)).slice(0, 20);
    expect(inside.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
    for (const m of [...inside, ...outside]) {
      // As typed into a new-member form: the name without spaces, the number without leading zeros.
      const probe = {
        name: m.name.replace(/\s+/g, ''),
        nameKana: m.nameKana ?? undefined,
        employeeNumber: m.employeeNumber?.replace(/^0+/, '') || undefined,
      };
      const asAdmin = await t.api('POST', '/api/members/duplicates', probe);
      expect(asAdmin.body.items.map((x: Found) => x.id)).toContain(m.id);
      const expected = asAdmin.body.items
        .filter((x: Found) => inRepScope(x.workplaceId))
        .map((x: Found) => x.id);
      const seen = await rep('POST', '/api/members/duplicates', probe);
      expect(seen.status).toBe(200);
      expect(
        seen.body.items.map((x: Found) => x.id),
        m.name,
      ).toEqual(expected);
      expect(seen.body.items.every((x: Found) => inRepScope(x.workplaceId))).toBe(true);
    }
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
    type Listed = { id: string; relatedMemberCount: number };
    const demands = await all<Listed>(rep, '/api/demands?season=all');
    expect(demands.length).toBe(expected.size);
    for (const d of demands) expect(d.relatedMemberCount, d.id).toBe(expected.get(d.id));
    // Season by season (the demo has a current and a past one): the admin's demands, the rep's counts.
    const seasons = await rep('GET', '/api/seasons');
    expect(seasons.body).toEqual((await t.api('GET', '/api/seasons')).body);
    expect(seasons.body.items.length).toBeGreaterThanOrEqual(2);
    const ids = (list: Listed[]) => list.map((d) => d.id).sort();
    for (const season of [...seasons.body.items.map((x: { id: string }) => x.id), 'none', 'current']) {
      const own = await all<Listed>(rep, `/api/demands?season=${season}`);
      expect(ids(own), season).toEqual(ids(await all<Listed>(t.api, `/api/demands?season=${season}`)));
      for (const d of own) expect(d.relatedMemberCount, d.id).toBe(expected.get(d.id));
    }
    // The monthly dashboard ranks the current season's demands, counted over the rep's members.
    const monthly = await rep('GET', '/api/dashboards/monthly');
    expect(monthly.body.season.id).toBe(seasons.body.currentId);
    const current = await all<Listed>(t.api, '/api/demands');
    expect(monthly.body.demands.map((d: { demandId: string }) => d.demandId).sort()).toEqual(ids(current));
    for (const d of monthly.body.demands)
      expect(d.relatedMemberCount, d.demandId).toBe(expected.get(d.demandId));
    const busiest = demands.sort((a, b) => b.relatedMemberCount - a.relatedMemberCount)[0]!;
    const members = await all<{ id: string; workplaceId: string | null }>(
      rep,
      `/api/demands/${busiest.id}/members`,
    );
    expect(members.every((m) => inRepScope(m.workplaceId))).toBe(true);
  });

  it('a demand’s breakdown counts only the rep’s members: its workplaces, its totals, its history', async () => {
    const counted = rowsOf<{ demand_id: string; n: number }>(
      await t.db.execute(sql`
        select dm.demand_id, count(*)::int as n
          from demand_members dm join members m on m.id = dm.member_id
         where m.status = 'active' and m.union_role <> 'organizing_target'
           and m.workplace_id = any(${`{${repWorkplaces.join(',')}}`}::uuid[])
         group by dm.demand_id`),
    );
    const expected = new Map(counted.map((c) => [c.demand_id, Number(c.n)]));
    // Links held now by the rep's members (any status): where the rep's history must end.
    const held = rowsOf<{ demand_id: string; n: number }>(
      await t.db.execute(sql`
        select dm.demand_id, count(*)::int as n
          from demand_members dm join members m on m.id = dm.member_id
         where m.workplace_id = any(${`{${repWorkplaces.join(',')}}`}::uuid[])
         group by dm.demand_id`),
    );
    const heldNow = new Map(held.map((c) => [c.demand_id, Number(c.n)]));
    const [zone] = rowsOf<{ timezone: string }>(await t.db.execute(sql`select timezone from settings`));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone!.timezone }).format(NOW);
    let checkedHistories = 0;
    const demands = await all<{ id: string }>(t.api, '/api/demands?season=all');
    for (const d of demands) {
      const res = await rep('GET', `/api/demands/${d.id}/breakdown`);
      expect(res.status).toBe(200);
      const b = res.body;
      expect(b.total, d.id).toBe(expected.get(d.id) ?? 0);
      expect(b.workplaces.every((w: { workplaceId: string | null }) => inRepScope(w.workplaceId))).toBe(true);
      const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
      for (const dim of ['workplaces', 'jobTypes', 'grades', 'engagements', 'unionRoles']) {
        expect(sum(b[dim]), `${d.id} ${dim}`).toBe(b.total);
      }
      // A history that runs to today ends at the links the rep's members hold now (any status).
      if (b.history.to === today) {
        expect(b.history.points.at(-1).count, d.id).toBe(heldNow.get(d.id) ?? 0);
        checkedHistories++;
      }
    }
    expect(checkedHistories).toBeGreaterThan(0);
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
    expect(own.body.nextActions.map((r: { memberId: string }) => r.memberId)).toEqual(
      full.body.nextActions
        .filter((r: { workplaceId: string | null }) => inRepScope(r.workplaceId))
        .map((r: { memberId: string }) => r.memberId),
    );
    // Under the cap, every total is its list's length (nothing counted that is not shown).
    for (const key of ['followUps', 'attritionRisk', 'earlyWarnings', 'nextActions']) {
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

describe('tasks never show a rep a member or workplace outside their workplaces', () => {
  it('rule tasks (all five), a manual task and a member moved away: the rep’s inbox, search, totals and GET reveal none', async () => {
    const scope = `{${repWorkplaces.join(',')}}`;
    const [repUser] = rowsOf<{ id: string }>(
      await t.db.execute(sql`select u.id from users u join user_workplaces uw on uw.user_id = u.id
        where u.role = 'rep' group by u.id, u.email order by u.email limit 1`),
    );
    const repId = repUser!.id;
    // Ownership an older version let an admin set: a member and a workplace outside the rep's workplaces.
    const OUT = 'リーク 検査子';
    const OUT_WORKPLACE = 'リーク検査職場';
    const MOVED = 'リーク 異動男';
    const [out] = rowsOf<{ id: string; version: number }>(
      await t.db.execute(sql`update members set name = ${OUT}, owner_id = ${repId}, joined_on = '2021-12-05'
        where id = (select m.id from members m
                     where m.workplace_id is not null and not (m.workplace_id = any(${scope}::uuid[]))
                       and m.status = 'active' and m.union_role <> 'organizing_target' and m.engagement <> 'at_risk'
                       and not exists (select 1 from tasks x where x.subject_id = m.id and x.rule_id = 'at_risk_follow_up'
                                         and x.status = 'open')
                     order by m.id limit 1)
        returning id, version`),
    );
    await t.db.execute(sql`insert into member_cases (member_id, title, opened_on, due_on)
      values (${out!.id}, '異動の相談', '2026-11-01', '2026-11-20')`);
    const [wp] = rowsOf<{ id: string }>(
      await t.db.execute(sql`insert into workplaces (name, atmosphere, owner_id)
        values (${OUT_WORKPLACE}, 'indifferent', ${repId}) returning id`),
    );
    await t.db.execute(
      sql`update settings set shunto_start_on = '2027-01-20', secretary_general_user_id = ${repId}`,
    );
    const [manual] = rowsOf<{ id: string }>(
      await t.db.execute(sql`insert into tasks (title, assignee_id, subject_type, subject_id)
        values (${`${OUT}さんに電話`}, ${repId}, 'member', ${out!.id}) returning id`),
    );

    // at_risk_follow_up runs with the change; the sweep makes the other four.
    const atRisk = await t.api('PATCH', `/api/members/${out!.id}`, {
      engagement: 'at_risk',
      version: Number(out!.version),
    });
    expect(atRisk.status).toBe(200);
    expect((await t.api('POST', '/api/workflows/run', { asOf: '2026-11-24' })).status).toBe(200);

    // A member of the rep's, owned by the rep, with the rep's own task, then moved elsewhere.
    const [inside] = rowsOf<{ id: string }>(
      await t.db.execute(sql`update members set name = ${MOVED}
        where id = (select id from members where workplace_id = any(${scope}::uuid[]) order by id limit 1)
        returning id`),
    );
    const before = await t.api('GET', `/api/members/${inside!.id}`);
    const owned = await t.api('PATCH', `/api/members/${inside!.id}`, {
      ownerId: repId,
      version: before.body.version,
    });
    expect(owned.status).toBe(200);
    const own = await rep('POST', '/api/tasks', {
      title: `${MOVED}さんと面談`,
      subjectType: 'member',
      subjectId: inside!.id,
    });
    expect(own.status).toBe(201);
    const [elsewhere] = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select id from workplaces where not (id = any(${scope}::uuid[])) order by id limit 1`,
      ),
    );
    const moved = await t.api('PATCH', `/api/members/${inside!.id}`, {
      workplaceId: elsewhere!.id,
      version: owned.body.version,
    });
    expect(moved.status).toBe(200);

    const hidden = rowsOf<{ id: string; rule_id: string | null; assignee_id: string | null }>(
      await t.db.execute(sql`select id, rule_id, assignee_id from tasks
        where subject_id in (${out!.id}, ${wp!.id}, ${inside!.id}) order by rule_id nulls last, id`),
    );
    expect(new Set(hidden.map((x) => x.rule_id))).toEqual(
      new Set(['at_risk_follow_up', 'case_due_follow_up', 'tenure_milestone', 'workplace_gathering', null]),
    );
    // The rules gave the rep none of them; the move unassigned the rep's own task.
    expect(hidden.filter((x) => x.rule_id !== null).every((x) => x.assignee_id === null)).toBe(true);
    expect(hidden.find((x) => x.id === own.body.id)!.assignee_id).toBeNull();

    // What the rep sees: every task's subject is theirs, nothing names the others.
    const inbox = await all<{
      id: string;
      title: string;
      subjectType: string | null;
      subjectId: string | null;
    }>(rep, '/api/tasks');
    const placeOf = new Map(
      rowsOf<{ id: string; workplace_id: string | null }>(
        await t.db.execute(sql`select id, workplace_id from members`),
      ).map((m) => [m.id, m.workplace_id] as const),
    );
    for (const task of inbox) {
      if (task.subjectType === 'member')
        expect(inRepScope(placeOf.get(task.subjectId!) ?? null), task.title).toBe(true);
      if (task.subjectType === 'workplace') expect(inRepScope(task.subjectId), task.title).toBe(true);
    }
    const seen = new Set(inbox.map((x) => x.id));
    for (const task of hidden) expect(seen.has(task.id), task.rule_id ?? 'manual').toBe(false);
    expect(seen.has(manual!.id)).toBe(false);
    const text = JSON.stringify(inbox);
    for (const name of [OUT, OUT_WORKPLACE, MOVED]) expect(text).not.toContain(name);
    // shunto_survey has no subject: the rep, as secretary general, holds it.
    expect(inbox.some((x) => x.title === '全組合員への要求アンケートの実施' && x.subjectType === null)).toBe(
      true,
    );
    const first = await rep('GET', '/api/tasks?limit=1');
    expect(first.body.total).toBe(inbox.length);
    for (const name of [OUT, MOVED]) {
      const search = await rep('GET', `/api/tasks?q=${encodeURIComponent(name)}`);
      expect(search.body, name).toMatchObject({ items: [], total: 0 });
    }
    for (const id of [...hidden.map((x) => x.id), manual!.id]) {
      expect((await rep('GET', `/api/tasks/${id}`)).status).toBe(404);
    }
  });
});

describe('bulk linking from the member list', () => {
  it('a rep’s filter-based link reaches only members of the rep’s workplaces (counted in the database)', async () => {
    const demand = await t.api('POST', '/api/demands', { title: '一括紐付けの確認' });
    expect(demand.status, demand.text).toBe(201);
    // Every member the rep could filter for, then a search: the admin's list restricted to the rep's workplaces.
    const everyone = await all<Member>(t.api, '/api/members?status=active');
    const expected = everyone.filter((m) => inRepScope(m.workplaceId)).map((m) => m.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(everyone.length).toBeGreaterThan(expected.length);
    const res = await rep('PUT', `/api/demands/${demand.body.id}/members`, { filter: { status: 'active' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.linked).toBe(expected.length);
    const linked = rowsOf<{ member_id: string; workplace_id: string | null }>(
      await t.db.execute(sql`select dm.member_id, m.workplace_id from demand_members dm
        join members m on m.id = dm.member_id where dm.demand_id = ${demand.body.id}`),
    );
    expect(linked.map((l) => l.member_id).sort()).toEqual([...expected].sort());
    expect(linked.every((l) => inRepScope(l.workplace_id))).toBe(true);
    // Ids of members elsewhere are skipped, and the answer does not tell them from unknown ids.
    const outside = everyone
      .filter((m) => !inRepScope(m.workplaceId))
      .slice(0, 20)
      .map((m) => m.id);
    const refused = await rep('PUT', `/api/demands/${demand.body.id}/members`, { memberIds: outside });
    expect(refused.body.linked).toBe(0);
    const unlinked = await rep('DELETE', `/api/demands/${demand.body.id}/members`, { memberIds: outside });
    expect(unlinked.body.unlinked).toBe(0);
    // Gone again, so the demo union is as the other tests found it.
    const removed = await t.api('DELETE', `/api/demands/${demand.body.id}?version=${demand.body.version}`);
    expect(removed.status).toBe(204);
  });
});

describe('bulk actions from the member and task lists', () => {
  it('a rep’s bulk by filter never touches another workplace: notes, engagement, tasks (counted in the database)', async () => {
    const everyone = await all<Member>(t.api, '/api/members?status=active');
    const expected = everyone.filter((m) => inRepScope(m.workplaceId)).map((m) => m.id);
    const outside = everyone.filter((m) => !inRepScope(m.workplaceId)).map((m) => m.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
    const marker = `一括メモ ${Math.random().toString(36).slice(2, 8)}`;
    const notes = await rep('POST', '/api/members/bulk', {
      action: 'add_note',
      filter: { status: 'active' },
      note: { body: marker },
    });
    expect(notes.status, notes.text).toBe(200);
    expect(notes.body.changed).toBe(expected.length);
    const noted = rowsOf<{ member_id: string }>(
      await t.db.execute(sql`select member_id from member_notes where body = ${marker}`),
    );
    expect(noted.map((n) => n.member_id).sort()).toEqual([...expected].sort());
    await t.db.execute(sql`delete from member_notes where body = ${marker}`);

    // Ids elsewhere: not changed, not counted, not told apart from unknown ids.
    const before = rowsOf<{ v: string }>(
      await t.db.execute(sql`select string_agg(id::text || engagement::text || version, ',' order by id) as v
        from members where workplace_id <> all(${`{${repWorkplaces.join(',')}}`}::uuid[]) or workplace_id is null`),
    )[0]!.v;
    const engagement = await rep('POST', '/api/members/bulk', {
      action: 'set_engagement',
      memberIds: outside.slice(0, 50),
      engagement: 'at_risk',
      engagementReason: '範囲外',
    });
    expect(engagement.body).toEqual({ changed: 0, skipped: 0, replayed: false });
    const after = rowsOf<{ v: string }>(
      await t.db.execute(sql`select string_agg(id::text || engagement::text || version, ',' order by id) as v
        from members where workplace_id <> all(${`{${repWorkplaces.join(',')}}`}::uuid[]) or workplace_id is null`),
    )[0]!.v;
    expect(after).toBe(before);

    // Tasks: a filter of everything reaches only the tasks the rep's own list shows.
    const visible = await all<{ id: string; status: string; dueOn: string | null }>(
      rep,
      '/api/tasks?status=open',
    );
    const saved = rowsOf<{ id: string; due_on: string | null }>(
      await t.db.execute(sql`select id, due_on::text from tasks where status = 'open'`),
    );
    const due = await rep('POST', '/api/tasks/bulk', { action: 'set_due', filter: {}, dueOn: '2099-12-31' });
    expect(due.status, due.text).toBe(200);
    expect([...due.body.taskIds].sort()).toEqual(
      visible
        .filter((v) => v.dueOn !== '2099-12-31')
        .map((v) => v.id)
        .sort(),
    );
    for (const s of saved) {
      await t.db.execute(sql`update tasks set due_on = ${s.due_on}::date where id = ${s.id}`);
    }
  });
});

describe('bulk actions from the workplace list', () => {
  it('a rep’s tasks go only about their workplaces; others are counted, never named, and a name search finds none of them', async () => {
    const everyone = await all<{ id: string; name: string }>(t.api, '/api/workplaces');
    const mine = everyone.filter((w) => repWorkplaces.includes(w.id));
    const outside = everyone.filter((w) => !repWorkplaces.includes(w.id));
    expect(mine.length).toBeGreaterThan(0);
    expect(outside.length).toBeGreaterThan(0);
    const marker = `職場一括 ${Math.random().toString(36).slice(2, 8)}`;
    const byFilter = await rep('POST', '/api/workplaces/bulk', {
      action: 'create_task',
      filter: {},
      task: { title: marker },
    });
    expect(byFilter.status, byFilter.text).toBe(200);
    expect(byFilter.body).toEqual({ changed: mine.length, skipped: 0, replayed: false });
    const byIds = await rep('POST', '/api/workplaces/bulk', {
      action: 'create_task',
      workplaceIds: outside.map((w) => w.id),
      task: { title: marker },
    });
    // Counted as skipped (the rep named them), nothing in the answer says which or why.
    expect(byIds.body).toEqual({ changed: 0, skipped: outside.length, replayed: false });
    const bySearch = await rep('POST', '/api/workplaces/bulk', {
      action: 'create_task',
      filter: { q: outside[0]!.name },
      task: { title: marker },
    });
    expect(bySearch.body.changed + bySearch.body.skipped).toBe(
      mine.filter((w) => w.name.includes(outside[0]!.name)).length,
    );
    const made = rowsOf<{ subject_id: string }>(
      await t.db.execute(sql`select subject_id::text from tasks where title = ${marker}`),
    );
    for (const m of made) expect(repWorkplaces).toContain(m.subject_id);
    const events = rowsOf<{ details: string }>(
      await t.db.execute(sql`select details::text from audit_log where action = 'bulk_workplaces'`),
    );
    for (const e of events) for (const w of outside) expect(e.details).not.toContain(w.id);
    await t.db.execute(sql`delete from tasks where title = ${marker}`);
    // An owner change is not a rep's at all.
    const owner = await rep('POST', '/api/workplaces/bulk', {
      action: 'set_owner',
      filter: {},
      ownerId: null,
    });
    expect(owner.status).toBe(403);
  });
});

describe('concern matching shows a rep their workplaces only', () => {
  it('suggestions name only the rep’s members, the admin’s restricted to them; voices quote and count only them', async () => {
    const placement = new Map(
      rowsOf<{ id: string; workplace_id: string | null }>(
        await t.db.execute(sql`select id::text, workplace_id::text from members`),
      ).map((m) => [m.id, m.workplace_id]),
    );
    type Suggestion = { memberId: string; source: string };
    const demands = await all<{ id: string }>(t.api, '/api/demands');
    let compared = 0;
    for (const d of demands) {
      const admin = (await t.api('GET', `/api/demands/${d.id}/suggestions?limit=200`)).body
        .items as Suggestion[];
      const own = await rep('GET', `/api/demands/${d.id}/suggestions?limit=200`);
      expect(own.status).toBe(200);
      const mine = new Set((own.body.items as Suggestion[]).map((i) => i.memberId));
      for (const id of mine) expect(inRepScope(placement.get(id) ?? null), id).toBe(true);
      // The admin's suggestions in the rep's workplaces from words a rep may read (not survey answers).
      const expected = admin.filter(
        (i) => inRepScope(placement.get(i.memberId) ?? null) && i.source !== 'survey',
      );
      for (const i of expected) expect(mine.has(i.memberId), i.memberId).toBe(true);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(0);

    const texts = rowsOf<{ workplace_id: string | null; text: string }>(
      await t.db.execute(sql`
        select m.workplace_id::text, m.concerns as text from members m where m.concerns is not null
        union all select m.workplace_id::text, n.body from member_notes n join members m on m.id = n.member_id`),
    );
    const voices = await rep('GET', '/api/voices/unmatched');
    expect(voices.status).toBe(200);
    for (const c of voices.body.items) {
      expect(c.anonymousCount).toBe(0);
      for (const id of c.memberIds) expect(inRepScope(placement.get(id) ?? null)).toBe(true);
      for (const w of c.byWorkplace) expect(inRepScope(w.workplaceId)).toBe(true);
      for (const e of c.sampleExcerpts) {
        const quoted = e.text.replace(/^…|…$/g, '');
        expect(
          texts.some((x) => inRepScope(x.workplace_id) && x.text.includes(quoted)),
          quoted,
        ).toBe(true);
      }
    }
  });
});

describe('survey tracking shows a rep their workplaces only', () => {
  it('progress, the survey’s counts, nonrespondents, invitations, the links CSV and paper answers', async () => {
    type Invitation = { id: string; memberId: string; workplaceId: string | null; link: string | null };
    const demands = await t.api('GET', '/api/demands?season=all&limit=3');
    const created = await t.api('POST', '/api/surveys', {
      title: '漏えい確認のアンケート',
      anonymous: true,
      demandIds: demands.body.items.map((d: { id: string }) => d.id),
      freeText: true,
      closesOn: '2026-12-31',
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect((await t.api('POST', `/api/surveys/${id}/invitations`, {})).status).toBe(200);
    const everyone = await all<Invitation>(t.api, `/api/surveys/${id}/invitations`);
    const mine = everyone.filter((i) => inRepScope(i.workplaceId));
    expect(mine.length).toBeGreaterThan(0);
    expect(everyone.length).toBeGreaterThan(mine.length);
    // Every third member answers through their link, inside and outside the rep's workplaces.
    const answering = everyone.filter((_, n) => n % 3 === 0);
    for (const i of answering) {
      const res = await t.raw('PUT', `/api/public/surveys/${i.link!.split('/s/')[1]}/answer`, {
        demandIds: [demands.body.items[0].id],
      });
      expect(res.status).toBe(200);
    }
    const answeredIds = new Set(answering.map((i) => i.memberId));
    const myAnswered = mine.filter((i) => answeredIds.has(i.memberId)).length;

    const survey = await rep('GET', `/api/surveys/${id}`);
    expect(survey.body).toMatchObject({ invited: mine.length, answered: myAnswered });
    const listed = (await rep('GET', '/api/surveys')).body.items.find((s: { id: string }) => s.id === id);
    expect(listed).toMatchObject({ invited: mine.length, answered: myAnswered });

    const progress = await rep('GET', `/api/surveys/${id}/progress`);
    expect(progress.body).toMatchObject({ invited: mine.length, answered: myAnswered });
    for (const w of progress.body.workplaces) expect(inRepScope(w.workplaceId)).toBe(true);

    const seen = await all<Invitation>(rep, `/api/surveys/${id}/invitations`);
    expect(new Set(seen.map((i) => i.id))).toEqual(new Set(mine.map((i) => i.id)));
    const nonrespondents = await all<{ id: string; workplaceId: string | null }>(
      rep,
      `/api/surveys/${id}/nonrespondents`,
    );
    expect(new Set(nonrespondents.map((m) => m.id))).toEqual(
      new Set(mine.filter((i) => !answeredIds.has(i.memberId)).map((i) => i.memberId)),
    );
    // Asking for a workplace outside the scope gives nothing.
    const elsewhere = everyone.find((i) => !inRepScope(i.workplaceId) && i.workplaceId !== null)!;
    const other = await rep('GET', `/api/surveys/${id}/invitations?workplaceId=${elsewhere.workplaceId}`);
    expect(other.body).toMatchObject({ items: [], total: 0 });
    const otherNon = await rep(
      'GET',
      `/api/surveys/${id}/nonrespondents?workplaceId=${elsewhere.workplaceId}`,
    );
    expect(otherNon.body).toMatchObject({ items: [], total: 0 });

    const csv = await rep('GET', `/api/surveys/${id}/invitations.csv`);
    expect(csv.status).toBe(200);
    const links = csv.text
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.slice(line.lastIndexOf(',') + 1));
    expect(new Set(links)).toEqual(new Set(mine.map((i) => i.link)));
    const otherCsv = await rep(
      'GET',
      `/api/surveys/${id}/invitations.csv?workplaceId=${elsewhere.workplaceId}`,
    );
    expect(otherCsv.text.trimEnd().split('\r\n')).toHaveLength(1);

    // A paper answer for a member elsewhere: 404, nothing written; an anonymous answer is read by nobody.
    const before = await t.api('GET', `/api/surveys/${id}/progress`);
    const paper = await rep('PUT', `/api/surveys/${id}/members/${elsewhere.memberId}/answer`, {
      demandIds: [],
    });
    expect(paper.status).toBe(404);
    expect((await t.api('GET', `/api/surveys/${id}/progress`)).body).toEqual(before.body);
    const read = await rep('GET', `/api/surveys/${id}/members/${mine[0]!.memberId}/answer`);
    expect(read.status).toBe(403);
    // An executive reads the counts, not who has not answered.
    expect((await executive('GET', `/api/surveys/${id}/nonrespondents`)).status).toBe(403);
    expect((await executive('GET', `/api/surveys/${id}/progress`)).body.invited).toBe(everyone.length);

    const removed = await t.api('DELETE', `/api/surveys/${id}?version=${created.body.version}`);
    expect(removed.status).toBe(204);
  });
});

describe('the search box shows a rep their workplaces only, and no one a sensitive case', () => {
  it('members, workplaces and tasks a rep’s search returns are within the rep’s lists; hidden ones are not counted', async () => {
    const scope = `{${repWorkplaces.join(',')}}`;
    expect((await t.api('POST', '/api/workflows/run', { asOf: '2026-11-24' })).status).toBe(200);
    const outside = rowsOf<{ name: string; employee_number: string | null; workplace: string }>(
      await t.db.execute(sql`select m.name, m.employee_number, w.name as workplace from members m
        join workplaces w on w.id = m.workplace_id
        where not (m.workplace_id = any(${scope}::uuid[])) order by m.id limit 6`),
    );
    expect(outside.length).toBeGreaterThan(0);
    const placeOf = new Map(
      rowsOf<{ id: string; workplace_id: string | null }>(
        await t.db.execute(sql`select id, workplace_id from members`),
      ).map((m) => [m.id, m.workplace_id] as const),
    );
    const repTasks = new Set((await all<{ id: string }>(rep, '/api/tasks')).map((x) => x.id));
    const queries = [
      ...outside.flatMap((m) => [m.name, m.name.split(/\s/)[0]!, m.employee_number ?? '', m.workplace]),
      'さん',
      'フォロー',
      '職場',
    ].filter((q) => q.trim() !== '');
    for (const q of queries) {
      const res = await rep('GET', `/api/search?q=${encodeURIComponent(q)}&limit=20`);
      expect(res.status, q).toBe(200);
      for (const m of res.body.members)
        expect(inRepScope(placeOf.get(m.id) ?? null), `${q}: ${m.name}`).toBe(true);
      for (const w of res.body.workplaces) expect(inRepScope(w.id), `${q}: ${w.name}`).toBe(true);
      for (const task of res.body.tasks) expect(repTasks.has(task.id), `${q}: ${task.title}`).toBe(true);
      // `more` counts only what the rep may see: the rep's own member list holds more than 20.
      if (res.body.more.members) {
        const list = await rep('GET', `/api/members?q=${encodeURIComponent(q)}&limit=1`);
        expect(list.body.total, q).toBeGreaterThan(20);
      }
    }
    for (const m of outside) {
      const exact = await rep('GET', `/api/search?q=${encodeURIComponent(m.name)}`);
      expect(exact.body.members, m.name).toEqual([]);
      expect(exact.body.more.members).toBe(false);
    }
  });

  it('no sensitive case, nor a task that names one, reaches a rep or an executive through the search', async () => {
    expect((await t.api('POST', '/api/workflows/run', { asOf: '2026-11-24' })).status).toBe(200);
    const sensitiveTasks = rowsOf<{ id: string; title: string }>(
      await t.db.execute(sql`select t.id, t.title from tasks t join member_cases c
        on c.id::text = split_part(t.once_key, ':', 2) where t.rule_id = 'case_due_follow_up' and c.sensitive`),
    );
    const sensitiveCases = rowsOf<{ title: string }>(
      await t.db.execute(sql`select title from member_cases where sensitive`),
    );
    expect(sensitiveCases.length).toBeGreaterThan(0);
    const hiddenIds = new Set(sensitiveTasks.map((x) => x.id));
    for (const who of [rep, executive]) {
      for (const q of [
        ...sensitiveTasks.map((x) => x.title),
        ...sensitiveCases.map((c) => c.title),
        '相談',
      ]) {
        const res = await who('GET', `/api/search?q=${encodeURIComponent(q)}&limit=20`);
        expect(res.status, q).toBe(200);
        for (const task of res.body.tasks) expect(hiddenIds.has(task.id), q).toBe(false);
        const text = JSON.stringify(res.body);
        for (const c of sensitiveCases) expect(text, q).not.toContain(c.title);
      }
    }
  });

  it('contact details find a member only for those who may see them', async () => {
    const scope = `{${repWorkplaces.join(',')}}`;
    const [inside] = rowsOf<{ id: string }>(
      await t.db.execute(sql`update members set phones = '[{"number":"0311112222"}]'::jsonb
        where id = (select id from members where workplace_id = any(${scope}::uuid[]) order by id limit 1) returning id`),
    );
    const [out] = rowsOf<{ id: string }>(
      await t.db.execute(sql`update members set phones = '[{"number":"0311113333"}]'::jsonb
        where id = (select id from members where not (workplace_id = any(${scope}::uuid[])) order by id limit 1) returning id`),
    );
    const ids = async (who: Client, q: string) =>
      ((await who('GET', `/api/search?q=${q}`)).body.members as { id: string }[]).map((m) => m.id);
    expect(await ids(t.api, '03-1111-2222')).toEqual([inside!.id]);
    expect(await ids(t.api, '0311113333')).toEqual([out!.id]);
    expect(await ids(rep, '03-1111-2222')).toEqual([inside!.id]);
    expect(await ids(rep, '0311113333')).toEqual([]);
    expect(await ids(executive, '0311112222')).toEqual([]);
    expect(await ids(executive, '0311113333')).toEqual([]);
  });
});

describe('saved views never show a user another’s private view nor one shared with other roles (issue 17)', () => {
  it('a rep and an executive see neither the names nor the views; a rep cannot change another’s view', async () => {
    const officer = t.as((await t.addUser('officer')).cookie);
    const made = async (client: Client, name: string, sharedRoles: string[]) => {
      const res = await client('POST', '/api/saved-views', {
        name,
        list: 'members',
        state: { params: { q: name } },
        sharedRoles,
      });
      expect(res.status, res.text).toBe(201);
      return res.body as { id: string; version: number };
    };
    const forOfficers = await made(officer, '役員共有の秘密ビュー', ['officer']);
    const officerPrivate = await made(officer, '役員非公開の秘密ビュー', []);
    const adminPrivate = await made(t.api, '管理者非公開の秘密ビュー', []);
    const forReps = await made(officer, '担当者向けビュー', ['rep']);
    for (const who of [rep, executive]) {
      for (const list of ['', '?list=members', '?list=tasks']) {
        const res = await who('GET', `/api/saved-views${list}`);
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('秘密ビュー');
      }
      for (const v of [forOfficers, officerPrivate, adminPrivate]) {
        expect(
          (await who('PATCH', `/api/saved-views/${v.id}`, { version: v.version, name: 'x' })).status,
        ).toBe(404);
        expect((await who('DELETE', `/api/saved-views/${v.id}?version=${v.version}`)).status).toBe(404);
      }
    }
    // The view shared with reps: the rep sees it (not the executive) and cannot change or delete it.
    expect((await rep('GET', '/api/saved-views')).text).toContain('担当者向けビュー');
    expect((await executive('GET', '/api/saved-views')).text).not.toContain('担当者向けビュー');
    expect(
      (await rep('PATCH', `/api/saved-views/${forReps.id}`, { version: 1, name: '乗っ取り' })).status,
    ).toBe(403);
    expect((await rep('DELETE', `/api/saved-views/${forReps.id}?version=1`)).status).toBe(403);
    // Another officer sees the view shared with officers, not the private ones.
    const otherOfficer = await t.as((await t.addUser('officer')).cookie)('GET', '/api/saved-views');
    expect(otherOfficer.text).toContain('役員共有の秘密ビュー');
    expect(otherOfficer.text).not.toContain('非公開の秘密ビュー');
    // The admin manages shared views, but never sees another's private one.
    const admin = await t.api('GET', '/api/saved-views');
    expect(admin.text).toContain('役員共有の秘密ビュー');
    expect(admin.text).not.toContain('役員非公開の秘密ビュー');
  });
});

describe('members’ contact details never reach an executive (issue 17)', () => {
  it('no GET the app serves answers an executive a phone number, e-mail address, postal address or channel', async () => {
    // Every member gets contact details no other data holds (runs last: nothing after it reads them).
    await t.db.execute(sql`update members set
      phones = jsonb_build_array(jsonb_build_object('label', '漏洩確認', 'number', '0990' || lpad((abs(hashtext(id::text)) % 10000000)::text, 7, '0'))),
      emails = jsonb_build_array(jsonb_build_object('address', 'x' || left(id::text, 8) || '@leak.invalid')),
      postal_address = '漏洩確認住所', preferred_channel = 'line'`);
    const secrets = [
      '@leak.invalid',
      '漏洩確認',
      '"phones"',
      '"emails"',
      '"postalAddress"',
      '"preferredChannel"',
    ];
    const [member] = rowsOf<{ id: string; other: string; demand: string }>(
      await t.db.execute(sql`select (select id from members order by id limit 1) as id,
        (select id from members order by id desc limit 1) as other, (select id from demands order by id limit 1) as demand`),
    );
    const params: Record<string, string> = { id: member!.id, memberId: member!.id };
    const paths = new Set<string>();
    for (const r of t.app.routes) {
      if (r.method !== 'GET' || !r.path.startsWith('/api') || r.path === '/api/openapi.json') continue;
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      if (names.some((n) => !(n in params))) continue;
      // A demand's sub-resources take the demand's id, a member's the member's.
      const id = r.path.startsWith('/api/demands') ? member!.demand : member!.id;
      paths.add(r.path.replace(/:(\w+)/g, (_, n: string) => (n === 'id' ? id : params[n]!)));
    }
    for (const extra of [
      `/api/members?limit=500&q=${encodeURIComponent('0990')}`,
      '/api/members?limit=500&q=leak.invalid',
      `/api/members/${member!.id}/merge-preview?otherId=${member!.other}`,
      '/api/export/members.csv',
      '/api/export/members.xlsx',
      `/api/search?q=${encodeURIComponent('0990')}`,
      '/api/search?q=leak.invalid',
    ]) {
      paths.add(extra);
    }
    expect(paths.size).toBeGreaterThan(30);
    let answered = 0;
    for (const path of paths) {
      const res = await executive('GET', path);
      if (res.status === 200) answered += 1;
      for (const s of secrets) expect(res.text.includes(s), `${path} reveals ${s}`).toBe(false);
    }
    expect(answered).toBeGreaterThan(10);
    // The search by contact details finds no one for an executive.
    const found = await executive('GET', '/api/members?q=leak.invalid');
    expect(found.body.total).toBe(0);
    // A rep sees them on the members of their workplaces (and only there).
    const repList = await rep('GET', '/api/members?limit=5');
    expect(repList.body.items.length).toBeGreaterThan(0);
    for (const m of repList.body.items) expect(m.phones[0].label).toBe('漏洩確認');
  });
});

describe('custom field values (issue 17) reach a rep only for the members of their workplaces', () => {
  it('no list, filter, search, record, export or audit answer carries an out-of-scope member’s value', async () => {
    const field = await t.api('POST', '/api/custom-fields', {
      entity: 'member',
      key: 'leak_check',
      labelJa: '漏洩確認',
      labelEn: 'Leak check',
      type: 'text',
    });
    expect(field.status).toBe(201);
    // Every member gets a value naming them, set through the API path's storage (jsonb by key).
    await t.db.execute(
      sql`update members set custom_fields = custom_fields || jsonb_build_object('leak_check', 'cfleak-' || replace(id::text, '-', ''))`,
    );
    const outside = rowsOf<{ id: string; value: string }>(
      await t.db.execute(
        sql`select id, custom_fields->>'leak_check' as value from members
            where workplace_id is null or not (workplace_id::text = any(${`{${repWorkplaces.join(',')}}`}::text[]))`,
      ),
    );
    const inside = rowsOf<{ id: string; value: string }>(
      await t.db.execute(
        sql`select id, custom_fields->>'leak_check' as value from members
            where workplace_id::text = any(${`{${repWorkplaces.join(',')}}`}::text[]) order by id limit 1`,
      ),
    );
    expect(outside.length).toBeGreaterThan(0);
    expect(inside.length).toBe(1);
    const secrets = outside.map((r) => r.value);
    const paths = new Set<string>([
      '/api/members?limit=500',
      `/api/members?limit=500&cf.leak_check=${secrets[0]}`,
      '/api/workplaces?limit=500',
      '/api/search?q=cfleak',
      `/api/search?q=${secrets[0]}`,
      '/api/export/members.csv',
      '/api/export/members.xlsx',
      '/api/audit-log',
      `/api/members/${outside[0]!.id}`,
    ]);
    for (const r of t.app.routes) {
      if (r.method !== 'GET' || !r.path.startsWith('/api') || r.path === '/api/openapi.json') continue;
      const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      if (names.some((n) => n !== 'id' && n !== 'memberId')) continue;
      if (names.length && !r.path.startsWith('/api/members')) continue;
      paths.add(r.path.replace(/:(\w+)/g, inside[0]!.id));
    }
    for (const path of paths) {
      const res = await rep('GET', path);
      expect(res.status, path).toBeLessThan(500);
      for (const s of secrets) expect(res.text.includes(s), `${path} reveals ${s}`).toBe(false);
    }
    // Filtering on an out-of-scope member's value finds nothing; the rep's own members show theirs.
    const filtered = await rep('GET', `/api/members?cf.leak_check=${secrets[0]}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.total).toBe(0);
    const own = await rep('GET', `/api/members/${inside[0]!.id}`);
    expect(own.body.customFields.leak_check).toBe(inside[0]!.value);
  });
});

describe('calendar feeds hold only what their user may see (issue 18)', () => {
  const feedOf = async (client: Client, kind: string, includeNames = false) => {
    const res = await client('POST', '/api/calendar-feeds', { kind, includeNames });
    expect(res.status, res.text).toBe(201);
    const feed = await t.raw('GET', new URL(res.body.url).pathname);
    expect(feed.status).toBe(200);
    return feed.text();
  };
  const uids = (text: string, prefix: string) =>
    [...text.matchAll(new RegExp(`UID:${prefix}-([0-9a-f-]{36})@kumiai`, 'g'))].map((m) => m[1]!);

  it("a rep's meetings and tasks feeds name nothing outside the rep's workplaces; names absent by default", async () => {
    const admin = uids(await feedOf(t.api, 'meetings'), 'meeting');
    const mine = uids(await feedOf(rep, 'meetings'), 'meeting');
    const placed = rowsOf<{ id: string; workplace_id: string }>(
      await t.db.execute(sql`select id::text, workplace_id::text from workplace_meetings`),
    );
    const where = new Map(placed.map((r) => [r.id, r.workplace_id]));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.sort()).toEqual(admin.filter((id) => repWorkplaces.includes(where.get(id)!)).sort());

    // With names, the rep's tasks feed names only members of the rep's workplaces.
    const outsiders = rowsOf<{ name: string }>(
      await t.db.execute(
        sql`select name from members where workplace_id is null or not (workplace_id = any(${`{${repWorkplaces.join(',')}}`}::uuid[]))`,
      ),
    );
    const named = await feedOf(rep, 'tasks', true);
    for (const o of outsiders) expect(named, o.name).not.toContain(o.name);
    // Without names, no member's name at all (of anyone the rep owns).
    const owned = rowsOf<{ name: string }>(
      await t.db.execute(
        sql`select m.name from members m join users u on u.id = m.owner_id where u.role = 'rep'`,
      ),
    );
    const plain = await feedOf(rep, 'tasks');
    for (const o of owned) expect(plain).not.toContain(o.name);
  });

  it("no feed carries a sensitive case's title, even an officer's with names", async () => {
    const titles = rowsOf<{ title: string }>(
      await t.db.execute(sql`select distinct title from member_cases where sensitive`),
    );
    expect(titles.length).toBeGreaterThan(0);
    const officers = rowsOf<{ email: string }>(
      // The demo union's officers (other tests here add officers with another password).
      await t.db.execute(
        sql`select email from users where role = 'officer' and not disabled and email like '%@demo.kumiai.example'`,
      ),
    );
    expect(officers.length).toBeGreaterThan(0);
    const clients = [t.api];
    for (const o of officers) clients.push(t.as(await t.signIn(o.email, DEMO_PASSWORD)));
    for (const client of clients) {
      const text = await feedOf(client, 'tasks', true);
      for (const { title } of titles) expect(text).not.toContain(title);
    }
  });
});

describe('e-mail digests hold only what their user may see (issue 18)', () => {
  it("a rep's digest names no one outside the rep's workplaces; no digest names a case or holds contact data", async () => {
    await rep('PATCH', '/api/auth/me/notifications', { digest: 'daily', digestTime: '07:00' });
    await executive('PATCH', '/api/auth/me/notifications', { digest: 'weekly', digestTime: '07:00' });
    const [repEmail, execEmail] = rowsOf<{ email: string }>(
      await t.db.execute(sql`select email from users where digest <> 'none' order by role desc`),
    ).map((r) => r.email);
    const before = t.mail.sent.length;
    const run = await t.api('POST', '/api/digests/run', { asOf: NOW.toISOString() });
    expect(run.status, run.text).toBe(200);
    const sent = t.mail.sent.slice(before);
    const repMail = sent.find((m) => m.to === repEmail);
    expect(repMail, 'the rep has items due in the demo union').toBeDefined();
    expect(sent.find((m) => m.to === execEmail)).toBeDefined();

    const outsiders = rowsOf<{ name: string }>(
      await t.db.execute(
        sql`select name from members where workplace_id is null or not (workplace_id = any(${`{${repWorkplaces.join(',')}}`}::uuid[]))`,
      ),
    );
    const foreignWorkplaces = rowsOf<{ name: string }>(
      await t.db.execute(
        sql`select name from workplaces where not (id = any(${`{${repWorkplaces.join(',')}}`}::uuid[]))`,
      ),
    );
    for (const part of [repMail!.text, repMail!.html]) {
      for (const o of outsiders) expect(part, o.name).not.toContain(o.name);
      for (const w of foreignWorkplaces) expect(part, w.name).not.toContain(`（${w.name}）`);
    }
    const caseTitles = rowsOf<{ title: string }>(await t.db.execute(sql`select title from member_cases`));
    const contacts = rowsOf<{ value: string }>(
      await t.db.execute(
        sql`select e->>'address' as value from members, jsonb_array_elements(emails) e
            union all select p->>'number' from members, jsonb_array_elements(phones) p`,
      ),
    );
    for (const mail of sent) {
      for (const c of caseTitles) expect(mail.text, c.title).not.toContain(c.title);
      for (const c of contacts) if (c.value) expect(mail.text).not.toContain(c.value);
    }
  });
});

describe('the field app’s pack and sync answers hold only what their user may see (issue 19)', () => {
  const inList = () => `{${repWorkplaces.join(',')}}`;

  it("a rep's pack: the rep's workplaces' active members exactly, never a sensitive case, notes and tasks in scope", async () => {
    const res = await rep('GET', '/api/sync/pack');
    expect(res.status).toBe(200);
    const pack = res.body;
    expect(pack.truncated).toBe(false);
    const expected = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select id from members where status = 'active' and workplace_id = any(${inList()}::uuid[])`,
      ),
    ).map((r) => r.id);
    expect(pack.members.map((m: { id: string }) => m.id).sort()).toEqual(expected.sort());
    expect(pack.workplaces.map((w: { id: string }) => w.id).sort()).toEqual([...repWorkplaces].sort());
    const visible = new Set(expected);
    for (const n of pack.notes) expect(visible.has(n.memberId), n.memberId).toBe(true);
    for (const task of pack.tasks) {
      if (task.memberId) expect(visible.has(task.memberId)).toBe(true);
      if (task.workplaceId) expect(repWorkplaces).toContain(task.workplaceId);
    }
    const hidden = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select id from members where workplace_id is null or not (workplace_id = any(${inList()}::uuid[]))
            union all select id from member_cases where sensitive`,
      ),
    );
    const text = JSON.stringify(pack);
    for (const h of hidden) expect(text).not.toContain(h.id);
  });

  it("no officer's or admin's pack carries a sensitive case", async () => {
    const sensitive = rowsOf<{ id: string }>(
      await t.db.execute(sql`select id from member_cases where sensitive`),
    );
    expect(sensitive.length, 'the demo union has sensitive cases').toBeGreaterThan(0);
    const officers = rowsOf<{ email: string }>(
      await t.db.execute(sql`select email from users where role = 'officer' and not disabled order by email`),
    );
    const packs = [(await t.api('GET', '/api/sync/pack')).body];
    for (const o of officers) {
      const signedIn = await t.signIn(o.email, DEMO_PASSWORD).catch(() => undefined);
      if (signedIn) packs.push((await t.as(signedIn)('GET', '/api/sync/pack')).body);
    }
    expect(packs.length).toBeGreaterThan(1);
    for (const pack of packs) {
      const text = JSON.stringify(pack);
      for (const c of sensitive) expect(text).not.toContain(c.id);
    }
  });

  it('a rep’s items on records outside the scope are answered as on missing ones, and write nothing', async () => {
    const [outside] = rowsOf<{ id: string; engagement: string; workplace_id: string }>(
      await t.db.execute(
        sql`select id, engagement::text as engagement, workplace_id from members
            where not (workplace_id = any(${inList()}::uuid[])) order by id limit 1`,
      ),
    );
    const [foreignTask] = rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select t.id from tasks t join users u on u.id = t.assignee_id
            where u.role <> 'rep' and t.status = 'open' order by t.id limit 1`,
      ),
    );
    const counts = async () =>
      rowsOf<{ notes: number; history: number; done: number; receipts: number }>(
        await t.db.execute(sql`select (select count(*)::int from member_notes) as notes,
          (select count(*)::int from engagement_history) as history,
          (select count(*)::int from tasks where status = 'done') as done,
          (select count(*)::int from sync_receipts) as receipts`),
      )[0];
    const before = await counts();
    const missing = '00000000-0000-4000-8000-000000000000';
    const deviceTime = '2026-11-24T09:00:00+09:00';
    const items = (memberId: string, taskId: string) => [
      { clientId: crypto.randomUUID(), kind: 'note', deviceTime, memberId, body: '聞いた話' },
      {
        clientId: crypto.randomUUID(),
        kind: 'engagement',
        deviceTime,
        memberId,
        level: 'at_risk',
        reason: '理由',
        // A stale base would answer `conflict` with the current level if the scope were not checked first.
        baseLevel: outside!.engagement === 'regular' ? 'rare' : 'regular',
      },
      { clientId: crypto.randomUUID(), kind: 'task_done', deviceTime, taskId },
    ];
    const strip = (results: { clientId: string }[]) => results.map(({ clientId: _, ...r }) => r);
    const out = await rep('POST', '/api/sync', { items: items(outside!.id, foreignTask!.id) });
    const none = await rep('POST', '/api/sync', { items: items(missing, missing) });
    expect(out.status).toBe(200);
    expect(strip(out.body.results)).toEqual(strip(none.body.results));
    for (const r of out.body.results)
      expect(r).toMatchObject({ status: 'rejected', error: { code: 'not_found' } });
    expect(JSON.stringify(out.body)).not.toContain(outside!.engagement);
    expect(await counts()).toEqual(before);
  });
});
