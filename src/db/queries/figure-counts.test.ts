import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '../../../test/db';
import { ENGAGEMENTS, UNION_ROLES } from '../../core/enums';
import type { DbOrTx } from '../client';
import { demandMembers, demands, members, users, workplaces } from '../schema';
import {
  earlyWarningDisagreement,
  figureCountsDisagreement,
  foldFigureCounts,
  rebuildFigureCounts,
} from './figure-counts';
import { rowsOf } from './records';

// The figure counters of migration 0031 are kept by triggers, whatever writes: every kind of
// change a service, an import, a bulk action, a merge or psql makes to members and their
// demand links, committed or rolled back, in any order, with folds in between, leaves them
// equal to a recount of the tables.

let d: TestDatabase;
let workplaceIds: string[];
let ownerIds: string[];
let demandIds: string[];

beforeAll(async () => {
  d = await createTestDb();
  const ws = await d.db
    .insert(workplaces)
    .values(Array.from({ length: 4 }, (_, i) => ({ name: `集計職場${i}`, employeeCount: i * 10 })))
    .returning({ id: workplaces.id });
  workplaceIds = ws.map((w) => w.id);
  const us = await d.db
    .insert(users)
    .values(
      Array.from({ length: 3 }, (_, i) => ({
        email: `owner${i}@counts.example`,
        displayName: `担当${i}`,
        role: 'officer' as const,
        passwordHash: 'x',
      })),
    )
    .returning({ id: users.id });
  ownerIds = us.map((u) => u.id);
  const ds = await d.db
    .insert(demands)
    .values(Array.from({ length: 3 }, (_, i) => ({ title: `集計要求${i}` })))
    .returning({ id: demands.id });
  demandIds = ds.map((x) => x.id);
});
afterAll(async () => {
  await d?.close();
});

const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
const maybe = <T>(list: readonly T[], i: number) =>
  i % (list.length + 1) === list.length ? null : pick(list, i);

type Op =
  | { kind: 'insert'; n: number; seed: number }
  | { kind: 'update'; column: number; seed: number; share: number }
  | { kind: 'deleteMembers'; share: number }
  | { kind: 'link'; seed: number; share: number }
  | { kind: 'unlink'; seed: number; share: number }
  | { kind: 'deleteWorkplace'; seed: number }
  | { kind: 'deleteDemand'; seed: number }
  | { kind: 'engagement'; seed: number; share: number; historyFirst: boolean; daysAgo: number }
  | { kind: 'deleteHistory'; seed: number; share: number }
  | { kind: 'fold' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), n: fc.integer({ min: 1, max: 30 }), seed: fc.nat() }),
  fc.record({
    kind: fc.constant('update' as const),
    column: fc.integer({ min: 0, max: 7 }),
    seed: fc.nat(),
    share: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('deleteMembers' as const), share: fc.integer({ min: 3, max: 8 }) }),
  fc.record({ kind: fc.constant('link' as const), seed: fc.nat(), share: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('unlink' as const), seed: fc.nat(), share: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('deleteWorkplace' as const), seed: fc.nat() }),
  fc.record({ kind: fc.constant('deleteDemand' as const), seed: fc.nat() }),
  fc.record({
    kind: fc.constant('engagement' as const),
    seed: fc.nat(),
    share: fc.integer({ min: 1, max: 3 }),
    historyFirst: fc.boolean(),
    daysAgo: fc.integer({ min: 0, max: 400 }),
  }),
  fc.record({
    kind: fc.constant('deleteHistory' as const),
    seed: fc.nat(),
    share: fc.integer({ min: 2, max: 6 }),
  }),
  fc.constant({ kind: 'fold' as const }),
);

/** Members whose id hashes into 1/share of them: a set-based subset, as bulk actions pick. */
const someMembers = (share: number, seed = 0) =>
  sql`(select id from members where abs(hashtext(id::text || ${String(seed)})) % ${share}::int = 0)`;

