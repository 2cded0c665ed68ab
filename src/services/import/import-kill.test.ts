import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/db';
import type { MemberImportRow } from '../../core/import/types';
import { type Database, openDatabase } from '../../db/client';
import { migrate } from '../../db/migrate';
import { rowsOf } from '../../db/queries/records';
import { applyMemberImport } from './apply-member-import';
import { contextAs } from './import.test-helper';

// A killed import (SIGKILL in the middle of writing) must leave nothing — the
// transaction never commits — and running it again completes it without duplicates.
// The child process imports the same rows as the parent would, and stops for good
// right after its INSERT into members (inside the transaction), where it is killed.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ROWS = 3_000;
const NOW = new Date('2026-06-10T03:00:00Z');
const dirs: string[] = [];
const children = new Set<ChildProcessWithoutNullStreams>();

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The rows both the killed child and the re-run import (deterministic). */
const ROWS_SOURCE = `
export function rosterRows(n) {
  return Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    employeeNumber: 'K' + String(i).padStart(6, '0'),
    name: '組合員 ' + i,
    engagement: i % 7 === 0 ? 'at_risk' : 'regular',
  }));
}`;

function childScript(): string {
  const src = (path: string) => pathToFileURL(join(ROOT, path)).href;
  return `
import { openDatabase } from ${JSON.stringify(src('src/db/client.ts'))};
import { actingAs } from ${JSON.stringify(src('src/db/acting.ts'))};
import { applyMemberImport } from ${JSON.stringify(src('src/services/import/apply-member-import.ts'))};
${ROWS_SOURCE}
const options = process.env.KILL_PG_URL
  ? { kind: 'postgres', url: process.env.KILL_PG_URL, poolSize: 1 }
  : { kind: 'pglite', dataDir: process.env.KILL_DATA_DIR };
const database = await openDatabase(options);
const actor = JSON.parse(process.env.KILL_ACTOR);
const now = new Date(${JSON.stringify(NOW.toISOString())});
await applyMemberImport({ db: actingAs(database.db, actor.id, now), actor, now }, rosterRows(${ROWS}), {
  dryRun: false,
  chunkSize: 500,
  onProgress: async (p) => {
    process.stdout.write(JSON.stringify(p) + '\\n');
    // Members are inserted (inside the transaction): wait here to be killed.
    if (p.phase === 'writing' && p.done > 0) await new Promise(() => {});
  },
});
process.stdout.write('FINISHED\\n');
`;
}

async function runUntilKilled(env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'kumiai-kill-'));
  dirs.push(dir);
  const script = join(dir, 'import-child.mts');
  await writeFile(script, childScript());
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => {
      children.delete(child);
      resolve(signal);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no write started:\n${stdout}\n${stderr}`)), 90_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (/"phase":"writing","done":[1-9]/.test(stdout)) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(() => reject(new Error(`the child exited early:\n${stdout}\n${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(stdout).not.toContain('FINISHED');
  // It did stage and check every row before it was killed.
  expect(stdout).toContain(`"phase":"validating","done":${ROWS},"total":${ROWS}`);
}

async function counts(database: Database) {
  const [r] = rowsOf<{
    members: number;
    distinct_numbers: number;
    history: number;
    tasks: number;
    events: number;
  }>(
    await database.db.execute(sql`
      select (select count(*)::int from members) as members,
             (select count(distinct employee_number)::int from members) as distinct_numbers,
             (select count(*)::int from engagement_history) as history,
             (select count(*)::int from tasks) as tasks,
             (select count(*)::int from audit_log where action = 'import') as events`),
  );
  return r!;
}

/** Re-runs the import in this process: completes it, then a third run changes nothing. */
async function rerun(database: Database, actorRole = 'admin' as const) {
  const { ctx } = await contextAs(database.db, actorRole, NOW);
  const { rosterRows } = (await import(`data:text/javascript,${encodeURIComponent(ROWS_SOURCE)}`)) as {
    rosterRows: (n: number) => MemberImportRow[];
  };
  const first = await applyMemberImport(ctx, rosterRows(ROWS), { dryRun: false });
  expect(first).toMatchObject({ applied: true, created: ROWS, errors: [] });
  const second = await applyMemberImport(ctx, rosterRows(ROWS), { dryRun: false });
  expect(second).toMatchObject({ applied: true, created: 0, unchanged: ROWS });
  expect(await counts(database)).toEqual({
    members: ROWS,
    distinct_numbers: ROWS,
    history: ROWS,
    tasks: Math.ceil(ROWS / 7),
    events: 2,
  });
}

// On a PGlite data directory whatever the engine of the run: the PostgreSQL pass skips it.
const pgliteOnly = it.skipIf(Boolean(process.env.TEST_DATABASE_URL));

describe('an import killed with SIGKILL while writing', { timeout: 180_000 }, () => {
  pgliteOnly(
    'leaves nothing in a PGlite data directory, and a re-run completes it without duplicates',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'kumiai-kill-data-'));
      dirs.push(dataDir);
      let database = await openDatabase({ kind: 'pglite', dataDir });
      await migrate(database);
      const { user } = await contextAs(database.db, 'officer', NOW);
      await database.close();

      await runUntilKilled({
        KILL_DATA_DIR: dataDir,
        KILL_ACTOR: JSON.stringify({ ...user, workplaceIds: [] }),
      });

      // The killed process's lock is stale (its pid is gone) and is taken over.
      database = await openDatabase({ kind: 'pglite', dataDir });
      try {
        expect(await counts(database)).toEqual({
          members: 0,
          distinct_numbers: 0,
          history: 0,
          tasks: 0,
          events: 0,
        });
        await rerun(database);
      } finally {
        await database.close();
      }
    },
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'leaves nothing in PostgreSQL, and a re-run completes it without duplicates',
    async () => {
      const database = await createTestDb();
      try {
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${database.name}`;
        const { user } = await contextAs(database.db, 'officer', NOW);
        await runUntilKilled({
          KILL_PG_URL: url.toString(),
          KILL_ACTOR: JSON.stringify({ ...user, workplaceIds: [] }),
        });
        // The server rolls the dead connection's transaction back (and releases its import lock).
        expect(await counts(database)).toEqual({
          members: 0,
          distinct_numbers: 0,
          history: 0,
          tasks: 0,
          events: 0,
        });
        await rerun(database);
      } finally {
        await database.close();
      }
    },
  );
});
