// Part `pooler` (PostgreSQL, needs PgBouncer): two `kumiai serve` processes through PgBouncer in
// transaction pooling mode (test/servers.ts; a pool of two server connections, so consecutive
// transactions land on different connections), on a database of their own that they migrate
// through the pooler at once. Then a mixed write burst from several clients through both: new
// members, edits of each client's own member (version read first), new tasks, member notes, and
// list reads between. Invariants: no 5xx, and every acknowledged write is there afterwards (each
// created row present, each client's member holding its last acknowledged name and version).
import pg from 'pg';
import {
  createScratchDatabase,
  httpClient,
  type ServerProcess,
  startPgbouncer,
  startServerProcess,
} from '../test/servers';
import { ADMIN } from './server';

export type PoolerResult = {
  requests: number;
  acknowledged: number;
  lost: number;
  /** 5xx other than 503 (judged). */
  status5xx: number;
  /**
   * 503 database_unavailable (reported, not judged): the answer the server gives when a
   * connection fails. Seen rarely through a 2-connection PgBouncer pool while the database was
   * up (docs/reliability.md, "open findings"); a client retries, and nothing acknowledged is lost.
   */
  status503: number;
  /** Migrations applied through the pooler (each once). */
  migrations: number;
  /** Lines of PgBouncer's log naming a protocol problem (prepared statements, unsupported). */
  poolerErrors: number;
  examples: string[];
};

const CLIENTS = 8;
/** Two processes starting at once on a loaded 2-core machine may take minutes. */
const START = { startTimeoutMs: 300_000 };