async function apply(db: DbOrTx, o: Op) {
  switch (o.kind) {
    case 'insert':
      await db.insert(members).values(
        Array.from({ length: o.n }, (_, i) => {
          const s = o.seed + i * 7;
          const left = s % 5 === 0;
          return {
            name: `集計${s}`,
            workplaceId: maybe(workplaceIds, s),
            ownerId: maybe(ownerIds, s >> 2),
            engagement: pick(ENGAGEMENTS, s >> 1),
            unionRole: pick(UNION_ROLES, s >> 3),
            status: left ? ('left' as const) : ('active' as const),
            leftOn: left || s % 7 === 0 ? '2026-01-31' : null,
            joinedOn: s % 3 === 0 ? null : '2020-04-01',
          };
        }),
      );
      return;
    case 'update': {
      const s = o.seed;
      const set = [
        sql`workplace_id = ${maybe(workplaceIds, s)}::uuid`,
        sql`owner_id = ${maybe(ownerIds, s)}::uuid`,
        sql`engagement = ${pick(ENGAGEMENTS, s)}`,
        sql`status = 'left', left_on = '2026-02-28'`,
        sql`status = 'active', left_on = null`,
        sql`union_role = ${pick(UNION_ROLES, s)}`,
        sql`joined_on = ${s % 3 === 0 ? null : '2026-05-01'}::date`,
        // Columns the counters do not key on: no delta.
        sql`name = name || '改', version = version + 1`,
      ][o.column]!;
      await db.execute(sql`update members set ${set} where id in ${someMembers(o.share, s)}`);
      return;
    }
    case 'deleteMembers':
      await db.execute(sql`delete from members where id in ${someMembers(o.share)}`);
      return;
    case 'link':
      await db.execute(sql`
        insert into demand_members (demand_id, member_id, source)
        select d.id, m.id, 'bulk' from demands d cross join ${someMembers(o.share, o.seed)} m
         where abs(hashtext(d.id::text || ${String(o.seed)})) % 2 = 0
        on conflict do nothing`);
      return;
    case 'unlink':
      await db.execute(sql`delete from demand_members where member_id in ${someMembers(o.share, o.seed)}`);
      return;
    case 'deleteWorkplace': {
      // The members' workplace becomes null (ON DELETE SET NULL): an UPDATE the triggers see.
      const [w] = await db
        .insert(workplaces)
        .values({ name: `消える職場${o.seed}` })
        .returning({ id: workplaces.id });
      await db.execute(
        sql`update members set workplace_id = ${w!.id}::uuid where id in ${someMembers(3, o.seed)}`,
      );
      await db.execute(sql`delete from workplaces where id = ${w!.id}::uuid`);
      return;
    }
    case 'deleteDemand': {
      const [x] = await db
        .insert(demands)
        .values({ title: `消える要求${o.seed}` })
        .returning({ id: demands.id });
      await db.execute(sql`
        insert into demand_members (demand_id, member_id, source)
        select ${x!.id}::uuid, id, 'bulk' from ${someMembers(2, o.seed)} m`);
      await db.delete(demands).where(sql`id = ${x!.id}::uuid`);
      return;
    }
    case 'engagement': {
      // A change of engagement as a service writes it: the member and its history row, in
      // either order, stamped now or in the past (a backdated record).
      const to = pick(ENGAGEMENTS, o.seed % 3 === 0 ? 5 : o.seed);
      const who = someMembers(o.share, o.seed);
      const history = sql`
        insert into engagement_history (member_id, "from", "to", changed_at)
        select id, engagement, ${to}, now() - make_interval(days => ${o.daysAgo}::int) from members where id in ${who}`;
      const update = sql`update members set engagement = ${to} where id in ${who}`;
      for (const statement of o.historyFirst ? [history, update] : [update, history])
        await db.execute(statement);
      return;
    }
    case 'deleteHistory':
      // History rows taken away (an erasure, a merge moving them): spells end or run on.
      await db.execute(sql`
        delete from engagement_history where abs(hashtext(id::text || ${String(o.seed)})) % ${o.share}::int = 0`);
      return;
    case 'fold':
      await foldFigureCounts(db);
      return;
  }
}

const agree = async () => {
  const disagreement = await figureCountsDisagreement(d.db);
  expect(disagreement).toEqual({ members: [], demands: [], spells: [], riskSpells: [] });
  // The early warnings kept for the baseline (migration 0032), kept by the same writes.
  expect(await earlyWarningDisagreement(d.db)).toEqual([]);
};

