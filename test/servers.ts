import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// Real processes around the server, for the tests of issue 20 (several servers, a pooler, a
// restarting database) and the reliability suite (reliability/): a TCP proxy that can cut the
// database away, a throwaway PostgreSQL cluster, PgBouncer in transaction pooling mode, and
// `kumiai serve` as a child process. Each returns a handle whose stop() the caller awaits.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Ports a test must never listen on (other services of the machine). */
const FORBIDDEN_PORTS = new Set([3306, 4222, 5672, 6379, 1883, 5432]);

/** A free loopback port (asked from the OS), never one of the forbidden ones. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    if (!FORBIDDEN_PORTS.has(port)) return port;
  }
}

// ------------------------------------------------------------------------------ TCP proxy

export type TcpProxy = {
  port: number;
  /** Closes every open connection and refuses new ones: the database is "away". */
  cut: () => Promise<void>;
  /** Accepts connections again. */
  restore: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * A loopback TCP proxy to `target`: what a client sees of a database restart (its connections
 * closed, new ones refused) without touching the database other tests share.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const port = await freePort();
  const open = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = tcpConnect(target.port, target.host);
        open.add(client);
        open.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          open.delete(client);
          open.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve();
      });
    });
  const close = async () => {
    const s = server;
    server = undefined;
    for (const socket of open) socket.destroy();
    open.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { port, cut: close, restore: async () => (server ? undefined : listen()), stop: close };
}

// ------------------------------------------------------------------------------ PostgreSQL

/** Debian's PostgreSQL server binaries (initdb, pg_ctl, postgres), the newest version; undefined: none. */
export function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

/** PostgreSQL and PgBouncer refuse to run as root: as root, commands run as the `postgres` user. */
function asServiceUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A temporary directory the service user owns. */
function serviceDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

