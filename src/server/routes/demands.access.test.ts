import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { auditLog, demandMembers, demandNotes, demands, members, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

/**
 * Who may see and change demands: every role reads every demand and its log,
 * but a rep's relatedMemberCount and linked members are those of their own
 * workplaces only; demands.write (not reps) changes demands and the log; a rep
 * links and unlinks only members of their workplaces (others are 404).
 */

type Fixture = {
  id: string;
  name: string;
  workplaceId: string | null;
  status: 'active' | 'left';
  unionRole: 'general_member' | 'organizing_target';
};
type User = { id: string; call: TestApp['api'] };

let t: TestApp;
let A: string;
let B: string;
let rep: User;
let executive: User;
let officer: User;
let people: Record<string, Fixture>;
let ids: Record<string, string>;
/** Which members hold which demand, as the test set them (kept in step with every link it makes). */
const links = new Map<string, Set<string>>();

const MISSING = '00000000-0000-4000-8000-000000000000';

async function staff(role: 'rep' | 'executive' | 'officer', workplaceIds: string[] = []): Promise<User> {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const user = await createUser(t.db, {
    email,
    displayName: `${role} user`,
    role,
    password: TEST_PASSWORD,
    workplaceIds,
  });
  return { id: user.id, call: t.as(await t.signIn(email)) };
}

/**
 * relatedMemberCount computed independently of the SQL: linked members who are
 * active, not organizing targets, and (for a rep) placed in one of `within`.
 */
function expectedCount(demandId: string, within: string[] | null) {
  let n = 0;
  for (const memberId of links.get(demandId) ?? []) {
    const m = Object.values(people).find((p) => p.id === memberId)!;
    if (m.status !== 'active' || m.unionRole === 'organizing_target') continue;
    if (within && (m.workplaceId === null || !within.includes(m.workplaceId))) continue;
    n += 1;
  }
  return n;
}

async function snapshot() {
  return {
    demands: await t.db.select().from(demands).orderBy(asc(demands.id)),
    links: await t.db
      .select()
      .from(demandMembers)
      .orderBy(asc(demandMembers.demandId), asc(demandMembers.memberId)),
    notes: await t.db.select().from(demandNotes).orderBy(asc(demandNotes.id)),
  };
}

async function writesBy(userId: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, userId), inArray(auditLog.action, ['insert', 'update', 'delete'])))
    .orderBy(asc(auditLog.id));
}

async function link(demand: string, member: string) {
  const res = await t.api('PUT', `/api/demands/${ids[demand]}/members/${people[member]!.id}`);
  expect(res.status, res.text).toBe(200);
  links.get(ids[demand]!)!.add(people[member]!.id);
}

