import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI as users run it: `node --import tsx src/cli/main.ts <args>` in a child process, on a
// PGlite data directory, with none of the parent's Kumiai or database settings.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'src/cli/main.ts');

export type CliResult = { code: number | null; stdout: string; stderr: string };

export function runCli(dataDir: string, args: string[], input = ''): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(KUMIAI_|DATABASE_|TEST_DATABASE_URL$|PORT$|HOST$)/.test(key)) env[key] = value;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { ...env, KUMIAI_DATA_DIR: dataDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  child.stdin.end(input);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
