import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actingAs } from '../../db/acting';
import { type Database, openDatabase } from '../../db/client';
import { rowsOf } from '../../db/queries/records';
import { grantAppRole } from '../../db/roles';
import { eraseMember } from '../../services/members/erase-member';

const NOW = new Date('2026-06-10T03:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
});
let createdRole: string | undefined;
afterAll(async () => {
  await t?.close();
  // A role can be dropped once the database holding its grants is gone.
  if (createdRole) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${createdRole}`).finally(() => admin.end());
  }
});

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
async function ok<T = any>(res: Promise<{ status: number; body: T; text: string }>, status = 201) {
  const r = await res;
  expect(r.status, r.text).toBe(status);
  return r.body;
}

/** Personal data of the member to erase: every value is unique to them in the database. */
const PERSON = {
  name: '消去 対象子',
  nameKana: 'ショウキョ タイショウコ',
  employeeNumber: 'E-ERASE-4711',
  concerns: '夜勤明けの体調が心配',
};
const NOTE_BODIES = ['夜勤シフトについて秘密の相談を受けた', '家族の介護の事情を聞いた（訂正前）'];
const NOTE_EDITED = '家族の介護の事情を聞いた（訂正後）';
const CASE_TITLES = ['残業代の未払い相談', '上司からのハラスメント相談'];
// The sensitive case is closed with this outcome and reopened with this reason (case_events).
const CASE_OUTCOME = '加害上司の異動で一旦解決';
const CASE_REOPEN_REASON = '異動先から再び連絡あり';

/** Tables and the number of rows whose text mentions `needle` (every public table, audit_log included). */
async function mentions(db: TestApp['db'], needle: string): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((r) => r.name);
  expect(tables).toContain('audit_log');
  const parts = tables.map(
    (name) =>
      sql`select ${name}::text as name, count(*)::int as n from ${sql.identifier(name)} x where strpos(x::text, ${needle}) > 0`,
  );
  const rows = rowsOf<{ name: string; n: number }>(await db.execute(sql.join(parts, sql` union all `)));
  return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.name, r.n]));
}

/** A member with everything a member can have: notes, cases, history, links, tasks, a handover, a rep seat. */
async function buildPerson() {
  const wp = await ok(t.api('POST', '/api/workplaces', { name: `第${randomUUID().slice(0, 4)}工場` }));
  const leaving = await t.addUser('officer');
  const other = await t.addUser('officer');
  const exec = await t.addUser('executive');
  const m = await ok(
    t.api('POST', '/api/members', {
      ...PERSON,
      workplaceId: wp.id,
      ownerId: leaving.user.id,
      engagement: 'regular',
    }),
  );
  const changed = await ok(
    t.api('PATCH', `/api/members/${m.id}`, {
      engagement: 'at_risk',
      engagementReason: '面談で不満を聞いた',
      version: m.version,
    }),
    200,
  );
  for (const body of NOTE_BODIES) {
    await ok(
      t.api('POST', `/api/members/${m.id}/notes`, { occurredOn: '2026-06-01', channel: 'visit', body }),
    );
  }
  const notes = await ok(t.api('GET', `/api/members/${m.id}/notes`), 200);
  const second = notes.items.find((n: { body: string }) => n.body === NOTE_BODIES[1]);
  await ok(
    t.api('PATCH', `/api/members/${m.id}/notes/${second.id}`, { body: NOTE_EDITED, version: second.version }),
    200,
  );
  for (const [i, title] of CASE_TITLES.entries()) {
    const c = await ok(
      t.api('POST', `/api/members/${m.id}/cases`, {
        title,
        openedOn: '2026-06-01',
        dueOn: '2026-06-20',
        sensitive: i === 1,
      }),
    );
    if (i === 1) {
      const path = `/api/members/${m.id}/cases/${c.id}`;
      await ok(t.api('PATCH', path, { status: 'closed', outcome: CASE_OUTCOME, version: 1 }), 200);
      await ok(t.api('PATCH', path, { status: 'open', reopenReason: CASE_REOPEN_REASON, version: 2 }), 200);
    }
  }
  // A read of the sensitive case is audited (read_sensitive, subject: the member).
  await ok(t.api('GET', `/api/members/${m.id}/cases`), 200);
  await ok(
    t.api('POST', '/api/tasks', {
      title: `${PERSON.name}さんに電話`,
      subjectType: 'member',
      subjectId: m.id,
    }),
  );
  const demand = await ok(t.api('POST', '/api/demands', { title: '夜勤手当の改善' }));
  await ok(t.api('PUT', `/api/demands/${demand.id}/members/${m.id}`), 200);
  await ok(t.api('PATCH', `/api/workplaces/${wp.id}`, { repMemberId: m.id, version: wp.version }), 200);
  await ok(t.api('POST', '/api/handover', { fromUserId: leaving.user.id, toUserId: other.user.id }));
  // A refused request about the member (an executive may not add notes): a `denied` entry.
  const denied = await t.as(exec.cookie)('POST', `/api/members/${m.id}/notes`, {
    occurredOn: '2026-06-02',
    channel: 'phone',
    body: 'x',
  });
  expect(denied.status).toBe(403);
  return { member: { ...m, version: changed.version }, wp, demand };
}

describe('member data export (access requests)', () => {
  it('gives an admin everything about one member as a JSON attachment, and audits it without personal data', async () => {
    const { member, demand } = await buildPerson();
    const res = await t.api('GET', `/api/members/${member.id}/data-export`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="member-${member.id}.json"`);
    const data = res.body;
    expect(data.format).toBe('kumiai-member-data');
    expect(data.member).toMatchObject({
      ...PERSON,
      nameKana: 'ショウキョ タイショウコ',
      engagement: 'at_risk',
    });
    expect(data.member.searchText).toBeUndefined();
    expect(data.notes.map((n: { body: string }) => n.body).sort()).toEqual(
      [NOTE_BODIES[0], NOTE_EDITED].sort(),
    );
    expect(data.cases.map((c: { title: string }) => c.title).sort()).toEqual([...CASE_TITLES].sort());
    expect(data.cases.filter((c: { sensitive: boolean }) => c.sensitive)).toHaveLength(1);
    // Each case's story: two openings, the sensitive one's closing and reopening, with who.
    expect(
      data.caseEvents.map((e: { kind: string; text: string | null; byName: string }) => [
        e.kind,
        e.text,
        e.byName,
      ]),
    ).toEqual([
      ['opened', null, 'admin user'],
      ['opened', null, 'admin user'],
      ['closed', CASE_OUTCOME, 'admin user'],
      ['reopened', CASE_REOPEN_REASON, 'admin user'],
    ]);
    expect(data.engagementHistory.map((h: { to: string }) => h.to)).toEqual(['regular', 'at_risk']);
    expect(data.demands).toEqual([
      expect.objectContaining({ demandId: demand.id, title: '夜勤手当の改善', linkedByName: 'admin user' }),
    ]);
    // The at-risk rule's follow-up and the task added by hand.
    expect(data.tasks.map((x: { ruleId: string | null }) => x.ruleId).sort()).toEqual([
      'at_risk_follow_up',
      null,
    ]);
    expect(data.handovers).toHaveLength(1);
    const actions = new Set(data.auditLog.map((a: { action: string }) => a.action));
    for (const action of ['insert', 'update', 'read_sensitive', 'denied']) expect(actions).toContain(action);
    // The note's own entries (record: the note) are there, and the history of the edited note.
    expect(
      data.auditLog.some(
        (a: { tableName: string; before: { body?: string } | null }) =>
          a.tableName === 'member_notes' && a.before?.body === NOTE_BODIES[1],
      ),
    ).toBe(true);

    const events = rowsOf<{ details: Record<string, number>; actor_id: string; subject_id: string }>(
      await t.db.execute(
        sql`select details, actor_id, subject_id from audit_log where action = 'data_export' and record_id = ${member.id}`,
      ),
    );
    expect(events).toEqual([
      {
        actor_id: t.admin.id,
        subject_id: member.id,
        details: {
          notes: 2,
          cases: 2,
          caseEvents: 4,
          engagementHistory: 2,
          demands: 1,
          tasks: 2,
          handovers: 1,
          meetingsAttended: 0,
          surveyInvitations: 0,
          surveyAnswers: 0,
          auditEntries: data.auditLog.length,
        },
      },
    ]);
    // The sensitive case shown by the export is a recorded read.
    const reads = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from audit_log where action = 'read_sensitive' and subject_id = ${member.id} and details->>'via' = 'data_export'`,
      ),
    );
    expect(reads[0]!.n).toBe(1);
    // Erased for the next tests, which build the same person again.
    await ok(t.api('POST', `/api/members/${member.id}/erasure`, { confirmName: PERSON.name }), 200);
  });

  it('answers 404 for an unknown member and 403 for every other role', async () => {
    expect((await t.api('GET', `/api/members/${randomUUID()}/data-export`)).status).toBe(404);
    for (const role of ['officer', 'executive', 'rep'] as const) {
      const { cookie } = await t.addUser(role);
      const res = await t.as(cookie)('GET', `/api/members/${randomUUID()}/data-export`);
      expect(res.status).toBe(403);
    }
  });
});

describe('erasure', () => {
  it('refuses a wrong or missing name (400) and changes nothing', async () => {
    const { member } = await buildPerson();
    const before = await mentions(t.db, PERSON.employeeNumber);
    for (const body of [
      { confirmName: '別の人' },
      {},
      { confirmName: '' },
      { confirmName: PERSON.name, x: 1 },
    ]) {
      const res = await t.api('POST', `/api/members/${member.id}/erasure`, body);
      expect(res.status, res.text).toBe(400);
      expect(Object.keys(res.body.error.fields)).not.toHaveLength(0);
    }
    expect(await mentions(t.db, PERSON.employeeNumber)).toEqual(before);
    expect((await t.api('GET', `/api/members/${member.id}`)).status).toBe(200);
    // Erased here for the next test to start from a database without this person.
    await ok(t.api('POST', `/api/members/${member.id}/erasure`, { confirmName: PERSON.name }), 200);
  });

  it('hard-deletes the member and all their personal data, redacts the audit trail and records an erasure event without personal data', async () => {
    const { member, wp } = await buildPerson();
    const bystander = await ok(t.api('POST', '/api/members', { name: '残る 組合員', workplaceId: wp.id }));
    await ok(
      t.api('POST', `/api/members/${bystander.id}/notes`, {
        occurredOn: '2026-06-03',
        channel: 'phone',
        body: '別の組合員のメモ',
      }),
    );
    const needles = [
      PERSON.name,
      PERSON.name.replace(' ', ''),
      PERSON.nameKana,
      PERSON.employeeNumber,
      PERSON.concerns,
      ...NOTE_BODIES,
      NOTE_EDITED,
      ...CASE_TITLES,
      CASE_OUTCOME,
      CASE_REOPEN_REASON,
    ];
    // Before: the data is there, audit log included.
    for (const needle of [PERSON.employeeNumber, NOTE_BODIES[0]!, CASE_TITLES[1]!, CASE_OUTCOME]) {
      expect(Object.keys(await mentions(t.db, needle))).toContain('audit_log');
    }

    // Spaces and character width do not matter in the confirmation.
    const res = await t.api('POST', `/api/members/${member.id}/erasure`, { confirmName: '消去　対象子' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      memberId: member.id,
      erasedAt: NOW.toISOString(),
      removed: {
        notes: 2,
        cases: 2,
        caseEvents: 4,
        engagementHistory: 2,
        demandLinks: 1,
        handoverLinks: 1,
        meetingAttendance: 0,
        tasks: 2,
        workplacesUnlinked: 1,
      },
    });
    expect(res.body.auditEntriesRedacted).toBeGreaterThan(10);

    for (const needle of needles) expect(await mentions(t.db, needle), needle).toEqual({});
    expect((await t.api('GET', `/api/members/${member.id}`)).status).toBe(404);

    // The entries about them remain (who did what, when), their values erased.
    const about = rowsOf<{ action: string; before: unknown; after: unknown; details: unknown }>(
      await t.db.execute(
        sql`select action, before, after, details from audit_log where (record_id = ${member.id} or subject_id = ${member.id}) and action <> 'erasure'`,
      ),
    );
    expect(about.length).toBeGreaterThan(10);
    for (const row of about) {
      for (const value of [row.before, row.after, row.details]) {
        expect(value === null || JSON.stringify(value) === '{"erased":true}', JSON.stringify(row)).toBe(true);
      }
    }
    const erasure = rowsOf<{
      actor_id: string;
      at: Date;
      details: Record<string, unknown>;
      table_name: string;
    }>(
      await t.db.execute(
        sql`select actor_id, at, table_name, details from audit_log where action = 'erasure' and record_id = ${member.id}`,
      ),
    );
    expect(erasure).toHaveLength(1);
    expect(erasure[0]).toMatchObject({
      actor_id: t.admin.id,
      table_name: 'members',
      details: { removed: res.body.removed, auditEntriesRedacted: res.body.auditEntriesRedacted },
    });
    expect(new Date(erasure[0]!.at).toISOString()).toBe(NOW.toISOString());

    // The workplace stays, without its rep; its version moved on. The bystander is untouched.
    const after = await ok(t.api('GET', `/api/workplaces/${wp.id}`), 200);
    expect(after.repMemberId).toBeNull();
    expect(after.version).toBeGreaterThan(wp.version);
    const notes = await ok(t.api('GET', `/api/members/${bystander.id}/notes`), 200);
    expect(notes.items.map((n: { body: string }) => n.body)).toEqual(['別の組合員のメモ']);
  });

  it('answers 404 for an unknown member and 403 for every other role, before reading the body', async () => {
    expect(
      (await t.api('POST', `/api/members/${randomUUID()}/erasure`, { confirmName: 'だれか' })).status,
    ).toBe(404);
    for (const role of ['officer', 'executive', 'rep'] as const) {
      const { cookie } = await t.addUser(role);
      expect((await t.as(cookie)('POST', `/api/members/${randomUUID()}/erasure`, {})).status).toBe(403);
    }
  });
});

// A hardened deployment (db/roles.ts): the server's role cannot UPDATE the audit log,
// yet erasure redacts it through kumiai_redact_audit (SECURITY DEFINER).
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('erasure as the hardened server role (PostgreSQL)', () => {
  const role = `kumiai_app_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  let app: Database;

  beforeAll(async () => {
    await t.db.execute(sql`CREATE ROLE ${sql.identifier(role)} LOGIN`);
    createdRole = role;
    await grantAppRole(t.database, role);
    const asApp = new URL(url!);
    asApp.pathname = `/${t.database.name}`;
    asApp.username = role;
    asApp.password = '';
    app = await openDatabase({ kind: 'postgres', url: asApp.toString(), poolSize: 2 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('erases and redacts, but still cannot UPDATE the audit log directly', async () => {
    const { member } = await buildPerson();
    const actor = {
      id: t.admin.id,
      email: 'admin@example.org',
      displayName: 'admin user',
      role: 'admin' as const,
      workplaceIds: [],
    };
    const result = await eraseMember({ db: actingAs(app.db, actor.id, NOW), actor, now: NOW }, member.id, {
      confirmName: PERSON.name,
    });
    expect(result.removed.notes).toBe(2);
    for (const needle of [PERSON.name, PERSON.employeeNumber, NOTE_BODIES[0]!, CASE_TITLES[1]!]) {
      expect(await mentions(app.db, needle), needle).toEqual({});
    }
    const code = async (statement: ReturnType<typeof sql>) =>
      app.db.execute(statement).then(
        () => 'ok',
        (err: { code?: string; cause?: { code?: string } }) => err.cause?.code ?? err.code,
      );
    expect(await code(sql`update audit_log set before = '{"erased": true}'::jsonb`)).toBe('42501');
    // Nor by setting the flag the redaction function sets: the privilege is missing.
    const flagged = await app.db
      .transaction(async (tx) => {
        await tx.execute(sql`select set_config('kumiai.redacting', 'on', true)`);
        await tx.execute(sql`update audit_log set before = '{"erased": true}'::jsonb`);
      })
      .then(
        () => 'ok',
        (err: { code?: string; cause?: { code?: string } }) => err.cause?.code ?? err.code,
      );
    expect(flagged).toBe('42501');
  });
});
