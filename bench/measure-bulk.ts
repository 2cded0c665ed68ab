import { sql } from 'drizzle-orm';
import { BULK_MAX_IDS } from '../src/core/bulk/schemas';
import type { Db } from '../src/db/client';
import { rowsOf } from '../src/db/queries/records';
import { bulkChangeMembers } from '../src/services/bulk/bulk-change-members';
import { bulkChangeWorkplaces } from '../src/services/bulk/bulk-change-workplaces';
import type { ServiceContext } from '../src/services/context';
import { round1, summarize } from './engine';

// Issue 17: a bulk action on 10,000 members through the service (one transaction: the set-based
// UPDATE with its row audit, history rows, the request's audit event), beside the bare UPDATE of
// the same rows on the same connection (its row audit triggers fire too). Every timed run
// changes all 10,000 rows: the service always sets one value, the bare UPDATE another, in turn.
// Beside them, set_owner on every workplace of the union (「条件に合う全N件」: filter {}), the
// two owners in turn so every run changes every workplace.

type Timed = { ms: number; changed: number };

async function time(work: () => Promise<number>): Promise<Timed> {
  const started = performance.now();
  const changed = await work();
  return { ms: performance.now() - started, changed };
}

function report(runs: Timed[]) {
  return { ...summarize(runs.map((r) => r.ms)), changed: runs.map((r) => r.changed) };
}

export async function measureBulk(db: Db, ctx: ServiceContext, options: { runs: number }) {
  const ids = rowsOf<{ id: string }>(
    await db.execute(sql`select id from members order by id limit ${BULK_MAX_IDS}`),
  ).map((r) => r.id);
  const idArray = sql`${`{${ids.join(',')}}`}::uuid[]`;
  const owners = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from users where role in ('admin', 'officer') and not disabled order by email limit 2`,
    ),
  ).map((r) => r.id);
  if (owners.length < 2) throw new Error('the bench union needs two officers or admins');
  // Start from a value none of the two alternates holds, so the first timed run changes every row too.
  await ctx.db.transaction(async (tx) =>
    tx.execute(sql`update members set engagement = 'rare', owner_id = null where id = any(${idArray})`),
  );
  const engagements = ['regular', 'occasional'] as const;

  const serviceEngagement: Timed[] = [];
  const bareEngagement: Timed[] = [];
  const serviceOwner: Timed[] = [];
  const bareOwner: Timed[] = [];
  const workplaceOwner: Timed[] = [];
  // Warm-up (plans, caches), then the runs; service and bare interleaved so drift hits both.
  for (let i = 0; i <= options.runs; i++) {
    const engagement = engagements[0];
    const service = await time(
      async () =>
        (
          await bulkChangeMembers(ctx, {
            action: 'set_engagement',
            memberIds: ids,
            engagement,
            engagementReason: 'ベンチ 一括変更',
          })
        ).changed,
    );
    const other = engagements[1];
    const bare = await time(async () =>
      ctx.db.transaction(async (tx) => {
        const r = await tx.execute(sql`update members set engagement = ${other}::engagement,
          version = version + 1, updated_at = now() where id = any(${idArray}) and engagement <> ${other}::engagement`);
        return Number(
          (r as { rowCount?: number; affectedRows?: number }).rowCount ??
            (r as { affectedRows?: number }).affectedRows ??
            0,
        );
      }),
    );
    const owner = owners[0]!;
    const serviceO = await time(
      async () =>
        (await bulkChangeMembers(ctx, { action: 'set_owner', memberIds: ids, ownerId: owner })).changed,
    );
    const otherOwner = owners[1]!;
    const bareO = await time(async () =>
      ctx.db.transaction(async (tx) => {
        const r = await tx.execute(sql`update members set owner_id = ${otherOwner}::uuid,
          version = version + 1, updated_at = now() where id = any(${idArray}) and owner_id is distinct from ${otherOwner}::uuid`);
        return Number(
          (r as { rowCount?: number; affectedRows?: number }).rowCount ??
            (r as { affectedRows?: number }).affectedRows ??
            0,
        );
      }),
    );
    const workplaces = await time(
      async () =>
        (await bulkChangeWorkplaces(ctx, { action: 'set_owner', filter: {}, ownerId: owners[i % 2]! }))
          .changed,
    );
    if (i === 0) continue;
    workplaceOwner.push(workplaces);
    serviceEngagement.push(service);
    bareEngagement.push(bare);
    serviceOwner.push(serviceO);
    bareOwner.push(bareO);
  }
  const setEngagement = report(serviceEngagement);
  const setOwner = report(serviceOwner);
  const bareE = report(bareEngagement);
  const bareOw = report(bareOwner);
  return {
    members: ids.length,
    setEngagement: {
      service: setEngagement,
      bareUpdate: bareE,
      ratio: round1(setEngagement.p50Ms / bareE.p50Ms),
    },
    setOwner: { service: setOwner, bareUpdate: bareOw, ratio: round1(setOwner.p50Ms / bareOw.p50Ms) },
    worstMs: Math.max(setEngagement.maxMs, setOwner.maxMs),
    /** Every workplace's owner by filter (not part of the 3 s target, which is about members). */
    workplacesSetOwner: report(workplaceOwner),
  };
}