beforeAll(async () => {
  t = await createTestApp();
  const [a, b] = await t.db
    .insert(workplaces)
    .values([{ name: '第一製造部' }, { name: '第二製造部' }])
    .returning({ id: workplaces.id });
  A = a!.id;
  B = b!.id;
  const spec: Array<Omit<Fixture, 'id'> & { key: string; nameKana: string; leftOn?: string }> = [
    {
      key: 'a1',
      name: '青木',
      nameKana: 'アオキ',
      workplaceId: A,
      status: 'active',
      unionRole: 'general_member',
    },
    {
      key: 'a2',
      name: '石井',
      nameKana: 'イシイ',
      workplaceId: A,
      status: 'active',
      unionRole: 'general_member',
    },
    {
      key: 'a3',
      name: '上田',
      nameKana: 'ウエダ',
      workplaceId: A,
      status: 'left',
      unionRole: 'general_member',
      leftOn: '2026-01-31',
    },
    {
      key: 'a4',
      name: '江藤',
      nameKana: 'エトウ',
      workplaceId: A,
      status: 'active',
      unionRole: 'organizing_target',
    },
    {
      key: 'b1',
      name: '大野',
      nameKana: 'オオノ',
      workplaceId: B,
      status: 'active',
      unionRole: 'general_member',
    },
    {
      key: 'b2',
      name: '加藤',
      nameKana: 'カトウ',
      workplaceId: B,
      status: 'active',
      unionRole: 'general_member',
    },
    {
      key: 'b3',
      name: '木村',
      nameKana: 'キムラ',
      workplaceId: B,
      status: 'active',
      unionRole: 'general_member',
    },
    {
      key: 'n1',
      name: '工藤',
      nameKana: 'クドウ',
      workplaceId: null,
      status: 'active',
      unionRole: 'general_member',
    },
  ];
  const rows = await t.db
    .insert(members)
    .values(spec.map(({ key: _key, ...m }) => m))
    .returning({ id: members.id, name: members.name });
  people = Object.fromEntries(
    spec.map(({ key, name, workplaceId, status, unionRole }) => [
      key,
      { id: rows.find((r) => r.name === name)!.id, name, workplaceId, status, unionRole },
    ]),
  );

  // Same priority for all: the default order is then by (scoped) count, then title.
  ids = {};
  for (const title of ['d1 賃上げ', 'd2 夜勤手当', 'd3 休憩室', 'd4 制服']) {
    const res = await t.api('POST', '/api/demands', { title });
    expect(res.status).toBe(201);
    ids[title.slice(0, 2)] = res.body.id;
    links.set(res.body.id, new Set());
  }
  for (const m of ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'n1']) await link('d1', m);
  // d2 is held by more members overall than d3, but by none of A's: a rep's order must flip them.
  for (const m of ['b1', 'b2', 'b3']) await link('d2', m);
  await link('d3', 'a1');

  rep = await staff('rep', [A]);
  executive = await staff('executive');
  officer = await staff('officer');
});
afterAll(async () => {
  await t?.close();
});

/** The page's (id, count) pairs in the order the sort gives, computed without the SQL. */
function expectedOrder(within: string[] | null, direction: 'desc' | 'asc') {
  const titles: Record<string, string> = {
    [ids.d1!]: 'd1 賃上げ',
    [ids.d2!]: 'd2 夜勤手当',
    [ids.d3!]: 'd3 休憩室',
    [ids.d4!]: 'd4 制服',
  };
  return Object.values(ids)
    .map((id) => ({ id, relatedMemberCount: expectedCount(id, within), title: titles[id]! }))
    .sort(
      (x, y) =>
        (direction === 'desc'
          ? y.relatedMemberCount - x.relatedMemberCount
          : x.relatedMemberCount - y.relatedMemberCount) ||
        (x.title < y.title ? -1 : x.title > y.title ? 1 : 0),
    )
    .map(({ id, relatedMemberCount }) => ({ id, relatedMemberCount }));
}

function pairs(items: Array<{ id: string; relatedMemberCount: number }>) {
  return items.map(({ id, relatedMemberCount }) => ({ id, relatedMemberCount }));
}

