import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { ZodError } from 'zod';
import type { Config } from '../config/env';
import { loadSecret } from '../config/secret';
import { AppError } from '../core/errors';
import { type Database, type Db, openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { countMembers } from '../db/queries/members';
import { countEnabledAdmins, countUsers } from '../db/queries/users';
import { createMailer, type Mailer } from '../services/mail/mailer';
import { ensureFirstAdmin } from '../services/users/ensure-first-admin';
import { scheduleBackups } from './backup-scheduler';
import { scheduleDigests } from './digest-scheduler';
import { createLog, type FlushableLog, type Log } from './logger';
import { startMatchingWorker } from './matching-worker';
import { scheduleDailySweep, sweepAndLog } from './workflow-scheduler';

export { createLog, type Log, type LogLevel } from './logger';

/** A problem in the setup (configuration, port, database), not a bug: shown without a stack trace. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The database could not be reached or refused us. */
export class DatabaseUnavailableError extends StartupError {
  constructor(target: string, reason: string) {
    super(
      `Cannot use the database ${target}: ${reason}\n` +
        'Check DATABASE_URL (host, port, database name, user and password) and that PostgreSQL is running.',
    );
    this.name = 'DatabaseUnavailableError';
  }
}

// Connection-level failures: the network, authentication, a missing database.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '28P01', // invalid_password
  '28000', // invalid_authorization_specification
  '3D000', // invalid_catalog_name: the database does not exist
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
]);

function unavailableReason(err: unknown): string | undefined {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] } | undefined;
  if (typeof e?.code === 'string' && UNAVAILABLE_CODES.has(e.code)) {
    // Node reports a refused "localhost" (IPv4 and IPv6) as an AggregateError with no message.
    const first = e.errors?.[0] as { message?: unknown } | undefined;
    const message = typeof e.message === 'string' && e.message ? e.message : first?.message;
    return typeof message === 'string' && message ? message : e.code;
  }
  return undefined;
}

/** A connection string fit for logs: the password (and any query secrets) removed. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** Where the data lives, for logs and error messages; never includes a password. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  return config.databaseUrl
    ? `PostgreSQL ${redactDatabaseUrl(config.databaseUrl)}`
    : `PGlite in ${resolve(config.dataDir)}`;
}

/**
 * Opens the configured database and brings its schema up to date. On PGlite
 * this takes the data-directory lock (DataDirLockedError when another Kumiai
 * process holds it); the lock is released by `close()`.
 */
export async function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'poolSize'>,
): Promise<Database> {
  const database = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.poolSize }
      : { kind: 'pglite', dataDir: config.dataDir },
  );
  try {
    await migrate(database);
    return database;
  } catch (err) {
    await database.close().catch(() => {});
    const reason = unavailableReason(err);
    if (reason) throw new DatabaseUnavailableError(describeDatabase(config), reason);
    throw err;
  }
}

export type RunningServer = {
  port: number;
  url: string;
  database: Database;
  /** Stops accepting connections, lets open requests finish, then closes the database. */
  close: () => Promise<void>;
};

export type StartOptions = {
  log?: Log;
  /** How long open requests may run after close() before their connections are cut. */
  shutdownTimeoutMs?: number;
};

const EMPTY_HINT = 'No data yet. Load the demo union with: npm run kumiai -- seed-demo';
const NO_ADMIN_HINT =
  'No enabled admin. Create one with: npm run kumiai -- users create --email <email> --name <name> --role admin';
/** The built web app (npm run build / npm start write it). */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

const ADMIN_HINT =
  'No user yet. Create the first admin by starting with KUMIAI_ADMIN_EMAIL and KUMIAI_ADMIN_PASSWORD set, ' +
  'or with: npm run kumiai -- users create --email <email> --name <name> --role admin';