function run(command: string, args: string[]) {
  const [cmd, argv] = asServiceUser(command, args);
  return new Promise<void>((resolve, reject) =>
    execFile(cmd, argv, (err, _stdout, stderr) =>
      err ? reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || err.message}`)) : resolve(),
    ),
  );
}

export type ThrowawayPostgres = {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication). */
  url: string;
  /** `pg_ctl stop` (fast: connections closed with 57P01, as in a restart). */
  stopServer: (mode?: 'fast' | 'immediate') => Promise<void>;
  startServer: () => Promise<void>;
  /** Stop, then start: a real restart of the cluster. */
  restart: (mode?: 'fast' | 'immediate') => Promise<void>;
  /** Stops the cluster and deletes its directory. */
  stop: () => Promise<void>;
};

/**
 * A private PostgreSQL cluster (initdb in a temporary directory, trust authentication, a free
 * port, loopback only) that a test may stop and restart without disturbing the shared one.
 * Throws when Debian's server binaries are missing (see postgresBinDir()).
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      'No PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)',
    );
  const dir = serviceDir('kumiai-pg-');
  const data = join(dir, 'data');
  const port = await freePort();
  await run(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-locale',
  ]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=100`;
  const startServer = () =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stopServer = (mode: 'fast' | 'immediate' = 'fast') =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
  await startServer();
  let stopped = false;
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stopServer,
    startServer,
    restart: async (mode) => {
      await stopServer(mode);
      await startServer();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopServer('immediate').catch(() => {}); // already stopped
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new empty database on the cluster at `serverUrl`; drop() removes it (connections and all). */
export async function createScratchDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `kumiai_scratch_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

// ------------------------------------------------------------------------------ PgBouncer

/** Where Debian's pgbouncer is, undefined when it is not installed. */
export function pgbouncerPath(): string | undefined {
  return ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((p) => existsSync(p));
}

export type Pgbouncer = {
  port: number;
  /** The same database as `databaseUrl`, through the pooler. */
  url: string;
  /** PgBouncer's own log (errors such as a client using a prepared statement by name). */
  log: () => string;
  stop: () => Promise<void>;
};

/**
 * PgBouncer in transaction pooling mode in front of the server of `databaseUrl` (trust
 * authentication for its user; a temporary directory; a free port): a server connection is
 * lent for one transaction, so nothing of a session (SET, advisory locks, prepared statements
 * by name, LISTEN) survives between transactions.
 */
export async function startPgbouncer(
  databaseUrl: string,
  options: { poolSize?: number } = {},
): Promise<Pgbouncer> {
  const binary = pgbouncerPath();
  if (!binary) throw new Error('pgbouncer is not installed (apt-get install pgbouncer)');
  const target = new URL(databaseUrl);
  const user = decodeURIComponent(target.username || 'postgres');
  const dir = serviceDir('kumiai-pgbouncer-');
  const port = await freePort();
  const ini = [
    '[databases]',
    `* = host=${target.hostname} port=${target.port || 5432}${target.password ? ` password=${decodeURIComponent(target.password)}` : ''}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    'unix_socket_dir =',
    'auth_type = trust',
    `auth_file = ${join(dir, 'userlist.txt')}`,
    'pool_mode = transaction',
    `default_pool_size = ${options.poolSize ?? 10}`,
    'max_client_conn = 500',
    'server_reset_query =',
    'ignore_startup_parameters = extra_float_digits',
    `logfile = ${join(dir, 'pgbouncer.log')}`,
    `pidfile = ${join(dir, 'pgbouncer.pid')}`,
    '',
  ].join('\n');
  writeFileSync(join(dir, 'pgbouncer.ini'), ini, { mode: 0o644 });
  writeFileSync(join(dir, 'userlist.txt'), `"${user}" ""\n`, { mode: 0o644 });
  const [cmd, argv] = asServiceUser(binary, [join(dir, 'pgbouncer.ini')]);
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const readLog = () => {
    try {
      return readFileSync(join(dir, 'pgbouncer.log'), 'utf8') + output;
    } catch {
      return output;
    }
  };
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  // Ready when it answers a query.
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited at start:\n${readLog()}`);
    const client = new pg.Client({ connectionString: url.toString() });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() > deadline)
        throw new Error(`pgbouncer did not answer: ${(err as Error).message}\n${readLog()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  let stopped = false;
  return {
    port,
    url: url.toString(),
    log: readLog,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // As root the child is runuser, which does not pass the signal on: PgBouncer itself is
      // signalled by the pid in its pidfile (a leftover PgBouncer would outlive the run).
      const pid = Number.parseInt(
        (() => {
          try {
            return readFileSync(join(dir, 'pgbouncer.pid'), 'utf8');
          } catch {
            return '';
          }
        })(),
        10,
      );
      const signal = (name: NodeJS.Signals) => {
        try {
          if (pid > 0) process.kill(pid, name);
        } catch {}
      };
      const alive = () => {
        try {
          return pid > 0 && process.kill(pid, 0);
        } catch {
          return false;
        }
      };
      signal('SIGINT'); // immediate shutdown
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const timer = setTimeout(() => {
          signal('SIGKILL');
          child.kill('SIGKILL');
        }, 5_000);
        await exited;
        clearTimeout(timer);
      }
      for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
      signal('SIGKILL');
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ------------------------------------------------------------------------------ kumiai serve

export type ServerProcess = {
  url: string;
  pid: number | undefined;
  /** Everything the process wrote so far (JSON log lines). */
  output: () => string;
  /** Sends a signal without waiting (kill -9 tests: 'SIGKILL'). */
  kill: (signal: NodeJS.Signals) => void;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM (the server drains and closes), SIGKILL after 20 s. */
  stop: () => Promise<void>;
};

/** The parent's environment without Kumiai or database settings: only `env` configures the child. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(KUMIAI_|DATABASE_|TEST_DATABASE_|SMTP_|MAIL_FROM$|PORT$|HOST$|NODE_ENV$|VITEST)/.test(key))
      continue;
    base[key] = value;
  }
  // No scheduled backups (a test that wants them sets KUMIAI_BACKUP_KEEP_DAYS).
  return {
    ...base,
    HOST: '127.0.0.1',
    PORT: '0',
    KUMIAI_LOG_LEVEL: 'info',
    KUMIAI_BACKUP_KEEP_DAYS: '0',
    ...env,
  };
}

/**
 * `kumiai serve` (node --import tsx src/cli/main.ts serve) as a child process with `env` (e.g.
 * DATABASE_URL, KUMIAI_ADMIN_EMAIL, KUMIAI_ADMIN_PASSWORD, KUMIAI_DATA_DIR), on a free loopback
 * port; resolves once it is listening.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { startTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  // Never the repository's ./data: a temporary directory unless the caller names one.
  const dataDir = env.KUMIAI_DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'kumiai-serve-'));
  if (dataDir) env = { ...env, KUMIAI_DATA_DIR: dataDir };
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve'],
    {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => {
    process.off('exit', killOnExit);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kumiai serve did not start in ${startTimeoutMs / 1000} s:\n${output}`)),
      startTimeoutMs,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /Kumiai listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`kumiai serve exited before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    output: () => output,
    kill: (signal) => void child.kill(signal),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** A small HTTP client with a cookie jar of one session, for child servers. */
export function httpClient(baseUrl: string, cookie?: string) {
  let session = cookie;
  const request = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(session ? { cookie: session } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: T | undefined;
    try {
      json = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json as T, headers: res.headers, text };
  };
  return {
    request,
    /** Signs in and keeps the session cookie for the next requests. */
    signIn: async (email: string, password: string) => {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
      session = res.headers.get('set-cookie')?.split(';')[0];
      return session!;
    },
    cookie: () => session,
  };
}
