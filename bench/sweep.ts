// The daily workflow sweep over 100k members on PostgreSQL.
//
//   npx tsx bench/sweep.ts            (uses BENCH_DATABASE_URL, TEST_DATABASE_URL or
//                                      postgres://postgres@127.0.0.1:5432/postgres)
//
// Creates a scratch database, fills it with generate_series (deterministic, no
// random()), runs the sweep a few times and prints the timings as JSON, then
// drops the database.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { runWorkflowRules } from '../src/services/workflows/run-workflow-rules';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const WORKPLACES = 1_000;
const CASES = Math.round(MEMBERS / 5);
const OFFICERS = 100;

const baseUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const name = `kumiai_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function admin(query: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

async function main() {
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  try {
    await migrate(database);
    const { db } = database;
    const fillStarted = performance.now();
    await db.execute(sql`
      insert into users (email, display_name, role, password_hash)
      select 'officer' || i || '@example.org', '担当者' || i, 'officer', 'x' from generate_series(1, ${OFFICERS}) i`);
    await db.execute(sql`
      insert into workplaces (name, atmosphere, owner_id)
      select '職場' || i,
             (array['active','normal','indifferent','split_risk'])[1 + (i * 7) % 4]::atmosphere,
             (select id from users order by email offset (i % ${OFFICERS}) limit 1)
        from generate_series(1, ${WORKPLACES}) i`);
    // Half the workplaces held meetings, spread over the last two years.
    await db.execute(sql`
      insert into workplace_meetings (workplace_id, held_on, title, attendee_count, invited_count)
      select w.id, date '2024-04-01' + ((n * 37 + i * 11) % 730)::int, '職場集会', 5, 20
        from (select id, row_number() over (order by name) as i from workplaces) w
       cross join generate_series(1, 3) n
       where w.i % 2 = 0`);
    await db.execute(sql`
      with u as (select array_agg(id order by email) ids from users),
           w as (select array_agg(id order by name) ids from workplaces)
      insert into members (name, name_kana, workplace_id, joined_on, engagement, union_role, status, left_on, owner_id)
      select '組合員' || i, 'クミアイイン' || i,
             w.ids[1 + i % ${WORKPLACES}],
             date '1990-01-01' + ((i * 7919) % 13200),
             (array['active_core','regular','occasional','rare','indifferent','at_risk'])[1 + i % 6]::engagement,
             case when i % 33 = 0 then 'organizing_target' else 'general_member' end::union_role,
             case when i % 20 = 0 then 'left' else 'active' end::member_status,
             case when i % 20 = 0 then date '2025-01-01' end,
             u.ids[1 + i % ${OFFICERS}]
        from generate_series(1, ${MEMBERS}) i, u, w`);
    // Cases due over 2025–2026; 70% still open.
    await db.execute(sql`
      with m as (select array_agg(id order by name) ids from members)
      insert into member_cases (member_id, title, opened_on, due_on, status, closed_on)
      select m.ids[1 + (i * 13) % ${MEMBERS}], '相談' || i, date '2025-01-01',
             date '2025-01-01' + ((i * 101) % 730),
             case when i % 10 < 7 then 'open' else 'closed' end::case_status,
             case when i % 10 < 7 then null else date '2025-06-01' end
        from generate_series(1, ${CASES}) i, m`);
    await db.execute(sql`update settings set shunto_start_on = '2027-03-01',
      secretary_general_user_id = (select id from users order by email limit 1)`);
    await db.execute(sql`analyze`);
    const fillMs = performance.now() - fillStarted;

    const sweeps: {
      label: string;
      asOf: string;
      ms: number;
      created: number;
      counts: Record<string, number>;
    }[] = [];
    const run = async (label: string, asOf: string) => {
      const started = performance.now();
      const result = await runWorkflowRules({ db, now: new Date(`${asOf}T03:00:00Z`) }, { asOf });
      const ms = Math.round(performance.now() - started);
      sweeps.push({ label, asOf, ms, created: result.created.length, counts: result.counts });
    };
    // The first sweep after go-live creates every overdue case's follow-up at once.
    await run('first sweep (backlog of overdue cases)', '2026-04-01');
    await run('same day again (idempotent, nothing new)', '2026-04-01');
    for (const day of ['2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06']) {
      await run('a following day', day);
    }
    await run('first of a month (milestones)', '2026-05-01');
    await run('in the shunto window', '2027-01-05');

    const typical = sweeps.filter((s) => s.label === 'a following day').map((s) => s.ms);
    console.log(
      JSON.stringify(
        {
          benchmark: 'workflow sweep (SPEC §4 date rules)',
          database: 'postgres',
          members: MEMBERS,
          workplaces: WORKPLACES,
          cases: CASES,
          fillMs: Math.round(fillMs),
          dailySweepMedianMs: typical.sort((a, b) => a - b)[Math.floor(typical.length / 2)],
          sweeps,
        },
        null,
        2,
      ),
    );
  } finally {
    await database.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
