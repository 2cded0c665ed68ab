import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { engagementReviewOf } from '../../core/members/engagement-review';
import { auditLog, meetingAttendees } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

// Meetings record who attended (issue 19): attendeeIds on create and update, returned by the
// list, the participation rate from them, and the engagement review they feed.

let tick = Date.parse('2026-10-01T00:00:00Z');
const clock = () => {
  tick += 1000;
  return new Date(tick);
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: clock });
});
afterAll(async () => {
  await t?.close();
});

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

async function newWorkplace() {
  const res = await t.api('POST', '/api/workplaces', { name: unique('出席職場') });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
}

async function newMember(workplaceId: string, body: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/api/members', { name: unique('出席者'), workplaceId, ...body });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; name: string; version: number };
}

async function rep(workplaceIds: string[]) {
  const email = `rep-attendance-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await createUser(t.db, { email, displayName: 'rep', role: 'rep', password: TEST_PASSWORD, workplaceIds });
  return t.as(await t.signIn(email));
}

const attendeeRows = (meetingId: string) =>
  t.db.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId));

describe('meeting attendance', () => {
  it('records who attended, without duplicates, and lists them with the meeting', async () => {
    const wp = await newWorkplace();
    const a = await newMember(wp.id);
    const b = await newMember(wp.id);
    await newMember(wp.id);
    await newMember(wp.id);
    const res = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-09-01',
      title: '職場集会',
      attendeeIds: [a.id, b.id, a.id],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      attendanceRecorded: true,
      attendeeCount: 2,
      invitedCount: 4,
      participationRate: 0.5,
    });
    expect([...res.body.attendeeIds].sort()).toEqual([a.id, b.id].sort());
    expect(res.body.attendees.map((x: { name: string }) => x.name).sort()).toEqual([a.name, b.name].sort());
    expect(await attendeeRows(res.body.id)).toHaveLength(2);
    // Audited by trigger: the member is the record, the meeting the subject.
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tableName, 'meeting_attendees'), eq(auditLog.recordId, a.id)));
    expect(audit).toMatchObject([{ action: 'insert', subjectId: res.body.id }]);

    const list = await t.api('GET', `/api/workplaces/${wp.id}/meetings`);
    expect(list.status).toBe(200);
    expect([...list.body.items[0].attendeeIds].sort()).toEqual([a.id, b.id].sort());

    // A meeting recorded by count only lists nobody.
    const counted = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-08-01',
      title: '懇談会',
      attendeeCount: 3,
    });
    expect(counted.body).toMatchObject({ attendanceRecorded: false, attendeeIds: [], attendeeCount: 3 });
  });

  it('takes attendeeCount from the list, and requires a count without one', async () => {
    const wp = await newWorkplace();
    const a = await newMember(wp.id);
    const path = `/api/workplaces/${wp.id}/meetings`;
    const res = await t.api('POST', path, {
      heldOn: '2026-09-02',
      title: '集会',
      attendeeIds: [a.id],
      attendeeCount: 7,
      invitedCount: 5,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ attendeeCount: 1, invitedCount: 5, participationRate: 0.2 });
    const none = await t.api('POST', path, { heldOn: '2026-09-02', title: '集会' });
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toHaveProperty('attendeeCount');
    const tooMany = await t.api('POST', path, {
      heldOn: '2026-09-02',
      title: '集会',
      attendeeIds: [a.id],
      invitedCount: 0,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields).toHaveProperty('attendeeIds');
    // An empty list records that nobody came.
    const empty = await t.api('POST', path, { heldOn: '2026-09-03', title: '集会', attendeeIds: [] });
    expect(empty.status, empty.text).toBe(201);
    expect(empty.body).toMatchObject({ attendanceRecorded: true, attendeeCount: 0 });
  });

  it('refuses members of another workplace or unknown ids (400 on attendeeIds, no names), writing nothing', async () => {
    const wp = await newWorkplace();
    const other = await newWorkplace();
    const mine = await newMember(wp.id);
    const theirs = await newMember(other.id, { name: '秘密の名前' });
    const before = (await t.api('GET', `/api/workplaces/${wp.id}/meetings`)).body.total;
    for (const ids of [[mine.id, theirs.id], ['00000000-0000-4000-8000-000000000000'], ['not-an-id']]) {
      const res = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
        heldOn: '2026-09-04',
        title: '集会',
        attendeeIds: ids,
      });
      expect(res.status, res.text).toBe(400);
      expect(Object.keys(res.body.error.fields).some((k) => k.startsWith('attendeeIds'))).toBe(true);
      expect(res.text).not.toContain('秘密の名前');
    }
    expect((await t.api('GET', `/api/workplaces/${wp.id}/meetings`)).body.total).toBe(before);
  });

  it('updates the list with the version, or removes the recorded attendance', async () => {
    const wp = await newWorkplace();
    const a = await newMember(wp.id);
    const b = await newMember(wp.id);
    const created = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-09-05',
      title: '集会',
      attendeeIds: [a.id],
      invitedCount: 2,
    });
    const path = `/api/workplaces/${wp.id}/meetings/${created.body.id}`;
    // A count alone must agree with the recorded attendees.
    const wrongCount = await t.api('PATCH', path, { attendeeCount: 2, version: 1 });
    expect(wrongCount.status).toBe(400);
    expect(wrongCount.body.error.fields).toHaveProperty('attendeeCount');
    const updated = await t.api('PATCH', path, { attendeeIds: [b.id, a.id, b.id], version: 1 });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, attendeeCount: 2, participationRate: 1 });
    expect((await attendeeRows(created.body.id)).length).toBe(2);
    const stale = await t.api('PATCH', path, { attendeeIds: [a.id], version: 1 });
    expect(stale.status).toBe(409);
    expect((await attendeeRows(created.body.id)).length).toBe(2);
    const outside = await t.api('PATCH', path, {
      attendeeIds: [a.id, (await newMember((await newWorkplace()).id)).id],
      version: 2,
    });
    expect(outside.status).toBe(400);
    expect((await attendeeRows(created.body.id)).length).toBe(2);
    const cleared = await t.api('PATCH', path, { attendeeIds: null, version: 2 });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.body).toMatchObject({
      attendanceRecorded: false,
      attendeeIds: [],
      attendeeCount: 2,
      version: 3,
    });
    expect(await attendeeRows(created.body.id)).toHaveLength(0);
  });

  it('counts the participation rate from the recorded attendees (a deleted member no longer counts)', async () => {
    const wp = await newWorkplace();
    const a = await newMember(wp.id);
    const b = await newMember(wp.id);
    await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-09-06',
      title: '集会',
      attendeeIds: [a.id, b.id],
      invitedCount: 4,
    });
    expect((await t.api('GET', `/api/workplaces/${wp.id}`)).body.lastMeetingParticipationRate).toBe(0.5);
    expect((await t.api('DELETE', `/api/members/${b.id}?version=${b.version}`)).status).toBe(204);
    expect((await t.api('GET', `/api/workplaces/${wp.id}`)).body.lastMeetingParticipationRate).toBe(0.25);
    const list = await t.api('GET', `/api/workplaces/${wp.id}/meetings`);
    expect(list.body.items[0]).toMatchObject({
      attendeeIds: [a.id],
      participationRate: 0.25,
      attendeeCount: 2,
    });
  });

  it('lets a rep record attendance only for the members of their workplaces', async () => {
    const wp = await newWorkplace();
    const other = await newWorkplace();
    const mine = await newMember(wp.id);
    const theirs = await newMember(other.id, { name: '他職場の人' });
    const call = await rep([wp.id]);
    const ok = await call('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-09-07',
      title: '集会',
      attendeeIds: [mine.id],
    });
    expect(ok.status, ok.text).toBe(201);
    const bad = await call('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-09-07',
      title: '集会',
      attendeeIds: [mine.id, theirs.id],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain('他職場の人');
    const elsewhere = await call('POST', `/api/workplaces/${other.id}/meetings`, {
      heldOn: '2026-09-07',
      title: '集会',
      attendeeIds: [theirs.id],
    });
    expect(elsewhere.status).toBe(404);
    // The member moves to a workplace out of the rep's reach: still an attendee by id, no name.
    const moved = await t.api('PATCH', `/api/members/${mine.id}`, {
      workplaceId: other.id,
      version: mine.version,
    });
    expect(moved.status, moved.text).toBe(200);
    const list = await call('GET', `/api/workplaces/${wp.id}/meetings`);
    expect(list.body.items[0]).toMatchObject({ attendeeIds: [mine.id], attendees: [] });
  });
});

describe('members and their attendance', () => {
  async function meetingWith(wpId: string, heldOn: string, ids: string[]) {
    const res = await t.api('POST', `/api/workplaces/${wpId}/meetings`, {
      heldOn,
      title: `集会 ${heldOn}`,
      attendeeIds: ids,
      invitedCount: 10,
    });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string };
  }

  it('moves a merged member’s attendance to the kept one (a meeting both attended once)', async () => {
    const wp = await newWorkplace();
    const kept = await newMember(wp.id);
    const other = await newMember(wp.id);
    const both = await meetingWith(wp.id, '2026-09-10', [kept.id, other.id]);
    const onlyOther = await meetingWith(wp.id, '2026-09-11', [other.id]);
    const preview = await t.api('GET', `/api/members/${kept.id}/merge-preview?otherId=${other.id}`);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.moves.meetingsAttended).toBe(1);
    const merged = await t.api('POST', `/api/members/${kept.id}/merge`, {
      otherId: other.id,
      version: kept.version,
      otherVersion: other.version,
    });
    expect(merged.status, merged.text).toBe(200);
    expect((await attendeeRows(both.id)).map((r) => r.memberId)).toEqual([kept.id]);
    expect((await attendeeRows(onlyOther.id)).map((r) => r.memberId)).toEqual([kept.id]);
  });

  it('exports the meetings attended and erases the attendance with the member', async () => {
    const wp = await newWorkplace();
    const member = await newMember(wp.id, { name: '消去出席子' });
    const m = await meetingWith(wp.id, '2026-09-12', [member.id]);
    const exported = await t.api('GET', `/api/members/${member.id}/data-export`);
    expect(exported.status, exported.text).toBe(200);
    expect(exported.body.meetingsAttended).toMatchObject([{ meetingId: m.id, heldOn: '2026-09-12' }]);
    const erased = await t.api('POST', `/api/members/${member.id}/erasure`, { confirmName: '消去出席子' });
    expect(erased.status, erased.text).toBe(200);
    expect(erased.body.removed.meetingAttendance).toBe(1);
    expect(await attendeeRows(m.id)).toHaveLength(0);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tableName, 'meeting_attendees'), eq(auditLog.recordId, member.id)));
    expect(audit.length).toBe(2);
    // Redacted: who did what and when stays, the recorded values do not.
    for (const row of audit) {
      for (const values of [row.before, row.after]) expect([null, { erased: true }]).toContainEqual(values);
    }
  });
});

describe('engagement review (関与度の見直し)', () => {
  const days = ['2026-07-01', '2026-07-15', '2026-08-01', '2026-08-15', '2026-09-01'];

  async function meetings(wpId: string, attendance: string[][]) {
    for (const [i, ids] of attendance.entries()) {
      const res = await t.api('POST', `/api/workplaces/${wpId}/meetings`, {
        heldOn: days[i],
        title: `定例会 ${i + 1}`,
        attendeeIds: ids,
        invitedCount: 20,
      });
      expect(res.status, res.text).toBe(201);
    }
  }

  it('suggests a review where attendance and engagement disagree, on the member page, the weekly dashboard and not beyond the scope', async () => {
    const wp = await newWorkplace();
    const rare = await newMember(wp.id, { engagement: 'rare' });
    const regular = await newMember(wp.id, { engagement: 'regular' });
    const occasional = await newMember(wp.id, { engagement: 'occasional' });
    const late = await newMember(wp.id, { engagement: 'regular', joinedOn: '2026-08-10' });
    const atRiskTwice = await newMember(wp.id, { engagement: 'at_risk' });
    // The oldest meeting falls out of the window of 4: rare attended 3 of the last 4.
    await meetings(wp.id, [
      [regular.id],
      [rare.id, atRiskTwice.id],
      [rare.id, atRiskTwice.id],
      [rare.id],
      [],
    ]);
    // Three recorded meetings: nothing to judge yet for this member.
    const review = async (id: string) => (await t.api('GET', `/api/members/${id}`)).body.engagementReview;
    // rare: meetings 2, 3, 4 of the window (2..5) → 3 of 4.
    expect(await review(rare.id)).toEqual({ suggestedDirection: 'up', attended: 3, of: 4 });
    expect(await review(regular.id)).toEqual({ suggestedDirection: 'down', attended: 0, of: 4 });
    expect(await review(occasional.id)).toBeNull();
    expect(await review(late.id)).toBeNull();
    expect(await review(atRiskTwice.id)).toBeNull();

    const weekly = await t.api('GET', '/api/dashboards/weekly');
    expect(weekly.status, weekly.text).toBe(200);
    const mine = weekly.body.engagementReviews.filter(
      (r: { workplaceId: string }) => r.workplaceId === wp.id,
    );
    expect(
      mine.map((r: { memberId: string; suggestedDirection: string }) => [r.memberId, r.suggestedDirection]),
    ).toEqual(
      expect.arrayContaining([
        [rare.id, 'up'],
        [regular.id, 'down'],
      ]),
    );
    expect(mine).toHaveLength(2);
    expect(weekly.body.totals.engagementReviews).toBeGreaterThanOrEqual(2);

    // A rep of another workplace sees none of them; the rep of this one sees both.
    const otherRep = await rep([(await newWorkplace()).id]);
    const theirs = await otherRep('GET', '/api/dashboards/weekly');
    expect(theirs.body.engagementReviews.some((r: { workplaceId: string }) => r.workplaceId === wp.id)).toBe(
      false,
    );
    const ownRep = await rep([wp.id]);
    const own = await ownRep('GET', '/api/dashboards/weekly');
    expect(own.body.engagementReviews).toHaveLength(2);
    expect(own.body.totals.engagementReviews).toBe(2);

    // Confirming the suggestion is an ordinary engagement change; then they agree.
    const changed = await t.api('PATCH', `/api/members/${rare.id}`, {
      engagement: 'occasional',
      engagementReason: '直近4回中3回参加',
      version: rare.version,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(await review(rare.id)).toBeNull();
  });

  it('shows the meetings attended on the member’s timeline', async () => {
    const wp = await newWorkplace();
    const member = await newMember(wp.id);
    const res = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-09-20',
      title: '秋の職場集会',
      attendeeIds: [member.id],
    });
    const timeline = await t.api('GET', `/api/members/${member.id}/timeline`);
    expect(timeline.status, timeline.text).toBe(200);
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'meeting_attended',
        date: '2026-09-20',
        title: '秋の職場集会',
        refId: res.body.id,
      }),
    );
  });
});

describe('engagement review: the SQL agrees with the reference rule', () => {
  it('on random attendance, engagement, joining days and statuses', async () => {
    const levels = ['active_core', 'regular', 'occasional', 'rare', 'indifferent', 'at_risk'] as const;
    const [data] = fc.sample(
      fc.record({
        meetings: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 3, maxLength: 7 }),
        members: fc.array(
          fc.record({
            engagement: fc.constantFrom(...levels),
            joined: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
            left: fc.boolean(),
            attends: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
          }),
          { minLength: 6, maxLength: 12 },
        ),
      }),
      { seed: 19, numRuns: 1 },
    );
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const wp = await newWorkplace();
    const made = [];
    for (const m of data!.members) {
      const body: Record<string, unknown> = { engagement: m.engagement };
      if (m.joined !== null) body.joinedOn = day(m.joined);
      if (m.left) Object.assign(body, { status: 'left', leftOn: day(250) });
      made.push({ ...m, row: await newMember(wp.id, body) });
    }
    const held: { heldOn: string; ids: Set<string> }[] = [];
    for (const [i, d] of data!.meetings.entries()) {
      const ids = made.filter((m) => m.attends[i]).map((m) => m.row.id);
      await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
        heldOn: day(d),
        title: `会 ${i}`,
        attendeeIds: ids,
        invitedCount: 50,
      });
      held.push({ heldOn: day(d), ids: new Set(ids) });
    }
    // Newest first, later records first on the same day (the clock moves on each write).
    const order = held
      .map((h, i) => ({ ...h, i }))
      .sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.i - a.i);
    for (const m of made) {
      const expected = engagementReviewOf(
        {
          status: m.left ? 'left' : 'active',
          engagement: m.engagement,
          joinedOn: m.joined === null ? null : day(m.joined),
        },
        order.map((h) => ({ heldOn: h.heldOn, attended: h.ids.has(m.row.id) })),
      );
      const res = await t.api('GET', `/api/members/${m.row.id}`);
      expect(res.body.engagementReview, JSON.stringify(m)).toEqual(expected);
    }
  });
});

describe('fuzzing attendeeIds', () => {
  it('answers 201/200 with exactly the unique ids of the workplace’s members, or 400 writing nothing; never a 5xx', async () => {
    const wp = await newWorkplace();
    const other = await newWorkplace();
    const mine = [await newMember(wp.id), await newMember(wp.id), await newMember(wp.id)].map((m) => m.id);
    const theirs = (await newMember(other.id)).id;
    const base = await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
      heldOn: '2026-09-30',
      title: '基準',
      attendeeIds: [mine[0]],
    });
    let version = base.body.version as number;
    const entry = fc.oneof(
      fc.constantFrom(...mine),
      fc.constant(theirs),
      fc.uuid(),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('', '\u0000', '00000000-0000-0000-0000-000000000000', 'ＩＤ'),
      fc.integer(),
      fc.constant(null),
    );
    const list = fc.oneof(
      { weight: 5, arbitrary: fc.array(entry, { maxLength: 8 }) },
      { weight: 1, arbitrary: fc.anything() },
    );
    const count = async () => (await t.api('GET', `/api/workplaces/${wp.id}/meetings`)).body.total as number;
    await fc.assert(
      fc.asyncProperty(list, fc.boolean(), async (attendeeIds, patch) => {
        const before = await count();
        const beforeRows = (await attendeeRows(base.body.id)).map((r) => r.memberId).sort();
        const res = patch
          ? await t.api('PATCH', `/api/workplaces/${wp.id}/meetings/${base.body.id}`, {
              attendeeIds,
              version,
            })
          : await t.api('POST', `/api/workplaces/${wp.id}/meetings`, {
              heldOn: '2026-10-01',
              title: 'fuzz',
              attendeeIds,
            });
        expect(res.status, res.text).toBeLessThan(500);
        const valid =
          Array.isArray(attendeeIds) &&
          attendeeIds.every((id) => typeof id === 'string' && mine.includes(id));
        if (valid) {
          expect(res.status, res.text).toBe(patch ? 200 : 201);
          const expected = [...new Set(attendeeIds as string[])].sort();
          expect([...res.body.attendeeIds].sort()).toEqual(expected);
          expect(res.body.attendeeCount).toBe(expected.length);
          expect((await attendeeRows(res.body.id)).map((r) => r.memberId).sort()).toEqual(expected);
          if (patch) version = res.body.version;
        } else if (patch && attendeeIds === undefined) {
          // Left out of the JSON: nothing to change but the version.
          expect(res.status, res.text).toBe(200);
          version = res.body.version;
        } else if (attendeeIds !== null || !patch) {
          expect(res.status, res.text).toBe(400);
          expect(await count()).toBe(before);
          expect((await attendeeRows(base.body.id)).map((r) => r.memberId).sort()).toEqual(beforeRows);
        } else {
          // null on PATCH removes the recorded attendance.
          expect(res.status, res.text).toBe(200);
          version = res.body.version;
        }
      }),
      { numRuns: 40, seed: 1919 },
    );
  });
});
