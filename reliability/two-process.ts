// Part `twoProcess` (PostgreSQL): two `kumiai serve` processes on one database, as an operator
// scales out behind a load balancer (issue 20). On a database of its own on the PostgreSQL
// server of DATABASE_URL (the processes start together: both migrate and sweep at once), it
// checks what must hold across processes: a session made on A is good on B (and signing out on
// B ends it on A), the sign-in throttle counts the failures sent to both, a write through A
// shows in B's dashboard figures at once, the daily sweep runs once (the sweep sent to both at
// once creates each task once; the scheduler's once-a-day claim in kumiai_job_runs is taken by
// one of two racing processes), and writes sent through both at once are all there afterwards.
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import { runWorkflowRules } from '../src/services/workflows/run-workflow-rules';
import { createScratchDatabase, httpClient, type ServerProcess, startServerProcess } from '../test/servers';
import { ADMIN } from './server';

export type TwoProcessResult = {
  /** Signed in on A, the cookie is good on B; signed out on B, it no longer is on A. */
  sessionsShared: boolean;
  /** Eight wrong passwords for one address, alternately to A and B: five 401, then 429. */
  throttleShared: boolean;
  throttleStatuses: number[];
  /** B's weekly figures (cached, asked twice) change at once after a write through A, and equal A's. */
  figuresFresh: boolean;
  /** The sweep sent to both at once created its tasks once; the once-a-day claim taken once. */
  jobsOnce: boolean;
  sweepCreated: number[];
  /** Rows of kumiai_job_runs for the raced day (1). */
  jobRuns: number;
  /** Writes sent through both processes at once (members created by CLIENTS clients). */
  writes: number;
  acknowledged: number;
  lost: number;
  status5xx: number;
  /** Lines either process logged as a failed request. */
  errorsLogged: number;
  examples: string[];
};

const CLIENTS = 8;
/** Two processes starting at once on a loaded 2-core machine may take minutes. */
const START = { startTimeoutMs: 300_000 };
const SECRET = 'reliability-two-process-secret-0123456789abcdef';

