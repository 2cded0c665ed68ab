// Custom fields (issue 17): a choice field defined on the generated members, filled set-based
// (five options, unevenly spread: 40 %, 30 %, 20 %, 9 %, 1 %), then the member list filtered on
// it (`GET /api/members?cf.<key>=<value>&limit=50`, one request at a time, as an officer) for a
// common and a rare value, beside the bare SQL of the same page on the same database
// (`custom_fields @> $1::jsonb`, the GIN index). Target: p95 under 50 ms at 1M members on PostgreSQL.
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/queries/records';
import type { ServiceContext } from '../src/services/context';
import { createCustomField } from '../src/services/custom-fields/create-custom-field';
import { type Scratch, startKumiai, type summarize, timeRuns } from './engine';
import { BENCH_OFFICER, BENCH_PASSWORD } from './generate';
import { signIn } from './measure-api';

export const BENCH_FIELD_KEY = 'bench_shift';
/** Option values and their share of the members (per mille, cumulative bounds below). */
const SPREAD = [
  { value: 'day', labelJa: '日勤', share: 400 },
  { value: 'night', labelJa: '夜勤', share: 300 },
  { value: 'rotating', labelJa: '交代', share: 200 },
  { value: 'short', labelJa: '短時間', share: 90 },
  { value: 'remote', labelJa: '在宅', share: 10 },
] as const;
/** The values filtered on: the most common and the rarest. */
const FILTERS = { common: 'day', rare: 'remote' } as const;

// The bare page: the member list's columns for the first 50 matches in kana order, and the total
// counted up to the same cap as the API.
const BARE_COLUMNS = `m.id, m.name, m.name_kana, m.employee_number, m.workplace_id, m.engagement, m.status,
  m.custom_fields, w.name as workplace_name, u.display_name as owner_name`;
const barePage = (value: string) => {
  const probe = JSON.stringify({ [BENCH_FIELD_KEY]: value });
  return [
    sql`select ${sql.raw(BARE_COLUMNS)} from members m left join workplaces w on w.id = m.workplace_id
          left join users u on u.id = m.owner_id
         where m.custom_fields @> ${probe}::jsonb
         order by m.name_kana collate "C", m.name collate "C", m.id limit 50`,
    sql`select count(*)::int as n from (select 1 from members m where m.custom_fields @> ${probe}::jsonb limit 10001) t`,
  ];
};

/** Defines the field and fills it on every member in one UPDATE (then analyzes). */
export async function prepareCustomFields(ctx: ServiceContext) {
  await createCustomField(ctx, {
    entity: 'member',
    key: BENCH_FIELD_KEY,
    labelJa: '勤務形態',
    labelEn: 'Shift',
    type: 'choice',
    required: false,
    options: SPREAD.map((o) => ({ value: o.value, labelJa: o.labelJa, labelEn: o.value })),
  });
  let bound = 0;
  const cases = SPREAD.map((o) => {
    bound += o.share;
    return `when b < ${bound} then '${o.value}'`;
  }).join(' ');
  const started = performance.now();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql.raw(`update members m set custom_fields = m.custom_fields || jsonb_build_object('${BENCH_FIELD_KEY}', v.value)
                 from (select id, case ${cases} end as value
                         from (select id, abs(hashtext(id::text)) % 1000 as b from members) s) v
                where v.id = m.id`),
    );
  });
  const fillMs = Math.round(performance.now() - started);
  // As after the generation: the rows' old versions gone and the GIN index's pending list merged
  // (a bulk UPDATE leaves both, which every filtered read would otherwise walk).
  const vacuumStarted = performance.now();
  await ctx.db.execute(sql`vacuum analyze members`);
  const vacuumMs = Math.round(performance.now() - vacuumStarted);
  const counts = rowsOf<{ value: string; n: number }>(
    await ctx.db.execute(
      sql`select custom_fields ->> ${BENCH_FIELD_KEY} as value, count(*)::int as n from members group by 1 order by 2 desc`,
    ),
  );
  return { fillMs, vacuumMs, membersByValue: Object.fromEntries(counts.map((r) => [r.value, Number(r.n)])) };
}