describe("demands: a rep's figures are their workplaces'", () => {
  it('lists every demand with relatedMemberCount over the rep’s members only, sorted by it', async () => {
    const admin = { id: t.admin.id, call: t.api };
    const cases: Array<[User, string[] | null]> = [
      [rep, [A]],
      [admin, null],
      [executive, null],
      [officer, null],
    ];
    for (const [{ call }, within] of cases) {
      const list = await call('GET', '/api/demands');
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(4);
      expect(pairs(list.body.items)).toEqual(expectedOrder(within, 'desc'));
      const ascending = await call('GET', '/api/demands?sort=relatedMemberCount');
      expect(pairs(ascending.body.items)).toEqual(expectedOrder(within, 'asc'));
      for (const id of Object.values(ids)) {
        const one = await call('GET', `/api/demands/${id}`);
        expect(one.status).toBe(200);
        expect(one.body.relatedMemberCount).toBe(expectedCount(id, within));
      }
    }
    // The fixture really distinguishes them: A's figures are not the organization's.
    expect(expectedCount(ids.d1!, [A])).toBe(2);
    expect(expectedCount(ids.d1!, null)).toBe(5);
    expect(expectedOrder([A], 'desc').map((x) => x.id)).toEqual([ids.d1, ids.d3, ids.d2, ids.d4]);
  });

  it('lists only the linked members of the rep’s workplaces, with the total and the workplace filter', async () => {
    const aOfD1 = ['a1', 'a2', 'a3', 'a4'].map((k) => people[k]!.id);
    const mine = await rep.call('GET', `/api/demands/${ids.d1}/members`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((m: { id: string }) => m.id)).toEqual(aOfD1);
    expect(mine.body.total).toBe(4);
    expect(mine.body.items.every((m: { workplaceId: string }) => m.workplaceId === A)).toBe(true);

    const paged = await rep.call('GET', `/api/demands/${ids.d1}/members?limit=3`);
    expect(paged.body).toMatchObject({ total: 4 });
    expect(paged.body.nextCursor).toBeDefined();

    const filteredB = await rep.call('GET', `/api/demands/${ids.d1}/members?workplaceId=${B}`);
    expect(filteredB.body).toEqual({ items: [], total: 0 });
    const filteredA = await rep.call('GET', `/api/demands/${ids.d1}/members?workplaceId=${A}`);
    expect(filteredA.body.total).toBe(4);
    const d2 = await rep.call('GET', `/api/demands/${ids.d2}/members`);
    expect(d2.body).toEqual({ items: [], total: 0 });

    const all = await t.api('GET', `/api/demands/${ids.d1}/members`);
    expect(all.body.total).toBe(7);
    expect((await executive.call('GET', `/api/demands/${ids.d1}/members`)).body.total).toBe(7);
    expect((await rep.call('GET', `/api/demands/${MISSING}/members`)).status).toBe(404);
  });

  it('lets a rep read the negotiation log', async () => {
    const note = await t.api('POST', `/api/demands/${ids.d1}/notes`, {
      kind: 'negotiation',
      body: '第1回団交',
    });
    expect(note.status).toBe(201);
    const log = await rep.call('GET', `/api/demands/${ids.d1}/notes`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((n: { id: string }) => n.id)).toEqual([note.body.id]);
  });
});

