// The reliability suite's in-process app: the real Hono app (every route, middleware and
// service) on the scratch database, with one signed-in user per staff role. The fuzz and race
// parts send their requests here (many thousands a minute, no HTTP socket in between); the
// kill and soak parts use a real `kumiai serve` process (./server.ts).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { STAFF_ROLES, type StaffRole } from '../src/core/enums';
import type { Database } from '../src/db/client';
import { rowsOf } from '../src/db/queries/records';
import { createApp } from '../src/server/app';
import { createUser } from '../src/services/users/create-user';
import { installWriteCounter as installCounter, publicTables } from '../test/write-counter';

export const PASSWORD = 'reliability suite password';

export type Sent = { status: number; text: string; body: unknown };

export type InProcess = {
  database: Database;
  send: (role: StaffRole, method: string, path: string, body?: unknown, raw?: string) => Promise<Sent>;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, read by tests of each
  json: (role: StaffRole, method: string, path: string, body?: unknown) => Promise<Sent & { body: any }>;
  userIds: Record<StaffRole, string>;
  /**
   * Called when a request answered 401 (its session ended), before the role signs in again —
   * possibly as a new user: the fuzzer reads its write counters here, so what the sign-in
   * writes is not taken for the refused request's doing.
   */
  onSessionEnded?: (role: StaffRole) => Promise<void>;
};

export async function startInProcess(database: Database, tag: string): Promise<InProcess> {
  const app = createApp({
    database,
    config: { secureCookies: false, trustProxy: false, sessionDays: 14 },
    log: () => {},
    secret: randomBytes(32),
    // One client address sends everything: no public-survey throttling in the way.
    publicRateLimit: 1_000_000,
    publicAnswersPerLink: 1_000_000,
  });
  const cookies = {} as Record<StaffRole, string>;
  const userIds = {} as Record<StaffRole, string>;
  const email = (role: StaffRole) => `${tag}-${role}@reliability.example`;

  async function signIn(role: StaffRole) {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: email(role), password: PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    await res.text();
    if (res.status !== 200 || !cookie) return false;
    cookies[role] = cookie;
    return true;
  }

  /** A fresh user for the role (the fuzzer may have disabled, demoted or re-passworded the old one). */
  async function newUser(role: StaffRole) {
    const serial = Math.random().toString(36).slice(2, 8);
    const user = await createUser(database.db, {
      email: `${tag}-${role}-${serial}@reliability.example`,
      displayName: `${role} ${serial}`,
      role,
      password: PASSWORD,
      workplaceIds: [],
    });
    userIds[role] = user.id;
    emails[role] = user.email;
  }
  const emails = {} as Record<StaffRole, string>;

  for (const role of STAFF_ROLES) {
    const user = await createUser(database.db, {
      email: email(role),
      displayName: `${role} user`,
      role,
      password: PASSWORD,
      workplaceIds: [],
    });
    userIds[role] = user.id;
    emails[role] = email(role);
    if (!(await signIn(role))) throw new Error(`cannot sign in as ${role}`);
  }

  async function signInAgain(role: StaffRole) {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emails[role], password: PASSWORD }),
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    await res.text();
    if (res.status === 200 && cookie) {
      cookies[role] = cookie;
      return;
    }
    await newUser(role);
    const again = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emails[role], password: PASSWORD }),
    });
    cookies[role] = again.headers.get('set-cookie')?.split(';')[0] ?? cookies[role];
    await again.text();
  }

  async function send(role: StaffRole, method: string, path: string, body?: unknown, raw?: string) {
    const headers: Record<string, string> = { cookie: cookies[role] };
    let payload: string | undefined;
    if (raw !== undefined) {
      payload = raw;
      headers['content-type'] = 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await app.request(path, { method, headers, body: payload });
    // The whole body: a streamed export that fails half-way shows here.
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    // The session ended (sign-out, a changed password, a disabled account): sign in again.
    if (res.status === 401) {
      await handle.onSessionEnded?.(role);
      await signInAgain(role);
    }
    return { status: res.status, text, body: parsed };
  }

  const handle: InProcess = {
    database,
    send,
    json: send as InProcess['json'],
    userIds,
  };
  return handle;
}

/**
 * Rows a refused request may legitimately leave: sessions (sign-in, last-seen stamps), failed
 * sign-ins (a wrong password is counted), throttling state, the audit log (reads and refusals
 * are audited), and the matching index (match_docs, match_doc_terms, match_demand_terms,
 * match_expansions, match_scores, match_queue, match_state: derived from the records, brought up
 * to date by the suggestion routes before they look at the request — a refused accept of
 * suggestions for an unknown demand catches the index up, then answers 404). The matching
 * decisions (match_rejections, match_synonyms, match_synonym_candidates) stay checked. Also the
 * figure counters' folded counts and deltas, and the kept early warnings with their baseline
 * (migrations 0031, 0032): a read whose figures miss the cache folds the deltas into the counts,
 * and the day's first weekly dashboard builds the early warnings — a refused read of a demand
 * that does not exist counts every demand's links first, then answers 404. The at-risk spells
 * (current and past) move only with the records and stay checked.
 */
export const UNCHECKED =
  /^(sessions|login_failures|audit_log|rate_limit.*|.*_rate_limits?|match_(docs|doc_terms|demand_terms|expansions|scores|queue|state)|kumiai_(member_counts|member_count_deltas|demand_counts|demand_count_deltas|early_warning_baselines|early_warning_state))$/;

/** The write counter (test/write-counter.ts) on every checked table (every table but UNCHECKED). */
export const installWriteCounter = (database: Database) => installCounter(database.db, UNCHECKED);

async function checkedTables(database: Database) {
  return (await publicTables(database.db)).filter((name) => !UNCHECKED.test(name));
}

/** Row counts of every other table, as one text that changes when any count changes. */
export async function rowCountsQuery(database: Database) {
  const tables = await checkedTables(database);
  const query = sql.raw(
    `select ${tables.map((name) => `'${name}:' || (select count(*) from "${name}")`).join(" || ' ' || ")} as counts`,
  );
  return {
    tables,
    read: async () => rowsOf<{ counts: string }>(await database.db.execute(query))[0]!.counts,
  };
}
