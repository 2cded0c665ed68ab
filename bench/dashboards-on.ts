// By hand: the dashboards on a kept union database (bench/keep-union.ts, bench/migrate-on.ts):
// each of their statements alone, then the whole dashboards "cold" (the data version moved
// before each run, as after any change), p50 / p95 in ms, as an admin.
//   npx tsx bench/dashboards-on.ts postgres://postgres@127.0.0.1:5432/kumiai_s1m 20
import { sql } from 'drizzle-orm';
import { todayIn } from '../src/core/common/dates';
import { actingAs } from '../src/db/acting';
import { openDatabase } from '../src/db/client';
import {
  findAttritionRisk,
  findEarlyWarnings,
  findFollowUps,
  findNextActions,
  findWorkplaceMap,
} from '../src/db/queries/dashboards';
import {
  findAttritionTrend,
  findDemandFigures,
  findLiveMonthCounts,
  findOrganizationRates,
} from '../src/db/queries/dashboards-monthly';
import { bumpDashboardsVersion } from '../src/db/queries/data-versions';
import { rowsOf } from '../src/db/queries/records';
import type { ServiceContext } from '../src/services/context';
import { getMonthlyDashboard } from '../src/services/dashboards/get-monthly-dashboard';
import { getWeeklyDashboard } from '../src/services/dashboards/get-weekly-dashboard';
import { weeklyFrame } from '../src/services/dashboards/weekly-frame';
import { timeRuns } from './engine';
import { BENCH_ADMIN } from './generate';

const [url, runsText = '20'] = process.argv.slice(2);
if (!url) {
  console.error('usage: npx tsx bench/dashboards-on.ts <database url> [runs]');
  process.exit(2);
}
const runs = Number(runsText);
const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
const db = database.db;
const [admin] = rowsOf<{ id: string }>(
  await db.execute(sql`select id from users where email = ${BENCH_ADMIN}`),
);
const now = new Date();
const actor = {
  id: admin!.id,
  email: BENCH_ADMIN,
  displayName: '管理者',
  role: 'admin' as const,
  workplaceIds: [],
};
const ctx: ServiceContext = { db: actingAs(db, actor.id, now), actor, now };
const scope = { role: 'admin' as const, userId: actor.id, workplaceIds: null, sensitiveCases: true };
const frame = await weeklyFrame(db, now, undefined);
const asOf = todayIn('Asia/Tokyo', now);
const statements: Record<string, () => Promise<unknown>> = {
  followUps: () => findFollowUps(db, frame, 50, scope),
  attritionRisk: () => findAttritionRisk(db, frame.timeZone, 50, scope),
  earlyWarnings: () => findEarlyWarnings(db, frame.earlyWarning, 50, scope),
  workplaceMap: () => findWorkplaceMap(db, scope),
  nextActions: () => findNextActions(db, frame, 50, scope),
  demandFigures: () => findDemandFigures(db, scope),
  organizationRates: () => findOrganizationRates(db, scope),
  attritionTrend: () => findAttritionTrend(db, { asOf, months: 12, timeZone: 'Asia/Tokyo' }, scope),
  liveMonthCounts: () => findLiveMonthCounts(db, { endOn: asOf, timeZone: 'Asia/Tokyo' }, scope),
};
const out: Record<string, string> = {};
for (const [name, run] of Object.entries(statements)) {
  const t = await timeRuns(Math.min(runs, 5), run);
  out[name] = `${t.p50Ms} / ${t.p95Ms}`;
  console.error(name, out[name]);
}
const changed = () => bumpDashboardsVersion(db);
const weekly = await timeRuns(runs, () => getWeeklyDashboard(ctx, { limit: 50 }), changed);
const monthly = await timeRuns(runs, () => getMonthlyDashboard(ctx, {}), changed);
console.log(
  JSON.stringify(
    {
      statements: out,
      weeklyCold: `${weekly.p50Ms} / ${weekly.p95Ms}`,
      monthlyCold: `${monthly.p50Ms} / ${monthly.p95Ms}`,
    },
    null,
    2,
  ),
);
await database.close();
