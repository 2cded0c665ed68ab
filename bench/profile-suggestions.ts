// Where a demand's suggestion page spends its time (issue 16), for tuning by hand:
// `DATABASE_URL=postgres://… npx tsx bench/profile-suggestions.ts [--members 50000]`. Builds a
// scratch union like `npm run bench` (matching section), then times the page's parts and prints
// the plans of its two reads. Not part of the benchmark's JSON; the scratch database is dropped.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { todayIn } from '../src/core/common/dates';
import { SUGGESTION_MIN_SCORE } from '../src/core/matching/score';
import { migrate } from '../src/db/migrate';
import { countDemandSuggestions, findDemandSuggestions, planIndexedReads } from '../src/db/queries/matching';
import { rowsOf } from '../src/db/queries/records';
import { memberScopeSql } from '../src/db/queries/scope';
import { listDemandSuggestions } from '../src/services/matching/demand-suggestions';
import { createScratch, timeRuns } from './engine';
import { benchAdminContext, generateUnion } from './generate';
import { measureMatchingInProcess } from './measure-matching';

const { values } = parseArgs({ options: { members: { type: 'string', default: '50000' } } });
const now = new Date();
const scratch = await createScratch(process.env.DATABASE_URL);
try {
  const database = await scratch.open();
  await migrate(database);
  await generateUnion(database.db, Number(values.members), todayIn('Asia/Tokyo', now));
  await database.db.execute(sql`vacuum analyze`);
  const ctx = await benchAdminContext(database.db, now);
  const actor = ctx.actor;
  await measureMatchingInProcess(database, ctx, { runs: 1 });
  const db = database.db;
  const [busiest] = rowsOf<{ id: string }>(
    await db.execute(
      sql`select demand_id as id from match_scores group by demand_id order by count(*) desc limit 1`,
    ),
  );
  const demandId = busiest!.id;
  const options = {
    scope: memberScopeSql(
      { userId: actor.id, role: 'admin', workplaceIds: null, sensitiveCases: true },
      sql`m.workplace_id`,
    ),
    includeSurvey: true,
    minScore: SUGGESTION_MIN_SCORE,
  };
  const inTx = <T>(work: (tx: typeof db) => Promise<T>) =>
    db.transaction(async (tx) => {
      await planIndexedReads(tx);
      return work(tx as never);
    });
  const report = {
    page: await timeRuns(10, () => listDemandSuggestions(ctx as never, demandId, 50)),
    find: await timeRuns(10, () =>
      inTx((tx) => findDemandSuggestions(tx, demandId, { ...options, limit: 50 })),
    ),
    count: await timeRuns(10, () => inTx((tx) => countDemandSuggestions(tx, demandId, options))),
  };
  console.log(JSON.stringify(report, null, 1));
  // The plans: each read's statements run under EXPLAIN ANALYZE and printed.
  const explaining = (tx: typeof db) =>
    ({
      execute: async (q: ReturnType<typeof sql>) => {
        const plan = rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain (analyze, buffers) ${q}`));
        console.log(plan.map((r) => r['QUERY PLAN']).join('\n'), '\n');
        return { rows: [] };
      },
    }) as never;
  await inTx((tx) => findDemandSuggestions(explaining(tx), demandId, { ...options, limit: 50 }));
  await inTx((tx) => countDemandSuggestions(explaining(tx), demandId, options));
} finally {
  await scratch.drop();
}
