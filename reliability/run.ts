// npm run reliability -- [--short] [--only fuzz,races,kill,soak] [--skip …] [--seed N]
//                        [--fuzz-requests N] [--race-rounds N] [--kill-runs N] [--soak-seconds N] [--soak-clients N]
//                        [--burst-seconds N]
//
// The reliability suite (docs/reliability.md): on a scratch database (PGlite in a temporary
// directory, or a new database on the PostgreSQL server of DATABASE_URL, dropped afterwards),
// each part checks an invariant and prints its counts; one JSON document on stdout (progress
// on stderr). Exit code 1 when any invariant fails.
import { parseArgs } from 'node:util';
import { createScratch } from '../bench/engine';
import { migrate } from '../src/db/migrate';
import { pgbouncerPath } from '../test/servers';
import { startInProcess } from './app';
import { runFuzz } from './fuzz';
import { runKill } from './kill';
import { runRaces } from './races';
import { ensureAdmin } from './server';
import { runSoak } from './soak';

const PARTS = ['races', 'fuzz', 'kill', 'dbRestart', 'soak', 'twoProcess', 'pooler'] as const;
type Part = (typeof PARTS)[number];

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    only: { type: 'string', default: '' },
    skip: { type: 'string', default: '' },
    seed: { type: 'string', default: '20' },
    'fuzz-requests': { type: 'string' },
    'race-rounds': { type: 'string' },
    'kill-runs': { type: 'string' },
    'soak-seconds': { type: 'string' },
    'soak-clients': { type: 'string', default: '50' },
    'burst-seconds': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    [
      'npm run reliability -- [--short] [--only a,b] [--skip a,b] [--seed N] [--fuzz-requests N] [--race-rounds N]',
      '                       [--kill-runs N] [--soak-seconds N] [--soak-clients N] [--burst-seconds N]',
      '',
      `Parts: ${PARTS.join(', ')} (dbRestart, soak, twoProcess and pooler on PostgreSQL only). --short: the CI`,
      'sizes (fuzz 1,500 requests, 2 races per resource, 2 kill runs, 30 s soak, 10 s write bursts through two',
      'processes and through PgBouncer); the default is the long run (fuzz 100,000, 20 races per resource, 20 kill',
      'runs, 10 min soak, 60 s bursts). With DATABASE_URL: a scratch database on that PostgreSQL server; else PGlite.',
      'See docs/reliability.md.',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const short = args.short;
const int = (value: string | undefined, fallback: number, name: string) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
const sizes = {
  fuzzRequests: int(args['fuzz-requests'], short ? 1500 : 100_000, 'fuzz-requests'),
  raceRounds: int(args['race-rounds'], short ? 2 : 20, 'race-rounds'),
  killRuns: int(args['kill-runs'], short ? 2 : 20, 'kill-runs'),
  soakSeconds: int(args['soak-seconds'], short ? 30 : 600, 'soak-seconds'),
  soakClients: int(args['soak-clients'], 50, 'soak-clients'),
  burstSeconds: int(args['burst-seconds'], short ? 10 : 60, 'burst-seconds'),
  seed: int(args.seed, 20, 'seed'),
};
const list = (text: string) => text.split(',').filter(Boolean);
for (const name of [...list(args.only), ...list(args.skip)])
  if (!PARTS.includes(name as Part)) throw new Error(`unknown part ${name} (parts: ${PARTS.join(', ')})`);
const selected = (part: Part) =>
  (!args.only || list(args.only).includes(part)) && !list(args.skip).includes(part);

const log = (message: string) =>
  process.stderr.write(`[reliability ${new Date().toISOString()}] ${message}\n`);

const started = Date.now();
const scratch = await createScratch(process.env.DATABASE_URL || undefined);
const out: Record<string, unknown> = {
  suite: 'kumiai-reliability',
  engine: scratch.kind,
  short,
  sizes,
  startedAt: new Date(started).toISOString(),
};
const failures: string[] = [];
const fail = (condition: boolean, message: string) => {
  if (condition) failures.push(message);
};
/** One part: a part that throws is a failure of its own, and the next parts still run. */
async function part(name: Part, run: () => Promise<void>) {
  if (!selected(name)) return;
  log(`${name}: start`);
  try {
    await run();
  } catch (err) {
    out[name] = { error: String((err as Error)?.message ?? err) };
    failures.push(`${name}: stopped: ${(err as Error)?.stack ?? String(err)}`);
  }
}

/** The parts on databases of their own (twoProcess, pooler), one after the other. */
async function runSideParts() {
  await part('twoProcess', async () => {
    if (scratch.kind !== 'postgres') {
      out.twoProcess = { skipped: 'PostgreSQL only: PGlite is one process’s database' };
      return;
    }
    const { runTwoProcess } = await import('./two-process');
    const two = await runTwoProcess(process.env.DATABASE_URL!, { seconds: sizes.burstSeconds, log });
    out.twoProcess = two;
    fail(
      !two.sessionsShared,
      'twoProcess: a session made on A was not good on B (or outlived a sign-out on B)',
    );
    fail(
      !two.throttleShared,
      `twoProcess: sign-in throttling not shared (${two.throttleStatuses.join(', ')})`,
    );
    fail(!two.figuresFresh, 'twoProcess: B’s dashboard figures did not follow a write through A');
    fail(
      !two.jobsOnce,
      `twoProcess: the sweep did not run once (created ${two.sweepCreated.join(', ')}, job runs ${two.jobRuns})`,
    );
    fail(two.acknowledged === 0, 'twoProcess: no write was acknowledged');
    fail(two.lost > 0, `twoProcess: ${two.lost} of ${two.acknowledged} acknowledged writes lost`);
    fail(two.status5xx > 0, `twoProcess: ${two.status5xx} answers were 5xx`);
    fail(two.errorsLogged > 0, `twoProcess: the servers logged ${two.errorsLogged} failed requests`);
  });
  await part('pooler', async () => {
    if (scratch.kind !== 'postgres') {
      out.pooler = { skipped: 'PostgreSQL only: PgBouncer pools PostgreSQL connections' };
      return;
    }
    if (!pgbouncerPath()) {
      out.pooler = { skipped: 'pgbouncer is not installed (apt-get install pgbouncer)' };
      return;
    }
    const { runPooler } = await import('./pooler');
    const pooler = await runPooler(process.env.DATABASE_URL!, { seconds: sizes.burstSeconds, log });
    out.pooler = pooler;
    fail(pooler.migrations <= 0, 'pooler: the migrations were not applied once each through PgBouncer');
    fail(pooler.acknowledged === 0, 'pooler: no write was acknowledged');
    fail(pooler.lost > 0, `pooler: ${pooler.lost} of ${pooler.acknowledged} acknowledged writes lost`);
    fail(pooler.status5xx > 0, `pooler: ${pooler.status5xx} of ${pooler.requests} answers were 5xx`);
    fail(pooler.poolerErrors > 0, `pooler: PgBouncer logged ${pooler.poolerErrors} protocol errors`);
  });
}

// The parts on databases of their own need nothing of the others: in the short run (CI) on
// PostgreSQL they run beside the rest, which keeps the short run within its 5 minutes.
let sideParts: Promise<void> = Promise.resolve();
try {
  if (short && scratch.kind === 'postgres') sideParts = runSideParts();
  if (selected('races') || selected('fuzz')) {
    const database = await scratch.open();
    try {
      await migrate(database);
      if (selected('races')) {
        log('races: start');
        const app = await startInProcess(database, 'races');
        const races = await runRaces(app, { rounds: sizes.raceRounds, log });
        out.races = races;
        fail(
          races.lostUpdates > 0,
          `races: ${races.lostUpdates} of ${races.pairs} pairs without exactly one winner`,
        );
        fail(races.pairs === 0, 'races: no pair raced');
      }
      if (selected('fuzz')) {
        log('fuzz: start');
        const app = await startInProcess(database, 'fuzz');
        const fuzz = await runFuzz(app, { requests: sizes.fuzzRequests, seed: sizes.seed, log });
        out.fuzz = fuzz;
        fail(fuzz.serverErrors > 0, `fuzz: ${fuzz.serverErrors} answers were 5xx`);
        fail(fuzz.refusedButWritten > 0, `fuzz: ${fuzz.refusedButWritten} refused requests wrote rows`);
      }
    } finally {
      // PGlite: the server processes of the next parts take the data directory's lock.
      await database.close();
    }
  }
  if (selected('kill') || selected('soak') || selected('dbRestart')) await ensureAdmin(scratch);
  const kill = () =>
    part('kill', async () => {
      const kill = await runKill(scratch, { runs: sizes.killRuns, log });
      out.kill = kill;
      fail(kill.lost > 0, `kill: ${kill.lost} of ${kill.acknowledged} acknowledged writes lost`);
      fail(kill.runs > 0 && kill.acknowledged === 0, 'kill: no write was acknowledged before the kill');
    });
  const dbRestart = () =>
    part('dbRestart', async () => {
      if (scratch.kind !== 'postgres') {
        out.dbRestart = { skipped: 'PostgreSQL only: run with DATABASE_URL' };
        return;
      }
      const { runDbRestart } = await import('./db-restart');
      const restart = await runDbRestart(scratch, { awayMs: 5000, log });
      out.dbRestart = restart;
      fail(
        restart.lost > 0,
        `dbRestart: ${restart.lost} of ${restart.acknowledged} acknowledged writes lost`,
      );
      fail(restart.status5xx > 0, `dbRestart: ${restart.status5xx} answers were a 5xx other than 503`);
      fail(!restart.healthDownSeen, 'dbRestart: /api/health never answered 503 while the database was away');
      fail(restart.acknowledged === 0, 'dbRestart: no write was acknowledged');
    });
  // Each on a server process of its own: beside each other in the short run on PostgreSQL.
  if (short && scratch.kind === 'postgres') await Promise.all([kill(), dbRestart()]);
  else {
    await kill();
    await dbRestart();
  }
  await part('soak', async () => {
    if (scratch.kind !== 'postgres') {
      out.soak = { skipped: 'PostgreSQL only: run with DATABASE_URL' };
    } else {
      log(`soak: ${sizes.soakSeconds} s at ${sizes.soakClients} clients`);
      const soak = await runSoak(scratch, { seconds: sizes.soakSeconds, clients: sizes.soakClients, log });
      out.soak = soak;
      fail(soak.errors > 0, `soak: ${soak.errors} of ${soak.requests} requests failed`);
      // Memory is judged on a run long enough to tell growth from a warm-up (the long run's 10 minutes).
      if (sizes.soakSeconds >= 300)
        fail(
          !(soak.rssGrowthPct < 10),
          `soak: the server's RSS grew ${soak.rssGrowthPct} % after the warm-up`,
        );
    }
  });
  if (!(short && scratch.kind === 'postgres')) sideParts = runSideParts();
  await sideParts;
} catch (err) {
  failures.push(`the suite stopped: ${(err as Error)?.stack ?? String(err)}`);
} finally {
  await sideParts.catch(() => {});
  await scratch.drop().catch(() => {});
}

out.seconds = Math.round((Date.now() - started) / 1000);
out.failures = failures;
out.ok = failures.length === 0;
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
process.exit(failures.length ? 1 : 0);
