import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/app';
import { auditLog, tasks, workplaces } from '../../db/schema';
import { createUser } from '../../services/users/create-user';

/**
 * POST /api/workplaces/bulk: 担当者 or a task about each workplace, by ids or the workplace
 * list's filters, within the caller's scope and by the single action's permission.
 */

let t: TestApp;
let A: string;
let B: string;
let C: string;
let rep: { id: string; call: TestApp['api'] };
let officer: { id: string; call: TestApp['api'] };
const MISSING = '00000000-0000-4000-8000-000000000000';

async function user(role: 'rep' | 'officer', workplaceIds: string[]) {
  const email = `${role}-wpbulk-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const u = await createUser(t.db, {
    email,
    displayName: `${role} wp`,
    role,
    password: TEST_PASSWORD,
    workplaceIds,
  });
  return { id: u.id, call: t.as(await t.signIn(email)) };
}

/** Everything a bulk request may write: the workplaces, the tasks and the audit log. */
async function snapshot() {
  const wps = await t.db
    .select({ id: workplaces.id, ownerId: workplaces.ownerId, version: workplaces.version })
    .from(workplaces)
    .orderBy(workplaces.id);
  const [n] = await t.db.select({ tasks: sql<number>`count(*)::int` }).from(tasks);
  const [a] = await t.db.select({ audit: sql<number>`count(*)::int` }).from(auditLog);
  return { wps, ...n, ...a };
}

beforeAll(async () => {
  t = await createTestApp();
  const made = await t.db
    .insert(workplaces)
    .values([{ name: '第一製造部' }, { name: '第二製造部' }, { name: '物流センター', atmosphere: 'active' }])
    .returning({ id: workplaces.id });
  [A, B, C] = made.map((w) => w.id) as [string, string, string];
  rep = await user('rep', [A!]);
  officer = await user('officer', []);
});

afterAll(async () => {
  await t?.close();
});

describe('POST /api/workplaces/bulk', () => {
  it('sets the owner of ticked workplaces: versions bumped, one bulk_workplaces event, row audit', async () => {
    const res = await t.api('POST', '/api/workplaces/bulk', {
      action: 'set_owner',
      workplaceIds: [A, B],
      ownerId: officer.id,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ changed: 2, skipped: 0, replayed: false });
    const rows = await t.db
      .select()
      .from(workplaces)
      .where(inArray(workplaces.id, [A, B, C]));
    for (const w of rows) {
      expect(w.ownerId).toBe(w.id === C ? null : officer.id);
      expect(w.version).toBe(w.id === C ? 1 : 2);
    }
    const [event] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'bulk_workplaces'))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(event!.details).toMatchObject({ action: 'set_owner', changed: 2, selection: 'ids', requested: 2 });
    // The workplace's own history (GET /api/audit by record) shows the row change.
    const history = await t.api('GET', `/api/audit-log?recordId=${A}`);
    expect(history.status, history.text).toBe(200);
    expect(JSON.stringify(history.body)).toContain('ownerId');
  });

  it("a rep may not change owners (records.write); a rep's tasks touch only their workplaces", async () => {
    const before = await snapshot();
    const owner = await rep.call('POST', '/api/workplaces/bulk', {
      action: 'set_owner',
      workplaceIds: [A],
      ownerId: rep.id,
    });
    expect(owner.status).toBe(403);
    expect((await snapshot()).wps).toEqual(before.wps);

    const byIds = await rep.call('POST', '/api/workplaces/bulk', {
      action: 'create_task',
      workplaceIds: [A, B, C, MISSING],
      task: { title: '職場巡回' },
    });
    expect(byIds.status, byIds.text).toBe(200);
    // Out of scope and unknown ids are counted together, never named.
    expect(byIds.body).toEqual({ changed: 1, skipped: 3, replayed: false });
    expect(JSON.stringify(byIds.body)).not.toContain(B);
    const made = await t.db.select().from(tasks).where(eq(tasks.title, '職場巡回'));
    expect(made.map((m) => [m.subjectType, m.subjectId, m.assigneeId])).toEqual([['workplace', A, rep.id]]);

    const byFilter = await rep.call('POST', '/api/workplaces/bulk', {
      action: 'create_task',
      filter: {},
      task: { title: '職場巡回2' },
    });
    expect(byFilter.body).toEqual({ changed: 1, skipped: 0, replayed: false });

    const forOther = await rep.call('POST', '/api/workplaces/bulk', {
      action: 'create_task',
      filter: {},
      task: { title: 'x', assigneeId: officer.id },
    });
    expect(forOther.status).toBe(403);
  });

  it('an Idempotency-Key replays the first answer and writes nothing more; another body is a 409', async () => {
    const body = { action: 'create_task', filter: { atmosphere: 'active' }, task: { title: '集会準備' } };
    const first = await t.api('POST', '/api/workplaces/bulk', body, { 'idempotency-key': 'wp-1' });
    expect(first.body).toEqual({ changed: 1, skipped: 0, replayed: false });
    const before = await snapshot();
    const again = await t.api('POST', '/api/workplaces/bulk', body, { 'idempotency-key': 'wp-1' });
    expect(again.body).toEqual({ changed: 1, skipped: 0, replayed: true });
    expect(await snapshot()).toEqual(before);
    const other = await t.api(
      'POST',
      '/api/workplaces/bulk',
      { ...body, task: { title: '別' } },
      { 'idempotency-key': 'wp-1' },
    );
    expect(other.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it('a failure after the writes rolls back every one of them', async () => {
    const before = await snapshot();
    await t.db.execute(sql`create function wp_bulk_test_fail() returns trigger language plpgsql as $$
      begin if new.action = 'bulk_workplaces' then raise exception 'injected'; end if; return new; end $$`);
    await t.db.execute(
      sql`create trigger wp_bulk_test_fail before insert on audit_log for each row execute function wp_bulk_test_fail()`,
    );
    try {
      const owner = await t.api('POST', '/api/workplaces/bulk', {
        action: 'set_owner',
        filter: {},
        ownerId: officer.id,
      });
      expect(owner.status).toBe(500);
      const task = await t.api('POST', '/api/workplaces/bulk', {
        action: 'create_task',
        filter: {},
        task: { title: '失敗するはず' },
      });
      expect(task.status).toBe(500);
    } finally {
      await t.db.execute(sql`drop trigger wp_bulk_test_fail on audit_log`);
      await t.db.execute(sql`drop function wp_bulk_test_fail()`);
    }
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['workplaceIds', { action: 'set_owner', workplaceIds: [A], filter: {}, ownerId: null }],
    ['workplaceIds', { action: 'set_owner', ownerId: null }],
    ['ownerId', { action: 'set_owner', filter: {} }],
    ['task', { action: 'set_owner', filter: {}, ownerId: null, task: { title: 'x' } }],
    ['ownerId', { action: 'create_task', filter: {}, task: { title: 'x' }, ownerId: null }],
    ['task.title', { action: 'create_task', filter: {}, task: { title: '' } }],
    ['ownerId', { action: 'set_owner', filter: {}, ownerId: 'not-a-uuid' }],
    ['ownerId', { action: 'set_owner', filter: {}, ownerId: MISSING }],
    ['task.assigneeId', { action: 'create_task', filter: {}, task: { title: 'x', assigneeId: MISSING } }],
    ['filter', { action: 'set_owner', filter: { nope: 'x' }, ownerId: null }],
    ['filter.cf.nope', { action: 'set_owner', filter: { 'cf.nope': 'x' }, ownerId: null }],
    ['filter.atmosphere', { action: 'set_owner', filter: { atmosphere: 'great' }, ownerId: null }],
    ['workplaceIds', { action: 'set_owner', workplaceIds: Array(10_001).fill(MISSING), ownerId: null }],
    ['action', { action: 'delete', filter: {} }],
  ])('400 on %s (case %#), writing nothing', async (field, body) => {
    const before = await snapshot();
    const res = await t.api('POST', '/api/workplaces/bulk', body);
    expect(res.status, res.text).toBe(400);
    expect(
      Object.keys(res.body.error.fields).some((k) => k.startsWith(field)),
      res.text,
    ).toBe(true);
    expect(await snapshot()).toEqual(before);
  });
});