/** Prepares the database (migrations, first admin, demo data) and serves the app. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLog(config.logLevel);
  const database = await openConfiguredDatabase(config);
  let server: Server | undefined;
  let scheduler: ReturnType<typeof scheduleDailySweep> | undefined;
  let matching: ReturnType<typeof startMatchingWorker> | undefined;
  let digests: ReturnType<typeof scheduleDigests> | undefined;
  let backups: ReturnType<typeof scheduleBackups> | undefined;
  const mailer: Mailer | undefined = config.mail ? createMailer(config.mail) : undefined;
  try {
    await prepareData(database.db, config, log);
    // SPEC §4: the date rules run at start (the schema is migrated by now), then
    // daily just after midnight in the organization's time zone. A failing sweep
    // is logged and does not stop the server.
    await sweepAndLog(database.db, log, new Date());
    scheduler = scheduleDailySweep(database.db, log);
    // Concern matching: what changed is matched in the background (the first run, right away,
    // indexes an upgraded database's existing texts).
    matching = startMatchingWorker(database.db, log);
    void matching.runOnce();
    // E-mail digests (issue 18): only with SMTP_URL; links point at KUMIAI_PUBLIC_URL.
    if (mailer) {
      const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
      if (!config.publicUrl)
        log('warn', 'KUMIAI_PUBLIC_URL is unset: links in e-mail digests use ' + baseUrl);
      digests = scheduleDigests(database.db, mailer, baseUrl, log);
    } else {
      log('info', 'E-mail digests are off: SMTP_URL and MAIL_FROM are not set.');
    }
    // Scheduled verified backups (issue 20): on by default on PGlite; on PostgreSQL with KUMIAI_BACKUP_DIR.
    if (config.backup) backups = scheduleBackups(database, config.backup, log);
    else if (database.kind === 'postgres')
      log('info', 'Scheduled backups are off on PostgreSQL (use pg_dump, or set KUMIAI_BACKUP_DIR).');
    // Loaded here, not at the top: CLI commands share this module and need no HTTP stack.
    const { createApp } = await import('./app');
    const webRoot = WEB_ROOT && existsSync(join(WEB_ROOT, 'index.html')) ? WEB_ROOT : undefined;
    if (!webRoot)
      log('warn', 'The web app is not built (dist/web): run `npm run build`. Serving the API only.');
    const setupCode = await firstRunSetupCode(database.db, log);
    const secret = await loadSecret(config);
    const app = createApp({
      database,
      config,
      log,
      webRoot,
      setupCode,
      secret,
      publicUrl: config.publicUrl,
      publicRateLimit: config.publicRateLimit,
      mailer,
    });
    server = await listen(app.fetch, config);
  } catch (err) {
    server?.close();
    await scheduler?.stop();
    await matching?.stop();
    await digests?.stop();
    await backups?.stop();
    mailer?.close();
    await database.close().catch(() => {});
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  log('info', `Kumiai listening on ${url} (database: ${database.kind})`);
  const closeServer = stopAccepting(server, options.shutdownTimeoutMs ?? 10_000);
  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    database,
    close: () => {
      closing ??= Promise.all([
        closeServer(),
        scheduler?.stop(),
        matching?.stop(),
        digests?.stop(),
        backups?.stop(),
      ])
        .then(() => mailer?.close())
        .finally(() => database.close())
        // The last records (the open requests') are written before the process goes on to exit.
        .finally(() => (log as Partial<FlushableLog>).flush?.());
      return closing;
    },
  };
}

async function prepareData(db: Db, config: Config, log: Log): Promise<void> {
  if (config.admin) {
    const created = await ensureFirstAdmin(db, config.admin).catch((err: unknown) => {
      throw err instanceof ZodError ? adminConfigError(err) : err;
    });
    if (created) log('info', `Created the first admin ${created.email} from KUMIAI_ADMIN_EMAIL`);
  }
  const members = await countMembers(db);
  if (members === 0 && config.demo) {
    const demo = await loadDemoUnion(db, { now: new Date() });
    for (const line of demo.lines) log(demo.loaded ? 'info' : 'warn', `KUMIAI_DEMO: ${line}`);
  } else if (members === 0) {
    log('info', EMPTY_HINT);
  }
  if ((await countUsers(db)) === 0) log('info', ADMIN_HINT);
  else if (!(await hasEnabledAdmin(db))) log('info', NO_ADMIN_HINT);
}

const ADMIN_VARIABLES: Record<string, string> = {
  email: 'KUMIAI_ADMIN_EMAIL',
  password: 'KUMIAI_ADMIN_PASSWORD',
  displayName: 'KUMIAI_ADMIN_NAME',
};

function adminConfigError(err: ZodError): StartupError {
  const lines = err.issues.map(
    (i) => `  ${ADMIN_VARIABLES[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`,
  );
  return new StartupError(`Invalid configuration:\n${lines.join('\n')}`);
}

/**
 * While no user exists, whoever reaches the server first could make themselves its admin
 * (the default HOST listens on every address). The first-run screen therefore asks for a
 * one-time code that only someone who can read this server's output has. Each start prints
 * a new one; with several servers on one database, each has its own.
 */
