// By hand: the dashboards on a kept union database (bench/keep-union.ts, bench/migrate-on.ts):
// each of their statements alone, then the whole dashboards "cold" (the data version moved
// before each run, as after any change), p50 / p95 in ms, as an admin; then the same while
// `writers` clients change members' engagement through the service (each change moves the
// data version: every view is a first view), and what the figure triggers add to one such
// change (the same update with the triggers of migration 0031 disabled, in the same run).
// With a rate (changes per second, all writers together) the writers keep to it, as officers
// writing at a steady pace would; without one (0) they write flat out, filling both cores.
//   npx tsx bench/dashboards-on.ts postgres://postgres@127.0.0.1:5432/kumiai_s1m 20 4 [rate]
import { sql } from 'drizzle-orm';
import { todayIn } from '../src/core/common/dates';
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
import { foldFigureCounts, rebuildFigureCounts, resetEarlyWarnings } from '../src/db/queries/figure-counts';
import { findEngagementReviews } from '../src/db/queries/meeting-attendance';
import { rowsOf } from '../src/db/queries/records';
import { getMonthlyDashboard } from '../src/services/dashboards/get-monthly-dashboard';
import { getWeeklyDashboard } from '../src/services/dashboards/get-weekly-dashboard';
import { weeklyFrame } from '../src/services/dashboards/weekly-frame';
import { updateMember } from '../src/services/members/update-member';
import { timeRuns } from './engine';
import { benchAdminContext } from './generate';

const [url, runsText = '20', writersText = '4', rateText = '0'] = process.argv.slice(2);
if (!url) {
  console.error('usage: npx tsx bench/dashboards-on.ts <database url> [runs] [writers] [changes per second]');
  process.exit(2);
}
const runs = Number(runsText);
const database = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
const db = database.db;
const now = new Date();
const ctx = await benchAdminContext(db, now);
const actor = ctx.actor;
const scope = { role: 'admin' as const, userId: actor.id, workplaceIds: null, sensitiveCases: true };
const frame = await weeklyFrame(db, now, undefined);
const asOf = todayIn('Asia/Tokyo', now);
const statements: Record<string, () => Promise<unknown>> = {
  followUps: () => findFollowUps(db, frame, 50, scope),
  attritionRisk: () => findAttritionRisk(db, frame.timeZone, 50, scope),
  // The first call of the day rebuilds the kept rows for the new baseline (timed apart below).
  earlyWarnings: () => findEarlyWarnings(db, frame.earlyWarning, 50, scope, { build: true }),
  earlyWarningsFromHistory: () =>
    findEarlyWarnings(
      db,
      { ...frame.earlyWarning, baseline: new Date(frame.earlyWarning.baseline.getTime() - 1) },
      50,
      scope,
    ),
  workplaceMap: () => findWorkplaceMap(db, scope),
  nextActions: () => findNextActions(db, frame, 50, scope),
  demandFigures: () => findDemandFigures(db, scope),
  organizationRates: () => findOrganizationRates(db, scope),
  attritionTrend: () => findAttritionTrend(db, { asOf, months: 12, timeZone: 'Asia/Tokyo' }, scope),
  liveMonthCounts: () => findLiveMonthCounts(db, { endOn: asOf, timeZone: 'Asia/Tokyo' }, scope),
  engagementReviews: () => findEngagementReviews(db, scope, 50),
  fold: () => foldFigureCounts(db),
};
const out: Record<string, string> = {};
await resetEarlyWarnings(db);
const rebuildStarted = performance.now();
await findEarlyWarnings(db, frame.earlyWarning, 50, scope, { build: true });
out.earlyWarningsRebuild = `${Math.round(performance.now() - rebuildStarted)} (once a day)`;
for (const [name, run] of Object.entries(statements)) {
  const t = await timeRuns(Math.min(runs, 5), run);
  out[name] = `${t.p50Ms} / ${t.p95Ms}`;
  console.error(name, out[name]);
}
const changed = () => bumpDashboardsVersion(db);
const weekly = await timeRuns(runs, () => getWeeklyDashboard(ctx, { limit: 50 }), changed);
const monthly = await timeRuns(runs, () => getMonthlyDashboard(ctx, {}), changed);
// A write load: members' engagement changed through the service, one after another per writer.
const writerCount = Number(writersText);
const memberIds = rowsOf<{ id: string }>(
  await db.execute(sql`select id from members where status = 'active' order by random() limit 2000`),
).map((r) => r.id);
const change = async (id: string, next: (current: string) => string) => {
  const [m] = rowsOf<{ version: number; engagement: string }>(
    await db.execute(sql`select version, engagement::text as engagement from members where id = ${id}`),
  );
  await updateMember(ctx, id, { version: m!.version, engagement: next(m!.engagement) } as never);
};
let writes = 0;
let writing = true;
const rate = Number(rateText);
// Each writer's change every `pace` ms (or back to back without a rate).
const pace = rate > 0 ? (writerCount * 1000) / rate : 0;
const writer = async (offset: number) => {
  let due = performance.now() + (pace * offset) / writerCount;
  for (let i = offset; writing; i += writerCount) {
    if (pace) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      due += pace;
    }
    await change(memberIds[i % memberIds.length]!, (e) => (e === 'at_risk' ? 'rare' : 'at_risk'));
    writes++;
  }
};
const writers = Array.from({ length: writerCount }, (_, i) => writer(i));
const startedWrites = performance.now();
const weeklyLoaded = await timeRuns(runs, () => getWeeklyDashboard(ctx, { limit: 50 }));
const monthlyLoaded = await timeRuns(runs, () => getMonthlyDashboard(ctx, {}));
writing = false;
await Promise.all(writers);
const writesPerSecond = Math.round((writes / (performance.now() - startedWrites)) * 1000);

