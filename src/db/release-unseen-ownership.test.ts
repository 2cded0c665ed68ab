import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../test/db';
import { members, tasks, users, userWorkplaces, workplaces } from './schema';

// Migration 0015 applies the ownership rule (db/queries/ownership.ts) to data written before
// it: run here on rows that break the rule, as an upgraded database holds them.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database?.close();
});

async function runMigration() {
  const file = new URL('./migrations/0015_release_unseen_ownership.sql', import.meta.url);
  for (const statement of (await readFile(file, 'utf8')).split('--> statement-breakpoint')) {
    await database.db.execute(sql.raw(statement));
  }
}

describe('migration 0015: ownership a rep cannot see is released', () => {
  it('clears rep owners outside their workplaces and unassigns their open tasks there; keeps the rest', async () => {
    const db = database.db;
    const [a, b] = await db
      .insert(workplaces)
      .values([{ name: '第一製造課' }, { name: '物流センター' }])
      .returning({ id: workplaces.id });
    const staff = await db
      .insert(users)
      .values([
        { email: 'rep@example.org', displayName: '職場委員', role: 'rep', passwordHash: 'x' },
        { email: 'officer@example.org', displayName: '専従', role: 'officer', passwordHash: 'x' },
      ])
      .returning({ id: users.id });
    const rep = staff[0]!.id;
    const officer = staff[1]!.id;
    await db.insert(userWorkplaces).values({ userId: rep, workplaceId: a!.id });
    await db.update(workplaces).set({ ownerId: rep }).where(eq(workplaces.id, b!.id));
    const [inside, outside, nowhere, officers] = await db
      .insert(members)
      .values([
        { name: '内 一郎', workplaceId: a!.id, ownerId: rep },
        { name: '外 二郎', workplaceId: b!.id, ownerId: rep },
        { name: '無所属 三郎', workplaceId: null, ownerId: rep },
        { name: '外 四郎', workplaceId: b!.id, ownerId: officer },
      ])
      .returning({ id: members.id });
    const made = await db
      .insert(tasks)
      .values([
        { title: 'inside', assigneeId: rep, subjectType: 'member', subjectId: inside!.id },
        { title: 'outside', assigneeId: rep, subjectType: 'member', subjectId: outside!.id },
        {
          title: 'outside done',
          assigneeId: rep,
          subjectType: 'member',
          subjectId: outside!.id,
          status: 'done',
        },
        { title: 'workplace', assigneeId: rep, subjectType: 'workplace', subjectId: b!.id },
        { title: 'no subject', assigneeId: rep },
        { title: 'officer', assigneeId: officer, subjectType: 'member', subjectId: officers!.id },
      ])
      .returning({ id: tasks.id, title: tasks.title });

    await runMigration();

    const owners = await db.select({ id: members.id, ownerId: members.ownerId }).from(members);
    const ownerOf = new Map(owners.map((m) => [m.id, m.ownerId]));
    expect(ownerOf.get(inside!.id)).toBe(rep);
    expect(ownerOf.get(outside!.id)).toBeNull();
    expect(ownerOf.get(nowhere!.id)).toBeNull();
    expect(ownerOf.get(officers!.id)).toBe(officer);
    const [wp] = await db
      .select({ ownerId: workplaces.ownerId })
      .from(workplaces)
      .where(eq(workplaces.id, b!.id));
    expect(wp!.ownerId).toBeNull();

    const assignees = await db.select({ id: tasks.id, assigneeId: tasks.assigneeId }).from(tasks);
    const assigneeOf = new Map(assignees.map((t) => [made.find((m) => m.id === t.id)!.title, t.assigneeId]));
    expect(Object.fromEntries(assigneeOf)).toEqual({
      inside: rep,
      outside: null,
      'outside done': rep,
      workplace: null,
      'no subject': rep,
      officer,
    });

    // Run again (a restore, a second server): nothing more changes.
    const before = await db.select({ v: sql<number>`sum(version)::int` }).from(members);
    await runMigration();
    expect(await db.select({ v: sql<number>`sum(version)::int` }).from(members)).toEqual(before);
  });
});