async function firstRunSetupCode(db: Db, log: Log): Promise<string | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const { newSetupCode } = await import('../services/users/setup-code');
  const code = newSetupCode();
  // warn, not info: shown at every log level but error and silent, since first run needs it.
  log(
    'warn',
    `First-run setup code: ${code} — enter it on the first-run screen (初回セットアップ画面で「セットアップコード」に入力してください)`,
  );
  return code;
}

export async function hasEnabledAdmin(db: Db): Promise<boolean> {
  return (await countEnabledAdmins(db)) > 0;
}

/**
 * Loads the demo union into a database with no members (the seed itself also
 * refuses one with workplaces). Returns what to tell the operator, demo sign-ins
 * included: the demo password is a published constant, not a secret.
 */
export async function loadDemoUnion(
  db: Db,
  options: { seed?: number; now: Date },
): Promise<{ loaded: boolean; lines: string[] }> {
  const members = await countMembers(db);
  if (members > 0) {
    return {
      loaded: false,
      lines: [
        `The database already has ${members} member(s); the demo union is only loaded into an empty one.`,
        'Point KUMIAI_DATA_DIR (or DATABASE_URL) at a new, empty database to try the demo.',
      ],
    };
  }
  const { DEMO_PASSWORD, DEMO_USERS } = await import('../services/demo/seed-demo');
  const { loadDemo } = await import('../services/demo/load-demo');
  let result: Awaited<ReturnType<typeof loadDemo>>;
  try {
    result = await loadDemo(db, options);
  } catch (err) {
    // The seed's own emptiness check covers workplaces too.
    if (err instanceof AppError && err.code === 'conflict') return { loaded: false, lines: [err.message] };
    throw err;
  }
  const seed = options.seed ?? 1;
  const accounts = DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ');
  return {
    loaded: true,
    lines: [
      `Loaded the demo union (seed ${seed}): ${result.workplaces} workplaces, ${result.members} members, ` +
        `${result.demands} demands, ${result.users} users.`,
      `Demo sign-ins, all with the password ${DEMO_PASSWORD}: ${accounts}`,
    ],
  };
}

function listen(fetch: (request: Request) => Response | Promise<Response>, config: Config): Promise<Server> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }) as Server;
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        reject(
          new StartupError(
            `Port ${config.port} on ${config.host} is already in use. Set PORT to a free port.`,
          ),
        );
      } else if (err.code === 'EACCES') {
        reject(new StartupError(`Not allowed to listen on port ${config.port}. Use a port above 1023.`));
      } else {
        reject(err);
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolvePromise(server);
    };
    server.once('error', onError);
    server.once('listening', onListening);
  });
}

function stopAccepting(server: Server, timeoutMs: number): () => Promise<void> {
  return () =>
    new Promise((resolvePromise) => {
      // Requests in flight get `timeoutMs` to finish; after that their connections are cut
      // so a slow client or a hung keep-alive cannot hold the database (and its lock) open.
      const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolvePromise();
      });
      server.closeIdleConnections();
    });
}
