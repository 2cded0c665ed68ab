import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
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
