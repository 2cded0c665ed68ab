import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { atmosphereHistory, auditLog, members, workplaceMeetings, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

/**
 * Who may see and change workplaces: a rep reaches only their own workplaces
 * (anything else is 404, exactly like a missing one); only records.write
 * (admins, officers) changes workplaces and meetings; deletion is admin only.
 */

/** A record as the API returns it (tests read the fields they need). */
type Rec = { id: string; version: number; [field: string]: unknown };

let t: TestApp;
let A: Rec;
let B: Rec;
let meetingA: Rec;
let meetingB: Rec;
let rep: { id: string; call: TestApp['api'] };
let executive: { id: string; call: TestApp['api'] };
let officer: { id: string; call: TestApp['api'] };
let outsiderName: string;

const MISSING = '00000000-0000-4000-8000-000000000000';

async function created(res: { status: number; body: Rec; text: string }) {
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function staff(role: 'rep' | 'executive' | 'officer', workplaceIds: string[] = []) {
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

/** Every workplace, meeting and atmosphere row: what a denied request must leave exactly as it was. */
async function snapshot() {
  return {
    workplaces: await t.db.select().from(workplaces).orderBy(asc(workplaces.id)),
    meetings: await t.db.select().from(workplaceMeetings).orderBy(asc(workplaceMeetings.id)),
    history: await t.db.select().from(atmosphereHistory).orderBy(asc(atmosphereHistory.seq)),
  };
}

/** Table writes (audit trigger rows) attributed to a user. */
async function writesBy(userId: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, userId), inArray(auditLog.action, ['insert', 'update', 'delete'])))
    .orderBy(asc(auditLog.id));
}

/** The rep's workplaces, as an admin sets them. */
async function setRepWorkplaces(workplaceIds: string[]) {
  const u = await t.api('GET', `/api/users/${rep.id}`);
  const res = await t.api('PATCH', `/api/users/${rep.id}`, { workplaceIds, version: u.body.version });
  expect(res.status, res.text).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  A = await created(
    await t.api('POST', '/api/workplaces', {
      name: '第一製造部',
      establishment: '川崎工場',
      employeeCount: 10,
      atmosphere: 'active',
    }),
  );
  B = await created(
    await t.api('POST', '/api/workplaces', {
      name: '第二製造部',
      establishment: '川崎工場',
      employeeCount: 4,
      atmosphere: 'split_risk',
    }),
  );
  // Three counted members in A, two in B: B has the higher organization rate.
  const rows = await t.db
    .insert(members)
    .values([
      { name: '青木 一郎', workplaceId: A.id },
      { name: '石井 二郎', workplaceId: A.id },
      { name: '上田 三郎', workplaceId: A.id },
      { name: '江藤 四郎', workplaceId: B.id },
      { name: '大野 五郎', workplaceId: B.id },
    ])
    .returning({ id: members.id, name: members.name });
  // A's 職場委員 is (by mistake or on loan) a member placed in B: a rep of A must not learn B's names.
  const outsider = rows[3]!;
  outsiderName = outsider.name;
  A = (await t.api('PATCH', `/api/workplaces/${A.id}`, { repMemberId: outsider.id, version: A.version }))
    .body;
  meetingA = await created(
    await t.api('POST', `/api/workplaces/${A.id}/meetings`, {
      heldOn: '2026-03-01',
      title: 'A集会',
      attendeeCount: 2,
    }),
  );
  meetingB = await created(
    await t.api('POST', `/api/workplaces/${B.id}/meetings`, {
      heldOn: '2026-03-02',
      title: 'B集会',
      attendeeCount: 1,
    }),
  );
  rep = await staff('rep', [A.id]);
  executive = await staff('executive');
  officer = await staff('officer');
});
afterAll(async () => {
  await t?.close();
});

