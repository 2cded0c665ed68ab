// The demand survey at union scale (issue 15): inviting every member (each gets a personal
// link: a nonce, an HMAC in Node, its hash stored), the results of N answers, and the public
// answer endpoint under load. Each figure beside a same-run reference:
//   - invitations: the service vs one hand-written INSERT … SELECT of the same members with
//     hashes made in SQL (md5; no HMAC, no audit) — the floor of writing those rows;
//   - results: the service (four statements in a read-only snapshot, then the small-cell rule)
//     vs the bare count per demand in one statement;
//   - public answers: PUT /api/public/surveys/:token/answer with a different link per request
//     vs GET /api/health on the same server under the same load (the framework's floor) and the
//     link's own GET.
import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client';
import { rowsOf } from '../src/db/queries/records';
import type { ServiceContext } from '../src/services/context';
import { createSurvey } from '../src/services/surveys/create-survey';
import { getSurveyResults } from '../src/services/surveys/get-survey-results';
import { inviteMembers } from '../src/services/surveys/invite-members';
import { tokenOf } from '../src/services/surveys/tokens';
import { round1, type Scratch, startChild, summarize, timeRuns } from './engine';

/** The server secret the bench's child server is given (KUMIAI_SECRET), and its key as the server derives it. */
export const BENCH_SECRET_TEXT = 'kumiai-bench-survey-secret-0123456789abcdef';
const SECRET = createHash('sha256').update(BENCH_SECRET_TEXT, 'utf8').digest();

const QUESTIONS = [
  { kind: 'single' as const, label: '残業は', options: ['多い', '普通', '少ない'], required: false },
  { kind: 'scale' as const, label: '満足度', required: false },
  { kind: 'text' as const, label: 'ひとこと', required: false },
];

