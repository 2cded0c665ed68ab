import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Real child processes: `node --import tsx src/cli/main.ts …`, as `npm start` and
// `npm run kumiai` run them. Each start costs ~1–2 s (tsx + PGlite), so the
// scenarios below are few and each walks through several steps.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');
const PASSWORD = 'correct horse battery';
const LOCK_MESSAGE = 'is in use by another Kumiai process';

// Every scenario but the last runs on PGlite data directories (childEnv drops
// TEST_DATABASE_URL), so the PostgreSQL pass, which runs this file for the last one, skips them.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const pgliteOnly = describe.skipIf(onPostgres);

const children = new Set<ChildProcessWithoutNullStreams>();
const dirs: string[] = [];
let template = '';

// Creating a PGlite cluster costs seconds; most scenarios start from a copy of
// one made (and migrated) by the CLI itself.
beforeAll(async () => {
  if (onPostgres) return;
  template = await emptyDir();
  const res = await runCli(['migrate'], { KUMIAI_DATA_DIR: template });
  if (res.code !== 0) throw new Error(`migrate failed: ${res.stderr}`);
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function emptyDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kumiai-cli-'));
  dirs.push(dir);
  return dir;
}

/** A migrated, empty data directory of its own. */
async function dataDir(): Promise<string> {
  const dir = await emptyDir();
  await cp(template, dir, { recursive: true });
  return dir;
}

/** The parent's environment without any Kumiai setting, so only `extra` configures the child. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(KUMIAI_|DATABASE_|TEST_DATABASE_URL$|PORT$|HOST$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, HOST: '127.0.0.1', PORT: '0', ...extra };
}

function spawnCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: childEnv(env) });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

type Result = { code: number | null; stdout: string; stderr: string };

async function runCli(args: string[], env: Record<string, string>, input = ''): Promise<Result> {
  const p = spawnCli(args, env);
  p.child.stdin.end(input);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

type Server = Awaited<ReturnType<typeof startServe>>;

async function startServe(env: Record<string, string>) {
  const p = spawnCli(['serve'], env);
  p.child.stdin.end();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not start:\n${p.stdout()}\n${p.stderr()}`)),
      60_000,
    );
    const check = () => {
      const match = /Kumiai listening on (http:\/\/localhost:\d+)/.exec(p.stdout());
      if (match) {
        clearTimeout(timer);
        p.child.stdout.off('data', check);
        resolve(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    p.child.stdout.on('data', check);
    p.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${p.stdout()}\n${p.stderr()}`));
    });
  });
  return {
    ...p,
    url,
    async stop(): Promise<number | null> {
      p.child.kill('SIGTERM');
      return p.exited;
    },
  };
}

async function login(server: Server, email: string, password = PASSWORD) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  await res.body?.cancel();
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

async function api(server: Server, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function health(server: Server) {
  const res = await fetch(`${server.url}/api/health`);
  return { status: res.status, body: await res.json() };
}

function createUserCli(env: Record<string, string>, email: string, role: string, password = PASSWORD) {
  return runCli(
    ['users', 'create', '--email', email, '--name', `${role} 太郎`, '--role', role],
    env,
    `${password}\n`,
  );
}

pgliteOnly('serve on PGlite', { timeout: 180_000 }, () => {
  it('serves, locks its data directory, shuts down on SIGTERM and keeps the records across restarts', async () => {
    const env = { KUMIAI_DATA_DIR: await dataDir() };
    const lockFile = join(env.KUMIAI_DATA_DIR, 'kumiai.lock');
    expect((await createUserCli(env, 'kanri@example.org', 'admin')).code).toBe(0);

    const first = await startServe(env);
    expect(await health(first)).toEqual({
      status: 200,
      body: { status: 'ok', database: 'pglite', databaseState: 'up' },
    });
    expect(existsSync(lockFile)).toBe(true);

    // A second server and a CLI command on the same directory both refuse to start.
    const second = await runCli(['serve'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(LOCK_MESSAGE);
    expect(second.stderr).toContain('Stop the other process first');
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const cli = await runCli(['users', 'list'], env);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(LOCK_MESSAGE);
    expect(await health(first)).toEqual({
      status: 200,
      body: { status: 'ok', database: 'pglite', databaseState: 'up' },
    });

    const { status, cookie } = await login(first, 'kanri@example.org');
    expect(status).toBe(200);
    const created = await api(first, cookie, 'POST', '/api/members', {
      name: '山田 太郎',
      nameKana: 'やまだ たろう',
    });
    expect(created.status).toBe(201);

    expect(await first.stop()).toBe(0);
    expect(first.stdout()).toContain('Shut down cleanly');
    expect(existsSync(lockFile)).toBe(false);

    const again = await startServe(env);
    const session = await login(again, 'kanri@example.org');
    expect(session.status).toBe(200);
    const read = await api(again, session.cookie, 'GET', `/api/members/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.body.id, name: '山田 太郎', nameKana: 'ヤマダ タロウ' });
    // The earlier session cookie survives the restart too: sessions live in the database.
    expect((await api(again, cookie, 'GET', '/api/auth/me')).status).toBe(200);
    expect(again.stdout()).not.toContain('No data yet');
    expect(await again.stop()).toBe(0);
  });

  it('creates the first admin from KUMIAI_ADMIN_* only while no user exists', async () => {
    const dir = await dataDir();
    const adminEnv = {
      KUMIAI_DATA_DIR: dir,
      KUMIAI_ADMIN_EMAIL: 'first@example.org',
      KUMIAI_ADMIN_PASSWORD: PASSWORD,
      KUMIAI_ADMIN_NAME: '初代 管理者',
    };
    const server = await startServe(adminEnv);
    expect(server.stdout()).toContain('Created the first admin first@example.org');
    expect(server.stdout()).toContain('No data yet. Load the demo union with: npm run kumiai -- seed-demo');
    expect(server.stdout()).not.toContain(PASSWORD);
    expect((await login(server, 'first@example.org')).status).toBe(200);
    expect(await server.stop()).toBe(0);

    // Changed variables later neither overwrite the admin nor add another one.
    const changed = await startServe({ ...adminEnv, KUMIAI_ADMIN_PASSWORD: 'another password 2' });
    expect(changed.stdout()).not.toContain('Created the first admin');
    expect((await login(changed, 'first@example.org', 'another password 2')).status).toBe(401);
    expect((await login(changed, 'first@example.org')).status).toBe(200);
    expect(await changed.stop()).toBe(0);

    const other = await startServe({ ...adminEnv, KUMIAI_ADMIN_EMAIL: 'second@example.org' });
    expect((await login(other, 'second@example.org')).status).toBe(401);
    expect(await other.stop()).toBe(0);

    const list = await runCli(['users', 'list'], { KUMIAI_DATA_DIR: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('first@example.org');
    expect(list.stdout).toContain('初代 管理者');
    expect(list.stdout).not.toContain('second@example.org');
  });

  it('creates a new data directory and prints a hint for the first admin', async () => {
    // A directory that does not exist yet: serve creates and migrates it.
    const server = await startServe({ KUMIAI_DATA_DIR: join(await emptyDir(), 'new', 'data') });
    expect(server.stdout()).toContain('No user yet.');
    expect(server.stdout()).toContain('KUMIAI_ADMIN_EMAIL');
    expect(server.stdout()).toContain('users create --email');
    // One Ctrl+C under `npm start` arrives two or three times (npm and tsx relay it): still a clean stop.
    server.child.kill('SIGINT');
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('Shut down cleanly');
  });
});

pgliteOnly('startup errors', { timeout: 120_000 }, () => {
  it('names an invalid configuration without a stack trace', async () => {
    const res = await runCli(['serve'], { KUMIAI_DATA_DIR: await dataDir(), PORT: 'eighty' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Invalid configuration');
    expect(res.stderr).toContain('PORT');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unusable first-admin password without echoing it', async () => {
    const env = {
      KUMIAI_DATA_DIR: await dataDir(),
      KUMIAI_ADMIN_EMAIL: 'a@example.org',
      KUMIAI_ADMIN_PASSWORD: 'hunter2',
    };
    const res = await runCli(['serve'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('KUMIAI_ADMIN_PASSWORD: must be at least 10 characters');
    expect(res.stderr + res.stdout).not.toContain('hunter2');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(env.KUMIAI_DATA_DIR, 'kumiai.lock'))).toBe(false);
  });

  it('reports an unreachable PostgreSQL without its password', async () => {
    const res = await runCli(['serve'], { DATABASE_URL: 'postgres://kumiai:s3cret-pw@127.0.0.1:1/kumiai' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      'Cannot use the database PostgreSQL postgres://kumiai:***@127.0.0.1:1/kumiai',
    );
    expect(res.stderr).toContain('ECONNREFUSED');
    expect(res.stderr + res.stdout).not.toContain('s3cret-pw');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a port in use and releases the data directory', async () => {
    const env = { KUMIAI_DATA_DIR: await dataDir() };
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const res = await runCli(['serve'], { ...env, PORT: String(port) });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(res.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(env.KUMIAI_DATA_DIR, 'kumiai.lock'))).toBe(false);
    } finally {
      taken.close();
    }
  });
});

pgliteOnly('users commands', { timeout: 180_000 }, () => {
  it('validates, lists and disables users', async () => {
    const env = { KUMIAI_DATA_DIR: await dataDir() };

    // These fail before the database is opened, so they can run side by side.
    const [short, bad, role] = await Promise.all([
      createUserCli(env, 'kanri@example.org', 'admin', 'too short'),
      runCli(['users', 'create', '--email', 'not-an-email', '--name', ' ', '--role', 'admin'], env),
      createUserCli(env, 'x@example.org', 'chair'),
    ]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password: must be at least 10 characters');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('email: must be an email address');
    expect(bad.stderr).toContain('displayName:');
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('Allowed choices are admin, officer, executive, rep');
    const empty = await runCli(['users', 'list'], env);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No users yet');

    expect((await createUserCli(env, 'Kanri@Example.org', 'admin')).code).toBe(0);
    const officer = await createUserCli(env, 'sennju@example.org', 'officer');
    expect(officer.code).toBe(0);
    expect(officer.stdout).toContain('Created officer sennju@example.org (officer 太郎)');
    const duplicate = await createUserCli(env, 'SENNJU@example.org', 'rep');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('email: is already in use');

    const list = await runCli(['users', 'list'], env);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^email\s+name\s+role\s+disabled$/);
    expect(lines.slice(2).map((l) => l.split(/\s{2,}/))).toEqual([
      ['kanri@example.org', 'admin 太郎', 'admin', 'no'],
      ['sennju@example.org', 'officer 太郎', 'officer', 'no'],
    ]);

    // A session opened before the disable stops working with it.
    let server = await startServe(env);
    const before = await login(server, 'sennju@example.org');
    expect(before.status).toBe(200);
    expect(await server.stop()).toBe(0);

    const disabled = await runCli(['users', 'disable', '--email', 'sennju@example.org'], env);
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain('Disabled sennju@example.org');
    const lastAdmin = await runCli(['users', 'disable', '--email', 'kanri@example.org'], env);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toContain('The last enabled admin cannot be demoted or disabled');
    const unknown = await runCli(['users', 'disable', '--email', 'nobody@example.org'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user has the email nobody@example.org');
    expect((await runCli(['users', 'list'], env)).stdout).toMatch(
      /sennju@example\.org\s+officer 太郎\s+officer\s+yes/,
    );

    server = await startServe(env);
    expect((await api(server, before.cookie, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await login(server, 'sennju@example.org')).status).toBe(401);
    expect((await login(server, 'kanri@example.org')).status).toBe(200);
    expect(await server.stop()).toBe(0);
  });
});

pgliteOnly('users reset-two-step', { timeout: 180_000 }, () => {
  it('removes a user’s second factor (a lost phone), audited; the password alone signs in again', async () => {
    const env = { KUMIAI_DATA_DIR: await dataDir() };
    expect((await createUserCli(env, 'kanri@example.org', 'admin')).code).toBe(0);
    expect((await createUserCli(env, 'sennju@example.org', 'officer')).code).toBe(0);
    expect(
      (await runCli(['users', 'reset-two-step', '--email', 'sennju@example.org'], env)).stdout,
    ).toContain('has no two-step sign-in to reset');

    let server = await startServe(env);
    const { cookie } = await login(server, 'sennju@example.org');
    const setup = await api(server, cookie, 'POST', '/api/auth/totp/setup', {});
    expect(setup.status).toBe(200);
    const totp = new TOTP({
      secret: Secret.fromBase32(setup.body.secret),
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    expect(
      (await api(server, cookie, 'POST', '/api/auth/totp/enable', { code: totp.generate() })).status,
    ).toBe(200);
    const signIn = () =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'sennju@example.org', password: PASSWORD }),
      }).then(async (res) => ({
        status: res.status,
        body: await res.json(),
        cookie: res.headers.get('set-cookie'),
      }));
    const second = await signIn();
    expect(second.body).toMatchObject({ totpRequired: true });
    expect(second.cookie).toBeNull();
    expect(await server.stop()).toBe(0);

    const unknown = await runCli(['users', 'reset-two-step', '--email', 'nobody@example.org'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user has the email nobody@example.org');
    const reset = await runCli(['users', 'reset-two-step', '--email', 'SENNJU@example.org'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Reset the two-step sign-in of sennju@example.org');

    server = await startServe(env);
    const after = await signIn();
    expect(after.status).toBe(200);
    expect(after.body.totpRequired).toBeUndefined();
    expect(after.cookie).toContain('=');
    const admin = await login(server, 'kanri@example.org');
    const audit = await api(server, admin.cookie, 'GET', '/api/audit-log?action=totp_reset');
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].actor.displayName).toBe('admin 太郎');
    expect(await server.stop()).toBe(0);
  });
});

pgliteOnly('seed-demo and migrate', { timeout: 180_000 }, () => {
  it('loads the demo into an empty database only', async () => {
    const env = { KUMIAI_DATA_DIR: await dataDir() };
    expect((await runCli(['seed-demo', '--seed', 'x'], env)).code).toBe(1);

    const migrated = await runCli(['migrate'], env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('The database schema is up to date');

    const seeded = await runCli(['seed-demo', '--seed', '7'], env);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/Loaded the demo union \(seed 7\): \d+ workplaces, [1-9]\d* members/);
    expect(seeded.stdout).toContain('The demo has no admin. Create one with');
    // The printed demo sign-in works.
    const [, password, email] = /all with the password (\S+): (\S+)/.exec(seeded.stdout) ?? [];
    const server = await startServe(env);
    expect(server.stdout()).toContain('No enabled admin. Create one with');
    expect(server.stdout()).not.toContain('No data yet');
    expect((await login(server, email!, password)).status).toBe(200);
    expect(await server.stop()).toBe(0);

    const again = await runCli(['seed-demo'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has \d+ member/);
  });

  it('loads the demo at start with KUMIAI_DEMO=1 when the database is empty', async () => {
    const env = {
      KUMIAI_DATA_DIR: await dataDir(),
      KUMIAI_DEMO: '1',
      KUMIAI_ADMIN_EMAIL: 'demo-admin@example.org',
      KUMIAI_ADMIN_PASSWORD: PASSWORD,
    };
    const server = await startServe(env);
    expect(server.stdout()).toMatch(
      /KUMIAI_DEMO: Loaded the demo union \(seed 1\): \d+ workplaces, [1-9]\d* members/,
    );
    expect(server.stdout()).toContain('KUMIAI_DEMO: Demo sign-ins, all with the password');
    // The admin from KUMIAI_ADMIN_* came first, so no admin hint.
    expect(server.stdout()).not.toContain('admin. Create one');
    const { cookie } = await login(server, 'demo-admin@example.org');
    const members = await api(server, cookie, 'GET', '/api/members?limit=1');
    expect(members.status).toBe(200);
    const total = members.body.total as number;
    expect(total).toBeGreaterThan(0);
    expect(await server.stop()).toBe(0);

    // A restart does not load it twice.
    const restarted = await startServe(env);
    expect(restarted.stdout()).not.toContain('Loaded the demo union');
    const session = await login(restarted, 'demo-admin@example.org');
    expect((await api(restarted, session.cookie, 'GET', '/api/members?limit=1')).body.total).toBe(total);
    expect(await restarted.stop()).toBe(0);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('serve on PostgreSQL', { timeout: 120_000 }, () => {
  const base = process.env.TEST_DATABASE_URL ?? '';
  const name = `kumiai_cli_${process.pid}_${Date.now()}`;
  let created = false;

  afterAll(async () => {
    if (!created) return;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
    } finally {
      await admin.end();
    }
  });

  it('serves from a fresh PostgreSQL database', async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
      created = true;
    } finally {
      await admin.end();
    }
    const url = new URL(base);
    url.pathname = `/${name}`;
    const server = await startServe({
      DATABASE_URL: url.toString(),
      // Only for secret.key: the records are on PostgreSQL.
      KUMIAI_DATA_DIR: await emptyDir(),
      KUMIAI_ADMIN_EMAIL: 'pg-admin@example.org',
      KUMIAI_ADMIN_PASSWORD: PASSWORD,
    });
    expect(server.stdout()).toContain('(database: postgres)');
    expect(await health(server)).toEqual({
      status: 200,
      body: { status: 'ok', database: 'postgres', databaseState: 'up' },
    });
    const { status, cookie } = await login(server, 'pg-admin@example.org');
    expect(status).toBe(200);
    expect((await api(server, cookie, 'POST', '/api/members', { name: '佐藤 花子' })).status).toBe(201);
    expect(await server.stop()).toBe(0);

    const list = await runCli(['users', 'list'], { DATABASE_URL: url.toString() });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('pg-admin@example.org');
  });
});
