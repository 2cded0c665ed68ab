// `kumiai serve` as a child process on the scratch database, with an admin from the
// environment, and a small HTTP client for it.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { type Child, type Scratch, startChild } from '../bench/engine';
import { migrate } from '../src/db/migrate';
import { rowsOf } from '../src/db/queries/records';
import { createUser } from '../src/services/users/create-user';

export const ADMIN = {
  email: 'reliability-admin@reliability.example',
  password: 'reliability admin password',
};

/**
 * The admin the server-process parts sign in as (KUMIAI_ADMIN_EMAIL makes one only while no
 * user exists; the in-process parts have made users by then).
 */
export async function ensureAdmin(scratch: Scratch) {
  const database = await scratch.open();
  try {
    await migrate(database);
    // The fuzzer may have required two-step sign-in for admins: this admin has no authenticator.
    await database.db.execute(sql`update settings set totp_required_roles = '{}'`);
    const found = await database.db.execute(sql`select 1 from users where email = ${ADMIN.email}`);
    if (rowsOf(found).length) return;
    await createUser(database.db, {
      email: ADMIN.email,
      displayName: 'Reliability admin',
      role: 'admin',
      password: ADMIN.password,
      workplaceIds: [],
    });
  } finally {
    await database.close();
  }
}

export function startServer(scratch: Scratch, extra: Record<string, string> = {}): Promise<Child> {
  return startChild(
    'src/cli/main.ts',
    ['serve'],
    {
      ...scratch.env,
      KUMIAI_ADMIN_EMAIL: ADMIN.email,
      KUMIAI_ADMIN_PASSWORD: ADMIN.password,
      KUMIAI_LOG_LEVEL: 'info',
      // The suite's scratch databases need no scheduled backups.
      KUMIAI_BACKUP_KEEP_DAYS: '0',
      ...extra,
    },
    /Kumiai listening on http:\/\/[^:]+:(\d+)/,
  );
}

export async function signIn(url: string, email = ADMIN.email, password = ADMIN.password): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  await res.text();
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

export async function call(url: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, read by tests of each
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text };
}

/** The resident set size of a process in bytes (Linux /proc). */
export function rssOf(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