async function timed<T>(work: () => Promise<T>) {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

/** In-process parts: invitations (service vs bare INSERT) and results of `answers` answers. */
export async function measureSurveysInProcess(
  database: Database,
  ctx: ServiceContext,
  options: { answers: number; runs: number },
) {
  const db = database.db;
  const demandIds = rowsOf<{ id: string }>(
    await db.execute(sql`select id from demands order by id limit 10`),
  ).map((r) => r.id);
  const closesOn = `${new Date(ctx.now.getTime() + 365 * 86_400_000).toISOString().slice(0, 10)}`;
  const make = (title: string, anonymous: boolean) =>
    createSurvey(ctx, {
      title,
      anonymous,
      demandIds,
      freeText: true,
      questions: QUESTIONS,
      rankTop: 3,
      closesOn,
    });

  // Invitations: every active member (the default), one request.
  const open = await make('ベンチ 回答用', true);
  const invite = await timed(() => inviteMembers(ctx, open.id, {}, SECRET));
  const again = await timed(() => inviteMembers(ctx, open.id, {}, SECRET));
  const reference = await make('ベンチ 参照', true);
  const bare = await timed(() =>
    db.execute(sql`
      insert into survey_invitations (survey_id, member_id, token_nonce, token_hash, created_at)
      select ${reference.id}, m.id, md5(random()::text), md5(random()::text || m.id::text), now()
        from members m
       where m.status = 'active' and m.union_role <> 'organizing_target'`),
  );

  // Results: `answers` anonymous answers written with bulk SQL (snapshots from the members,
  // 0–3 ranked demands each, the questions, free text on one in seven).
  const results = await make('ベンチ 集計', true);
  const generated = await timed(async () => {
    await db.execute(sql`
      insert into survey_responses (id, survey_id, owner_key, workplace_id, job_type, grade, union_role,
                                    free_text, answers, channel)
      select md5('bench-answer-' || m.rn)::uuid, ${results.id}, md5('owner-' || m.rn), m.workplace_id,
             m.job_type, m.grade, m.union_role,
             case when m.rn % 7 = 0 then '職場の人員が足りません ' || m.rn end,
             jsonb_build_object('q1', (array['多い','普通','少ない'])[1 + m.rn % 3], 'q2', 1 + (m.rn * 7) % 5)
               || case when m.rn % 5 = 0 then jsonb_build_object('q3', 'ひとこと') else '{}'::jsonb end,
             case when m.rn % 10 = 0 then 'paper' else 'web' end
        from (select mm.*, row_number() over (order by mm.id) as rn from members mm) m
       where m.rn <= ${options.answers}`);
    await db.execute(sql`
      with d as (select array_agg(demand_id order by position) as ids, count(*)::int as n
                   from survey_demands where survey_id = ${results.id})
      insert into survey_response_demands (response_id, survey_id, demand_id, rank)
      select md5('bench-answer-' || g.rn)::uuid, ${results.id},
             d.ids[1 + ((g.rn * 31 + (g.rn % 5) + k * 3) % d.n)], k
        from generate_series(1, ${options.answers}) g(rn)
        cross join d
        cross join generate_series(1, 3) k
       where k <= g.rn % 4`);
    // Closed: an anonymous survey shows its figures only then (core/surveys/disclosure.ts).
    await db.execute(sql`update surveys set closed_at = now() where id = ${results.id}`);
    await db.execute(sql`analyze survey_responses`);
    await db.execute(sql`analyze survey_response_demands`);
  });
  const [counts] = rowsOf<{ answers: number; choices: number }>(
    await db.execute(sql`
      select (select count(*)::int from survey_responses where survey_id = ${results.id}) as answers,
             (select count(*)::int from survey_response_demands where survey_id = ${results.id}) as choices`),
  );
  const service = await timeRuns(options.runs, () => getSurveyResults(ctx, results.id));
  const bareResults = await timeRuns(options.runs, () =>
    db.execute(
      sql`select demand_id, count(*) from survey_response_demands where survey_id = ${results.id} group by demand_id`,
    ),
  );
  const sample = await getSurveyResults(ctx, results.id);

  // The links of the open survey, for the load test.
  const nonces = rowsOf<{ token_nonce: string }>(
    await db.execute(
      sql`select token_nonce from survey_invitations where survey_id = ${open.id} order by id`,
    ),
  );
  return {
    openSurvey: { id: open.id, demandIds, tokens: nonces.map((n) => tokenOf(SECRET, n.token_nonce)) },
    invitations: {
      invite: { ms: invite.ms, invited: invite.value.invited },
      inviteAgain: { ms: again.ms, invited: again.value.invited },
      bareInsert: { ms: bare.ms },
    },
    results: {
      answers: counts?.answers ?? 0,
      chosenDemands: counts?.choices ?? 0,
      generateMs: generated.ms,
      service,
      bareCountPerDemand: bareResults,
      breakdownGroups: Object.fromEntries(Object.entries(sample.breakdowns).map(([k, v]) => [k, v.length])),
      hiddenGroups: Object.values(sample.breakdowns)
        .flat()
        .filter((g) => g.hidden).length,
    },
  };
}

type LoadFigures = {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
};

/** autocannon with a different path per request (setupRequest rotates through `paths`). */
async function rotatingLoad(
  baseUrl: string,
  paths: string[],
  options: { connections: number; seconds: number; method: 'GET' | 'PUT'; body?: string },
): Promise<LoadFigures> {
  const times: number[] = [];
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            method: options.method,
            headers: options.body ? { 'content-type': 'application/json' } : {},
            ...(options.body ? { body: options.body } : {}),
            setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
          },
        ],
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  const stats = summarize(times);
  return {
    requestsPerSecond: round1(result.requests.total / (result.duration || options.seconds)),
    p50Ms: stats.p50Ms,
    p95Ms: stats.p95Ms,
    p99Ms: round1(result.latency.p99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * The public answer endpoint under load on a child `kumiai serve` (its public rate limit
 * raised, KUMIAI_SECRET the bench's): each request a different member's link, answering the
 * open survey (three ranked demands, two questions, free text).
 */
export async function measurePublicAnswers(
  scratch: Scratch,
  open: { demandIds: string[]; tokens: string[] },
  options: { connections: number; seconds: number; poolSize: number },
) {
  const server = await startChild(
    'src/cli/main.ts',
    ['serve'],
    {
      ...scratch.env,
      DATABASE_POOL_SIZE: String(options.poolSize),
      KUMIAI_LOG_LEVEL: 'info',
      KUMIAI_SECRET: BENCH_SECRET_TEXT,
      KUMIAI_PUBLIC_RATE_LIMIT: '1000000',
    },
    /Kumiai listening on http:\/\/[^:]+:(\d+)/,
  );
  try {
    const answerPaths = open.tokens.map((t) => `/api/public/surveys/${t}/answer`);
    const readPaths = open.tokens.map((t) => `/api/public/surveys/${t}`);
    const body = JSON.stringify({
      demandIds: open.demandIds.slice(0, 3),
      freeText: '人員を増やしてほしい',
      answers: { q1: '普通', q2: 4 },
    });
    const check = await fetch(`${server.url}${answerPaths[0]}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (!check.ok) throw new Error(`public answer: ${check.status} ${await check.text()}`);
    // Warm-up (plans, pool connections), then the measured runs.
    await rotatingLoad(server.url, answerPaths.slice(-1000), { ...options, seconds: 1, method: 'PUT', body });
    const answer = await rotatingLoad(server.url, answerPaths, { ...options, method: 'PUT', body });
    const read = await rotatingLoad(server.url, readPaths, { ...options, method: 'GET' });
    const health = await rotatingLoad(server.url, ['/api/health'], { ...options, method: 'GET' });
    return { links: open.tokens.length, answer, read, health };
  } finally {
    await server.stop();
  }
}