describe('figure counters (migration 0031)', () => {
  it('equal a recount after any sequence of committed and rolled-back changes, folded or not', async () => {
    // Early warnings are kept for a baseline 200 days back: the property's backdated history
    // rows (up to 400 days) fall on both sides of it.
    await d.db.execute(sql`select kumiai_rebuild_early_warnings(now() - interval '200 days')`);
    const most = { members: 0, links: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ ops: fc.array(op, { minLength: 1, maxLength: 4 }), commit: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (transactions) => {
          for (const t of transactions) {
            await d.db
              .transaction(async (tx) => {
                for (const o of t.ops) await apply(tx, o);
                if (!t.commit) tx.rollback();
              })
              .catch((err: unknown) => {
                if (t.commit) throw err;
              });
          }
          await agree();
          await foldFigureCounts(d.db);
          await agree();
          const [seen] = rowsOf<{ members: number; links: number }>(
            await d.db.execute(sql`select (select count(*) from members)::int as members,
                                          (select count(*) from demand_members)::int as links`),
          );
          most.members = Math.max(most.members, seen!.members);
          most.links = Math.max(most.links, seen!.links);
        },
      ),
      { numRuns: 25, seed: 20 },
    );
    // The property's states had members and demand links (random subsets may empty either at the end).
    expect(most.members).toBeGreaterThan(0);
    expect(most.links).toBeGreaterThan(0);
  });

  it('a member leaving, moving or changing engagement moves its demand links with it; a deleted member takes them away', async () => {
    const [m] = await d.db
      .insert(members)
      .values({ name: '移る人', workplaceId: workplaceIds[0], ownerId: ownerIds[0], engagement: 'regular' })
      .returning({ id: members.id });
    await d.db.insert(demandMembers).values({ demandId: demandIds[0]!, memberId: m!.id, source: 'officer' });
    const linked = async (workplaceId: string) =>
      Number(
        rowsOf<{ n: number }>(
          await d.db.execute(sql`select coalesce(sum(n), 0)::int as n from (
            select demand_id, workplace_id, n from kumiai_demand_counts
            union all select demand_id, workplace_id, n from kumiai_demand_count_deltas) c
            where demand_id = ${demandIds[0]}::uuid and workplace_id = ${workplaceId}::uuid`),
        )[0]!.n,
      );
    const before0 = await linked(workplaceIds[0]!);
    const before1 = await linked(workplaceIds[1]!);
    await d.db.update(members).set({ workplaceId: workplaceIds[1] }).where(sql`id = ${m!.id}::uuid`);
    expect([await linked(workplaceIds[0]!), await linked(workplaceIds[1]!)]).toEqual([
      before0 - 1,
      before1 + 1,
    ]);
    await d.db.update(members).set({ status: 'left', leftOn: '2026-03-01' }).where(sql`id = ${m!.id}::uuid`);
    expect(await linked(workplaceIds[1]!)).toBe(before1);
    await d.db.update(members).set({ status: 'active', leftOn: null }).where(sql`id = ${m!.id}::uuid`);
    expect(await linked(workplaceIds[1]!)).toBe(before1 + 1);
    await d.db.delete(members).where(sql`id = ${m!.id}::uuid`);
    expect(await linked(workplaceIds[1]!)).toBe(before1);
    await agree();
  });

  it('an edit that changes no counted column writes no delta', async () => {
    await foldFigureCounts(d.db);
    await d.db.execute(sql`update members set name = name || '＊', version = version + 1`);
    const [deltas] = rowsOf<{ n: number }>(
      await d.db.execute(sql`select ((select count(*) from kumiai_member_count_deltas)
                                   + (select count(*) from kumiai_demand_count_deltas))::int as n`),
    );
    expect(deltas!.n).toBe(0);
  });

  it('a rebuild (after a restore, which loads with triggers off) counts again from the tables', async () => {
    await d.db.execute(sql`update kumiai_member_counts set n = n + 5`);
    await d.db.execute(
      sql`insert into kumiai_demand_count_deltas values (${demandIds[0]}::uuid, ${workplaceIds[0]}::uuid, ${ownerIds[0]}::uuid, 3)`,
    );
    expect((await figureCountsDisagreement(d.db)).members.length).toBeGreaterThan(0);
    await rebuildFigureCounts(d.db);
    await agree();
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'writers do not wait on each other: an open transaction adding to a key does not hold up another, nor a fold',
    async () => {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${d.name}`;
      const a = new pg.Client({ connectionString: url.toString() });
      const b = new pg.Client({ connectionString: url.toString() });
      await a.connect();
      await b.connect();
      try {
        await a.query('begin');
        await a.query(
          `insert into members (name, workplace_id, owner_id, engagement) values ('開いたまま', $1, $2, 'regular')`,
          [workplaceIds[0], ownerIds[0]],
        );
        await b.query("set statement_timeout = '3s'");
        // The same counter key, committed while A's transaction is open.
        await b.query(
          `insert into members (name, workplace_id, owner_id, engagement) values ('後から', $1, $2, 'regular')`,
          [workplaceIds[0], ownerIds[0]],
        );
        await b.query('select kumiai_fold_figure_counts()');
        await a.query('commit');
      } finally {
        await a.end();
        await b.end();
      }
      await agree();
    },
  );
});
