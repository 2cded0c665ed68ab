// A deterministic synthetic union for the benchmarks (npm run bench), loaded
// with set-based SQL (generate_series), on PGlite and PostgreSQL alike.
//
// Everything derives from the row number and `today`: the same --members and
// the same day give the same union, ids included (md5-derived uuids). Shape,
// for N members: N/100 workplaces (at least 10) in 30 establishments, one
// officer per 25 workplaces, one rep per 10; every member has an engagement
// history of 1–4 rows over the last two years whose last row is the current
// value, 0–20 notes (10 on average), one case per 5 members (70 % open, one in
// nine sensitive), 0–3 demand links (1.5 on average) to 30 demands, an open
// task per 20 members, three meetings and an atmosphere history per workplace.
//
// Triggers are off while loading (session_replication_role = replica): the
// rows are consistent by construction, and the audit trail of a generated
// union would only measure the generator. The derived figure counters are
// counted at the end, as after a restore.
import { sql } from 'drizzle-orm';
import { actingAs } from '../src/db/acting';
import type { Db } from '../src/db/client';
import { rebuildFigureCounts, resetEarlyWarnings } from '../src/db/queries/figure-counts';
import { rowsOf } from '../src/db/queries/records';
import { hashPassword } from '../src/services/auth/password';
import type { ServiceContext } from '../src/services/context';

export const BENCH_PASSWORD = 'kumiai-bench-2026';
export const BENCH_ADMIN = 'admin@bench.kumiai.example';

/** The generated union's admin as a service context (the bench's in-process measurements act as them). */
export async function benchAdminContext(db: Db, now: Date): Promise<ServiceContext> {
  const [admin] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from users where email = ${BENCH_ADMIN}`),
  );
  const actor = {
    id: admin!.id,
    email: BENCH_ADMIN,
    displayName: '管理者',
    role: 'admin' as const,
    workplaceIds: [],
  };
  return { db: actingAs(db, actor.id, now), actor, now };
}
/** The officer the API load runs as: their scope is their workplaces' members. */
export const BENCH_OFFICER = 'officer1@bench.kumiai.example';
const DEMANDS = 30;

export type UnionShape = {
  members: number;
  workplaces: number;
  officers: number;
  reps: number;
};

function unionShape(members: number): UnionShape {
  const workplaces = Math.max(10, Math.round(members / 100));
  return {
    members,
    workplaces,
    officers: Math.max(3, Math.ceil(workplaces / 25)),
    reps: Math.max(2, Math.ceil(workplaces / 10)),
  };
}

// Twelve slots of the engagement wheel: history steps go round it five slots at
// a time, so no row repeats the value before it, and the mix is realistic
// (one at_risk slot, two rare, …).
const WHEEL =
  "array['rare','rare','occasional','occasional','indifferent','occasional','occasional','at_risk','regular','regular','active_core','regular']::engagement[]";
export const SURNAMES = [
  '山田',
  '鈴木',
  '佐藤',
  '高橋',
  '田中',
  '伊藤',
  '渡辺',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山本',
];
export const SURNAME_KANA = [
  'ヤマダ',
  'スズキ',
  'サトウ',
  'タカハシ',
  'タナカ',
  'イトウ',
  'ワタナベ',
  'ナカムラ',
  'コバヤシ',
  'カトウ',
  'ヨシダ',
  'ヤマモト',
];
export const GIVEN = ['太郎', '花子', '一郎', '美咲', '健', '由美', '誠', '直子', '翔', '陽子', '大輔', '恵'];
export const GIVEN_KANA = [
  'タロウ',
  'ハナコ',
  'イチロウ',
  'ミサキ',
  'ケン',
  'ユミ',
  'マコト',
  'ナオコ',
  'ショウ',
  'ヨウコ',
  'ダイスケ',
  'メグミ',
];
const NOTE_BODIES = [
  '残業が続いていて体調が心配とのこと。次回面談で詳しく聞く。',
  '夜勤手当の見直しを要求に入れてほしいと要望あり。',
  '職場の人員不足について不満。上司との面談を希望。',
  '組合ニュースを読んでいる。春闘の集会に参加予定。',
  '育児との両立について相談。時短勤務の制度を説明した。',
  'ハラスメントの兆候はないか確認。特に問題なし。',
  '賃上げ要求の根拠となる生活実態アンケートに協力してくれた。',
  '異動の打診があり悩んでいる。引き続きフォロー。',
];

const text = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`);
// md5 of a name, with the version-4 and variant bits set: ids the API accepts as uuids.
const uuidOf = (prefix: string, n: string) =>
  sql.raw(`overlay(overlay(md5('${prefix}' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`);

export type GeneratedUnion = UnionShape & {
  ms: number;
  rows: Record<string, number>;
};