describe('workplaces: a rep reads only their own', () => {
  it('lists only their workplaces, with the total, under every filter, sort and search', async () => {
    const all = await t.api('GET', '/api/workplaces');
    expect(all.body.total).toBe(2);

    // [query, ids on the page, total]
    const cases: Array<[string, string[], number]> = [
      ['', [A.id], 1],
      ['?q=製造部', [A.id], 1],
      ['?q=川崎', [A.id], 1],
      ['?q=第二', [], 0],
      ['?establishment=川崎工場', [A.id], 1],
      ['?atmosphere=split_risk', [], 0],
      ['?atmosphere=active', [A.id], 1],
      ['?sort=-organizationRate', [A.id], 1],
      ['?sort=memberCount', [A.id], 1],
      ['?sort=-atmosphere', [A.id], 1],
      ['?sort=-updatedAt&limit=1', [A.id], 1],
      ['?offset=1', [], 1],
    ];
    for (const [query, ids, total] of cases) {
      const res = await rep.call('GET', `/api/workplaces${query}`);
      expect(res.status, query).toBe(200);
      expect(
        res.body.items.map((w: { id: string }) => w.id),
        query,
      ).toEqual(ids);
      expect(res.body.total, query).toBe(total);
      expect(res.body.nextCursor, query).toBeUndefined();
    }
  });

  it("shows its own workplace's computed fields, but not the name of a 職場委員 placed elsewhere", async () => {
    const mine = await rep.call('GET', `/api/workplaces/${A.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      id: A.id,
      memberCount: 3,
      organizationRate: 0.3,
      nonMemberCount: 7,
      lastMeetingOn: '2026-03-01',
      repMemberId: A.repMemberId,
      repMemberName: null,
    });
    const listed = (await rep.call('GET', '/api/workplaces')).body.items[0];
    expect(listed).toEqual(mine.body);
    // Roles that reach every member see the name.
    for (const call of [t.api, officer.call, executive.call]) {
      expect((await call('GET', `/api/workplaces/${A.id}`)).body.repMemberName).toBe(outsiderName);
    }
  });

  it('answers 404 for another workplace and its meetings and history, exactly as for a missing one', async () => {
    for (const path of ['', '/meetings', '/atmosphere-history']) {
      const other = await rep.call('GET', `/api/workplaces/${B.id}${path}`);
      const missing = await rep.call('GET', `/api/workplaces/${MISSING}${path}`);
      expect(other.status, path).toBe(404);
      expect(missing.status, path).toBe(404);
      expect(other.body, path).toEqual(missing.body);

      const own = await rep.call('GET', `/api/workplaces/${A.id}${path}`);
      expect(own.status, path).toBe(200);
    }
    const meetings = await rep.call('GET', `/api/workplaces/${A.id}/meetings`);
    expect(meetings.body.items.map((m: { id: string }) => m.id)).toEqual([meetingA.id]);
    const history = await rep.call('GET', `/api/workplaces/${A.id}/atmosphere-history`);
    expect(history.body.items.map((h: { to: string }) => h.to)).toEqual(['active']);
  });
});

/** Every workplace write, on the rep's own workplace and on another one. */
function writes(wp: Rec, meeting: Rec) {
  return [
    ['POST', '/api/workplaces', { name: '新しい職場' }],
    // Even invalid input is refused for the role first: a 400 would reveal nothing, but 403 is the answer.
    ['POST', '/api/workplaces', { name: '' }],
    ['PATCH', `/api/workplaces/${wp.id}`, { issues: '人手不足', version: wp.version }],
    ['PATCH', `/api/workplaces/${wp.id}`, { atmosphere: 'indifferent', version: wp.version }],
    ['PATCH', `/api/workplaces/${wp.id}`, { atmosphere: 'indifferent', version: 999 }],
    ['POST', `/api/workplaces/${wp.id}/meetings`, { heldOn: '2026-04-01', title: '集会', attendeeCount: 1 }],
    ['PATCH', `/api/workplaces/${wp.id}/meetings/${meeting.id}`, { attendeeCount: 0, version: 1 }],
    ['DELETE', `/api/workplaces/${wp.id}/meetings/${meeting.id}?version=1`, undefined],
    ['DELETE', `/api/workplaces/${wp.id}?version=${wp.version}`, undefined],
  ] as const;
}

/** What only records.write may do, a rep not even in their own workplace. */
function recordsOnlyWrites(wp: Rec, meeting: Rec) {
  return [
    ['POST', '/api/workplaces', { name: '新しい職場' }],
    ['POST', '/api/workplaces', { name: '' }],
    ['PATCH', `/api/workplaces/${wp.id}`, { issues: '人手不足', version: wp.version }],
    // The atmosphere beside another field: the whole change is refused (fields are checked first).
    ['PATCH', `/api/workplaces/${wp.id}`, { atmosphere: 'indifferent', name: '改名', version: wp.version }],
    ['DELETE', `/api/workplaces/${wp.id}/meetings/${meeting.id}?version=1`, undefined],
    ['DELETE', `/api/workplaces/${wp.id}?version=${wp.version}`, undefined],
  ] as const;
}

describe('workplaces: writes need records.write', () => {
  it('refuses every write of an executive, and a rep every write but the atmosphere and meetings, with 403', async () => {
    const before = await snapshot();
    const cases = [
      [executive, [...writes(A, meetingA), ...writes(B, meetingB)]],
      [rep, [...recordsOnlyWrites(A, meetingA), ...recordsOnlyWrites(B, meetingB)]],
    ] as const;
    for (const [user, calls] of cases) {
      for (const [method, path, body] of calls) {
        const res = await user.call(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect(await writesBy(user.id)).toEqual([]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets an executive read every workplace', async () => {
    const list = await executive.call('GET', '/api/workplaces');
    expect(list.body.total).toBe(2);
    for (const path of ['', '/meetings', '/atmosphere-history']) {
      expect((await executive.call('GET', `/api/workplaces/${B.id}${path}`)).status).toBe(200);
    }
  });

  it("lets a rep change their own workplace's atmosphere with its reason, and no other workplace's", async () => {
    const wp = await created(await officer.call('POST', '/api/workplaces', { name: '委員の職場' }));
    await setRepWorkplaces([A.id, wp.id]);
    const before = await snapshot();
    // Another workplace: 404 exactly like a missing one; a stale version: 409; nothing written.
    const other = await rep.call('PATCH', `/api/workplaces/${B.id}`, {
      atmosphere: 'indifferent',
      version: 1,
    });
    const missing = await rep.call('PATCH', `/api/workplaces/${MISSING}`, {
      atmosphere: 'indifferent',
      version: 1,
    });
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    const stale = await rep.call('PATCH', `/api/workplaces/${wp.id}`, {
      atmosphere: 'indifferent',
      version: 99,
    });
    expect(stale.status).toBe(409);
    expect(await snapshot()).toEqual(before);

    const res = await rep.call('PATCH', `/api/workplaces/${wp.id}`, {
      atmosphere: 'indifferent',
      atmosphereReason: '集会に人が来なくなった',
      version: wp.version,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ atmosphere: 'indifferent', version: wp.version + 1 });
    const history = await t.db
      .select()
      .from(atmosphereHistory)
      .where(eq(atmosphereHistory.workplaceId, wp.id));
    expect(history.map((h) => [h.from, h.to, h.reason, h.changedBy])).toContainEqual([
      'normal',
      'indifferent',
      '集会に人が来なくなった',
      rep.id,
    ]);
    await setRepWorkplaces([A.id]);
  });

  it("leaves an officer's work as it was: workplaces, atmosphere and meetings, attributed in the audit log", async () => {
    const wp = await created(await officer.call('POST', '/api/workplaces', { name: '物流センター' }));
    const patched = await officer.call('PATCH', `/api/workplaces/${B.id}`, {
      atmosphere: 'normal',
      atmosphereReason: '話し合いで落ち着いた',
      version: B.version,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.atmosphere).toBe('normal');
    const history = await t.db
      .select()
      .from(atmosphereHistory)
      .where(eq(atmosphereHistory.workplaceId, B.id))
      .orderBy(asc(atmosphereHistory.seq));
    expect(history.map((h) => [h.from, h.to, h.changedBy])).toEqual([
      [null, 'split_risk', t.admin.id],
      ['split_risk', 'normal', officer.id],
    ]);

    const meeting = await created(
      await officer.call('POST', `/api/workplaces/${wp.id}/meetings`, {
        heldOn: '2026-04-02',
        title: '懇親会',
        attendeeCount: 0,
      }),
    );
    const changed = await officer.call('PATCH', `/api/workplaces/${wp.id}/meetings/${meeting.id}`, {
      attendeeCount: 0,
      invitedCount: 3,
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(
      (await officer.call('DELETE', `/api/workplaces/${wp.id}/meetings/${meeting.id}?version=2`)).status,
    ).toBe(204);
    // Deleting a workplace stays admin only.
    expect((await officer.call('DELETE', `/api/workplaces/${wp.id}?version=1`)).status).toBe(403);

    // (atmosphere_history is its own append-only record: it has no audit trigger.)
    const tables = new Set((await writesBy(officer.id)).map((row) => `${row.tableName}:${row.action}`));
    expect(tables).toEqual(
      new Set([
        'workplaces:insert',
        'workplaces:update',
        'workplace_meetings:insert',
        'workplace_meetings:update',
        'workplace_meetings:delete',
      ]),
    );
  });
});