// One member update through the service, with and without the figure triggers, same run.
const oneUpdate = () =>
  change(memberIds[Math.floor(Math.random() * memberIds.length)]!, (e) =>
    e === 'rare' ? 'regular' : 'rare',
  );
const memberTriggers = [
  'members_figures_update',
  'members_figures_insert',
  'members_figures_delete',
  'members_early_warnings',
  'members_risk_spells',
];
const setTriggers = async (enabled: boolean) => {
  const how = sql.raw(enabled ? 'enable' : 'disable');
  for (const t of memberTriggers) await db.execute(sql`alter table members ${how} trigger ${sql.raw(t)}`);
  await db.execute(sql`alter table engagement_history ${how} trigger engagement_history_at_risk_spells`);
  await db.execute(sql`alter table engagement_history ${how} trigger engagement_history_early_warnings`);
  await db.execute(sql`alter table engagement_history ${how} trigger engagement_history_risk_spells_insert`);
};
const withTriggers = await timeRuns(runs * 5, oneUpdate);
await setTriggers(false);
let withoutTriggers: Awaited<ReturnType<typeof timeRuns>>;
try {
  withoutTriggers = await timeRuns(runs * 5, oneUpdate);
} finally {
  await setTriggers(true);
  // The changes made with the triggers off are counted again.
  await rebuildFigureCounts(db);
  await resetEarlyWarnings(db);
}
console.log(
  JSON.stringify(
    {
      statements: out,
      weeklyCold: `${weekly.p50Ms} / ${weekly.p95Ms}`,
      monthlyCold: `${monthly.p50Ms} / ${monthly.p95Ms}`,
      underWriteLoad: {
        writers: writerCount,
        rate: rate > 0 ? rate : 'flat out',
        writesPerSecond,
        weekly: `${weeklyLoaded.p50Ms} / ${weeklyLoaded.p95Ms}`,
        monthly: `${monthlyLoaded.p50Ms} / ${monthlyLoaded.p95Ms}`,
      },
      memberUpdate: {
        withFigureTriggers: `${withTriggers.p50Ms} / ${withTriggers.p95Ms}`,
        withoutFigureTriggers: `${withoutTriggers.p50Ms} / ${withoutTriggers.p95Ms}`,
      },
    },
    null,
    2,
  ),
);
await database.close();
