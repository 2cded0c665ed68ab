import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { rowsOf } from '../../db/queries/records';
import { memberCases, members, users, workplaces } from '../../db/schema';
import { auditSensitiveReads } from '../access';
import type { Actor, ServiceContext } from '../context';
import { listAuditLog } from './list-audit-log';

// The audit log in words (issue 14), at the service: one read entry per case a
// view shows, and names resolved for a page of entries in a fixed number of statements.

let db: TestDatabase;
let ctx: ServiceContext;
const now = new Date('2026-06-01T00:00:00Z');

beforeAll(async () => {
  db = await createTestDb();
  const [admin] = await db.db
    .insert(users)
    .values({ email: 'admin@example.org', displayName: '管理 太郎', role: 'admin', passwordHash: 'x' })
    .returning();
  const actor: Actor = {
    id: admin!.id,
    email: admin!.email,
    displayName: admin!.displayName,
    role: 'admin',
    workplaceIds: [],
  };
  ctx = { db: db.db, actor, now };
});
afterAll(async () => {
  await db?.close();
});

/** Statements sent to the database while `run` runs, and its result. */
async function countStatements<T>(run: () => Promise<T>) {
  const client = (db.db as unknown as { $client: { query: (...a: unknown[]) => unknown } }).$client;
  const original = client.query;
  let n = 0;
  client.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  try {
    const result = await run();
    return { n, result };
  } finally {
    client.query = original;
  }
}

async function sensitiveCases(count: number, label: string) {
  const [w] = await db.db
    .insert(workplaces)
    .values({ name: `${label}課` })
    .returning();
  const [m] = await db.db
    .insert(members)
    .values({ name: `${label} 花子`, workplaceId: w!.id })
    .returning();
  const cases = await db.db
    .insert(memberCases)
    .values(
      Array.from({ length: count }, (_, i) => ({
        memberId: m!.id,
        title: `${label}の相談${i + 1}`,
        openedOn: '2026-05-01',
        sensitive: true,
      })),
    )
    .returning();
  return { member: m!, cases };
}

describe('sensitive reads', () => {
  it('writes one entry per case shown, however often a view shows it, in one statement', async () => {
    const { member, cases } = await sensitiveCases(2, '甲');
    const [a, b] = cases as [(typeof cases)[number], (typeof cases)[number]];
    const shown = [a, b, a, a, b].map((c) => ({ id: c.id, memberId: member.id }));
    const { n } = await countStatements(() => auditSensitiveReads(ctx, shown, 'weekly_dashboard'));
    expect(n).toBe(1);
    const page = await listAuditLog(ctx, { action: 'read_sensitive', limit: 50 });
    expect(page.items.map((e) => e.recordId).sort()).toEqual([a.id, b.id].sort());
    for (const entry of page.items) {
      expect(entry).toMatchObject({
        actor: { id: ctx.actor.id, displayName: '管理 太郎' },
        subjectName: '甲 花子',
        recordDeleted: false,
        details: { via: 'weekly_dashboard' },
      });
    }
    expect(page.items.map((e) => e.recordName).sort()).toEqual(['甲の相談1', '甲の相談2']);
  });

  it('names a page of entries in the same number of statements whatever its size; a deleted case reads as deleted', async () => {
    const small = await sensitiveCases(1, '乙');
    await auditSensitiveReads(
      ctx,
      small.cases.map((c) => ({ id: c.id, memberId: small.member.id })),
      'cases',
    );
    const large = await sensitiveCases(120, '丙');
    await auditSensitiveReads(
      ctx,
      large.cases.map((c) => ({ id: c.id, memberId: large.member.id })),
      'cases',
    );

    const one = await countStatements(() => listAuditLog(ctx, { recordId: small.member.id, limit: 500 }));
    const many = await countStatements(() => listAuditLog(ctx, { recordId: large.member.id, limit: 500 }));
    expect(many.result.items.filter((e) => e.action === 'read_sensitive')).toHaveLength(120);
    expect(many.result.items.every((e) => e.subjectName === '丙 花子' || e.recordName === '丙 花子')).toBe(
      true,
    );
    expect(many.n).toBe(one.n);

    await db.db.delete(memberCases).where(eq(memberCases.id, small.cases[0]!.id));
    const after = await listAuditLog(ctx, {
      recordId: small.cases[0]!.id,
      action: 'read_sensitive',
      limit: 50,
    });
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({ recordName: null, recordDeleted: true, subjectName: '乙 花子' });
    // The log itself is unchanged: the name is resolved when read, never written back.
    const [count] = rowsOf<{ n: number }>(
      await db.db.execute(sql`select count(*)::int as n from audit_log where action = 'read_sensitive'`),
    );
    expect(Number(count?.n)).toBe(2 + 1 + 120);
  });
});
