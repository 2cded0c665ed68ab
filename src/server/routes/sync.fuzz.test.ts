/**
 * Offline sync under hostile input (issue 19): any envelope and any items — NUL bytes, lone
 * surrogates, huge strings and arrays, malformed kinds and ids — are answered without a 5xx;
 * a refused envelope and rejected items write nothing (a fingerprint of every table).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { SYNC_KINDS } from '../../core/sync/schemas';
import { rowsOf } from '../../db/queries/records';

let t: TestApp;
let rep: TestApp['api'];
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-10T03:00:00Z') });
  const wp = (await t.api('POST', '/api/workplaces', { name: 'Fuzz workplace' })).body;
  const far = (await t.api('POST', '/api/workplaces', { name: 'Far workplace' })).body;
  ids.workplace = wp.id;
  ids.far = far.id;
  ids.member = (await t.api('POST', '/api/members', { name: 'Fuzz member', workplaceId: wp.id })).body.id;
  ids.farMember = (await t.api('POST', '/api/members', { name: 'Far member', workplaceId: far.id })).body.id;
  const { user, cookie } = await t.addUser('rep');
  const u = await t.api('GET', `/api/users/${user.id}`);
  await t.api('PATCH', `/api/users/${user.id}`, { workplaceIds: [wp.id], version: u.body.version });
  rep = t.as(cookie);
  ids.task = (await rep('POST', '/api/tasks', { title: 'Fuzz task' })).body.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const UNCHECKED = new Set(['sessions', 'login_failures', 'audit_log']);
async function fingerprint(): Promise<string> {
  const tables = rowsOf<{ name: string }>(
    await t.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  )
    .map((r) => r.name)
    .filter((name) => !UNCHECKED.has(name) && /^[a-z_0-9]+$/.test(name));
  const query = tables
    .map(
      (name) =>
        `(select '${name}:' || count(*) || ':' || coalesce(md5(string_agg(r::text, ',' order by r::text)), '') from "${name}" r)`,
    )
    .join(" || ' ' || ");
  return rowsOf<{ print: string }>(await t.db.execute(sql.raw(`select ${query} as print`)))[0]!.print;
}

const nasty = fc.oneof(
  fc.constantFrom(
    'a\u0000b',
    '\u0000',
    'x\uD800',
    '\uDC00y',
    '\u0001\u001b[31m\u007f',
    ' ',
    '',
    'z'.repeat(10_001),
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const id = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('member', 'farMember', 'workplace', 'far', 'task').map((k) => ids[k]!),
  fc.uuid(),
  nasty,
  fc.integer(),
);
const level = fc.oneof(
  fc.constantFrom('regular', 'rare', 'at_risk', 'normal', 'active', 'split_risk'),
  nasty,
);
const item = fc.record(
  {
    clientId: fc.oneof(fc.uuid(), fc.constant(randomUUID())),
    kind: fc.oneof(fc.constantFrom(...SYNC_KINDS), nasty, fc.integer(), fc.constant(null)),
    deviceTime: fc.oneof(fc.constant('2026-06-09T22:15:00+09:00'), nasty),
    memberId: id,
    workplaceId: id,
    taskId: id,
    body: nasty,
    reason: nasty,
    title: nasty,
    heldOn: fc.oneof(fc.constant('2026-06-01'), nasty),
    level,
    baseLevel: level,
    attendeeIds: fc.oneof(
      fc.array(id, { maxLength: 5 }),
      fc.constant(Array.from({ length: 5001 }, () => randomUUID())),
      nasty,
    ),
    invitedCount: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 40)),
    notes: nasty,
    extra: nasty,
  },
  { requiredKeys: ['clientId'] },
);

describe('POST /api/sync under hostile input', () => {
  it('answers any items with 200 (each applied or answered) or a 400/413, never a 5xx; refusals write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(item, { minLength: 1, maxLength: 4 }),
          fc.array(item, { minLength: 201, maxLength: 202 }),
          nasty,
        ),
        async (items) => {
          const before = await fingerprint();
          const res = await rep('POST', '/api/sync', { items });
          expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
          expect([200, 400, 413]).toContain(res.status);
          const results: { status: string }[] = res.body?.results ?? [];
          if (res.status !== 200 || results.every((r) => r.status !== 'applied')) {
            expect(await fingerprint()).toBe(before);
          }
          if (res.status === 200) {
            expect(results).toHaveLength((items as unknown[]).length);
            for (const r of results)
              expect(['applied', 'duplicate', 'conflict', 'rejected']).toContain(r.status);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 300_000);

  it('never applies an item on a record outside the rep’s workplaces', async () => {
    const before = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from member_notes where member_id = ${ids.farMember}`),
    )[0]!.n;
    await fc.assert(
      fc.asyncProperty(nasty, async (body) => {
        const res = await rep('POST', '/api/sync', {
          items: [
            {
              clientId: randomUUID(),
              kind: 'note',
              deviceTime: '2026-06-09T22:15:00+09:00',
              memberId: ids.farMember,
              body,
            },
          ],
        });
        expect(res.status).toBe(200);
        expect(res.body.results[0].status).toBe('rejected');
      }),
      { numRuns: 20 },
    );
    const after = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from member_notes where member_id = ${ids.farMember}`),
    )[0]!.n;
    expect(after).toBe(before);
  }, 120_000);
});
