// The benchmark's scratch database (PGlite in a temporary directory, or a new
// database on the PostgreSQL server of DATABASE_URL) and the child processes
// that serve it: `kumiai serve` and the bare-query server.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, type DatabaseKind, openDatabase } from '../src/db/client';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type Scratch = {
  kind: DatabaseKind;
  /** What a child process needs to open the same database. */
  env: Record<string, string>;
  open: (poolSize?: number) => Promise<Database>;
  drop: () => Promise<void>;
};

async function onServer(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new empty database: never the one DATABASE_URL names, so a bench cannot touch real data. */
export async function createScratch(databaseUrl: string | undefined): Promise<Scratch> {
  if (!databaseUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'kumiai-bench-'));
    return {
      kind: 'pglite',
      env: { KUMIAI_DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'pglite', dataDir }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `kumiai_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await onServer(databaseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    open: (poolSize = 4) => openDatabase({ kind: 'postgres', url: url.toString(), poolSize }),
    drop: () => onServer(databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export type Child = { url: string; pid: number | undefined; stop: () => Promise<void> };

/** The parent's environment without Kumiai settings, so only `extra` configures the child. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(KUMIAI_|DATABASE_|PORT$|HOST$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'production', ...extra };
}

/**
 * Runs `node --import tsx <script> ...args` and waits for `ready` in its output
 * (which must capture the port). SIGTERM on stop: the server drains and closes.
 */
export async function startChild(
  script: string,
  args: string[],
  extra: Record<string, string>,
  ready: RegExp,
): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    env: childEnv(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start in 120 s:\n${output}`)),
      120_000,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
    },
  };
}

export function startKumiai(scratch: Scratch, poolSize: number): Promise<Child> {
  return startChild(
    'src/cli/main.ts',
    ['serve'],
    {
      ...scratch.env,
      DATABASE_POOL_SIZE: String(poolSize),
      KUMIAI_LOG_LEVEL: 'info',
      KUMIAI_BACKUP_KEEP_DAYS: '0',
    },
    /Kumiai listening on http:\/\/[^:]+:(\d+)/,
  );
}

// ---------------------------------------------------------------- statistics

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** p50/p95/max of a list of milliseconds. */
export function summarize(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50Ms: round1(percentile(sorted, 50)),
    p95Ms: round1(percentile(sorted, 95)),
    maxMs: round1(sorted.at(-1) ?? Number.NaN),
  };
}

/** Times `run` `runs` times after one warm-up (plans, caches); `prepare` runs untimed before each. */
export async function timeRuns(runs: number, run: () => Promise<unknown>, prepare?: () => Promise<unknown>) {
  await prepare?.();
  await run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare?.();
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return summarize(ms);
}
