// The SPEC §5 dashboards: the demo union on PGlite, and 100k members on PostgreSQL.
//
//   npx tsx bench/dashboards.ts       (uses BENCH_DATABASE_URL, TEST_DATABASE_URL or
//                                      postgres://postgres@127.0.0.1:5432/postgres)
//
// PostgreSQL: creates a scratch database, fills it with generate_series
// (deterministic, no random()): members with an engagement history of 1–4
// rows over 18 months, open and closed cases, demand links; then times each
// dashboard several times and prints the medians as JSON, and drops the
// database. PGlite: an in-memory database with the demo union (seedDemo).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import type { ServiceContext } from '../src/services/context';
import { getMonthlyDashboard } from '../src/services/dashboards/get-monthly-dashboard';
import { getWeeklyDashboard } from '../src/services/dashboards/get-weekly-dashboard';
import { listDashboardMembers } from '../src/services/dashboards/list-dashboard-members';
import { takeMonthlySnapshots } from '../src/services/dashboards/take-monthly-snapshots';
import { seedDemo } from '../src/services/demo/seed-demo';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const WORKPLACES = 1_000;
const CASES = Math.round(MEMBERS / 5);
const OFFICERS = 100;
const DEMANDS = 20;
const RUNS = 7;
// Noon in Tokyo on a Wednesday.
const NOW = new Date('2026-06-17T03:00:00Z');

const baseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

const actor = {
  id: randomUUID(),
  email: 'bench@example.org',
  displayName: 'bench',
  role: 'admin' as const,
  workplaceIds: [],
};

async function time<T>(run: () => Promise<T>): Promise<{ medianMs: number; minMs: number; last: T }> {
  const times: number[] = [];
  let last: T | undefined;
  // One warm-up run (plans, caches), then the measured ones.
  await run();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10,
    minMs: Math.round(times[0]! * 10) / 10,
    last: last as T,
  };
}

async function measure(database: Database) {
  const ctx: ServiceContext = { db: database.db, actor, now: NOW };
  const weekly = await time(() => getWeeklyDashboard(ctx, { limit: 500 }));
  const monthly = await time(() => getMonthlyDashboard(ctx, {}));
  const atRiskMonth = await time(() =>
    listDashboardMembers(ctx, { figure: 'at_risk_month', month: '2026-03', limit: 50 }),
  );
  const earlyWarning = await time(() => listDashboardMembers(ctx, { figure: 'early_warning', limit: 50 }));
  const started = performance.now();
  const snapshots = await takeMonthlySnapshots(ctx);
  const snapshotMs = Math.round(performance.now() - started);
  const monthlyWithSnapshots = await time(() => getMonthlyDashboard(ctx, {}));
  return {
    weeklyMedianMs: weekly.medianMs,
    monthlyMedianMs: monthlyWithSnapshots.medianMs,
    detail: {
      weekly: { ...weekly, last: undefined, totals: weekly.last.totals },
      monthlyBeforeSnapshots: { ...monthly, last: undefined },
      monthlyWithSnapshots: { ...monthlyWithSnapshots, last: undefined },
      drillDownAtRiskMonth: { ...atRiskMonth, last: undefined, total: atRiskMonth.last.total },
      drillDownEarlyWarning: { ...earlyWarning, last: undefined, total: earlyWarning.last.total },
      backfillSnapshots: { ms: snapshotMs, months: snapshots.written.length },
      attritionTrend: monthlyWithSnapshots.last.attritionTrend.map((p) => p.atRiskCount),
    },
  };
}

async function benchDemo() {
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  try {
    await migrate(database);
    const seeded = await seedDemo(database.db, { seed: 1, now: NOW });
    return { database: 'pglite', union: 'demo', members: seeded.members, ...(await measure(database)) };
  } finally {
    await database.close();
  }
}