export async function runTwoProcess(
  serverUrl: string,
  options: { seconds: number; log: (m: string) => void },
): Promise<TwoProcessResult> {
  const result: TwoProcessResult = {
    sessionsShared: false,
    throttleShared: false,
    throttleStatuses: [],
    figuresFresh: false,
    jobsOnce: false,
    sweepCreated: [],
    jobRuns: 0,
    writes: 0,
    acknowledged: 0,
    lost: 0,
    status5xx: 0,
    errorsLogged: 0,
    examples: [],
  };
  const note = (m: string) => {
    if (result.examples.length < 10) result.examples.push(m);
  };
  const scratch = await createScratchDatabase(serverUrl);
  let servers: ServerProcess[] = [];
  const direct = new pg.Client({ connectionString: scratch.url });
  try {
    const env = {
      DATABASE_URL: scratch.url,
      DATABASE_POOL_SIZE: '4',
      KUMIAI_ADMIN_EMAIL: ADMIN.email,
      KUMIAI_ADMIN_PASSWORD: ADMIN.password,
      KUMIAI_SECRET: SECRET,
    };
    servers = await Promise.all([startServerProcess(env, START), startServerProcess(env, START)]);
    const [a, b] = servers as [ServerProcess, ServerProcess];
    await direct.connect();
    options.log('twoProcess: both servers up');

    // Sessions: made on A, used on B, ended on B, gone on A.
    {
      const cookie = await httpClient(a.url).signIn(ADMIN.email, ADMIN.password);
      const me = await httpClient(b.url, cookie).request<{ email: string }>('GET', '/api/auth/me');
      const out = await httpClient(b.url, cookie).request('POST', '/api/auth/logout');
      const after = await httpClient(a.url, cookie).request('GET', '/api/auth/me');
      result.sessionsShared =
        me.status === 200 && me.body?.email === ADMIN.email && out.status < 300 && after.status === 401;
      if (!result.sessionsShared)
        note(`sessions: /auth/me on B ${me.status}, sign-out on B ${out.status}, then on A ${after.status}`);
    }

    // Throttling: five failures per address in the window (services/auth/throttle.ts), wherever sent.
    {
      const email = `throttle-${Date.now()}@reliability.example`;
      for (let i = 0; i < 8; i++) {
        const res = await fetch(`${(i % 2 ? b : a).url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'wrong password' }),
        });
        await res.text();
        result.throttleStatuses.push(res.status);
      }
      result.throttleShared =
        result.throttleStatuses.join(',') === [401, 401, 401, 401, 401, 429, 429, 429].join(',');
    }

    const onA = httpClient(a.url);
    const onB = httpClient(b.url);
    await onA.signIn(ADMIN.email, ADMIN.password);
    await onB.signIn(ADMIN.email, ADMIN.password);

    // The figures cache: B's answer, cached, moves with a write through A.
    const workplace = await onA.request<{ id: string }>('POST', '/api/workplaces', {
      name: 'Two-process plant',
    });
    if (workplace.status !== 201) throw new Error(`POST /api/workplaces answered ${workplace.status}`);
    {
      const before = await onB.request('GET', '/api/dashboards/weekly');
      const cached = await onB.request('GET', '/api/dashboards/weekly');
      const member = await onA.request('POST', '/api/members', {
        name: 'Figures Member',
        workplaceId: workplace.body.id,
        engagement: 'at_risk',
        engagementReason: 'a grievance',
      });
      const afterB = await onB.request('GET', '/api/dashboards/weekly');
      const afterA = await onA.request('GET', '/api/dashboards/weekly');
      result.figuresFresh =
        before.status === 200 &&
        cached.text === before.text &&
        member.status === 201 &&
        afterB.status === 200 &&
        afterB.text !== before.text &&
        JSON.stringify(afterB.body) === JSON.stringify(afterA.body);
      if (!result.figuresFresh)
        note(
          `figures: B before ${before.status}, member ${member.status}, B after changed ${afterB.text !== before.text}`,
        );
    }

    // The sweep: sent to both at once, each task made once (a 10-year milestone in April 2026).
    let sweepOnce = false;
    {
      const member = await onA.request('POST', '/api/members', {
        name: 'Milestone Member',
        workplaceId: workplace.body.id,
        joinedOn: '2016-04-01',
      });
      const asOf = '2026-03-15';
      const runs = await Promise.all(
        [onA, onB].map((c) => c.request<{ created: unknown[] }>('POST', '/api/workflows/run', { asOf })),
      );
      const again = await onB.request<{ created: unknown[] }>('POST', '/api/workflows/run', { asOf });
      result.sweepCreated = runs.map((r) => r.body?.created?.length ?? -1);
      const tasks = await direct.query('select count(*)::int as n from tasks where subject_id = $1', [
        member.body && (member.body as { id: string }).id,
      ]);
      sweepOnce =
        member.status === 201 &&
        runs.every((r) => r.status === 200) &&
        again.status === 200 &&
        again.body.created.length === 0 &&
        Math.min(...result.sweepCreated) === 0 &&
        Math.max(...result.sweepCreated) > 0 &&
        tasks.rows[0].n > 0;
      if (!sweepOnce)
        note(
          `sweep: created ${result.sweepCreated}, again ${again.body?.created?.length}, tasks ${tasks.rows[0].n}`,
        );
    }
    // The scheduler's timer fires at 00:05 in every process; the first to claim the day in
    // kumiai_job_runs runs the sweep, the other skips. The timer's call, from two connections
    // pools at once (the processes' own timers cannot be made to fire now).
    {
      const day = '2027-04-15';
      const pools = await Promise.all(
        [0, 1].map(() => openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 1 })),
      );
      try {
        const raced = await Promise.all(
          pools.map((p) =>
            runWorkflowRules({ db: p.db, now: new Date() }, { asOf: day }, { oncePerDay: true }),
          ),
        );
        const ran = raced.filter((r) => !('skipped' in r)).length;
        const rows = await direct.query(
          "select count(*)::int as n from kumiai_job_runs where job = 'daily_sweep' and period = $1",
          [day],
        );
        result.jobRuns = rows.rows[0].n;
        result.jobsOnce = sweepOnce && ran === 1 && result.jobRuns === 1;
        if (ran !== 1) note(`scheduler: ${ran} of 2 racing claims ran the sweep`);
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }
    }

    // Writes through both at once: every acknowledged one is there.
    {
      const acknowledged: string[] = [];
      const clients = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, i) => {
          const client = httpClient((i % 2 ? b : a).url);
          await client.signIn(ADMIN.email, ADMIN.password);
          return client;
        }),
      );
      // From the moment every client is signed in (sign-ins are slow on a loaded machine).
      const deadline = Date.now() + options.seconds * 1000;
      await Promise.all(
        clients.map(async (client, c) => {
          for (let i = 0; Date.now() < deadline; i++) {
            result.writes++;
            const res = await client.request<{ id: string }>('POST', '/api/members', {
              name: `Both ${c}-${i}`,
              workplaceId: workplace.body.id,
            });
            if (res.status === 201 && typeof res.body?.id === 'string') acknowledged.push(res.body.id);
            else {
              if (res.status >= 500) result.status5xx++;
              note(`write ${c}-${i} answered ${res.status}: ${res.text.slice(0, 120)}`);
            }
          }
        }),
      );
      const found = await direct.query('select count(*)::int as n from members where id = any($1::uuid[])', [
        acknowledged,
      ]);
      result.acknowledged = acknowledged.length;
      result.lost = acknowledged.length - found.rows[0].n;
    }
  } finally {
    await direct.end().catch(() => {});
    for (const server of servers)
      result.errorsLogged += (server.output().match(/"request failed"|"level":50/g) ?? []).length;
    await Promise.all(servers.map((s) => s.stop()));
    await scratch.drop();
  }
  return result;
}