/** Loads the union into an empty, migrated database; `today` anchors every date. */
export async function generateUnion(db: Db, members: number, today: string): Promise<GeneratedUnion> {
  const shape = unionShape(members);
  const { workplaces: W, officers: O, reps: R } = shape;
  const N = members;
  const started = performance.now();
  const hash = await hashPassword(BENCH_PASSWORD);
  const day = sql`${today}::date`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into users (id, email, display_name, role, password_hash)
      values (${uuidOf('admin', "''")}, ${BENCH_ADMIN}, '管理者', 'admin', ${hash}),
             (${uuidOf('executive', "''")}, 'executive@bench.kumiai.example', '執行委員', 'executive', ${hash})`);
    await tx.execute(sql`
      insert into users (id, email, display_name, role, password_hash)
      select ${uuidOf('officer', 'i')}, 'officer' || i || '@bench.kumiai.example', '専従' || i, 'officer'::staff_role, ${hash}
        from generate_series(1, ${O}::int) i
      union all
      select ${uuidOf('rep', 'i')}, 'rep' || i || '@bench.kumiai.example', '職場委員' || i, 'rep'::staff_role, ${hash}
        from generate_series(1, ${R}::int) i`);
    // Workplace i belongs to officer 1 + i % O and is covered by rep 1 + i % R.
    await tx.execute(sql`
      insert into workplaces (id, name, establishment, employee_count, owner_id, atmosphere, issues, created_at)
      select ${uuidOf('w', 'i')}, '第' || i || '職場', '事業所' || (1 + i % 30),
             (${N}::int / ${W}::int) * (120 + (i * 7) % 60) / 100,
             ${uuidOf('officer', `(1 + i % ${O})`)},
             (array['active','normal','normal','normal','indifferent','split_risk'])[1 + (i * 5) % 6]::atmosphere,
             case when i % 4 = 0 then '人員不足と長時間労働' end,
             ${day} - 800
        from generate_series(1, ${W}::int) i`);
    await tx.execute(sql`
      insert into user_workplaces (user_id, workplace_id)
      select ${uuidOf('rep', `(1 + i % ${R})`)}, ${uuidOf('w', 'i')} from generate_series(1, ${W}::int) i`);
    await tx.execute(sql`
      insert into atmosphere_history ("workplace_id", "from", "to", changed_at)
      select ${uuidOf('w', 'i')}, null::atmosphere, 'normal'::atmosphere, ${day} - 800 from generate_series(1, ${W}::int) i
      union all
      select w.id, 'normal'::atmosphere, w.atmosphere, ${day} - (w.id_n % 300)
        from (select id, atmosphere, ('x' || substr(id::text, 1, 4))::bit(16)::int as id_n from workplaces) w
       where w.atmosphere <> 'normal'`);
    await tx.execute(sql`
      insert into workplace_meetings (workplace_id, held_on, title, attendee_count, invited_count)
      select ${uuidOf('w', 'i')}, ${day} - (k * 61 + i % 30), '職場集会', 5 + (i * k) % 20, 30
        from generate_series(1, ${W}::int) i, generate_series(1, 3) k`);
    // Members: workplace 1 + (i * 7) % W (spread, not clustered by number), the
    // workplace's officer as owner; engagement = the last of n = 1 + i % 4 history values.
    const base = sql.raw('((i / 4) * 7)');
    await tx.execute(sql`
      insert into members (id, name, name_kana, employee_number, workplace_id, department, job_type, grade,
                           joined_on, engagement, concerns, next_action, next_action_due_on, union_role,
                           status, left_on, owner_id, created_at, updated_at)
      select ${uuidOf('m', 'i')},
             (${text(SURNAMES)})[1 + i % 12] || ' ' || (${text(GIVEN)})[1 + (i / 12) % 12] || i,
             (${text(SURNAME_KANA)})[1 + i % 12] || ' ' || (${text(GIVEN_KANA)})[1 + (i / 12) % 12],
             'B' || lpad(i::text, 8, '0'),
             ${uuidOf('w', `(1 + (i * 7) % ${W})`)},
             (array['製造部','品質保証部','物流部','営業部','総務部'])[1 + i % 5],
             (array['技能職','事務職','技術職'])[1 + i % 3],
             'G' || (1 + i % 6),
             ${day} - (30 + ((i::bigint * 7919) % 12000)::int),
             (${sql.raw(WHEEL)})[1 + ((${base} + (1 + i % 4) * 5) % 12)],
             case when i % 7 = 0 then '長時間労働と人員不足' end,
             case when i % 10 = 0 then '面談で状況を聞く' end,
             case when i % 10 = 0 then ${day} + (i % 40 - 10) end,
             case when i % 33 = 0 then 'organizing_target' when i % 97 = 0 then 'workplace_rep' else 'general_member' end::union_role,
             case when i % 20 = 0 then 'left' else 'active' end::member_status,
             case when i % 20 = 0 then ${day} - (i % 400) end,
             ${uuidOf('officer', `(1 + (1 + (i * 7) % ${W}) % ${O})`)},
             ${day} - 760, ${day} - (i % 700)
        from generate_series(1, ${N}::int) i`);
    // History row k of n: k = 1 is the initial value (from null); the last equals the member's value.
    await tx.execute(sql`
      insert into engagement_history (member_id, "from", "to", changed_at, changed_by)
      select ${uuidOf('m', 'i')},
             case when k = 1 then null else (${sql.raw(WHEEL)})[1 + ((${base} + (k - 1) * 5) % 12)] end,
             (${sql.raw(WHEEL)})[1 + ((${base} + k * 5) % 12)],
             (${day} - ((1 + i % 4 - k) * 120 + (i * 37) % 600))::timestamp + make_interval(hours => 9 + i % 9),
             ${uuidOf('officer', `(1 + (1 + (i * 7) % ${W}) % ${O})`)}
        from generate_series(1, ${N}::int) i, lateral generate_series(1, 1 + i % 4) k`);
    await tx.execute(sql`
      insert into member_notes (member_id, occurred_on, channel, body, author_id, created_at, updated_at)
      select ${uuidOf('m', 'i')}, ${day} - ((i + k * 53) % 730),
             (array['meeting','phone','visit','email','other'])[1 + (i + k) % 5]::note_channel,
             (${text(NOTE_BODIES)})[1 + (i + k) % 8],
             ${uuidOf('officer', `(1 + (1 + (i * 7) % ${W}) % ${O})`)},
             ${day} - ((i + k * 53) % 730), ${day} - ((i + k * 53) % 730)
        from generate_series(1, ${N}::int) i, lateral generate_series(1, (i * 13) % 21) k`);
    await tx.execute(sql`
      insert into member_cases (member_id, title, description, opened_on, due_on, status, closed_on, sensitive)
      select ${uuidOf('m', `(1 + (j * 13) % ${N})`)},
             (array['残業代の未払い','異動の相談','育児休業の取得','職場の人間関係','評価への不満'])[1 + j % 5],
             case when j % 9 = 0 then 'ハラスメントの相談（詳細は面談記録）' end,
             ${day} - (60 + j % 300), ${day} + (j * 101) % 120 - 60,
             case when j % 10 < 7 then 'open' else 'closed' end::case_status,
             case when j % 10 < 7 then null else ${day} - (j % 50) end,
             j % 9 = 0
        from generate_series(1, ${Math.max(1, Math.round(N / 5))}::int) j`);
    await tx.execute(sql`
      insert into demands (id, title, description, priority, status, next_negotiation_on)
      select ${uuidOf('d', 'i')}, '要求' || i || '：' || (array['賃上げ','夜勤手当','人員増','休暇制度','ハラスメント防止'])[1 + i % 5],
             '職場アンケートから', (array['high','medium','low'])[1 + i % 3]::priority,
             (array['not_submitted','negotiating','negotiating','settled','carried_over'])[1 + i % 5]::negotiation_status,
             ${day} + i
        from generate_series(1, ${DEMANDS}::int) i`);
    await tx.execute(sql`
      insert into demand_members (demand_id, member_id, created_at)
      select ${uuidOf('d', `(1 + (i * 3 + k * 11) % ${DEMANDS})`)}, ${uuidOf('m', 'i')}, ${day} - (i % 300)
        from generate_series(1, ${N}::int) i, lateral generate_series(1, i % 4) k`);
    await tx.execute(sql`
      insert into tasks (title, due_on, status, assignee_id, subject_type, subject_id)
      select '面談の予定を立てる', ${day} + (j % 30 - 10), 'open',
             ${uuidOf('officer', `(1 + (1 + ((j * 20) * 7) % ${W}) % ${O})`)}, 'member',
             ${uuidOf('m', '(j * 20)')}
        from generate_series(1, ${Math.floor(N / 20)}::int) j`);
    await tx.execute(sql`
      update settings set shunto_start_on = ${day} + 100, secretary_general_user_id = ${uuidOf('officer', '1')}`);
    // Loaded with triggers off, as a restore is: the figure counters are counted from the rows.
    await rebuildFigureCounts(tx);
    await resetEarlyWarnings(tx);
  });
  const counts = rowsOf<Record<string, number>>(
    await db.execute(sql`
      select (select count(*) from members)::int as members,
             (select count(*) from engagement_history)::int as "engagementHistory",
             (select count(*) from member_notes)::int as notes,
             (select count(*) from member_cases)::int as cases,
             (select count(*) from demand_members)::int as "demandLinks",
             (select count(*) from tasks)::int as tasks,
             (select count(*) from workplaces)::int as workplaces,
             (select count(*) from users)::int as users`),
  )[0]!;
  return { ...shape, ms: Math.round(performance.now() - started), rows: counts };
}