describe('demands: links by a rep', () => {
  it('links and unlinks members of the rep’s workplaces, attributed to the rep', async () => {
    const linked = await rep.call('PUT', `/api/demands/${ids.d2}/members/${people.a2!.id}`);
    expect(linked.status).toBe(200);
    links.get(ids.d2!)!.add(people.a2!.id);
    expect(linked.body.relatedMemberCount).toBe(expectedCount(ids.d2!, [A]));
    expect(linked.body.relatedMemberCount).toBe(1);
    const [row] = await t.db
      .select()
      .from(demandMembers)
      .where(and(eq(demandMembers.demandId, ids.d2!), eq(demandMembers.memberId, people.a2!.id)));
    expect(row?.createdBy).toBe(rep.id);

    const unlinked = await rep.call('DELETE', `/api/demands/${ids.d2}/members/${people.a2!.id}`);
    expect(unlinked.status).toBe(200);
    links.get(ids.d2!)!.delete(people.a2!.id);
    expect(unlinked.body.relatedMemberCount).toBe(0);

    const audited = (await writesBy(rep.id)).map((r) => `${r.tableName}:${r.action}`);
    expect(audited).toEqual(['demand_members:insert', 'demand_members:delete']);
  });

  it('answers 404 for a member outside the rep’s workplaces, exactly as for a missing one, and changes nothing', async () => {
    const before = await snapshot();
    const missing = await rep.call('PUT', `/api/demands/${ids.d3}/members/${MISSING}`);
    expect(missing.status).toBe(404);
    for (const key of ['b3', 'n1']) {
      const res = await rep.call('PUT', `/api/demands/${ids.d3}/members/${people[key]!.id}`);
      expect(res.status, key).toBe(404);
      expect(res.body, key).toEqual(missing.body);
    }
    // Unlinking another workplace's member is refused even where the link exists.
    for (const key of ['b1', 'n1']) {
      const res = await rep.call('DELETE', `/api/demands/${ids.d1}/members/${people[key]!.id}`);
      expect(res.status, key).toBe(404);
      expect(res.body, key).toEqual(missing.body);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('demands: writes need demands.write', () => {
  it('refuses a rep every demand and log write with 403 and changes nothing', async () => {
    const d = (await t.api('GET', `/api/demands/${ids.d1}`)).body;
    const note = (await t.api('GET', `/api/demands/${ids.d1}/notes`)).body.items[0];
    const before = await snapshot();
    const writesBefore = await writesBy(rep.id);
    const attempts = [
      ['POST', '/api/demands', { title: '新しい要求' }],
      ['POST', '/api/demands', { title: '' }],
      ['PATCH', `/api/demands/${d.id}`, { status: 'settled', version: d.version }],
      ['DELETE', `/api/demands/${d.id}?version=${d.version}`, undefined],
      ['POST', `/api/demands/${d.id}/notes`, { kind: 'internal', body: 'メモ' }],
      ['PATCH', `/api/demands/${d.id}/notes/${note.id}`, { body: '書き換え', version: note.version }],
      ['DELETE', `/api/demands/${d.id}/notes/${note.id}?version=${note.version}`, undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await rep.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await snapshot()).toEqual(before);
    expect(await writesBy(rep.id)).toEqual(writesBefore);
  });

  it('lets an executive create and change demands and the log, link any member, but not delete a demand', async () => {
    const created = await executive.call('POST', '/api/demands', { title: 'd5 通勤手当', priority: 'high' });
    expect(created.status).toBe(201);
    const patched = await executive.call('PATCH', `/api/demands/${created.body.id}`, {
      status: 'negotiating',
      version: 1,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'negotiating', version: 2 });

    const note = await executive.call('POST', `/api/demands/${created.body.id}/notes`, {
      kind: 'management_response',
      body: '検討するとの回答',
    });
    expect(note.status).toBe(201);
    expect(note.body.authorId).toBe(executive.id);
    const noteFixed = await executive.call('PATCH', `/api/demands/${created.body.id}/notes/${note.body.id}`, {
      body: '次回までに検討するとの回答',
      version: 1,
    });
    expect(noteFixed.status).toBe(200);
    expect(
      (await executive.call('DELETE', `/api/demands/${created.body.id}/notes/${note.body.id}?version=2`))
        .status,
    ).toBe(204);

    const linked = await executive.call('PUT', `/api/demands/${created.body.id}/members/${people.b1!.id}`);
    expect(linked.status).toBe(200);
    expect(linked.body.relatedMemberCount).toBe(1);

    expect((await executive.call('DELETE', `/api/demands/${created.body.id}?version=2`)).status).toBe(403);
    expect((await t.api('GET', `/api/demands/${created.body.id}`)).status).toBe(200);

    const audited = new Set((await writesBy(executive.id)).map((r) => `${r.tableName}:${r.action}`));
    expect(audited).toEqual(
      new Set([
        'demands:insert',
        'demands:update',
        'demand_notes:insert',
        'demand_notes:update',
        'demand_notes:delete',
        'demand_members:insert',
      ]),
    );
    // The rep sees the new demand, counted over A only (b1 is not theirs).
    expect((await rep.call('GET', `/api/demands/${created.body.id}`)).body.relatedMemberCount).toBe(0);
  });

  it('leaves an officer as before: writes, links anyone, cannot delete a demand', async () => {
    const created = await officer.call('POST', '/api/demands', { title: 'd6 住宅手当' });
    expect(created.status).toBe(201);
    expect(
      (await officer.call('PUT', `/api/demands/${created.body.id}/members/${people.n1!.id}`)).body
        .relatedMemberCount,
    ).toBe(1);
    expect(
      (await officer.call('DELETE', `/api/demands/${created.body.id}/members/${people.n1!.id}`)).status,
    ).toBe(200);
    // A link that does not exist is still a 404.
    expect(
      (await officer.call('DELETE', `/api/demands/${created.body.id}/members/${people.n1!.id}`)).status,
    ).toBe(404);
    expect((await officer.call('DELETE', `/api/demands/${created.body.id}?version=1`)).status).toBe(403);
    expect((await t.api('DELETE', `/api/demands/${created.body.id}?version=1`)).status).toBe(204);
  });
});
