import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ADMIN, tokyoToday } from './harness';

// Data directories made once per run, which each server of e2e/harness.ts starts from a copy
// of instead of doing the same work again (seconds per server):
// - kumiaiDataTemplate: created and migrated by `kumiai migrate`;
// - kumiaiDemoTemplate: that one after a first `kumiai serve` with KUMIAI_DEMO=1 and ADMIN (the
//   admin, the demo union, the sweep's tasks, the snapshots, the matching index), stopped. A
//   server on a copy is a restart of it; the harness uses it only on the day it was made (the
//   demo's dates are relative to that day), else the demo is loaded at start as before.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');

function kumiai(args: string[], extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(KUMIAI_|DATABASE_|TEST_DATABASE_URL$|PORT$|HOST$|NODE_ENV$)/.test(key)) env[key] = value;
  }
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...env, HOST: '127.0.0.1', PORT: '0', ...extra },
  });
  child.stdin.end();
  let output = '';
  const seen: Array<() => void> = [];
  const collect = (d: string) => {
    output += d;
    for (const check of seen) check();
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const failed = (what: string, code: number | null) =>
    new Error(`e2e global setup: kumiai ${args.join(' ')} ${what} (${code}):\n${output}`);
  return {
    child,
    /** Resolves with the exit code 0, rejects with the output otherwise. */
    done: async () => {
      const code = await exited;
      if (code !== 0) throw failed('failed', code);
    },
    /** Resolves once `text` was printed, rejects if the process exits before. */
    printed: (text: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => output.includes(text) && resolve();
        seen.push(check);
        check();
        void exited.then((code) => reject(failed(`exited before printing "${text}"`, code)));
      }),
  };
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'kumiai-e2e-template-'));
  try {
    const migrated = join(dir, 'migrated');
    await kumiai(['migrate'], { KUMIAI_DATA_DIR: migrated }).done();

    const demo = join(dir, 'demo');
    await cp(migrated, demo, { recursive: true });
    const day = tokyoToday();
    const server = kumiai(['serve'], {
      KUMIAI_DATA_DIR: demo,
      KUMIAI_DEMO: '1',
      KUMIAI_ADMIN_EMAIL: ADMIN.email,
      KUMIAI_ADMIN_PASSWORD: ADMIN.password,
      KUMIAI_ADMIN_NAME: ADMIN.name,
    });
    try {
      await server.printed('Kumiai listening on');
    } finally {
      server.child.kill('SIGTERM');
    }
    await server.done();

    project.provide('kumiaiDataTemplate', migrated);
    project.provide('kumiaiDemoTemplate', { dataDir: demo, day });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    kumiaiDataTemplate: string | undefined;
    kumiaiDemoTemplate: { dataDir: string; day: string } | undefined;
  }
}
