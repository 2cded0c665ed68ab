import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

// One PGlite data directory created and migrated by `kumiai migrate` for the whole run;
// each server of e2e/harness.ts starts on a copy of it instead of creating and migrating
// its own (seconds per server). The server still does everything else at start: the first
// admin, KUMIAI_DEMO, the setup code, the sweep.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'kumiai-e2e-template-'));
  const dataDir = join(dir, 'data');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(KUMIAI_|DATABASE_|TEST_DATABASE_URL$|PORT$|HOST$|NODE_ENV$)/.test(key)) env[key] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'migrate'], {
    cwd: ROOT,
    env: { ...env, KUMIAI_DATA_DIR: dataDir },
  });
  child.stdin.end();
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`kumiai migrate of the e2e template failed (${code}):\n${output}`);
  }
  project.provide('kumiaiDataTemplate', dataDir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    kumiaiDataTemplate: string | undefined;
  }
}