export async function runPooler(
  serverUrl: string,
  options: { seconds: number; log: (m: string) => void },
): Promise<PoolerResult> {
  const result: PoolerResult = {
    requests: 0,
    acknowledged: 0,
    lost: 0,
    status5xx: 0,
    status503: 0,
    migrations: 0,
    poolerErrors: 0,
    examples: [],
  };
  const note = (m: string) => {
    if (result.examples.length < 20) result.examples.push(m);
  };
  const scratch = await createScratchDatabase(serverUrl);
  const bouncer = await startPgbouncer(scratch.url, { poolSize: 2 }).catch(async (err) => {
    await scratch.drop();
    throw err;
  });
  let servers: ServerProcess[] = [];
  const direct = new pg.Client({ connectionString: scratch.url });
  try {
    const env = {
      DATABASE_URL: bouncer.url,
      DATABASE_POOL_SIZE: '4',
      KUMIAI_ADMIN_EMAIL: ADMIN.email,
      KUMIAI_ADMIN_PASSWORD: ADMIN.password,
      KUMIAI_SECRET: 'reliability-pooler-secret-0123456789abcdef',
    };
    // Both migrate at once, through the pooler.
    servers = await Promise.all([startServerProcess(env, START), startServerProcess(env, START)]);
    await direct.connect();
    const migrations = await direct.query(
      'select count(*)::int as n, count(distinct created_at)::int as d from drizzle.__drizzle_migrations',
    );
    result.migrations = migrations.rows[0].n === migrations.rows[0].d ? migrations.rows[0].n : -1;
    options.log(`pooler: both servers up through PgBouncer, ${result.migrations} migrations`);

    const admin = httpClient(servers[0]!.url);
    await admin.signIn(ADMIN.email, ADMIN.password);
    const workplace = await admin.request<{ id: string }>('POST', '/api/workplaces', {
      name: 'Pooler plant',
    });
    if (workplace.status !== 201) throw new Error(`POST /api/workplaces answered ${workplace.status}`);

    const created: Record<'members' | 'tasks' | 'member_notes', string[]> = {
      members: [],
      tasks: [],
      member_notes: [],
    };
    const own: { id: string; name: string; version: number }[] = [];
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const client = httpClient(servers[c % 2]!.url);
        await client.signIn(ADMIN.email, ADMIN.password);
        return client;
      }),
    );
    // From the moment every client is signed in (sign-ins are slow on a loaded machine).
    const deadline = Date.now() + options.seconds * 1000;
    await Promise.all(
      clients.map(async (client, c) => {
        const send = async <T>(method: string, path: string, body?: unknown) => {
          for (let attempt = 0; ; attempt++) {
            result.requests++;
            const res = await client.request<T>(method, path, body);
            if (res.status === 503) result.status503++;
            else if (res.status >= 500) result.status5xx++;
            if (res.status >= 500)
              note(`${method} ${path} answered ${res.status}: ${res.text.slice(0, 120)}`);
            // A 503 is a retryable answer (nothing was done): a client sends the request again.
            if (res.status !== 503 || attempt >= 2) return res;
          }
        };
        const mine = await send<{ id: string; version: number; name: string }>('POST', '/api/members', {
          name: `Pooler own ${c}`,
          workplaceId: workplace.body.id,
        });
        if (mine.status !== 201) throw new Error(`POST /api/members answered ${mine.status}`);
        result.acknowledged++;
        created.members.push(mine.body.id);
        const self = { id: mine.body.id, name: mine.body.name, version: mine.body.version };
        own.push(self);
        let other: string | undefined;
        for (let i = 0; Date.now() < deadline; i++) {
          const step = i % 5;
          if (step === 0) {
            const res = await send<{ id: string }>('POST', '/api/members', {
              name: `Pooler ${c}-${i}`,
              workplaceId: workplace.body.id,
            });
            if (res.status === 201) {
              result.acknowledged++;
              created.members.push(res.body.id);
              other = res.body.id;
            }
          } else if (step === 1) {
            const name = `Pooler own ${c} edit ${i}`;
            const res = await send<{ version: number }>('PATCH', `/api/members/${self.id}`, {
              version: self.version,
              name,
            });
            if (res.status === 200) {
              result.acknowledged++;
              self.name = name;
              self.version = res.body.version;
            } else note(`PATCH own member ${c} answered ${res.status}`);
          } else if (step === 2) {
            const res = await send<{ id: string }>('POST', '/api/tasks', { title: `Pooler task ${c}-${i}` });
            if (res.status === 201) {
              result.acknowledged++;
              created.tasks.push(res.body.id);
            }
          } else if (step === 3 && other) {
            // On another member: a note may touch its member, and the edits of `self` must not collide.
            const res = await send<{ id: string }>('POST', `/api/members/${other}/notes`, {
              body: `Pooler note ${c}-${i}`,
            });
            if (res.status === 201) {
              result.acknowledged++;
              created.member_notes.push(res.body.id);
            }
          } else {
            await send('GET', i % 2 ? '/api/members?limit=50' : '/api/tasks');
          }
        }
      }),
    );
    for (const [table, ids] of Object.entries(created)) {
      const found = await direct.query(`select count(*)::int as n from ${table} where id = any($1::uuid[])`, [
        ids,
      ]);
      const missing = ids.length - found.rows[0].n;
      result.lost += missing;
      if (missing) note(`${missing} acknowledged ${table} rows missing`);
    }
    for (const self of own) {
      const row = await direct.query('select name, version from members where id = $1', [self.id]);
      if (row.rows[0]?.name !== self.name || row.rows[0]?.version !== self.version) {
        result.lost++;
        note(
          `member ${self.id}: stored ${JSON.stringify(row.rows[0])}, last acknowledged ${self.name} v${self.version}`,
        );
      }
    }
    result.poolerErrors = (
      bouncer.log().match(/prepared statement|unsupported|protocol error/gi) ?? []
    ).length;
  } finally {
    await direct.end().catch(() => {});
    // What the servers logged of a 5xx (the route, the error's class and code: no personal data).
    for (const server of servers)
      for (const line of server.output().split('\n'))
        if (/"request failed"|"database unavailable"/.test(line)) note(`server log: ${logSummary(line)}`);
    for (const line of bouncer.log().split('\n'))
      if (/ERROR|WARNING|closing because/.test(line) && !/client close request/.test(line))
        note(`pgbouncer: ${line.slice(0, 300)}`);
    await Promise.all(servers.map((s) => s.stop()));
    await bouncer.stop();
    await scratch.drop();
  }
  return result;
}

type Logged = { class?: string; code?: string; stack?: string[]; cause?: Logged };
/** A logged failure in short: time, method, route, the error's class and code down its causes, where. */
function logSummary(line: string): string {
  try {
    const entry = JSON.parse(line) as {
      time?: string;
      msg?: string;
      method?: string;
      route?: string;
      reason?: string;
      error?: Logged;
    };
    const chain: string[] = [];
    for (let e = entry.error; e; e = e.cause) chain.push(`${e.class ?? '?'}${e.code ? ` ${e.code}` : ''}`);
    const reason = entry.reason ? ` (${entry.reason})` : '';
    return `${entry.time} ${entry.msg}${reason}: ${entry.method} ${entry.route}: ${chain.join(' ← ')} at ${entry.error?.stack?.[0] ?? '?'}`;
  } catch {
    return line.slice(0, 600);
  }
}