async function admin(query: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function fill(database: Database) {
  const { db } = database;
  await db.execute(sql`
    insert into users (email, display_name, role, password_hash)
    select 'officer' || i || '@example.org', '担当者' || i, 'officer', 'x' from generate_series(1, ${OFFICERS}) i`);
  await db.execute(sql`
    insert into workplaces (name, atmosphere, owner_id, employee_count)
    select '職場' || i,
           (array['active','normal','indifferent','split_risk'])[1 + (i * 7) % 4]::atmosphere,
           (select id from users order by email offset (i % ${OFFICERS}) limit 1),
           case when i % 50 = 0 then null else 80 + (i * 13) % 60 end
      from generate_series(1, ${WORKPLACES}) i`);
  await db.execute(sql`
    with u as (select array_agg(id order by email) ids from users),
         w as (select array_agg(id order by name) ids from workplaces)
    insert into members (name, name_kana, workplace_id, joined_on, union_role, status, left_on, owner_id, created_at)
    select '組合員' || i, 'クミアイイン' || i,
           w.ids[1 + i % ${WORKPLACES}],
           date '1990-01-01' + ((i * 7919) % 13200),
           case when i % 33 = 0 then 'organizing_target' else 'general_member' end::union_role,
           case when i % 20 = 0 then 'left' else 'active' end::member_status,
           case when i % 20 = 0 then date '2025-06-01' + (i % 300) end,
           u.ids[1 + i % ${OFFICERS}],
           timestamptz '2023-01-01 09:00+09'
      from generate_series(1, ${MEMBERS}) i, u, w`);
  // 1–4 history rows a member, 120 days apart, the last one up to 600 days ago (so about one
  // member in seven changed in the last 90 days). Values come round a 12-slot wheel (1 at_risk,
  // 1 indifferent, 2 rare …) in steps of 5 slots, so no row repeats the value before it.
  const WHEEL = sql.raw(
    "array['rare','rare','occasional','occasional','indifferent','occasional','occasional','at_risk','regular','regular','active_core','regular']",
  );
  const value = (k: SQL) => sql`(${WHEEL})[1 + (((m.i / 4) * 7 + ${k} * 5) % 12)]::engagement`;
  await db.execute(sql`
    insert into engagement_history (member_id, "from", "to", changed_at)
    select m.id, case when k = 1 then null else ${value(sql`(k - 1)`)} end, ${value(sql`k`)},
           ${NOW.toISOString()}::timestamptz
             - make_interval(days => ((m.n - k) * 120 + (m.i * 37) % 600)::int, hours => (m.i % 24)::int)
      from (select id, row_number() over (order by name) as i, 1 + (row_number() over (order by name)) % 4 as n
              from members) m
     cross join lateral generate_series(1, m.n::int) k
     order by m.i, k`);
  await db.execute(sql`
    update members set engagement = last."to"
      from (select distinct on (member_id) member_id, "to" from engagement_history
             order by member_id, changed_at desc, seq desc) last
     where last.member_id = members.id`);
  await db.execute(sql`
    with m as (select array_agg(id order by name) ids from members)
    insert into member_cases (member_id, title, opened_on, due_on, status, closed_on, sensitive)
    select m.ids[1 + (i * 13) % ${MEMBERS}], '相談' || i, date '2025-01-01',
           date '2025-06-01' + ((i * 101) % 450),
           case when i % 10 < 7 then 'open' else 'closed' end::case_status,
           case when i % 10 < 7 then null else date '2025-06-01' end,
           i % 9 = 0
      from generate_series(1, ${CASES}) i, m`);
  await db.execute(sql`
    insert into demands (title, priority, status)
    select '要求' || i, (array['high','medium','low'])[1 + i % 3]::priority, 'negotiating'
      from generate_series(1, ${DEMANDS}) i`);
  await db.execute(sql`
    with d as (select array_agg(id order by title) ids from demands)
    insert into demand_members (demand_id, member_id)
    select d.ids[1 + ((m.i * k) % ${DEMANDS})], m.id
      from (select id, row_number() over (order by name) as i from members) m, d, generate_series(1, 2) k
    on conflict do nothing`);
  await db.execute(sql`analyze`);
}

type SQL = ReturnType<typeof sql>;

async function benchPostgres() {
  const name = `kumiai_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  try {
    await migrate(database);
    const started = performance.now();
    await fill(database);
    const fillMs = Math.round(performance.now() - started);
    const counts = (await database.db.execute(sql`
      select (select count(*) from members)::int as members,
             (select count(*) from engagement_history)::int as history,
             (select count(*) from member_cases)::int as cases,
             (select count(*) from demand_members)::int as links`)) as unknown as { rows: unknown[] };
    return {
      database: 'postgres',
      union: 'generated',
      ...(counts.rows[0] as object),
      workplaces: WORKPLACES,
      fillMs,
      ...(await measure(database)),
    };
  } finally {
    await database.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

const results: object[] = [await benchDemo()];
if (process.env.BENCH_SKIP_POSTGRES !== '1') results.push(await benchPostgres());
console.log(
  JSON.stringify(
    { benchmark: 'dashboards (SPEC §5)', targetMs: 150, runs: RUNS, now: NOW, results },
    null,
    2,
  ),
);
