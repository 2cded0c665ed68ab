import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import type { StaffRole } from '../../core/enums';
import { actingAs } from '../../db/acting';
import { auditLog, tasks, workplaces } from '../../db/schema';
import type { ServiceContext } from '../context';
import { createCustomField } from '../custom-fields/create-custom-field';
import { createUser } from '../users/create-user';
import { bulkChangeWorkplaces } from './bulk-change-workplaces';

/**
 * bulkChangeWorkplaces on PGlite and PostgreSQL: set-based owner changes and tasks about
 * workplaces, by ids or the list's filters (custom fields included), within scope, one
 * transaction, one bulk_workplaces event beside the triggers' row audit.
 */

const NOW = new Date('2026-06-10T03:00:00Z');
const MISSING = '00000000-0000-4000-8000-000000000000';
let database: TestDatabase;
let admin: ServiceContext;
let rep: ServiceContext;
let officer: ServiceContext;
const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

async function contextAs(role: StaffRole, workplaceIds: string[]): Promise<ServiceContext> {
  const user = await createUser(database.db, {
    email: `${role}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    displayName: `${role} user`,
    role,
    password: 'correct horse battery',
    workplaceIds,
  });
  return {
    db: actingAs(database.db, user.id, NOW),
    actor: { id: user.id, email: user.email, displayName: user.displayName, role, workplaceIds },
    now: NOW,
  };
}

const rows = () =>
  database.db
    .select({ id: workplaces.id, ownerId: workplaces.ownerId, version: workplaces.version })
    .from(workplaces)
    .orderBy(workplaces.name);

const count = async (table: typeof tasks | typeof auditLog, where: ReturnType<typeof sql>) =>
  (await database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;

beforeAll(async () => {
  database = await createTestDb();
  admin = await contextAs('admin', []);
  await createCustomField(admin, {
    entity: 'workplace',
    key: 'site',
    labelJa: '拠点',
    labelEn: 'Site',
    type: 'choice',
    options: [
      { value: 'east', labelJa: '東', labelEn: 'East' },
      { value: 'west', labelJa: '西', labelEn: 'West' },
    ],
    required: false,
  });
  const made = await database.db
    .insert(workplaces)
    .values([
      { name: 'A 第一製造部', customFields: { site: 'east' } },
      { name: 'B 第二製造部', customFields: { site: 'west' } },
      { name: 'C 物流センター', establishment: '物流', customFields: { site: 'east' } },
    ])
    .returning({ id: workplaces.id, name: workplaces.name });
  for (const w of made) ids[w.name.slice(0, 1).toLowerCase() as 'a' | 'b' | 'c'] = w.id;
  rep = await contextAs('rep', [ids.a]);
  officer = await contextAs('officer', []);
});
afterAll(async () => {
  await database?.close();
});

describe('bulkChangeWorkplaces set_owner', () => {
  it('sets the owner of the filtered workplaces (custom field filter), bumps versions, audits once', async () => {
    const before = await rows();
    const result = await bulkChangeWorkplaces(admin, {
      action: 'set_owner',
      filter: { 'cf.site': 'east' },
      ownerId: officer.actor.id,
    });
    expect(result).toEqual({ changed: 2, skipped: 0, replayed: false });
    const after = await rows();
    for (const w of after) {
      const was = before.find((b) => b.id === w.id)!;
      const hit = w.id === ids.a || w.id === ids.c;
      expect(w.ownerId).toBe(hit ? officer.actor.id : null);
      expect(w.version).toBe(hit ? was.version + 1 : was.version);
    }
    // The triggers audit each row; one event for the request.
    expect(
      await count(
        auditLog,
        sql`${auditLog.action} = 'update' and ${auditLog.tableName} = 'workplaces' and ${auditLog.recordId} in (${ids.a}, ${ids.c})`,
      ),
    ).toBe(2);
    const [event] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'bulk_workplaces'))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(event).toMatchObject({ actorId: admin.actor.id, tableName: 'workplaces' });
    expect(event!.details).toMatchObject({
      action: 'set_owner',
      changed: 2,
      skipped: 0,
      selection: 'filter',
      ownerId: officer.actor.id,
    });

    // Naturally idempotent: the same change again changes nothing.
    const again = await bulkChangeWorkplaces(admin, {
      action: 'set_owner',
      filter: { 'cf.site': 'east' },
      ownerId: officer.actor.id,
    });
    expect(again).toEqual({ changed: 0, skipped: 2, replayed: false });
  });

  it('skips and counts what a rep owner cannot see and ids unknown; null unassigns', async () => {
    const result = await bulkChangeWorkplaces(admin, {
      action: 'set_owner',
      workplaceIds: [ids.a, ids.b, MISSING],
      ownerId: rep.actor.id,
    });
    expect(result).toEqual({ changed: 1, skipped: 2, replayed: false });
    const byId = new Map((await rows()).map((w) => [w.id, w.ownerId]));
    expect(byId.get(ids.a)).toBe(rep.actor.id);
    expect(byId.get(ids.b)).toBeNull();

    const cleared = await bulkChangeWorkplaces(admin, { action: 'set_owner', filter: {}, ownerId: null });
    expect(cleared).toEqual({ changed: 2, skipped: 1, replayed: false });
    for (const w of await rows()) expect(w.ownerId).toBeNull();
  });

  it('refuses a rep (records.write) and an unknown owner, writing nothing', async () => {
    const before = await rows();
    await expect(
      bulkChangeWorkplaces(rep, { action: 'set_owner', filter: {}, ownerId: rep.actor.id }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      bulkChangeWorkplaces(admin, { action: 'set_owner', filter: {}, ownerId: MISSING }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { ownerId: 'does not exist' } });
    await expect(
      bulkChangeWorkplaces(admin, { action: 'set_owner', filter: { 'cf.nope': 'x' }, ownerId: null }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { 'filter.cf.nope': expect.any(String) } });
    expect(await rows()).toEqual(before);
  });
});

describe('bulkChangeWorkplaces create_task', () => {
  it("a rep's tasks go only about their workplaces, assigned to themselves; others' ids are counted", async () => {
    const result = await bulkChangeWorkplaces(rep, {
      action: 'create_task',
      workplaceIds: [ids.a, ids.b, ids.c],
      task: { title: '職場点検', dueOn: '2026-07-01' },
    });
    expect(result).toEqual({ changed: 1, skipped: 2, replayed: false });
    const made = await database.db.select().from(tasks).where(eq(tasks.title, '職場点検'));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      subjectType: 'workplace',
      subjectId: ids.a,
      assigneeId: rep.actor.id,
      createdBy: rep.actor.id,
      status: 'open',
      dueOn: '2026-07-01',
    });
    // By filter, a rep reaches only their workplace and is told nothing of the others.
    const byFilter = await bulkChangeWorkplaces(rep, {
      action: 'create_task',
      filter: {},
      task: { title: '職場点検2' },
    });
    expect(byFilter).toEqual({ changed: 1, skipped: 0, replayed: false });
    await expect(
      bulkChangeWorkplaces(rep, {
        action: 'create_task',
        filter: {},
        task: { title: 'x', assigneeId: officer.actor.id },
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a rep assignee gets tasks only about workplaces they see; an Idempotency-Key replays', async () => {
    const input = {
      action: 'create_task' as const,
      filter: { q: '製造' },
      task: { title: '集会の準備', assigneeId: rep.actor.id },
    };
    const first = await bulkChangeWorkplaces(admin, input, 'wp-key-1');
    expect(first).toEqual({ changed: 1, skipped: 1, replayed: false });
    const second = await bulkChangeWorkplaces(admin, input, 'wp-key-1');
    expect(second).toEqual({ changed: 1, skipped: 1, replayed: true });
    expect(await count(tasks, sql`${tasks.title} = '集会の準備'`)).toBe(1);
    await expect(
      bulkChangeWorkplaces(admin, { ...input, task: { title: '別' } }, 'wp-key-1'),
    ).rejects.toMatchObject({ code: 'conflict' });
    const made = await database.db
      .select({ subjectId: tasks.subjectId })
      .from(tasks)
      .where(and(eq(tasks.title, '集会の準備'), inArray(tasks.subjectId, [ids.a, ids.b])));
    expect(made).toEqual([{ subjectId: ids.a }]);
  });
});