/**
 * The server's matching worker would index every generated concern in the background while the
 * requests are timed (the generator's members are all queued): the queue is set aside while this
 * section runs and put back afterwards, so the matching section finds it as it was.
 */
async function withMatchQueueSetAside<T>(scratch: Scratch, work: () => Promise<T>): Promise<T> {
  const hold = async (statements: ReturnType<typeof sql>[]) => {
    const database = await scratch.open(1);
    try {
      await database.db.transaction(async (tx) => {
        for (const s of statements) await tx.execute(s);
      });
    } finally {
      await database.close();
    }
  };
  await hold([
    sql`create table bench_match_queue_hold as select * from match_queue`,
    sql`delete from match_queue`,
  ]);
  try {
    return await work();
  } finally {
    await hold([
      sql`insert into match_queue select * from bench_match_queue_hold on conflict do nothing`,
      sql`drop table bench_match_queue_hold`,
    ]);
  }
}

export function measureCustomFields(scratch: Scratch, options: { runs: number; poolSize: number }) {
  return withMatchQueueSetAside(scratch, () => measureWithoutMatching(scratch, options));
}

async function measureWithoutMatching(scratch: Scratch, options: { runs: number; poolSize: number }) {
  const server = await startKumiai(scratch, options.poolSize);
  const api: Record<string, ReturnType<typeof summarize>> = {};
  const totals: Record<string, number> = {};
  let unfilteredList: ReturnType<typeof summarize> | undefined;
  try {
    const cookie = await signIn(server.url, BENCH_OFFICER, BENCH_PASSWORD);
    for (const [name, value] of Object.entries(FILTERS)) {
      const path = `/api/members?cf.${BENCH_FIELD_KEY}=${encodeURIComponent(value)}&limit=50`;
      const get = async () => {
        const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        const body = (await res.json()) as {
          total: number;
          items: { customFields: Record<string, unknown> }[];
        };
        if (body.items.some((m) => m.customFields[BENCH_FIELD_KEY] !== value)) {
          throw new Error(`${path}: an item does not hold ${value}`);
        }
        totals[name] = body.total;
      };
      api[name] = await timeRuns(options.runs, get);
    }
    // The same list without the filter, in the same run: what any page of the list costs here.
    unfilteredList = await timeRuns(options.runs, async () => {
      const res = await fetch(`${server.url}/api/members?limit=50`, { headers: { cookie } });
      if (!res.ok) throw new Error(`/api/members: ${res.status}`);
      await res.arrayBuffer();
    });
  } finally {
    await server.stop();
  }
  // The bare SQL on the same database once the server has let go of it (PGlite: one process).
  const database = await scratch.open(1);
  const bareSql: Record<string, ReturnType<typeof summarize>> = {};
  const bareTotals: Record<string, number> = {};
  try {
    for (const [name, value] of Object.entries(FILTERS)) {
      bareSql[name] = await timeRuns(options.runs, async () => {
        const [pageQuery, countQuery] = barePage(value);
        rowsOf(await database.db.execute(pageQuery!));
        // The API says at most 10,000 (and `totalCapped`): the same cap here.
        bareTotals[name] = Math.min(
          10_000,
          Number(rowsOf<{ n: number }>(await database.db.execute(countQuery!))[0]!.n),
        );
      });
    }
  } finally {
    await database.close();
  }
  const worstP95Ms = Math.max(...Object.values(api).map((s) => s.p95Ms));
  return {
    key: BENCH_FIELD_KEY,
    filters: FILTERS,
    totals,
    bareTotals,
    api,
    unfilteredList,
    bareSql,
    worstP95Ms,
  };
}
